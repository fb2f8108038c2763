package dev.threadguard.plugin;

import dev.threadguard.agent.Frames;
import dev.threadguard.report.runtime.BudgetCheck;
import dev.threadguard.report.runtime.RunAnalysis;
import dev.threadguard.report.runtime.RunMeasurements;
import dev.threadguard.report.runtime.RunReport;
import org.apache.maven.plugin.logging.Log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code verify-budget} prints: each measure against its limit, and the leaked threads grouped by the test that
 * started them, each with its creation line, like goleak names the goroutine but with the test that leaked it.
 */
final class TestSuiteConsole {

    private static final int TOP_SITES = 5;
    private static final int LEAKS_SHOWN = 30;

    private final Log log;

    TestSuiteConsole(Log log) {
        this.log = log;
    }

    void result(RunReport report, Path reportFile, Path recordings) {
        RunMeasurements run = report.measurements();
        log.info(String.format(Locale.ROOT, "threadguard: %d test JVM recording%s over %.1f s, Java %s",
                report.recordings().size(), report.recordings().size() == 1 ? "" : "s",
                report.durationMillis() / 1000.0, report.javaVersion()));
        for (BudgetCheck.Measure measure : report.measures()) {
            String observed = measure.observed() == null ? "n/a (no virtual threads on this JVM)"
                    : Long.toString(measure.observed());
            String limit = measure.limit() == null ? "not enforced" : "limit " + measure.limit();
            String line = String.format(Locale.ROOT, "threadguard:   %-42s %8s   %s%s", measure.label(), observed,
                    limit, measure.breached() ? "   BREACHED (" + measure.budget() + ")" : "");
            print(measure.breached(), line);
        }
        for (String note : run.notes()) {
            log.info("threadguard:   note: " + note);
        }
        boolean failed = !report.passed();
        if (!run.leakedThreads().isEmpty()) {
            leaks(run.leakedThreads(), failed);
        }
        boolean countBreached = report.breaches().stream()
                .anyMatch(breach -> !breach.budget().equals("maxLeakedThreads"));
        if (countBreached && !run.spawnSites().isEmpty()) {
            print(true, "threadguard: top thread creation sites (grouped by identical stack, most started first):");
            for (RunMeasurements.SpawnSite site : run.spawnSites().subList(0, Math.min(TOP_SITES,
                    run.spawnSites().size()))) {
                print(true, String.format(Locale.ROOT, "  %8d started %6d peak alive  %s threads at %s",
                        site.started(), site.peakAlive(), site.kind(), site.frame()));
            }
        }
        for (String failure : report.failures()) {
            if (failure.startsWith("the agent halted")) {
                print(true, "threadguard: " + failure);
            }
        }
        log.info("threadguard: results " + reportFile + ", recordings in " + recordings
                + " (open them in JDK Mission Control)");
    }

    /** Grouped by test, most leaks first in the order of the report. */
    private void leaks(List<RunMeasurements.ThreadEntry> leaked, boolean asError) {
        print(asError, "threadguard: threads leaked by tests" + (asError ? ":" : " (within maxLeakedThreads):"));
        Map<String, List<RunMeasurements.ThreadEntry>> byTest = new LinkedHashMap<>();
        for (RunMeasurements.ThreadEntry thread : leaked) {
            byTest.computeIfAbsent(thread.test(), test -> new ArrayList<>()).add(thread);
        }
        int shown = 0;
        for (Map.Entry<String, List<RunMeasurements.ThreadEntry>> test : byTest.entrySet()) {
            print(asError, "  " + test.getKey() + " (" + test.getValue().size() + " thread"
                    + (test.getValue().size() == 1 ? "" : "s") + ", found by " + test.getValue().get(0).attribution()
                    + "):");
            for (RunMeasurements.ThreadEntry thread : test.getValue()) {
                if (shown++ == LEAKS_SHOWN) {
                    print(asError, "    ... " + (leaked.size() - LEAKS_SHOWN) + " more in the report");
                    return;
                }
                print(asError, String.format(Locale.ROOT, "    \"%s\" (%s%s) created at %s", thread.name(),
                        thread.state(), thread.daemon() ? ", daemon" : "", thread.createdAt()));
                String now = applicationFrame(thread.stack());
                if (now != null) {
                    print(asError, "        now at " + now);
                }
            }
        }
    }

    /** Where the thread's own code is, if its stack has a frame outside the JDK. */
    private static String applicationFrame(List<String> stack) {
        String frame = RunAnalysis.firstApplicationFrame(stack);
        return stack.isEmpty() || frame.equals(stack.get(0)) && isJdkFrame(frame) ? null : frame;
    }

    private static boolean isJdkFrame(String frame) {
        String method = Frames.methodOf(frame);
        int dot = method.lastIndexOf('.');
        return Frames.isJdk(dot < 0 ? method : method.substring(0, dot));
    }

    private void print(boolean asError, String line) {
        if (asError) {
            log.error(line);
        } else {
            log.info(line);
        }
    }

    /** The build failure: each reason, the first leak with its test, and what to do. */
    static String failureMessage(RunReport report) {
        RunMeasurements run = report.measurements();
        StringBuilder message = new StringBuilder("threadguard: the test suite broke its thread budgets: ")
                .append(String.join("; ", report.failures())).append('.');
        if (!run.leakedThreads().isEmpty()) {
            RunMeasurements.ThreadEntry leaked = run.leakedThreads().get(0);
            message.append("\nLeaked by ").append(leaked.test()).append(": \"").append(leaked.name())
                    .append("\" created at ").append(leaked.createdAt())
                    .append(" - shut the pool down or stop and join the thread in the test (or in @AfterEach / "
                            + "@AfterAll), or raise threadguard.maxLeakedThreads, or ignore it "
                            + "(threadguard.ignoreThreadNames, threadguard.ignoreCreationFrames).");
        }
        boolean budgetBreach = report.breaches().stream()
                .anyMatch(breach -> !breach.budget().equals("maxLeakedThreads"));
        if (budgetBreach && !run.spawnSites().isEmpty()) {
            RunMeasurements.SpawnSite top = run.spawnSites().get(0);
            message.append("\nTop creation site: ").append(top.frame()).append(" (").append(top.started())
                    .append(" started, ").append(top.peakAlive()).append(" peak alive). Fix it or raise the budget.");
        }
        message.append("\nDetails: target/threadguard/test-report.json and report.html.");
        return message.toString();
    }
}
