package dev.threadguard.report.runtime;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything threadguard's agent wrote into one recording (one JVM), as plain values. {@link RecordingReader}
 * builds it; {@link RunAnalysis} turns it into measurements. Frames are formatted
 * {@code pkg.Class.method(File.java:LINE)}, innermost first.
 */
public record RunRecording(
        Path file,
        Baseline baseline,
        List<StartedThread> threads,
        List<VirtualStart> virtualStarts,
        Map<Long, Instant> virtualEnds,
        List<Instant> jdkVirtualStarts,
        List<Instant> jdkVirtualEnds,
        List<Sample> samples,
        List<DumpedThread> dump,
        List<AgentBreach> breaches,
        Summary summary,
        boolean dataLoss,
        Instant start,
        Instant end,
        List<TestEvent> testEvents,
        List<ThreadStarting> threadStartings) {

    /** A recording without the test-mode events. */
    public RunRecording(Path file, Baseline baseline, List<StartedThread> threads, List<VirtualStart> virtualStarts,
            Map<Long, Instant> virtualEnds, List<Instant> jdkVirtualStarts, List<Instant> jdkVirtualEnds,
            List<Sample> samples, List<DumpedThread> dump, List<AgentBreach> breaches, Summary summary,
            boolean dataLoss, Instant start, Instant end) {
        this(file, baseline, threads, virtualStarts, virtualEnds, jdkVirtualStarts, jdkVirtualEnds, samples, dump,
                breaches, summary, dataLoss, start, end, List.of(), List.of());
    }

    /**
     * {@code threadguard.TestStarted} ({@code started} true) or {@code TestFinished}, written by the JUnit Platform
     * listener in the thread {@code threadId} that runs the test. {@code sequence} is the order in the file, which
     * breaks ties between events of one thread with equal times.
     */
    public record TestEvent(Instant time, long sequence, long threadId, boolean started, String uniqueId, String test,
            boolean container) {
    }

    /**
     * Test mode's {@code threadguard.ThreadStarting}: thread {@code starterId} is about to start {@code threadId}.
     * {@code framework}: the test framework starts it; {@code stackTest}: the test named by the starter's stack.
     */
    public record ThreadStarting(Instant time, long sequence, long starterId, long threadId, String name,
            boolean framework, String stackTest) {
    }

    /** {@code threadguard.Baseline}; null fields when the recording has none (not written by the agent). */
    public record Baseline(int threads, List<String> threadNames, List<Long> threadIds, long mainThreadId,
            String javaVersion, String virtualThreads, String options) {
    }

    /** A platform thread started during the run ({@code jdk.ThreadStart}, joined with its {@code jdk.ThreadEnd}). */
    public record StartedThread(long id, String name, String parentName, Instant started, Instant ended,
            List<String> creationStack) {
    }

    /** {@code threadguard.VirtualThreadStart}: a (sampled) virtual-thread start, standing for {@code weight}. */
    public record VirtualStart(long id, String name, Instant started, int weight, List<String> creationStack) {
    }

    /** {@code threadguard.Sample}. */
    public record Sample(Instant time, int liveThreads, int peakThreads, long threadsStarted, long liveVirtualThreads,
            long peakVirtualThreads, long virtualThreadsStarted) {
    }

    /** One {@code threadguard.ThreadDump} entry. */
    public record DumpedThread(String reason, long id, String name, String state, boolean daemon, boolean leaked,
            boolean baseline, String lock, List<String> stack) {
    }

    /** {@code threadguard.Breach}: what the agent saw while the JVM ran. */
    public record AgentBreach(String budget, long limit, long observed, boolean failFast, Instant time) {
    }

    /** The last {@code threadguard.RunSummary}; -1 means not measured. */
    public record Summary(String endReason, int exitCode, boolean mainEnded, int peakThreads, long threadsStarted,
            String virtualThreads, long peakVirtualThreads, long virtualThreadsStarted, int leakedThreads) {
    }
}
