package dev.threadguard.agent.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The agent's options, as written after {@code -javaagent:threadguard-agent.jar=}: comma-separated
 * {@code key=value} pairs, list options repeated ({@code ignoreThreadName=a,ignoreThreadName=b}). In values,
 * {@code %}, {@code ,} and {@code =} are percent-encoded ({@code %25}, {@code %2C}, {@code %3D}). The plugin
 * writes them with {@link #format()}; people starting the agent by hand can write them plainly.
 *
 * <p>A budget of {@link #UNSET} is not enforced, only measured. In {@code file} (the agent's own recording, see
 * {@link LogFormat}), {@code %p} stands for the JVM's process id, so JVMs started with the same options (forked
 * test JVMs) write a recording each.
 *
 * <p>{@code mode} says what the JVM is:
 * <ul>
 *   <li>{@code main} (default, the {@code run} goal): an application whose {@code main} returns; non-daemon threads
 *       still alive {@code leakGraceMillis} after it returned are leaked and the JVM is ended;</li>
 *   <li>{@code test} ({@code prepare-agent}, Surefire and Failsafe forks): {@code main} is the test framework's;
 *       the agent learns from the test listeners which test runs on which thread, blames each thread on a test, and
 *       at exit waits up to {@code settleMillis} for threads started by tests to end before it dumps the ones still
 *       alive. {@code listenerJar} names the listener jar to append to the system class path; {@code runawayLimit}
 *       halts a JVM whose live application threads exceed it, whatever {@code failFast} says;</li>
 *   <li>{@code service} ({@code start}/{@code stop}, {@code run} with load): a server that never returns; the
 *       plugin marks the load window and asks for the leak snapshot through files in {@code controlDir}.</li>
 * </ul>
 * {@code parentPid}: the agent ends the JVM when that process (the build) is gone, so a forked application never
 * outlives its build. {@code recording=jfr} also writes a JFR recording of the JDK's thread events for JDK Mission
 * Control next to the agent's own recording.
 */
public final class AgentOptions {

    public static final long UNSET = -1;

    public static final String FILE = "file";
    public static final String MAX_THREADS = "maxThreads";
    public static final String MAX_VIRTUAL_THREADS = "maxVirtualThreads";
    public static final String MAX_THREADS_STARTED = "maxThreadsStarted";
    public static final String MAX_LEAKED_THREADS = "maxLeakedThreads";
    public static final String FAIL_FAST = "failFast";
    public static final String LEAK_GRACE_MILLIS = "leakGraceMillis";
    public static final String TIMEOUT_SECONDS = "timeoutSeconds";
    public static final String IGNORE_THREAD_NAME = "ignoreThreadName";
    public static final String IGNORE_CREATION_FRAME = "ignoreCreationFrame";
    public static final String SAMPLE_MILLIS = "sampleMillis";
    public static final String VIRTUAL_SAMPLE_ALL = "virtualSampleAll";
    public static final String VIRTUAL_SAMPLE_EVERY = "virtualSampleEvery";
    public static final String TEST_MODE = "testMode";
    public static final String SETTLE_MILLIS = "settleMillis";
    public static final String LISTENER_JAR = "listenerJar";
    public static final String RUNAWAY_LIMIT = "runawayLimit";
    public static final String MODE = "mode";
    public static final String RECORDING = "recording";
    public static final String PARENT_PID = "parentPid";
    public static final String CONTROL_DIR = "controlDir";
    public static final String TEST_LISTENERS = "testListeners";

    /** {@code mode} values. */
    public static final String MODE_MAIN = "main";
    public static final String MODE_TEST = "test";
    public static final String MODE_SERVICE = "service";

    /** {@code recording} values: the agent's own recording only, or a JFR recording as well. */
    public static final String RECORDING_AGENT = "agent";
    public static final String RECORDING_JFR = "jfr";

    private Path file = Path.of("target", "threadguard", "run" + LogFormat.EXTENSION);
    private long maxThreads = UNSET;
    private long maxVirtualThreads = UNSET;
    private long maxThreadsStarted = UNSET;
    private long maxLeakedThreads = 0;
    private boolean failFast = true;
    private long leakGraceMillis = 2000;
    private long timeoutSeconds = 0;
    private final List<String> ignoreThreadNames = new ArrayList<>();
    private final List<String> ignoreCreationFrames = new ArrayList<>();
    private long sampleMillis = 5;
    private long virtualSampleAll = 1000;
    private long virtualSampleEvery = 64;
    private String mode = MODE_MAIN;
    private String recording = RECORDING_AGENT;
    private long parentPid = UNSET;
    private Path controlDir;
    private boolean testListeners = true;
    private long settleMillis = 1000;
    private Path listenerJar;
    private long runawayLimit = UNSET;

    /**
     * Parses an option string; null or empty gives the defaults.
     *
     * @throws IllegalArgumentException naming the bad key or value
     */
    public static AgentOptions parse(String text) {
        AgentOptions options = new AgentOptions();
        if (text == null || text.isBlank()) {
            return options;
        }
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("option '" + pair + "' has no value: write key=value");
            }
            options.set(pair.substring(0, equals).trim(), decode(pair.substring(equals + 1)));
        }
        return options;
    }

    private void set(String key, String value) {
        switch (key) {
            case FILE -> file = Path.of(value);
            case MAX_THREADS -> maxThreads = budget(key, value);
            case MAX_VIRTUAL_THREADS -> maxVirtualThreads = budget(key, value);
            case MAX_THREADS_STARTED -> maxThreadsStarted = budget(key, value);
            case MAX_LEAKED_THREADS -> maxLeakedThreads = budget(key, value);
            case FAIL_FAST -> failFast = bool(key, value);
            case LEAK_GRACE_MILLIS -> leakGraceMillis = positive(key, value, true);
            case TIMEOUT_SECONDS -> timeoutSeconds = positive(key, value, true);
            case IGNORE_THREAD_NAME -> ignoreThreadNames.add(TextPattern.compile(value).toString());
            case IGNORE_CREATION_FRAME -> ignoreCreationFrames.add(TextPattern.compile(value).toString());
            case SAMPLE_MILLIS -> sampleMillis = Math.max(1, positive(key, value, false));
            case VIRTUAL_SAMPLE_ALL -> virtualSampleAll = positive(key, value, true);
            case VIRTUAL_SAMPLE_EVERY -> virtualSampleEvery = Math.max(1, positive(key, value, false));
            case TEST_MODE -> mode = bool(key, value) ? MODE_TEST : MODE_MAIN;
            case MODE -> mode = oneOf(key, value, MODE_MAIN, MODE_TEST, MODE_SERVICE);
            case RECORDING -> recording = oneOf(key, value, RECORDING_AGENT, RECORDING_JFR);
            case PARENT_PID -> parentPid = positive(key, value, false);
            case CONTROL_DIR -> controlDir = value.isBlank() ? null : Path.of(value);
            case TEST_LISTENERS -> testListeners = bool(key, value);
            case SETTLE_MILLIS -> settleMillis = positive(key, value, true);
            case LISTENER_JAR -> listenerJar = value.isBlank() ? null : Path.of(value);
            case RUNAWAY_LIMIT -> runawayLimit = budget(key, value);
            default -> throw new IllegalArgumentException("unknown option '" + key + "'");
        }
    }

    /** The option string the agent reads back with {@link #parse(String)}. */
    public String format() {
        StringBuilder out = new StringBuilder();
        append(out, FILE, file.toString());
        appendBudget(out, MAX_THREADS, maxThreads);
        appendBudget(out, MAX_VIRTUAL_THREADS, maxVirtualThreads);
        appendBudget(out, MAX_THREADS_STARTED, maxThreadsStarted);
        appendBudget(out, MAX_LEAKED_THREADS, maxLeakedThreads);
        append(out, FAIL_FAST, Boolean.toString(failFast));
        append(out, LEAK_GRACE_MILLIS, Long.toString(leakGraceMillis));
        append(out, TIMEOUT_SECONDS, Long.toString(timeoutSeconds));
        for (String pattern : ignoreThreadNames) {
            append(out, IGNORE_THREAD_NAME, pattern);
        }
        for (String pattern : ignoreCreationFrames) {
            append(out, IGNORE_CREATION_FRAME, pattern);
        }
        append(out, SAMPLE_MILLIS, Long.toString(sampleMillis));
        append(out, VIRTUAL_SAMPLE_ALL, Long.toString(virtualSampleAll));
        append(out, VIRTUAL_SAMPLE_EVERY, Long.toString(virtualSampleEvery));
        append(out, MODE, mode);
        if (!RECORDING_AGENT.equals(recording)) {
            append(out, RECORDING, recording);
        }
        appendBudget(out, PARENT_PID, parentPid);
        if (controlDir != null) {
            append(out, CONTROL_DIR, controlDir.toString());
        }
        if (testMode()) {
            append(out, SETTLE_MILLIS, Long.toString(settleMillis));
            if (listenerJar != null) {
                append(out, LISTENER_JAR, listenerJar.toString());
            }
            if (!testListeners) {
                append(out, TEST_LISTENERS, "false");
            }
        }
        appendBudget(out, RUNAWAY_LIMIT, runawayLimit);
        return out.toString();
    }

    private static void appendBudget(StringBuilder out, String key, long value) {
        if (value != UNSET) {
            append(out, key, Long.toString(value));
        }
    }

    private static void append(StringBuilder out, String key, String value) {
        if (out.length() > 0) {
            out.append(',');
        }
        out.append(key).append('=').append(encode(value));
    }

    static String encode(String value) {
        return value.replace("%", "%25").replace(",", "%2C").replace("=", "%3D");
    }

    static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        byte[] bytes = new byte[value.length()];
        int length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && isHex(value, i + 1) && isHex(value, i + 2)) {
                bytes[length++] = (byte) Integer.parseInt(value.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (length + encoded.length > bytes.length) {
                    bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2 + encoded.length);
                }
                System.arraycopy(encoded, 0, bytes, length, encoded.length);
                length += encoded.length;
            }
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private static boolean isHex(String text, int index) {
        return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
    }

    private static long budget(String key, String value) {
        long parsed = number(key, value);
        if (parsed < 0) {
            throw new IllegalArgumentException(key + " must be 0 or more, not " + value);
        }
        return parsed;
    }

    private static long positive(String key, String value, boolean zeroAllowed) {
        long parsed = number(key, value);
        if (parsed < 0 || (!zeroAllowed && parsed == 0)) {
            throw new IllegalArgumentException(key + " must be " + (zeroAllowed ? "0 or more" : "above 0")
                    + ", not " + value);
        }
        return parsed;
    }

    private static long number(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'");
        }
    }

    private static String oneOf(String key, String value, String... allowed) {
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        for (String candidate : allowed) {
            if (candidate.equals(normalized)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException(key + " must be one of " + String.join(", ", allowed) + ", not '" + value
                + "'");
    }

    private static boolean bool(String key, String value) {
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        if (!normalized.equals("true") && !normalized.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(normalized);
    }

    public Path file() {
        return file;
    }

    public AgentOptions file(Path value) {
        this.file = value;
        return this;
    }

    public long maxThreads() {
        return maxThreads;
    }

    public AgentOptions maxThreads(long value) {
        this.maxThreads = value;
        return this;
    }

    public long maxVirtualThreads() {
        return maxVirtualThreads;
    }

    public AgentOptions maxVirtualThreads(long value) {
        this.maxVirtualThreads = value;
        return this;
    }

    public long maxThreadsStarted() {
        return maxThreadsStarted;
    }

    public AgentOptions maxThreadsStarted(long value) {
        this.maxThreadsStarted = value;
        return this;
    }

    public long maxLeakedThreads() {
        return maxLeakedThreads;
    }

    public AgentOptions maxLeakedThreads(long value) {
        this.maxLeakedThreads = value;
        return this;
    }

    public boolean failFast() {
        return failFast;
    }

    public AgentOptions failFast(boolean value) {
        this.failFast = value;
        return this;
    }

    public long leakGraceMillis() {
        return leakGraceMillis;
    }

    public AgentOptions leakGraceMillis(long value) {
        this.leakGraceMillis = value;
        return this;
    }

    /** Seconds after which the agent ends the JVM as hung; 0 for never. */
    public long timeoutSeconds() {
        return timeoutSeconds;
    }

    public AgentOptions timeoutSeconds(long value) {
        this.timeoutSeconds = value;
        return this;
    }

    public List<String> ignoreThreadNames() {
        return Collections.unmodifiableList(ignoreThreadNames);
    }

    public AgentOptions ignoreThreadName(String pattern) {
        ignoreThreadNames.add(pattern);
        return this;
    }

    public List<String> ignoreCreationFrames() {
        return Collections.unmodifiableList(ignoreCreationFrames);
    }

    public AgentOptions ignoreCreationFrame(String pattern) {
        ignoreCreationFrames.add(pattern);
        return this;
    }

    public long sampleMillis() {
        return sampleMillis;
    }

    public AgentOptions sampleMillis(long value) {
        this.sampleMillis = value;
        return this;
    }

    /** Virtual-thread starts recorded one by one before sampling begins. */
    public long virtualSampleAll() {
        return virtualSampleAll;
    }

    /** {@code main}, {@code test} or {@code service}: see the class comment. */
    public String mode() {
        return mode;
    }

    public AgentOptions mode(String value) {
        this.mode = oneOf(MODE, value, MODE_MAIN, MODE_TEST, MODE_SERVICE);
        return this;
    }

    /** Forked test JVMs (Surefire, Failsafe): no leak watcher on main, leaks are judged at exit. */
    public boolean testMode() {
        return MODE_TEST.equals(mode);
    }

    public AgentOptions testMode(boolean value) {
        this.mode = value ? MODE_TEST : MODE_MAIN;
        return this;
    }

    public boolean serviceMode() {
        return MODE_SERVICE.equals(mode);
    }

    /**
     * Test mode: learn from the test frameworks which test runs where (JUnit 4's runner is instrumented, the
     * listener jar serves JUnit Platform and TestNG); false attributes threads by their creation stacks only.
     */
    public boolean testListeners() {
        return testListeners;
    }

    public AgentOptions testListeners(boolean value) {
        this.testListeners = value;
        return this;
    }

    /** {@code agent} (the agent's own recording only) or {@code jfr} (a JFR recording as well). */
    public String recording() {
        return recording;
    }

    public AgentOptions recording(String value) {
        this.recording = oneOf(RECORDING, value, RECORDING_AGENT, RECORDING_JFR);
        return this;
    }

    /** The JFR recording's file, next to the agent's own: the same name with {@code .jfr}. */
    public Path jfrFile() {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot < 0 ? name : name.substring(0, dot)) + ".jfr");
    }

    /** The process whose end ends this JVM (the build that forked it); {@link #UNSET} for none. */
    public long parentPid() {
        return parentPid;
    }

    public AgentOptions parentPid(long value) {
        this.parentPid = value;
        return this;
    }

    /** Service mode: where the plugin drops its requests (load window marks, leak snapshot, thread dump). */
    public Path controlDir() {
        return controlDir;
    }

    public AgentOptions controlDir(Path value) {
        this.controlDir = value;
        return this;
    }

    /** In test mode, how long threads started by tests get to end at JVM exit before they count as alive. */
    public long settleMillis() {
        return settleMillis;
    }

    public AgentOptions settleMillis(long value) {
        this.settleMillis = value;
        return this;
    }

    /** In test mode, the JUnit Platform listener jar to append to the system class path; null for none. */
    public Path listenerJar() {
        return listenerJar;
    }

    public AgentOptions listenerJar(Path value) {
        this.listenerJar = value;
        return this;
    }

    /** Live application threads above which the JVM is halted even with fail-fast off; {@link #UNSET} for none. */
    public long runawayLimit() {
        return runawayLimit;
    }

    public AgentOptions runawayLimit(long value) {
        this.runawayLimit = value;
        return this;
    }

    /** After the first {@link #virtualSampleAll()}, one virtual-thread start in this many is recorded. */
    public long virtualSampleEvery() {
        return virtualSampleEvery;
    }
}
