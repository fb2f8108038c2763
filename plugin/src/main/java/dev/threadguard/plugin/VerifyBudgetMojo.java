package dev.threadguard.plugin;

import dev.threadguard.report.runtime.Budgets;
import dev.threadguard.report.runtime.Ignores;
import dev.threadguard.report.runtime.LeakScope;
import dev.threadguard.report.runtime.RecordingReader;
import dev.threadguard.report.runtime.RunRecording;
import dev.threadguard.report.runtime.RunReport;
import dev.threadguard.report.runtime.RunReportWriter;
import dev.threadguard.report.runtime.TestSuiteAnalysis;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the thread budgets of the test suite that ran under {@code prepare-agent}: reads every test JVM's recording
 * of this build, attributes each thread to the test that started it, prints each measured value against its limit
 * and the leaked threads with their test and creation line, writes {@code target/threadguard/test-report.json}, and
 * fails the build on a breach.
 */
@Mojo(name = "verify-budget", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyBudgetMojo extends AbstractThreadguardMojo {

    static final String REPORT_FILE = "test-report.json";

    /** The most platform threads any one test JVM may have alive at once (baseline excluded). Unset: measured only. */
    @Parameter(property = "threadguard.maxThreads")
    private Long maxThreads;

    /** The most virtual threads any one test JVM may have alive at once. Unset: measured only. */
    @Parameter(property = "threadguard.maxVirtualThreads")
    private Long maxVirtualThreads;

    /** The most platform threads the tests may start, over all test JVMs. Unset: measured only. */
    @Parameter(property = "threadguard.maxThreadsStarted")
    private Long maxThreadsStarted;

    /** The most threads the tests may leak, over all test JVMs (see {@code leakScope}). */
    @Parameter(property = "threadguard.maxLeakedThreads", defaultValue = "0")
    private Long maxLeakedThreads;

    /**
     * When a thread a test started counts as leaked: {@code jvm}, still alive when the test JVM ends (after
     * {@code leakSettleTime}); {@code test}, still alive {@code leakSettleTime} after the test that started it
     * finished.
     */
    @Parameter(property = "threadguard.leakScope", defaultValue = "jvm")
    private String leakScope;

    /** Threads not to count, by name: globs or {@code regex:} patterns matching the whole name. */
    @Parameter(property = "threadguard.ignoreThreadNames")
    private List<String> ignoreThreadNames;

    /** Threads not to count, by creation frame: globs or {@code regex:} patterns on {@code pkg.Class.method}. */
    @Parameter(property = "threadguard.ignoreCreationFrames")
    private List<String> ignoreCreationFrames;

    /** {@code false} reports breaches without failing the build. */
    @Parameter(property = "threadguard.failOnViolation", defaultValue = "true")
    private boolean failOnViolation;

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        TestSuiteAnalysis.Request request;
        try {
            request = new TestSuiteAnalysis.Request(
                    new Budgets(maxThreads, maxVirtualThreads, maxThreadsStarted, maxLeakedThreads),
                    Ignores.of(ignoreThreadNames, ignoreCreationFrames, "threadguard.ignoreThreadNames",
                            "threadguard.ignoreCreationFrames"),
                    LeakScope.parse(leakScope));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        Path output = outputDirectory.toPath().toAbsolutePath();
        Path directory = output.resolve(PrepareAgentMojo.RECORDING_DIRECTORY);
        List<Path> files = recordings(directory);
        if (files.isEmpty() && ("pom".equals(project.getPackaging()) || testsSkipped())) {
            getLog().info("threadguard: no test recording in " + directory + ", and none expected ("
                    + ("pom".equals(project.getPackaging()) ? "pom packaging" : "tests skipped") + ")");
            return;
        }
        if (files.isEmpty()) {
            getLog().warn("threadguard: no test recording found in " + directory + ", so no thread budget was "
                    + "checked. Run the prepare-agent goal before the tests, and make sure the test JVMs get its "
                    + "argLine: no hard-coded <argLine> without @{argLine}, no forkCount=0 (tests that were skipped "
                    + "leave no recording either).");
            return;
        }
        List<RunRecording> recordings = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        RecordingReader reader = new RecordingReader();
        for (Path file : files) {
            try {
                recordings.add(reader.read(file));
            } catch (IOException | RuntimeException e) {
                unreadable.add("the recording " + file + " could not be read (" + e.getMessage() + "); was its test "
                        + "JVM killed?");
            }
        }
        RunReport report = new TestSuiteAnalysis(request).analyse(recordings, unreadable);
        Path reportFile = output.resolve(REPORT_FILE);
        try {
            new RunReportWriter().write(report, reportFile);
        } catch (IOException e) {
            throw new MojoExecutionException("threadguard could not write " + reportFile + ": " + e.getMessage(), e);
        }
        new TestSuiteConsole(getLog()).result(report, reportFile, directory);
        Reports.writeHtml(output, project, plugin.getVersion(), getLog());
        if (!report.passed()) {
            String message = TestSuiteConsole.failureMessage(report);
            if (failOnViolation) {
                throw new MojoFailureException(message);
            }
            getLog().warn(message + " (threadguard.failOnViolation is false: the build goes on)");
        }
    }

    private boolean testsSkipped() {
        for (String property : new String[] {"skipTests", "maven.test.skip"}) {
            String value = session.getUserProperties().getProperty(property,
                    project.getProperties().getProperty(property));
            if (value != null && (value.isEmpty() || Boolean.parseBoolean(value))) {
                return true;
            }
        }
        return false;
    }

    static List<Path> recordings(Path directory) throws MojoExecutionException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory,
                PrepareAgentMojo.RECORDING_PREFIX + "*.jfr")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new MojoExecutionException("threadguard could not list " + directory + ": " + e.getMessage(), e);
        }
        files.sort(null);
        return files;
    }
}
