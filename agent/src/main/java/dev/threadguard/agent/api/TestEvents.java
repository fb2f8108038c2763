package dev.threadguard.agent.api;

/**
 * What test-framework listeners tell the agent, in the thread that runs the test: a test or test class started or
 * finished. The agent blames each thread it sees start on the test its starter is running at that moment. The
 * listeners in {@code threadguard-junit-listener} (JUnit Platform, TestNG) call this class; without the agent in test
 * mode every call does nothing. Calls never throw.
 */
public final class TestEvents {

    /** Framework names, which the reports use to name the framework's own clean-up hooks. */
    public static final String JUNIT_PLATFORM = "junit-platform";
    public static final String JUNIT4 = "junit4";
    public static final String TESTNG = "testng";

    /** The agent's side. */
    public interface Sink {
        void started(String uniqueId, String test, boolean container, String framework);

        void finished(String uniqueId, String result);
    }

    private static volatile Sink sink;

    private TestEvents() {
    }

    /** Set by the agent in test mode. */
    public static void install(Sink agentSink) {
        sink = agentSink;
    }

    /** True when an agent in test mode listens. */
    public static boolean active() {
        return sink != null;
    }

    /**
     * @param uniqueId  unique among the runs of this JVM's tests, the same at {@link #finished}
     * @param test      {@code pkg.TestClass#method}, or {@code pkg.TestClass} for a class ({@code container})
     * @param framework one of the framework names above
     */
    public static void started(String uniqueId, String test, boolean container, String framework) {
        Sink current = sink;
        if (current != null && uniqueId != null && test != null) {
            try {
                current.started(uniqueId, test, container, framework);
            } catch (Throwable ignored) {
                // attribution is best effort; the test runs as it would without threadguard
            }
        }
    }

    /** @param result how it ended (SUCCESSFUL, FAILED, ABORTED, SKIPPED), or null */
    public static void finished(String uniqueId, String result) {
        Sink current = sink;
        if (current != null && uniqueId != null) {
            try {
                current.finished(uniqueId, result);
            } catch (Throwable ignored) {
                // as above
            }
        }
    }
}
