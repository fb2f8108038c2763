package dev.threadguard.agent;

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
 * <p>A budget of {@link #UNSET} is not enforced, only measured. In {@code file}, {@code %p} stands for the JVM's
 * process id, so JVMs started with the same options (forked test JVMs) write a recording each.
 *
 * <p>{@code testMode=true} is set by the plugin's {@code prepare-agent} goal for Surefire and Failsafe forks: the
 * JVM's {@code main} is the test framework's, so there is no leak watcher on it; instead the agent records who
 * started each thread (and during which test), and at exit waits up to {@code settleMillis} for threads started by
 * tests to end before it dumps the ones still alive. {@code listenerJar} names the JUnit Platform listener jar to
 * append to the system class path; {@code runawayLimit} halts a JVM whose live application threads exceed it,
 * whatever {@code failFast} says.
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

    private Path file = Path.of("target", "threadguard", "run.jfr");
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
    private boolean testMode;
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
            case TEST_MODE -> testMode = bool(key, value);
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
        if (testMode) {
            append(out, TEST_MODE, "true");
            append(out, SETTLE_MILLIS, Long.toString(settleMillis));
            if (listenerJar != null) {
                append(out, LISTENER_JAR, listenerJar.toString());
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

    /** Set for forked test JVMs (Surefire, Failsafe): no leak watcher on main, leaks are judged at exit. */
    public boolean testMode() {
        return testMode;
    }

    public AgentOptions testMode(boolean value) {
        this.testMode = value;
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
