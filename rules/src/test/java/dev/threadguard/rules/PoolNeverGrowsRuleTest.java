package dev.threadguard.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PoolNeverGrowsRuleTest {

    private final RuleTester tester = RuleTester.of(new PoolNeverGrowsRule());

    @Test
    void reportsAPoolWhoseMaximumAnUnboundedQueueNeverLetsItReach() {
        String source = """
                import java.util.concurrent.*;
                class Pools {
                    ExecutorService a() {
                        return new ThreadPoolExecutor(2, 50, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                    }
                    ExecutorService b(ThreadFactory factory) {
                        return new ThreadPoolExecutor(0, 8, 60, TimeUnit.SECONDS, new LinkedBlockingDeque<Runnable>(),
                                factory);
                    }
                    ExecutorService c() {
                        return new ThreadPoolExecutor(1, 4, 1, TimeUnit.MINUTES, new PriorityBlockingQueue<>(11));
                    }
                    ExecutorService d() {
                        return new ThreadPoolExecutor(1, 4, 1, TimeUnit.MINUTES, new LinkedTransferQueue<>());
                    }
                    ExecutorService e() {
                        return new ThreadPoolExecutor(1, 4, 1, TimeUnit.MINUTES,
                                new LinkedBlockingQueue<>(Integer.MAX_VALUE));
                    }
                }
                """;
        assertThat(tester.positions(source)).containsExactly("pool-never-grows@4:16", "pool-never-grows@7:16",
                "pool-never-grows@11:16", "pool-never-grows@14:16", "pool-never-grows@17:16");
        assertThat(tester.findings(source).get(0).message()).isEqualTo("`new ThreadPoolExecutor(2, 50, ..)` never "
                + "grows past its core size (2): a pool starts threads beyond its core size only when its queue is "
                + "full, and this unbounded `LinkedBlockingQueue` never fills, so its maximum (50) is never reached");
        assertThat(tester.findings(source).get(1).message()).startsWith("`new ThreadPoolExecutor(0, 8, ..)` never "
                + "runs more than one thread: with core size 0");
    }

    @Test
    void readsSizesFromConstantsLocalsAndSimpleArithmetic() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                import static java.util.concurrent.TimeUnit.SECONDS;
                class Pools {
                    private static final int CORE = 4;
                    private static final int MAX = CORE * 2;
                    static final class Limits { static final int THREADS = 16; }
                    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
                    ExecutorService constants() {
                        return new ThreadPoolExecutor(CORE, MAX, 60, SECONDS, new LinkedBlockingQueue<>());
                    }
                    ExecutorService qualified() {
                        return new ThreadPoolExecutor(Pools.CORE, Limits.THREADS, 60, SECONDS, queue);
                    }
                    ExecutorService local() {
                        int core = 2;
                        final int max = core + 3;
                        BlockingQueue<Runnable> work = new LinkedBlockingQueue<>();
                        return new ThreadPoolExecutor(core, max, 60, SECONDS, work);
                    }
                    ExecutorService twice(int threads) {
                        return new ThreadPoolExecutor(threads, threads * 2, 60, SECONDS, new LinkedBlockingQueue<>());
                    }
                    ExecutorService cores() {
                        int n = Runtime.getRuntime().availableProcessors();
                        return new ThreadPoolExecutor(n, 2 * n + 1, 60, SECONDS, new LinkedBlockingQueue<>());
                    }
                }
                """)).containsExactly("pool-never-grows@9:16", "pool-never-grows@12:16", "pool-never-grows@18:16",
                "pool-never-grows@21:16", "pool-never-grows@25:16");
    }

    @Test
    void reportsTheSuperCallOfAThreadPoolSubclass() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class TracingPool extends ThreadPoolExecutor {
                    TracingPool() {
                        super(1, 10, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                    }
                    TracingPool(int core, int max) {
                        super(core, max, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                    }
                }
                """)).containsExactly("pool-never-grows@4:9");
    }

    @Test
    void ignoresPoolsThatCanGrowOrDoNotPretendTo() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Pools {
                    private static int configured = 8;
                    ExecutorService bounded() {
                        return new ThreadPoolExecutor(2, 50, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(100));
                    }
                    ExecutorService linkedWithCapacity() {
                        return new ThreadPoolExecutor(2, 50, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(100));
                    }
                    ExecutorService handOff() {
                        return new ThreadPoolExecutor(2, 50, 60, TimeUnit.SECONDS, new SynchronousQueue<>());
                    }
                    ExecutorService fixed() {
                        return new ThreadPoolExecutor(4, 4, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                    }
                    ExecutorService singleThreadOfCoreZero() {
                        return new ThreadPoolExecutor(0, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                    }
                    ExecutorService unknownSizes(int core, int max) {
                        return new ThreadPoolExecutor(core, max, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                    }
                    ExecutorService plusOneMayBeOne(int n) {
                        // n may be 0: a pool of core size 0 and maximum 1 runs its one thread
                        return new ThreadPoolExecutor(n, n + 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                    }
                    ExecutorService mutable() {
                        return new ThreadPoolExecutor(configured, configured, 60, TimeUnit.SECONDS,
                                new LinkedBlockingQueue<>());
                    }
                    ExecutorService unknownQueue(BlockingQueue<Runnable> queue) {
                        return new ThreadPoolExecutor(2, 50, 60, TimeUnit.SECONDS, queue);
                    }
                    ExecutorService changedLater() {
                        int core = 2;
                        core++;
                        return new ThreadPoolExecutor(core, 3, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                    }
                    ExecutorService scheduled() {
                        return new ScheduledThreadPoolExecutor(2);
                    }
                }
                """)).isEmpty();
    }

    @Test
    void aFileThatResizesAPoolIsLeftAlone() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Elastic {
                    private final ThreadPoolExecutor pool =
                            new ThreadPoolExecutor(2, 50, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                    void grow(int threads) {
                        pool.setCorePoolSize(threads);
                    }
                }
                """)).isEmpty();
    }

    @Test
    void allowCoreThreadTimeOutDoesNotChangeTheVerdict() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Pools {
                    ExecutorService pool() {
                        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 4, 60, TimeUnit.SECONDS,
                                new LinkedBlockingQueue<>());
                        pool.allowCoreThreadTimeOut(true);
                        return pool;
                    }
                }
                """)).containsExactly("pool-never-grows@4:35");
    }

    @Test
    void ignoresOtherThreadPoolExecutorsAndSubclassesWithTheirOwnConstructors() {
        assertThat(tester.positions("""
                import java.util.concurrent.LinkedBlockingQueue;
                import java.util.concurrent.TimeUnit;
                import org.apache.tomcat.util.threads.ThreadPoolExecutor;
                class Pools {
                    Object tomcat() {
                        return new ThreadPoolExecutor(2, 50, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                    }
                }
                """, """
                import java.util.concurrent.*;
                class Custom extends java.util.concurrent.ThreadPoolExecutor {
                    Custom(int max, int core, BlockingQueue<Runnable> queue) {
                        super(core, max, 1, TimeUnit.SECONDS, queue);
                    }
                    static Custom make() {
                        return new Custom(1, 10, new LinkedBlockingQueue<>());
                    }
                }
                """)).isEmpty();
    }
}
