package dev.threadguard.report.runtime;

import dev.threadguard.report.model.Breach;
import dev.threadguard.report.model.RunReport;

import java.util.ArrayList;
import java.util.List;

/** Checks a report's measurements against its budgets: every measure with its limit, and the breaches. */
public final class BudgetCheck {

    /** One line of "measured against limit"; {@code observed} null when not measurable (virtual threads on 17). */
    public record Measure(String budget, String label, Long observed, Long limit) {
        public boolean breached() {
            return observed != null && limit != null && observed > limit;
        }
    }

    private BudgetCheck() {
    }

    /** The measures of a report against the budgets it carries, worded for its mode. */
    public static List<Measure> measures(RunReport report) {
        return measures(Budgets.of(report.budgets()), report.mode(), report.peakThreads(), report.peakVirtualThreads(),
                report.threadsStarted(), report.leakedThreads().size(), report.jvmLifetimeThreads().size());
    }

    static List<Measure> measures(Budgets budgets, String mode, long peak, Long peakVirtual, long started,
            long leaked, long jvmLifetime) {
        boolean tests = RunReport.MODE_TEST.equals(mode);
        boolean service = RunReport.MODE_SERVICE.equals(mode);
        List<Measure> measures = new ArrayList<>(List.of(
                new Measure(Budgets.MAX_THREADS, tests ? "peak live platform threads in a test JVM"
                        : "peak live platform threads", peak, budgets.maxThreads()),
                new Measure(Budgets.MAX_VIRTUAL_THREADS, tests ? "peak live virtual threads in a test JVM"
                        : "peak live virtual threads", peakVirtual, budgets.maxVirtualThreads()),
                new Measure(Budgets.MAX_THREADS_STARTED, tests ? "platform threads started by test code"
                        : "platform threads started", started, budgets.maxThreadsStarted()),
                new Measure(Budgets.MAX_LEAKED_THREADS, tests ? "threads leaked by tests"
                        : service ? "threads leaked by the load" : "threads leaked after main returned", leaked,
                        budgets.maxLeakedThreads())));
        if (tests || service || budgets.maxJvmLifetimeThreads() != null) {
            measures.add(new Measure(Budgets.MAX_JVM_LIFETIME_THREADS, "threads kept for the JVM's life", jvmLifetime,
                    budgets.maxJvmLifetimeThreads()));
        }
        return measures;
    }

    static List<Breach> breaches(List<Measure> measures) {
        List<Breach> breaches = new ArrayList<>();
        for (Measure measure : measures) {
            if (measure.breached()) {
                breaches.add(new Breach(measure.budget(), measure.limit(), measure.observed()));
            }
        }
        return breaches;
    }
}
