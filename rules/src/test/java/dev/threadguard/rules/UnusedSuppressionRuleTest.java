package dev.threadguard.rules;

import dev.threadguard.api.Rule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnusedSuppressionRuleTest {

    private final RuleTester tester = RuleTester.of(new ThreadInLoopRule(), new ExecutorInLoopRule(),
            new UnusedSuppressionRule());
    private final RuleTester everyRule = RuleTester.of(BuiltInRules.all().toArray(Rule[]::new));

    @Test
    void reportsAnnotationValuesThatSilenceNothing() {
        String source = """
                import java.util.List;
                import java.util.concurrent.*;
                class Jobs {
                    @SuppressWarnings("threadguard:thread-in-loop")
                    void used(List<Runnable> jobs) {
                        for (Runnable job : jobs) new Thread(job).start();
                    }
                    @SuppressWarnings({"unchecked", "threadguard:thread-in-loop"})
                    void stale(List<Runnable> jobs) {
                        ExecutorService pool = Executors.newFixedThreadPool(2);
                        jobs.forEach(pool::execute);
                    }
                    @SuppressWarnings({"threadguard:thread-in-loop", "threadguard:executor-in-loop"})
                    void halfUsed(List<Runnable> jobs) {
                        for (Runnable job : jobs) new Thread(job).start();
                    }
                    @SuppressWarnings(value = "threadguard:thread-in-lop")
                    void misspelt(List<Runnable> jobs) {
                        for (Runnable job : jobs) new Thread(job).start();
                    }
                }
                """;
        assertThat(tester.positions(source)).containsExactly("unused-suppression@8:37",
                "unused-suppression@13:54", "unused-suppression@17:31", "thread-in-loop@19:51");
        assertThat(tester.findings(source).get(0).message()).isEqualTo("`\"threadguard:thread-in-loop\"` "
                + "suppresses nothing: `thread-in-loop` reports nothing in the declaration it annotates");
        assertThat(tester.findings(source).get(2).message()).startsWith("`\"threadguard:thread-in-lop\"` "
                + "suppresses nothing: `thread-in-lop` is not a threadguard rule (thread-in-loop, executor-in-loop, ");
    }

    @Test
    void reportsIgnoreCommentsThatSilenceNothingOnTheirLine() {
        String source = """
                import java.util.List;
                class Jobs {
                    void go(List<Runnable> jobs) {
                        for (Runnable job : jobs) new Thread(job).start(); // threadguard:ignore thread-in-loop
                        jobs.forEach(Runnable::run); // threadguard:ignore thread-in-loop
                        jobs.forEach(Runnable::run); // threadguard:ignore
                        for (Runnable job : jobs) new Thread(job).start(); // threadguard:ignore executor-in-loop thread-in-loop
                        for (Runnable job : jobs) new Thread(job).start(); // threadguard:ignore because it is legacy
                        String text = "// threadguard:ignore thread-in-loop";
                    }
                }
                """;
        assertThat(everyRule.positions(source)).containsExactly("unused-suppression@5:38",
                "unused-suppression@6:38", "unused-suppression@7:60", "thread-in-loop@8:51",
                "unused-suppression@8:60");
        assertThat(everyRule.findings(source).get(0).message()).isEqualTo("`// threadguard:ignore thread-in-loop` "
                + "suppresses nothing: `thread-in-loop` reports nothing on this line");
        assertThat(everyRule.findings(source).get(1).message()).isEqualTo("`// threadguard:ignore` suppresses "
                + "nothing: no rule reports anything on this line");
        assertThat(everyRule.findings(source).get(4).message()).startsWith("`// threadguard:ignore because it is "
                + "legacy` suppresses nothing: it names no threadguard rule");
    }

    @Test
    void aSuppressionOfTheWholeToolIsUsedByAnyRule() {
        assertThat(everyRule.positions("""
                import java.util.List;
                @SuppressWarnings("threadguard")
                class Used {
                    void go(List<Runnable> jobs) { for (Runnable job : jobs) new Thread(job).start(); }
                }
                @SuppressWarnings("threadguard")
                class Stale {
                    void go(List<Runnable> jobs) { jobs.forEach(Runnable::run); }
                }
                """)).containsExactly("unused-suppression@6:19");
    }

    @Test
    void suppressionsOfDisabledRulesAreNotJudged() {
        // ignored-future and every other rule but the three of the tester are disabled here
        assertThat(tester.positions("""
                import java.util.List;
                class Jobs {
                    @SuppressWarnings("threadguard:ignored-future")
                    void go(List<Runnable> jobs) {
                        jobs.forEach(Runnable::run); // threadguard:ignore swallowed-interrupt
                    }
                    @SuppressWarnings("threadguard")
                    void all(List<Runnable> jobs) {
                        jobs.forEach(Runnable::run); // threadguard:ignore
                    }
                }
                """)).isEmpty();
    }

    @Test
    void aSuppressionOfUnusedSuppressionKeepsAnotherOneAndIsNeverJudgedItself() {
        assertThat(tester.positions("""
                import java.util.List;
                class Jobs {
                    @SuppressWarnings({"threadguard:thread-in-loop", "threadguard:unused-suppression"})
                    void kept(List<Runnable> jobs) {
                        jobs.forEach(Runnable::run);
                    }
                    @SuppressWarnings("threadguard:unused-suppression")
                    void onlyThat(List<Runnable> jobs) {
                        jobs.forEach(Runnable::run); // threadguard:ignore executor-in-loop
                    }
                }
                """)).isEmpty();
    }

    @Test
    void aStaleSuppressionInsideADeclarationSuppressedForEveryRuleIsSilencedThere() {
        // "threadguard" silences every rule, unused-suppression included: the stale comment is not reported, and
        // the annotation is used by silencing it
        assertThat(everyRule.positions("""
                import java.util.List;
                @SuppressWarnings("threadguard")
                class Legacy {
                    void go(List<Runnable> jobs) {
                        jobs.forEach(Runnable::run); // threadguard:ignore
                    }
                }
                """)).isEmpty();
    }
}
