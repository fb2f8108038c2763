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

    @Test
    void aServiceWhoseShutdownHookHangsIsKilledAfterTheStopTimeoutAndTheHookIsNamed() throws Exception {
        ServiceRun service = service("stuck-hook", Duration.ofSeconds(10));
        service.start((line, stderr) -> output.add(line));

        RunReport report = service.stop(null);

        assertThat(report.verdict()).isEqualTo(RunReport.FAIL);
        assertThat(report.endedBy()).isEqualTo("killed");
        assertThat(report.timedOut()).isFalse();
        assertThat(report.threadDumpReason()).isEqualTo(LogFormat.REASON_STOP_TIMEOUT);
        assertThat(report.failures()).singleElement().asString()
                .startsWith("the application did not stop within threadguard.stopTimeout (10 s) after SIGTERM and was "
                        + "killed; its shutdown hook did not return: \"ledger-flush\" (WAITING in java.lang.Thread.join) "
                        + "at dev.threadguard.report.runtime.Services.join(Services.java:")
                .contains("), which waits for \"ledger-writer\" (WAITING in java.util.concurrent.CountDownLatch.await) "
                        + "at dev.threadguard.report.runtime.Services.await(Services.java:41)");
    }

    @Test
    void aServiceThatDiesDuringTheTestsFailsOnceWithItsExitCodeAndLastOutput() throws Exception {
        ServiceRun service = service("crash", Duration.ofSeconds(30));
        service.start((line, stderr) -> output.add(line));
        Files.createFile(directory.resolve("crash-now"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (service.isAlive()) {
            assertThat(System.nanoTime() - deadline).as("the service crashed").isNegative();
            Thread.sleep(20);
        }

        RunReport report = service.stop(null);

        assertThat(report.verdict()).isEqualTo(RunReport.FAIL);
        assertThat(report.endedBy()).isEqualTo("exit");
        assertThat(report.exitCode()).isEqualTo(70);
        assertThat(report.failures()).containsExactly("the application died during the integration tests, before "
                + "threadguard:stop (exit code 70); its last output: serving | crashing");
    }

    @Test
    void withoutAShutdownHookRunningTheBlockersAreTheNonDaemonThreadsAndAnIgnoredSigtermIsToldApart()
            throws Exception {
        LogText log = LogText.header("mode=service")
                .site(1, "com.acme.Server.start(Server.java:20)")
                .dump(1, LogFormat.REASON_STOP_TIMEOUT)
                .thread(1, 30, "acceptor", false, 1, -1, "thread", -1, null)
                .baselineThread(1, 2, "Reference Handler");
        Recording noShutdown = log.read(directory.resolve("ignored.tglog"));
        Recording shutdown = log.end(LogFormat.REASON_EXIT, 3, 3, 0).read(directory.resolve("stuck.tglog"));

        assertThat(ServiceRun.blockers(noShutdown, noShutdown.lastDump())).isEqualTo("it did not begin to shut down on "
                + "SIGTERM (does it handle or ignore the signal?); its non-daemon threads: \"acceptor\" (WAITING in "
                + "jdk.internal.misc.Unsafe.park) at com.acme.Worker.loop(Worker.java:9)");
        assertThat(ServiceRun.blockers(shutdown, shutdown.lastDump())).startsWith("its shutdown did not finish, though "
                + "no shutdown hook of its own was running; its non-daemon threads: \"acceptor\"");
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
