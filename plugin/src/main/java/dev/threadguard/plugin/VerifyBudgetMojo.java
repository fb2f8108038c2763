package dev.threadguard.plugin;

import dev.threadguard.agent.config.LogFormat;
import dev.threadguard.report.OutputFiles;
import dev.threadguard.report.ReportJson;
import dev.threadguard.report.model.RunReport;
import dev.threadguard.report.runtime.LeakScope;
import dev.threadguard.report.runtime.Recording;
import dev.threadguard.report.runtime.RecordingReader;
import dev.threadguard.report.runtime.TestForkCheck;
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
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;

/**
 * Checks the thread budgets of the test suite that ran under {@code prepare-agent}: which test leaked which thread,
 * grouped by where its pool, timer or thread was made, and threads kept for the JVM's life apart from leaks. Prints
 * each measured value against its limit, writes {@code target/threadguard/test-report.json}, and fails the build on a
 * breach, and when tests ran without the agent.
 */
@Mojo(name = "verify-budget", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyBudgetMojo extends AbstractBudgetMojo {

    /**
     * When a thread a test started counts as leaked: {@code jvm}, still alive when the test JVM ends (after
     * {@code leakSettleSeconds}); {@code class}, still alive that long after its test class finished; {@code test},
     * still alive that long after the test that started it finished.
     */
    @Parameter(property = "threadguard.leakScope", defaultValue = "jvm")
    private String leakScope;

    /** {@code false} reports breaches without failing the build. */
    @Parameter(property = "threadguard.failOnViolation", defaultValue = "true")
    private boolean failOnViolation;

    /** The property prepare-agent put its agent into (for the advice when tests ran without it). */
    @Parameter(property = "threadguard.propertyName", defaultValue = "argLine")
    private String propertyName;

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        TestSuiteAnalysis.Request request;
        try {
            request = new TestSuiteAnalysis.Request(budgets(), LeakScope.parse(leakScope), allowances(),
                    testClasses());
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        checkIgnores();
        Path output = outputDirectory.toPath().toAbsolutePath();
        Path directory = output.resolve(OutputFiles.TEST_RECORDINGS);
        List<Path> files = recordings(directory);
        if (files.isEmpty()) {
            noRecording(directory);
            return;
        }
        List<Recording> recordings = new ArrayList<>();
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
        Path reportFile = output.resolve(OutputFiles.TEST_REPORT);
        try {
            ReportJson.write(report, reportFile);
        } catch (IOException e) {
            throw new MojoExecutionException("threadguard could not write " + reportFile + ": " + e.getMessage(), e);
        }
        new RuntimeConsole(getLog()).result(report, reportFile, directory);
        Reports.writeHtml(output, project, plugin.getVersion(), getLog());
        if (!report.passed()) {
            fail(RuntimeConsole.failureMessage(report));
        }
    }

    /**
     * No recording: fine when no test ran in this build; a failure when tests ran without the agent (a hard-coded
     * argLine, forkCount=0, prepare-agent not bound), with the advice that fixes the pom as the user wrote it.
     */
    private void noRecording(Path directory) throws MojoFailureException {
        if ("pom".equals(project.getPackaging()) || testsSkipped() || !testsRanInThisBuild()) {
            getLog().info("threadguard: no test recording in " + directory + ", and none expected ("
                    + ("pom".equals(project.getPackaging()) ? "pom packaging" : "no tests ran in this build") + ")");
            return;
        }
        String name = propertyName == null || propertyName.isBlank() ? "argLine" : propertyName.trim();
        TestForkCheck.Result forks = TestPlugins.check(project, session.getUserProperties(), name);
        String advice = forks.advice(name);
        fail("threadguard: tests ran in this build but no test JVM ran under threadguard's agent, so no thread budget "
                + "was checked (no recording in " + directory + ")." + (advice.isEmpty()
                ? "\nBind prepare-agent before the tests (<goal>prepare-agent</goal> next to verify-budget), and let the "
                        + "test JVMs take its property: <argLine>@{" + name + "} ...</argLine> if you set an argLine."
                : advice));
    }

    private void fail(String message) throws MojoFailureException {
        if (failOnViolation) {
            throw new MojoFailureException(message);
        }
        getLog().warn(message + " (threadguard.failOnViolation is false: the build goes on)");
    }

    /** Surefire or Failsafe wrote a report during this build. */
    private boolean testsRanInThisBuild() {
        Date started = session.getRequest().getStartTime();
        FileTime since = FileTime.fromMillis(started == null ? 0 : started.getTime());
        Path target = Path.of(project.getBuild().getDirectory());
        for (String reports : new String[] {"surefire-reports", "failsafe-reports"}) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(target.resolve(reports), "TEST-*.xml")) {
                for (Path file : stream) {
                    if (Files.getLastModifiedTime(file).compareTo(since) >= 0) {
                        return true;
                    }
                }
            } catch (IOException e) {
                // no such directory: those tests did not run
            }
        }
        return false;
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

    /** A class of the project's test sources: its class file is in the test output directory. */
    private Predicate<String> testClasses() {
        Path testClasses = Path.of(project.getBuild().getTestOutputDirectory());
        return type -> Files.isRegularFile(testClasses.resolve(type.replace('.', '/') + ".class"));
    }

    static List<Path> recordings(Path directory) throws MojoExecutionException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory,
                OutputFiles.TEST_RECORDING_PREFIX + "*" + LogFormat.EXTENSION)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new MojoExecutionException("threadguard could not list " + directory + ": " + e.getMessage(), e);
        }
        files.sort(null);
        return files;
    }
}
