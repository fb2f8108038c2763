package dev.threadguard.report;

/**
 * Every file threadguard writes, named once: all in its output directory ({@code target/threadguard}) but the
 * baseline, which lives in the module's own directory because it is committed.
 */
public final class OutputFiles {

    /** {@code threadguard:check}'s SARIF. */
    public static final String SARIF = "threadguard.sarif";
    /** The page every goal rewrites with what is present. */
    public static final String HTML_REPORT = "report.html";
    /** {@code run}, {@code stop}. */
    public static final String RUN_REPORT = "run-report.json";
    /** {@code verify-budget}. */
    public static final String TEST_REPORT = "test-report.json";
    /** The agent's recording of {@code run} and {@code start}. */
    public static final String RUN_RECORDING = "run" + dev.threadguard.agent.config.LogFormat.EXTENSION;
    /** With {@code recording=jfr}: the JFR recording of {@code run} and {@code start}. */
    public static final String RUN_JFR = "run.jfr";
    /** The directory of the test JVMs' recordings, one per JVM. */
    public static final String TEST_RECORDINGS = "tests";
    public static final String TEST_RECORDING_PREFIX = "test-";
    /** The pattern the agent turns into one file per test JVM ({@code %p}: its process id). */
    public static final String TEST_RECORDING_PATTERN = TEST_RECORDING_PREFIX + "%p"
            + dev.threadguard.agent.config.LogFormat.EXTENSION;
    /**
     * Beside the recordings: classes as the agent transformed them, so that later JVMs of the build (a fork per test
     * class) start without transforming them again.
     */
    public static final String AGENT_CACHE = dev.threadguard.agent.instrument.TransformCache.DIRECTORY;
    /** Service mode: where the plugin drops its requests to the running application's agent. */
    public static final String SERVICE_CONTROL = "control";
    /** {@code check}'s per-file cache. */
    public static final String ANALYSIS_CACHE = "analysis.cache";
    /** {@code baseline}: the findings {@code check} does not fail on, in the module's directory (not the output's). */
    public static final String BASELINE = "threadguard-baseline.json";

    private OutputFiles() {
    }
}
