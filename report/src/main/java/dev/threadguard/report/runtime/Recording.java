package dev.threadguard.report.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One JVM's agent recording, read into plain values ({@link RecordingReader}). Times are milliseconds since the
 * agent started. Ids that refer to nothing are {@code -1}. Frames are {@code pkg.Class.method(File.java:LINE)},
 * innermost first.
 *
 * @param heldThreads per live plain thread's id, the static field ({@code pkg.Class.FIELD}) of the code that started it
 *                    that held it at the JVM's end, itself or a few fields deep
 * @param problems what could not be read, one sentence each (a file cut short by a killed JVM, a bad line)
 * @param end      the agent's final summary, or null when the JVM was killed before writing it
 */
public record Recording(
        Path file,
        Header header,
        Baseline baseline,
        Map<Integer, Site> sites,
        Map<Integer, Owner> owners,
        Map<Long, String> heldThreads,
        Map<Integer, Scope> scopes,
        List<Sample> samples,
        List<AgentBreach> breaches,
        List<Ended> ended,
        List<Dump> dumps,
        List<Mark> marks,
        List<String> notes,
        End end,
        List<String> problems) {

    public record Header(int version, long pid, String javaVersion, long startEpochMillis, String virtualThreads,
            String options) {
    }

    public record Baseline(int threads, List<Long> threadIds, List<String> threadNames, long mainThreadId) {
    }

    /**
     * A site with its last counts: {@code ownerKind} pool/timer/thread, {@code kind} platform/virtual,
     * {@code owners} how many owners were made there, {@code staticInit} its stack runs through a static initializer.
     */
    public record Site(int id, String kind, String frame, List<String> stack, String ownerKind, long started,
            long peakAlive, long owners) {

        public boolean staticInit() {
            for (String frame : stack) {
                if (frame.contains(".<clinit>(")) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A pool or timer: {@code type} its class, {@code scopeId} the test during which it was made, {@code stack} its own
     * construction stack (empty when it is its site's stack), {@code heldBy} the static field ({@code pkg.Class.FIELD})
     * of the code that made it that held it at the JVM's end, or null.
     */
    public record Owner(int id, String kind, String type, int siteId, boolean staticInit, int scopeId, long millis,
            List<String> stack, String heldBy) {

        /** Its own construction stack, else its site's. */
        public List<String> stackOr(List<String> siteStack) {
            return stack.isEmpty() ? siteStack : stack;
        }

        Owner heldBy(String field) {
            return new Owner(id, kind, type, siteId, staticInit, scopeId, millis, stack, field);
        }
    }

    /** One run of a test or test class, reported by a listener ({@code endMillis} -1 while it never finished). */
    public record Scope(int id, String uniqueId, String test, boolean container, String framework, long threadId,
            long startMillis, long endMillis, String result) {

        Scope finished(long millis, String outcome) {
            return new Scope(id, uniqueId, test, container, framework, threadId, startMillis, millis, outcome);
        }
    }

    public record Sample(long millis, long live, long peak, long started, long liveVirtual, long peakVirtual,
            long virtualStarted) {
    }

    public record AgentBreach(long millis, String budget, long limit, long observed, boolean failFast) {
    }

    /** A thread a test started that ended after that test had finished. */
    public record Ended(long threadId, String name, int siteId, int ownerId, int scopeId, String attribution,
            long startMillis, long endMillis, boolean daemon) {
    }

    public record Dump(int id, String reason, long millis, List<DumpedThread> threads) {
    }

    /** {@code creationStack}: a plain thread's own start stack when it differs from its site's, else empty. */
    public record DumpedThread(long id, String name, String state, boolean daemon, boolean leaked, boolean baseline,
            String lock, List<String> stack, int siteId, int ownerId, String ownerKind, int scopeId,
            String attribution, long startMillis, boolean idle, List<String> creationStack) {

        public boolean application() {
            return siteId >= 0;
        }
    }

    public record Mark(long millis, String name) {
    }

    /** {@code peakVirtual}, {@code liveVirtual}, {@code virtualStarted}: -1 when not measured. */
    public record End(long millis, String endReason, int exitCode, boolean mainEnded, long peak, long live,
            long started, String virtualThreads, long peakVirtual, long liveVirtual, long virtualStarted, long leaked,
            long ignoredStarted) {
    }

    /** The last dump with this reason, or null. */
    public Dump lastDump(String reason) {
        for (int i = dumps.size() - 1; i >= 0; i--) {
            if (dumps.get(i).reason().equals(reason)) {
                return dumps.get(i);
            }
        }
        return null;
    }

    /** The last dump, or null. */
    public Dump lastDump() {
        return dumps.isEmpty() ? null : dumps.get(dumps.size() - 1);
    }

    public Site site(int id) {
        return sites.get(id);
    }

    /** The last sample's millis, or the end's: how long the agent watched. */
    public long durationMillis() {
        if (end != null) {
            return end.millis();
        }
        return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).millis();
    }
}
