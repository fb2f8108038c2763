package dev.threadguard.report.runtime;

import dev.threadguard.agent.config.AgentOptions;
import dev.threadguard.agent.config.LogFormat;
import dev.threadguard.report.model.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Services started, stopped and judged under the real agent jar (as the reactor resolves it once the agent module
 * is packaged; skipped when only its classes are on the class path). Asserts on what was recorded and printed.
 */
class ServiceRunTest {

    @TempDir
    Path directory;

    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aGracefulStopKeepsWhatTheShutdownHooksPrint() throws Exception {
        ServiceRun service = service("polite", Duration.ofSeconds(30));
        service.start((line, stderr) -> output.add(line));

        RunReport report = service.stop(null);

        assertThat(report.verdict()).as(report.failures().toString()).isEqualTo(RunReport.PASS);
        assertThat(report.endedBy()).isEqualTo("stopped");
        assertThat(output).contains("serving", "shutdown hook ran")
                .noneMatch(line -> line.contains("could not read the application's"));
    }

    ServiceRun service(String kind, Duration stopTimeout) throws Exception {
        Path agent = Path.of(LogFormat.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assumeTrue(Files.isRegularFile(agent), "the agent jar is built (mvn verify), not only its classes: " + agent);
        Path output = directory.resolve("threadguard");
        AgentOptions options = new AgentOptions().file(output.resolve("run.tglog")).mode(AgentOptions.MODE_SERVICE)
                .maxLeakedThreads(0).leakGraceMillis(200).parentPid(ProcessHandle.current().pid())
                .controlDir(output.resolve("control"));
        Path classes = Path.of(Services.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        GuardedRun.Request run = new GuardedRun.Request(JavaRuntime.launcher(null), agent, options, List.of("-Xmx64m"),
                List.of(classes.toString()), Services.class.getName(), List.of(kind), directory,
                new Budgets(null, null, null, 0L), Allowances.NONE, true, output.resolve("run-report.json"), null);
        return new ServiceRun(new ServiceRun.Request(run, null, null, Duration.ofSeconds(60), stopTimeout,
                Duration.ofMillis(200), options.controlDir()));
    }
}
