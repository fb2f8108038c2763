package dev.threadguard.rules;

import dev.threadguard.api.Finding;
import dev.threadguard.api.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IgnoredFutureRuleTest {

    private final RuleTester tester = RuleTester.of(new IgnoredFutureRule());

    @Test
    void reportsDiscardedFuturesAtTheCallWarningForScheduledAndInfoForSubmitted() {
        String source = """
                import java.util.List;
                import java.util.concurrent.*;
                class C {
                    void go(ExecutorService pool, ScheduledExecutorService timer, Runnable task, List<Runnable> tasks) {
                        pool.submit(task);
                        timer.scheduleAtFixedRate(task, 1, 1, TimeUnit.SECONDS);
                        timer.schedule(task, 1, TimeUnit.SECONDS);
                        CompletableFuture.runAsync(task);
                        CompletableFuture.supplyAsync(() -> "x");
                        tasks.forEach(t -> pool.submit(t));
                        new Thread(() -> pool.submit(task)).start();
                    }
                }
                """;
        assertThat(tester.positions(source)).containsExactly("ignored-future@5:9", "ignored-future@6:9",
                "ignored-future@7:9", "ignored-future@8:9", "ignored-future@9:9", "ignored-future@10:28",
                "ignored-future@11:26");
        List<Finding> findings = tester.findings(source);
        assertThat(findings).extracting(Finding::severity).containsExactly(Severity.INFO, Severity.WARNING,
                Severity.WARNING, Severity.INFO, Severity.INFO, Severity.INFO, Severity.INFO);
        assertThat(findings.get(0).message()).isEqualTo("The `Future` of `pool.submit(task)` is discarded: the task "
                + "can be neither cancelled nor awaited on its own, and its exception is lost");
        assertThat(findings.get(1).message()).startsWith("The `ScheduledFuture` of `timer.scheduleAtFixedRate(..)`");
    }

    @Test
    void ignoresKeptFuturesExecuteAndLookalikes() {
        assertThat(tester.positions("""
                import java.util.*;
                import java.util.concurrent.*;
                class C {
                    private Future<?> running;
                    Future<?> go(ExecutorService pool, Runnable task, Timer timer, TimerTask timerTask,
                            ExecutorCompletionService<String> completion, Scheduler custom, List<Future<?>> all) {
                        Future<?> kept = pool.submit(task);
                        running = pool.submit(task);
                        all.add(pool.submit(task));
                        pool.execute(task);
                        timer.schedule(timerTask, 100);
                        completion.submit(() -> "x");
                        custom.schedule(task);
                        unknown.submit(task);
                        CompletableFuture.runAsync(task).whenComplete((v, e) -> { });
                        Runnable later = () -> pool.submit(task);
                        Callable<Future<?>> nested = () -> pool.submit(task);
                        return pool.submit(task);
                    }
                }
                """)).isEmpty();
    }

    @Test
    void aConfiguredSeverityOverridesBothDefaults() {
        RuleTester errors = RuleTester.of(new IgnoredFutureRule()).severity("ignored-future", Severity.ERROR);
        assertThat(errors.findings("""
                import java.util.concurrent.*;
                class C {
                    void go(ExecutorService pool, ScheduledExecutorService timer, Runnable task) {
                        pool.submit(task);
                        timer.schedule(task, 1, TimeUnit.SECONDS);
                    }
                }
                """)).extracting(Finding::severity).containsExactly(Severity.ERROR, Severity.ERROR);
    }
}
