package dev.threadguard.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutorNotShutdownRuleTest {

    private final RuleTester tester = RuleTester.of(new ExecutorNotShutdownRule());

    @Test
    void reportsLocalExecutorsThatAreNeverShutDownAtTheirCreation() {
        String source = """
                import java.util.concurrent.*;
                class C {
                    void a(Runnable task) {
                        ExecutorService pool = Executors.newFixedThreadPool(4);
                        pool.submit(task);
                    }
                    void b(Runnable task) throws InterruptedException {
                        var pool = new ThreadPoolExecutor(1, 2, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(8));
                        pool.execute(task);
                        pool.awaitTermination(1, TimeUnit.SECONDS);
                    }
                    void c(Runnable task) {
                        ScheduledExecutorService timer;
                        timer = Executors.newSingleThreadScheduledExecutor();
                        timer.schedule(task, 1, TimeUnit.SECONDS);
                    }
                }
                """;
        assertThat(tester.positions(source)).containsExactly("executor-not-shutdown@4:32",
                "executor-not-shutdown@8:20", "executor-not-shutdown@14:17");
        assertThat(tester.findings(source).get(0).message()).isEqualTo("`Executors.newFixedThreadPool(..)` in local "
                + "`pool` is never shut down: its threads outlive the method");
    }

    @Test
    void ignoresExecutorsThatAreShutDownClosedOrHandedOn() {
        assertThat(tester.positions("""
                import java.util.*;
                import java.util.concurrent.*;
                class C {
                    private ExecutorService field;
                    private final List<ExecutorService> pools = new ArrayList<>();
                    void a(Runnable r) {
                        ExecutorService pool = Executors.newFixedThreadPool(2);
                        try { pool.execute(r); } finally { pool.shutdown(); }
                    }
                    void b(Runnable r) {
                        ExecutorService pool = Executors.newCachedThreadPool();
                        pool.execute(r);
                        pool.shutdownNow();
                    }
                    void c(Runnable r) {
                        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) { pool.execute(r); }
                        ExecutorService other = Executors.newSingleThreadExecutor();
                        try (other) { other.execute(r); }
                        ExecutorService closed = Executors.newSingleThreadExecutor();
                        closed.execute(r);
                        closed.close();
                    }
                    ExecutorService d() {
                        ExecutorService pool = Executors.newFixedThreadPool(2);
                        return pool;
                    }
                    void e() {
                        ExecutorService pool = Executors.newFixedThreadPool(2);
                        this.field = pool;
                        ExecutorService listed = Executors.newFixedThreadPool(2);
                        pools.add(listed);
                        ExecutorService wrapped = Executors.newFixedThreadPool(2);
                        new Holder(wrapped);
                        ExecutorService alias = Executors.newFixedThreadPool(2);
                        ExecutorService same = alias;
                        ExecutorService hooked = Executors.newFixedThreadPool(2);
                        Runtime.getRuntime().addShutdownHook(new Thread(hooked::shutdown));
                        ExecutorService lambda = Executors.newFixedThreadPool(2);
                        Runtime.getRuntime().addShutdownHook(new Thread(() -> lambda.shutdown()));
                    }
                    record Holder(ExecutorService pool) { }
                }
                """)).isEmpty();
    }

    @Test
    void ignoresFieldsTimersUnknownFactoriesAndExecutorsNotStoredInALocal() {
        assertThat(tester.positions("""
                import java.util.Timer;
                import java.util.concurrent.*;
                class C {
                    private final ExecutorService pool = Executors.newFixedThreadPool(2);
                    void go(Runnable r) {
                        Timer timer = new Timer();
                        Object other = com.acme.Executors.newFixedThreadPool(2);
                        ExecutorService decorated = Decorators.listening(Executors.newFixedThreadPool(2));
                        decorated.execute(r);
                        ExecutorService fromElsewhere = Pools.shared();
                        fromElsewhere.execute(r);
                    }
                }
                """)).isEmpty();
    }
}
