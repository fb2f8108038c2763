package dev.threadguard.agent.events;

/**
 * The names of the JFR events in a threadguard recording: the agent's own ({@code threadguard.*}) and the JDK's
 * that it enables. Readers match on these names, never on the event classes, so a recording can be read without
 * the agent on the class path.
 */
public final class EventNames {

    public static final String BASELINE = "threadguard.Baseline";
    public static final String SAMPLE = "threadguard.Sample";
    public static final String VIRTUAL_THREAD_START = "threadguard.VirtualThreadStart";
    public static final String VIRTUAL_THREAD_END = "threadguard.VirtualThreadEnd";
    public static final String THREAD_DUMP = "threadguard.ThreadDump";
    public static final String BREACH = "threadguard.Breach";
    public static final String RUN_SUMMARY = "threadguard.RunSummary";
    /** Test mode: a platform thread is about to start, committed in the thread that starts it. */
    public static final String THREAD_STARTING = "threadguard.ThreadStarting";
    /** Written by the JUnit Platform listener in the thread that runs the test or container. */
    public static final String TEST_STARTED = "threadguard.TestStarted";
    public static final String TEST_FINISHED = "threadguard.TestFinished";

    public static final String JDK_THREAD_START = "jdk.ThreadStart";
    public static final String JDK_THREAD_END = "jdk.ThreadEnd";
    public static final String JDK_VIRTUAL_THREAD_START = "jdk.VirtualThreadStart";
    public static final String JDK_VIRTUAL_THREAD_END = "jdk.VirtualThreadEnd";
    public static final String JDK_DATA_LOSS = "jdk.DataLoss";

    /** {@code ThreadDump.reason} values. */
    public static final String REASON_BREACH = "breach";
    public static final String REASON_LEAK = "leak";
    public static final String REASON_TIMEOUT = "timeout";
    public static final String REASON_EXIT = "exit";

    /** {@code Baseline.virtualThreads} values. */
    public static final String VIRTUAL_UNSUPPORTED = "unsupported";
    public static final String VIRTUAL_INSTRUMENTED = "instrumented";
    public static final String VIRTUAL_COUNTS_ONLY = "counts-only";

    private EventNames() {
    }
}
