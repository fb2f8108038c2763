package dev.threadguard.plugin.runtime;

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

    public BudgetCheck(Budgets budgets) {
        this.budgets = budgets;
    }

    public List<Measure> measures(RunMeasurements run) {
        return List.of(
                new Measure(Budgets.MAX_THREADS, "peak live platform threads", (long) run.peakThreads(),
                        budgets.maxThreads()),
                new Measure(Budgets.MAX_VIRTUAL_THREADS, "peak live virtual threads", run.peakVirtualThreads(),
                        budgets.maxVirtualThreads()),
                new Measure(Budgets.MAX_THREADS_STARTED, "platform threads started", run.threadsStarted(),
                        budgets.maxThreadsStarted()),
                new Measure(Budgets.MAX_LEAKED_THREADS, "threads leaked after main returned",
                        (long) run.leakedThreads().size(), budgets.maxLeakedThreads()));
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
