package dev.threadguard.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UncancellableLoopRuleTest {

    private final RuleTester tester = RuleTester.of(new UncancellableLoopRule());

    @Test
    void reportsEndlessLoopsInRunAndCallBodiesAtTheLoopKeyword() {
        String source = """
                import java.util.concurrent.*;
                class Poller implements Runnable {
                    public void run() {
                        while (true) {
                            poll();
                        }
                    }
                    void poll() { }
                }
                class Ticker extends Thread {
                    @Override public void run() {
                        for (;;) {
                            try { Thread.sleep(1000); } catch (InterruptedException e) { }
                            System.out.println("tick");
                        }
                    }
                }
                class Job implements Callable<Void> {
                    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
                    public Void call() {
                        do {
                            try { queue.take().run(); } catch (Exception e) { e.printStackTrace(); }
                        } while (true);
                    }
                }
                """;
        assertThat(tester.positions(source)).containsExactly("uncancellable-loop@4:9", "uncancellable-loop@12:9",
                "uncancellable-loop@21:9");
        assertThat(tester.findings(source).get(0).message()).isEqualTo("`while (true)` in Runnable.run() has no way "
                + "out: no break, return or throw leaves it, it never checks the interrupt status and nothing in it "
                + "lets InterruptedException out, so the task cannot be cancelled");
    }

    @Test
    void reportsLambdasAndMethodReferencesHandedToThreadsExecutorsAndCompletableFuture() {
        String source = """
                import java.util.concurrent.*;
                class C {
                    void start(ExecutorService pool, ScheduledExecutorService timer) {
                        pool.execute(() -> { while (true) { work(); } });
                        new Thread(() -> { for (;;) { work(); } }).start();
                        CompletableFuture.runAsync(() -> { while (true) { work(); } });
                        new Thread(this::loop).start();
                        pool.execute(new Runnable() { public void run() { while (true) { work(); } } });
                    }
                    void loop() {
                        while (true) { work(); }
                    }
                    void work() { }
                }
                """;
        assertThat(tester.positions(source)).containsExactly("uncancellable-loop@4:30", "uncancellable-loop@5:28",
                "uncancellable-loop@6:44", "uncancellable-loop@8:59", "uncancellable-loop@11:9");
        assertThat(tester.findings(source).get(4).message()).contains("in loop() passed to new Thread(..)");
    }

    @Test
    void reportsAForLoopWhoseConditionIsTrue() {
        // the prefilter once looked only for 'for (;;)' and skipped such a file: RuleTester now fails on that
        assertThat(tester.positions("""
                class Poller implements Runnable {
                    public void run() {
                        for (int polls = 0; true; polls++) {
                            poll();
                        }
                    }
                    void poll() { }
                }
                """)).containsExactly("uncancellable-loop@3:9");
    }

    @Test
    void ignoresLoopsWithAWayOut() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class C implements Runnable {
                    private volatile boolean stopped;
                    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
                    public void run() {
                        while (true) { if (stopped) break; work(); }
                        while (true) { if (stopped) return; work(); }
                        while (true) { if (stopped) throw new IllegalStateException(); work(); }
                        outer:
                        for (;;) { for (int i = 0; i < 3; i++) { if (stopped) break outer; } }
                        while (true) { if (Thread.currentThread().isInterrupted()) { cleanup(); } work(); }
                        while (true) { checkCancelled(); work(); }
                        try {
                            while (true) { queue.take().run(); }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    private void checkCancelled() { if (Thread.interrupted()) stopped = true; }
                    void work() { }
                    void cleanup() { }
                }
                """)).isEmpty();
    }

    @Test
    void ignoresLoopsThatAreNotTaskBodiesOrEndOrWhereUnknownCodeMayThrow() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class C {
                    private volatile boolean running = true;
                    void serve() {
                        while (true) { work(); }
                    }
                    void start(ExecutorService pool, Service service) {
                        pool.submit(() -> { while (true) { service.step(); } });
                        pool.execute(() -> { while (running) { work(); } });
                        pool.execute(() -> { while (true) { work(); break; } });
                        pool.execute(() -> {
                            Runnable later = () -> { while (true) { work(); } };
                            later.run();
                        });
                    }
                    void work() { }
                }
                class Worker extends Thread {
                    public void run() {
                        try {
                            while (true) { step(); }
                        } catch (Exception e) {
                            return;
                        }
                    }
                    void step() throws Exception { Thread.sleep(10); }
                }
                """)).isEmpty();
    }
}
