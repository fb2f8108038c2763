package dev.threadguard.report.runtime;

import java.util.List;

/**
 * What one run measured, ignores applied: the numbers budgets are checked against, the creation sites, the
 * threads dumped, and the live counts over time. {@code null} means "not measurable here" (virtual threads
 * before JDK 21).
 */
public record RunMeasurements(
        int baselineThreads,
        List<String> baselineThreadNames,
        int peakThreads,
        long threadsStarted,
        String virtualThreads,
        Long peakVirtualThreads,
        Long virtualThreadsStarted,
        List<SpawnSite> spawnSites,
        List<ThreadEntry> leakedThreads,
        String threadDumpReason,
        List<ThreadEntry> threadDump,
        Timeline timeline,
        String agentEndReason,
        boolean mainEnded,
        List<String> notes) {

    /**
     * Threads started from one identical creation stack. {@code frame} is the first frame outside the JDK;
     * {@code started} and {@code peakAlive} are estimates for virtual threads once their starts are sampled.
     */
    public record SpawnSite(String kind, String frame, List<String> stack, long started, long peakAlive) {
    }

    /**
     * A dumped thread; {@code createdAt} is the first non-JDK frame of its creation stack, null for baseline.
     * {@code test} ({@code pkg.TestClass#method}) and {@code attribution} (how the test was found) are set in test
     * reports only.
     */
    public record ThreadEntry(long id, String name, String state, boolean daemon, boolean baseline, String lock,
            List<String> stack, String createdAt, List<String> creationStack, String test, String attribution) {

        public ThreadEntry(long id, String name, String state, boolean daemon, boolean baseline, String lock,
                List<String> stack, String createdAt, List<String> creationStack) {
            this(id, name, state, daemon, baseline, lock, stack, createdAt, creationStack, null, null);
        }

        public ThreadEntry withTest(String testName, String how) {
            return new ThreadEntry(id, name, state, daemon, baseline, lock, stack, createdAt, creationStack, testName,
                    how);
        }
    }

    /** Live application threads over time, in milliseconds since the recording started; points are (time, live). */
    public record Timeline(List<Point> platform, List<Point> virtual) {
    }

    public record Point(long millis, long live) {
    }
}
