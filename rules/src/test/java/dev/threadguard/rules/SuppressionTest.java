package dev.threadguard.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SuppressionTest {

    private final RuleTester tester = RuleTester.of(new ThreadInLoopRule());

    @Test
    void suppressWarningsWithTheRuleIdOrTheToolNameSilencesDeclarationsBelowIt() {
        assertThat(tester.positions("""
                import java.util.List;
                @SuppressWarnings("threadguard")
                class A {
                    void go(List<Runnable> rs) { for (Runnable r : rs) new Thread(r).start(); }
                }
                class B {
                    @SuppressWarnings({"unchecked", "threadguard:thread-in-loop"})
                    void go(List<Runnable> rs) { for (Runnable r : rs) new Thread(r).start(); }
                    @SuppressWarnings(value = "threadguard:executor-in-loop")
                    void other(List<Runnable> rs) { for (Runnable r : rs) new Thread(r).start(); }
                }
                """)).containsExactly("thread-in-loop@10:73");
    }

    @Test
    void ignoreCommentOnTheReportedLineSilencesTheNamedRulesOrAll() {
        assertThat(tester.positions("""
                import java.util.List;
                class A {
                    void go(List<Runnable> rs) {
                        for (Runnable r : rs) new Thread(r).start(); // threadguard:ignore thread-in-loop
                        for (Runnable r : rs) new Thread(r).start(); // threadguard:ignore
                        for (Runnable r : rs) new Thread(r).start(); // threadguard:ignore executor-in-loop, other
                        for (Runnable r : rs) new Thread(r).start(); // threadguard:ignore unbounded-executor thread-in-loop
                        // threadguard:ignore thread-in-loop (on the line above: does not count)
                        for (Runnable r : rs) new Thread(r).start();
                    }
                }
                """)).containsExactly("thread-in-loop@6:45", "thread-in-loop@9:45");
    }

    @Test
    void anIgnoreCommentInsideAStringIsNoSuppression() {
        assertThat(tester.positions("""
                import java.util.List;
                class A {
                    void go(List<Runnable> rs) {
                        for (Runnable r : rs) new Thread(r).start(); String s = "// threadguard:ignore thread-in-loop";
                        /* threadguard:ignore thread-in-loop */ for (Runnable r : rs) new Thread(r).start();
                    }
                }
                """)).containsExactly("thread-in-loop@4:45", "thread-in-loop@5:85");
    }
    @Test
    void errorPronesNameForADiscardedFutureSilencesIgnoredFutureOnlyAndIsNeverReportedUnused() {
        RuleTester rules = RuleTester.of(new IgnoredFutureRule(), new ThreadInLoopRule(), new UnusedSuppressionRule());
        assertThat(rules.positions("""
                import java.util.List;
                import java.util.concurrent.*;
                class Jobs {
                    private final ExecutorService pool = Executors.newFixedThreadPool(2);
                    @SuppressWarnings("FutureReturnValueIgnored")
                    void quiet(Runnable job) { pool.submit(job); }
                    @SuppressWarnings({"unchecked", "FutureReturnValueIgnored"})
                    void notAFuture(List<Runnable> jobs) { for (Runnable job : jobs) new Thread(job).start(); }
                    @SuppressWarnings("FutureReturnValueIgnored")
                    void nothingToSilence(Runnable job) { pool.execute(job); }
                    @SuppressWarnings("ReturnValueIgnored")
                    void anotherCheck(Runnable job) { pool.submit(job); }
                    void reported(Runnable job) { pool.submit(job); }
                }
                """)).containsExactly("thread-in-loop@8:86", "ignored-future@12:39", "ignored-future@13:35");
    }
}
