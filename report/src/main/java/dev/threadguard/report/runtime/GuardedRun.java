package dev.threadguard.report.runtime;

import dev.threadguard.agent.AgentOptions;
import dev.threadguard.agent.ExitCodes;
import dev.threadguard.agent.events.EventNames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One run of an application under the agent, start to report: fork the JVM, read its recording, measure, check
 * the budgets, write {@code run-report.json}. Knows nothing of Maven; the {@code run} goal builds the
 * {@link Request} and turns the {@link RunReport} into log lines and a build result.
 */
public final class GuardedRun {

    /** How long after the agent's timeout the plugin kills a JVM the agent failed to end. */
    static final Duration BACKSTOP_MARGIN = Duration.ofSeconds(10);

    public record Request(Path java, Path agentJar, AgentOptions agentOptions, List<String> jvmArgs,
            List<String> classpath, String mainClass, List<String> arguments, Path workingDirectory,
            Budgets budgets, Ignores ignores, boolean failOnNonZeroExit, Path reportFile, String javaVersion) {
    }

    public RunReport run(Request request, ForkedRun.Output output) throws IOException, InterruptedException {
        Path recordingFile = request.agentOptions().file();
        Files.deleteIfExists(recordingFile);
        Files.deleteIfExists(request.reportFile());
        Duration backstop = Duration.ofSeconds(request.agentOptions().timeoutSeconds()).plus(BACKSTOP_MARGIN);
        ForkedRun.Request fork = new ForkedRun.Request(request.java(),
                "-javaagent:" + request.agentJar() + "=" + request.agentOptions().format(), request.jvmArgs(),
                request.classpath(), request.mainClass(), request.arguments(), request.workingDirectory(), backstop);
        ForkedRun.Result result = new ForkedRun().run(fork, output);

        RunRecording recording = null;
        List<String> failures = new ArrayList<>();
        if (Files.isRegularFile(recordingFile) && Files.size(recordingFile) > 0) {
            try {
                recording = new RecordingReader().read(recordingFile);
            } catch (IOException | RuntimeException e) {
                failures.add("the recording " + recordingFile + " could not be read: " + e.getMessage());
            }
        } else {
            failures.add("the agent wrote no recording to " + recordingFile + " (see the [threadguard] lines above"
                    + (result.killed() ? "; the JVM was killed after " + backstop.toSeconds() + " s" : "") + ")");
        }
        RunMeasurements measurements = recording == null ? empty() : new RunAnalysis(request.ignores())
                .analyse(recording);
        return report(request, result, recording, measurements, failures);
    }

    RunReport report(Request request, ForkedRun.Result result, RunRecording recording, RunMeasurements measurements,
            List<String> failures) throws IOException {
        BudgetCheck check = new BudgetCheck(request.budgets());
        List<BudgetCheck.Breach> breaches = check.breaches(measurements);
        String endedBy = endedBy(result, recording);
        boolean timedOut = endedBy.equals(EventNames.REASON_TIMEOUT) || endedBy.equals("killed");
        for (BudgetCheck.Breach breach : breaches) {
            failures.add(breach.budget() + " budget breached: " + breach.observed() + " > limit " + breach.limit());
        }
        if (timedOut) {
            failures.add("the run did not end within its timeout of " + request.agentOptions().timeoutSeconds() + " s");
        }
        boolean agentExit = !endedBy.equals("exit") && !endedBy.equals("unknown");
        if (!agentExit && result.exitCode() != 0 && request.failOnNonZeroExit()) {
            failures.add("the application exited with code " + result.exitCode());
        }
        RunReport report = new RunReport(failures.isEmpty() ? RunReport.PASS : RunReport.FAIL,
                result.exitCode(), timedOut, endedBy, result.duration().toMillis(), request.javaVersion(),
                request.budgets().asMap(), check.measures(measurements), breaches, failures, measurements,
                recording == null ? List.of() : List.of(recording.file().toString()));
        new RunReportWriter().write(report, request.reportFile());
        return report;
    }

    /** What ended the JVM: the agent's reason when the exit code is the agent's, else exit (or killed). */
    static String endedBy(ForkedRun.Result result, RunRecording recording) {
        if (result.killed()) {
            return "killed";
        }
        if (recording == null) {
            return "unknown";
        }
        String reason = recording.summary() == null ? null : recording.summary().endReason();
        String byCode = ExitCodes.describe(result.exitCode());
        if (byCode != null && reason != null && recording.summary().exitCode() == result.exitCode()) {
            return reason.toLowerCase(Locale.ROOT);
        }
        return "exit";
    }

    private static RunMeasurements empty() {
        return new RunMeasurements(0, List.of(), 0, 0, EventNames.VIRTUAL_UNSUPPORTED, null, null, List.of(),
                List.of(), null, List.of(), new RunMeasurements.Timeline(List.of(), List.of()), null, false,
                List.of());
    }
}
