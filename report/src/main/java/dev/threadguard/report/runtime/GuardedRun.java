package dev.threadguard.report.runtime;

import dev.threadguard.agent.config.AgentOptions;
import dev.threadguard.report.ReportJson;
import dev.threadguard.report.model.RunReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of an application's {@code main} under the agent, start to report: fork the JVM, read its recording,
 * measure, check the budgets, write {@code run-report.json}. Knows nothing of Maven; the {@code run} goal builds the
 * {@link Request} and turns the {@link RunReport} into log lines and a build result.
 */
public final class GuardedRun {

    /** How long after the agent's timeout the plugin kills a JVM the agent failed to end. */
    static final Duration BACKSTOP_MARGIN = Duration.ofSeconds(10);

    public record Request(Path java, Path agentJar, AgentOptions agentOptions, List<String> jvmArgs,
            List<String> classpath, String mainClass, List<String> arguments, Path workingDirectory,
            Budgets budgets, Allowances allowances, boolean failOnNonZeroExit, Path reportFile, String javaVersion) {

        public ForkedRun.Request fork(Duration backstop) {
            return new ForkedRun.Request(java, "-javaagent:" + agentJar + "=" + agentOptions.format(), jvmArgs,
                    classpath, mainClass, arguments, workingDirectory, backstop);
        }
    }

    public RunReport run(Request request, ForkedRun.Output output) throws IOException, InterruptedException {
        Path recordingFile = request.agentOptions().file();
        Files.deleteIfExists(recordingFile);
        Files.deleteIfExists(request.agentOptions().jfrFile());
        Files.deleteIfExists(request.reportFile());
        Duration backstop = Duration.ofSeconds(request.agentOptions().timeoutSeconds()).plus(BACKSTOP_MARGIN);
        ForkedRun.Result result = new ForkedRun().run(request.fork(backstop), output);
        List<String> failures = new ArrayList<>();
        Recording recording = read(recordingFile, failures,
                result.killed() ? "; the JVM was killed after " + backstop.toSeconds() + " s" : "");
        RunAnalysis.Outcome outcome = new RunAnalysis.Outcome(RunReport.MODE_MAIN, result.exitCode(), result.killed(),
                false, result.duration().toMillis(), null, request.javaVersion(), null, request.failOnNonZeroExit(),
                request.agentOptions().timeoutSeconds(), failures, List.of());
        RunReport report = new RunAnalysis(request.budgets(), request.allowances()).analyse(recording, outcome);
        ReportJson.write(report, request.reportFile());
        return report;
    }

    /** The recording, or null with a failure that says why there is none. */
    static Recording read(Path file, List<String> failures, String context) {
        if (!Files.isRegularFile(file)) {
            failures.add("the agent wrote no recording to " + file + " (see the [threadguard] lines above" + context
                    + ")");
            return null;
        }
        try {
            return new RecordingReader().read(file);
        } catch (IOException | RuntimeException e) {
            failures.add("the recording " + file + " could not be read: " + e.getMessage());
            return null;
        }
    }
}
