package dev.threadguard.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnboundedExecutorRuleTest {

    private final RuleTester tester = RuleTester.of(new UnboundedExecutorRule());

    @Test
    void aPoolGivenExactlyOneTaskOnceAndHandedToNobodyNeverRunsMoreThanOneThread() {
        assertThat(tester.positions("""
                import java.util.List;
                import java.util.concurrent.*;
                class Probe {
                    private ExecutorService kept;
                    CompletableFuture<String> lookUp() {
                        CompletableFuture<String> result = new CompletableFuture<>();
                        Executors.newCachedThreadPool().submit(() -> result.complete("host"));
                        return result;
                    }
                    void once(Runnable task) {
                        ExecutorService pool = Executors.newCachedThreadPool();
                        pool.execute(task);
                        pool.shutdown();
                    }
                    void onceOnAThreadPool(Runnable task) {
                        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60L, TimeUnit.SECONDS,
                                new SynchronousQueue<>());
                        pool.submit(task);
                    }
                    void twice(Runnable task) {
                        ExecutorService pool = Executors.newCachedThreadPool();
                        pool.submit(task);
                        pool.submit(task);
                    }
                    void inALoop(List<Runnable> tasks) {
                        ExecutorService pool = Executors.newCachedThreadPool();
                        for (Runnable task : tasks) {
                            pool.submit(task);
                        }
                    }
                    void inALambda(Runnable task) {
                        ExecutorService pool = Executors.newCachedThreadPool();
                        Runnable again = () -> pool.submit(task);
                        again.run();
                    }
                    void byReference(List<Runnable> tasks) {
                        ExecutorService pool = Executors.newCachedThreadPool();
                        tasks.forEach(pool::execute);
                    }
                    void allAtOnce(List<Callable<String>> tasks) throws InterruptedException {
                        ExecutorService pool = Executors.newCachedThreadPool();
                        pool.invokeAll(tasks);
                    }
                    ExecutorService returned(Runnable task) {
                        ExecutorService pool = Executors.newCachedThreadPool();
                        pool.submit(task);
                        return pool;
                    }
                    void stored(Runnable task) {
                        ExecutorService pool = Executors.newCachedThreadPool();
                        pool.submit(task);
                        kept = pool;
                    }
                    void passed(Runnable task) {
                        ExecutorService pool = Executors.newCachedThreadPool();
                        pool.submit(task);
                        CompletableFuture.runAsync(task, pool);
                    }
                    void kept(Runnable task) {
                        kept = Executors.newCachedThreadPool();
                        kept.submit(task);
                    }
                }
                """)).containsExactly("unbounded-executor@21:32", "unbounded-executor@26:32",
                "unbounded-executor@32:32", "unbounded-executor@37:32", "unbounded-executor@41:32",
                "unbounded-executor@45:32", "unbounded-executor@50:32", "unbounded-executor@55:32",
                "unbounded-executor@60:16");
    }

    @Test
    void reportsCachedPoolsAndPoolsWithAnUnlimitedMaximum() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                import static java.lang.Integer.MAX_VALUE;
                class C {
                    ExecutorService a = Executors.newCachedThreadPool();
                    ExecutorService b = Executors.newCachedThreadPool(Executors.defaultThreadFactory());
                    ExecutorService c = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60L, TimeUnit.SECONDS,
                            new SynchronousQueue<>());
                    ExecutorService d = new ThreadPoolExecutor(2, MAX_VALUE, 60L, TimeUnit.SECONDS,
                            new ArrayBlockingQueue<>(10));
                    void grow(ThreadPoolExecutor pool) {
                        pool.setMaximumPoolSize(Integer.MAX_VALUE);
                    }
                }
                """)).containsExactly("unbounded-executor@4:25", "unbounded-executor@5:25",
                "unbounded-executor@6:25", "unbounded-executor@8:25", "unbounded-executor@11:9");
    }

    @Test
    void ignoresBoundedPoolsPoolsThatNeverGrowPastCoreAndLookalikes() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class C {
                    ExecutorService a = Executors.newFixedThreadPool(4);
                    ExecutorService b = Executors.newScheduledThreadPool(2);
                    ExecutorService c = new ThreadPoolExecutor(8, Integer.MAX_VALUE, 60L, TimeUnit.SECONDS,
                            new LinkedBlockingQueue<>());
                    ExecutorService d = new ThreadPoolExecutor(4, 16, 60L, TimeUnit.SECONDS, new SynchronousQueue<>());
                    ExecutorService e = Executors.newVirtualThreadPerTaskExecutor();
                    Object f = com.acme.Executors.newCachedThreadPool();
                    void resize(com.acme.Pool pool) { pool.setMaximumPoolSize(Integer.MAX_VALUE); }
                }
                """)).isEmpty();
    }

    @Test
    void ignoresCachedPoolsHandedToANetty3ChannelFactoryButNotOnesUsedAlsoElsewhere() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                import org.jboss.netty.channel.socket.nio.NioServerSocketChannelFactory;
                import org.jboss.netty.channel.socket.nio.NioClientSocketChannelFactory;
                class Transport {
                    static final Object CLIENTS = new NioClientSocketChannelFactory(
                            Executors.newCachedThreadPool(), Executors.newCachedThreadPool(), 4);
                    ExecutorService leaked;
                    Object open(int ioThreads) {
                        ExecutorService boss = Executors.newCachedThreadPool();
                        ExecutorService workers = Executors.newCachedThreadPool();
                        leaked = workers;
                        return new NioServerSocketChannelFactory(boss, workers, ioThreads);
                    }
                    Object other() {
                        return new com.acme.ChannelFactory(Executors.newCachedThreadPool());
                    }
                }
                """)).containsExactly("unbounded-executor@10:35", "unbounded-executor@15:44");
    }

    @Test
    void ignoresCachedPoolsThatOnlyRunANetty4EventLoopGroupsFixedLoops() {
        // kudu AsyncKuduClient: new NioEventLoopGroup(workerCount, worker) starts workerCount loops on the pool
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                import io.netty.channel.EventLoopGroup;
                import io.netty.channel.nio.NioEventLoopGroup;
                import io.netty.util.concurrent.DefaultEventExecutorGroup;
                class Client {
                    private Executor workerExecutor;
                    EventLoopGroup group(int workerCount) {
                        Executor worker = workerExecutor;
                        if (worker == null) {
                            worker = Executors.newCachedThreadPool();
                        }
                        return new NioEventLoopGroup(workerCount, worker);
                    }
                    Object handlers() {
                        return new DefaultEventExecutorGroup(4, Executors.newCachedThreadPool());
                    }
                    Object alsoGivenTasks(int n) {
                        ExecutorService pool = Executors.newCachedThreadPool();
                        pool.submit(() -> { });
                        return new NioEventLoopGroup(n, pool);
                    }
                    Object notNetty() {
                        return new com.acme.EventLoopGroup(Executors.newCachedThreadPool());
                    }
                }
                """)).containsExactly("unbounded-executor@18:32", "unbounded-executor@23:44");
    }

    @Test
    void ignoresAPoolThatIsNeverGivenATaskButNotOneThatIsOrMayBe() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                import io.airlift.concurrent.ThreadPoolExecutorMBean;
                class QueryService {
                    private final ExecutorService scheduler = Executors.newCachedThreadPool();
                    private final ThreadPoolExecutorMBean mbean = new ThreadPoolExecutorMBean((ThreadPoolExecutor) scheduler);
                    private final ExecutorService callbacks = Executors.newCachedThreadPool();
                    private final ExecutorService watched = Executors.newCachedThreadPool();
                    ExecutorService shared = Executors.newCachedThreadPool();
                    QueryService() {
                        new com.acme.Monitor(watched);
                    }
                    void notify(Runnable listener) {
                        callbacks.execute(listener);
                    }
                    void stop() {
                        scheduler.shutdownNow();
                        callbacks.shutdownNow();
                    }
                    int probe() {
                        ExecutorService idle = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60L, TimeUnit.SECONDS,
                                new SynchronousQueue<>());
                        try {
                            return ((ThreadPoolExecutor) idle).getPoolSize();
                        } finally {
                            idle.shutdown();
                        }
                    }
                    void warm() {
                        ThreadPoolExecutor warm = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60L, TimeUnit.SECONDS,
                                new SynchronousQueue<>());
                        warm.prestartAllCoreThreads();
                    }
                }
                """)).containsExactly("unbounded-executor@6:47", "unbounded-executor@7:45", "unbounded-executor@8:30",
                "unbounded-executor@29:35");
    }

    @Test
    void ignoresACachedPoolUsedOnlyThroughBoundingWrappersMadeOnceForIt() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                import io.airlift.concurrent.BoundedExecutor;
                import com.google.common.util.concurrent.MoreExecutors;
                class SplitService {
                    private final ExecutorService core;
                    private final ExecutorService serial = Executors.newCachedThreadPool();
                    private final ExecutorService direct = Executors.newCachedThreadPool();
                    private final ExecutorService perCall = Executors.newCachedThreadPool();
                    private final Executor callbacks;
                    private final Executor ordered = MoreExecutors.newSequentialExecutor(serial);
                    private final Executor limited;
                    SplitService(int callbackThreads) {
                        this.core = Executors.newCachedThreadPool();
                        this.callbacks = new BoundedExecutor(core, callbackThreads);
                        this.limited = new BoundedExecutor(direct, callbackThreads);
                    }
                    static Executor glue(int threads) {
                        return new BoundedExecutor(Executors.newCachedThreadPool(), threads);
                    }
                    void run(Runnable task, int threads) {
                        direct.execute(task);
                        new BoundedExecutor(perCall, threads).execute(task);
                    }
                    void fanOut(java.util.List<Runnable> tasks, int threads) {
                        ExecutorService pool = Executors.newCachedThreadPool();
                        for (Runnable task : tasks) {
                            new BoundedExecutor(pool, threads).execute(task);
                        }
                        pool.shutdown();
                    }
                    void stop() {
                        core.shutdownNow();
                        serial.shutdownNow();
                    }
                }
                """)).containsExactly("unbounded-executor@7:44", "unbounded-executor@8:45",
                "unbounded-executor@25:32");
    }
}
