package dev.threadguard.report.runtime;

import java.util.ArrayList;
import java.util.List;

/** Checks measurements against budgets: every measure with its limit, and the breaches. */
public final class BudgetCheck {

    /** One line of "measured against limit"; {@code observed} null when not measurable (virtual threads on 17). */
    public record Measure(String budget, String label, Long observed, Long limit) {
        public boolean breached() {
            return observed != null && limit != null && observed > limit;
        }
    }

    public record Breach(String budget, long limit, long observed) {
    }

    private final Budgets budgets;
    private final boolean tests;

    public BudgetCheck(Budgets budgets) {
        this(budgets, false);
    }

    private BudgetCheck(Budgets budgets, boolean tests) {
        this.budgets = budgets;
        this.tests = tests;
    }

    /** The same budgets, worded for a test suite: peaks per test JVM, starts and leaks over all of them. */
    public static BudgetCheck forTests(Budgets budgets) {
        return new BudgetCheck(budgets, true);
    }

    public List<Measure> measures(RunMeasurements run) {
        return List.of(
                new Measure(Budgets.MAX_THREADS, tests ? "peak live platform threads in a test JVM"
                        : "peak live platform threads", (long) run.peakThreads(), budgets.maxThreads()),
                new Measure(Budgets.MAX_VIRTUAL_THREADS, tests ? "peak live virtual threads in a test JVM"
                        : "peak live virtual threads", run.peakVirtualThreads(), budgets.maxVirtualThreads()),
                new Measure(Budgets.MAX_THREADS_STARTED, tests ? "platform threads started by test code"
                        : "platform threads started", run.threadsStarted(), budgets.maxThreadsStarted()),
                new Measure(Budgets.MAX_LEAKED_THREADS, tests ? "threads leaked by tests"
                        : "threads leaked after main returned", (long) run.leakedThreads().size(),
                        budgets.maxLeakedThreads()));
    }

    public List<Breach> breaches(RunMeasurements run) {
        List<Breach> breaches = new ArrayList<>();
        for (Measure measure : measures(run)) {
            if (measure.breached()) {
                breaches.add(new Breach(measure.budget(), measure.limit(), measure.observed()));
            }
        }
        return breaches;
    }
}
