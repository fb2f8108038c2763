package dev.threadguard.agent.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The agent's own recording: a UTF-8 text file, one record per line, fields separated by tabs, the record type
 * first. The agent appends to it while the JVM runs (its sampler flushes about once a second) and writes the final
 * records at exit, so a JVM that is killed still leaves every line flushed before; a reader drops a last line
 * without its newline (cut by the kill) and says so. Unknown record types are skipped, so an older plugin reads a
 * newer agent's file.
 *
 * <p>Times are milliseconds since the agent started ({@link #HEADER} holds the wall-clock start). In a field,
 * {@code \} is written {@code \\}, a tab {@code \t}, a newline {@code \n}, a carriage return {@code \r}; a field
 * that is exactly {@code \0} is null. Lists (stack frames) are one field, items joined by newlines. Record types
 * and their fields, in order:
 * <pre>
 * HEADER   version pid javaVersion startEpochMillis virtualThreads options
 * BASELINE count threadIds(comma-separated) threadNames(list) mainThreadId
 * SITE     siteId kind(platform|virtual) frame stack(list)
 * STACK    stackId stack(list)
 * OWNER    ownerId kind(pool|timer) type siteId staticInit(0|1) scopeId millis stackId
 * HELD     ownerId field
 * HELDTHREAD threadId field
 * COUNT    siteId ownerKind started peakAlive owners           (a snapshot: the last one per site counts)
 * SCOPE    scopeId uniqueId test container(0|1) framework threadId millis
 * SCOPEEND scopeId millis result
 * SAMPLE   millis live peak started liveVirtual peakVirtual virtualStarted
 * BREACH   millis budget limit observed failFast(0|1)
 * ENDED    threadId name siteId ownerId scopeId attribution startMillis endMillis daemon(0|1)
 * DUMP     dumpId reason millis
 * THREAD   dumpId threadId name state daemon(0|1) leaked(0|1) baseline(0|1) lock stack(list) siteId ownerId
 *          ownerKind scopeId attribution startMillis idle(0|1) stackId
 * MARK     millis name
 * NOTE     millis text
 * END      millis endReason exitCode mainEnded(0|1) peak live started virtualThreads peakVirtual liveVirtual
 *          virtualStarted leaked ignoredStarted
 * </pre>
 * {@code OWNER}'s {@code stackId} is its own construction stack, a {@code STACK} written before it, or {@code -1} when
 * that stack is its site's (version 1 wrote no {@code stackId}: every owner had its site's stack). {@code THREAD}'s
 * {@code stackId} is a plain thread's own start stack, likewise (recordings before it have no such field). {@code HELD} is
 * written at a test JVM's end for a live owner that a static field of the code that made it still holds, as
 * {@code pkg.Class.FIELD}; {@code HELDTHREAD} likewise for a live plain thread that a static field of the code that
 * started it holds, itself or a few fields deep. {@code ENDED} is written for a thread that a test started and that ended after that test had finished (so
 * {@code leakScope=test} and {@code class} can judge it); {@code -1} stands for "none" in id fields.
 */
public final class LogFormat {

    public static final String EXTENSION = ".tglog";
    public static final int VERSION = 2;
    public static final String MAGIC = "threadguard-recording";

    public static final String HEADER = "HEADER";
    public static final String BASELINE = "BASELINE";
    public static final String SITE = "SITE";
    public static final String STACK = "STACK";
    public static final String OWNER = "OWNER";
    public static final String HELD = "HELD";
    public static final String HELD_THREAD = "HELDTHREAD";
    public static final String COUNT = "COUNT";
    public static final String SCOPE = "SCOPE";
    public static final String SCOPE_END = "SCOPEEND";
    public static final String SAMPLE = "SAMPLE";
    public static final String BREACH = "BREACH";
    public static final String ENDED = "ENDED";
    public static final String DUMP = "DUMP";
    public static final String THREAD = "THREAD";
    public static final String MARK = "MARK";
    public static final String NOTE = "NOTE";
    public static final String END = "END";

    /** Why the agent dumped threads, and {@code END}'s end reason. */
    public static final String REASON_BREACH = "breach";
    public static final String REASON_LEAK = "leak";
    public static final String REASON_TIMEOUT = "timeout";
    public static final String REASON_EXIT = "exit";
    /** Service mode: the leak snapshot taken after the load window and grace period. */
    public static final String REASON_SNAPSHOT = "snapshot";
    /** Service mode: the threads still running when a graceful stop took too long. */
    public static final String REASON_STOP_TIMEOUT = "stop-timeout";
    /** The build that forked the JVM is gone. */
    public static final String REASON_ORPHANED = "orphaned";

    /** Virtual-thread support of the JVM. */
    public static final String VIRTUAL_UNSUPPORTED = "unsupported";
    public static final String VIRTUAL_INSTRUMENTED = "instrumented";
    /** A JDK with virtual threads whose start path the agent could not instrument: they are not measured. */
    public static final String VIRTUAL_UNAVAILABLE = "unavailable";

    /** Owner kinds: a pool's workers are owned by the pool, a timer's thread by the timer, any other by itself. */
    public static final String OWNER_POOL = "pool";
    public static final String OWNER_TIMER = "timer";
    public static final String OWNER_THREAD = "thread";

    /** How a thread's test was found. */
    public static final String BY_LISTENER = "test-listener";
    public static final String BY_TASK = "submitted-task";
    public static final String BY_OWNER = "owner";
    public static final String BY_PARENT = "parent-thread";
    public static final String BY_CREATION_STACK = "creation-stack";
    /**
     * Given by the report, not the agent: a pool or timer a test orphaned by replacing a library's singleton is blamed
     * on the test during which its replacement was made.
     */
    public static final String BY_REPLACEMENT = "replaced-singleton";

    /** Service-mode marks. */
    public static final String MARK_READY = "ready";
    public static final String MARK_LOAD_START = "load-start";
    public static final String MARK_LOAD_END = "load-end";
    public static final String MARK_STOP = "stop";

    private static final String NULL = "\\0";

    private LogFormat() {
    }

    /** Builds one record line. */
    public static final class Line {
        private final StringBuilder text = new StringBuilder(96);

        public Line(String type) {
            text.append(type);
        }

        public Line add(String value) {
            text.append('\t');
            if (value == null) {
                text.append(NULL);
            } else {
                escape(value, text);
            }
            return this;
        }

        public Line add(long value) {
            text.append('\t').append(value);
            return this;
        }

        public Line add(boolean value) {
            text.append('\t').append(value ? '1' : '0');
            return this;
        }

        public Line add(List<String> items) {
            return add(items == null ? null : String.join("\n", items));
        }

        /** The record with its newline. */
        @Override
        public String toString() {
            return text + "\n";
        }
    }

    static void escape(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    /** The fields of a record line (without its newline), unescaped; the record type is field 0. */
    public static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        int from = 0;
        while (true) {
            int tab = line.indexOf('\t', from);
            String raw = tab < 0 ? line.substring(from) : line.substring(from, tab);
            fields.add(raw.equals(NULL) ? null : unescape(raw));
            if (tab < 0) {
                return fields;
            }
            from = tab + 1;
        }
    }

    static String unescape(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                switch (next) {
                    case 't' -> out.append('\t');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    default -> out.append(next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A list field back into its items; null and empty give an empty list. */
    public static List<String> items(String field) {
        return field == null || field.isEmpty() ? List.of() : List.of(field.split("\n", -1));
    }
}
