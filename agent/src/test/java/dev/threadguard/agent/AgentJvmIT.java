package dev.threadguard.agent;

import dev.threadguard.agent.events.EventNames;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Starts the shaded agent jar with the fixture applications in JVMs of their own. */
class AgentJvmIT {

    @TempDir
    Path directory;

    record Run(int exitCode, String stdout, String stderr, List<RecordedEvent> events, long millis) {
        List<RecordedEvent> named(String name) {
            return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
        }

        RecordedEvent summary() {
            List<RecordedEvent> summaries = named(EventNames.RUN_SUMMARY);
            assertThat(summaries).as("RunSummary events").isNotEmpty();
            return summaries.get(summaries.size() - 1);
        }
    }

    @Test
    void aNormalRunIsUntouchedAndRecordsStartsWithTheStartersStack() throws Exception {
        Run run = run("normal", "");

        assertThat(run.exitCode).isZero();
        assertThat(run.stdout).isEqualTo("done normal\n");
        assertThat(run.stderr).isEmpty(); // no agent noise, no CDS warning
        assertThat(run.summary().getString("endReason")).isEqualTo("exit");
        assertThat(run.summary().getLong("threadsStarted")).isGreaterThanOrEqualTo(3);
        List<RecordedEvent> workers = run.named(EventNames.JDK_THREAD_START).stream()
                .filter(e -> startedName(e).startsWith("worker-")).toList();
        assertThat(workers).hasSize(3);
        assertThat(workers.get(0).getStackTrace().getFrames().get(0).getMethod().getType().getName())
                .isEqualTo("dev.threadguard.agent.fixtures.Apps");
        assertThat(run.named(EventNames.BASELINE)).hasSize(1);
    }

    @Test
    void aRunawaySpawnerIsHaltedFarBelowTwoThousandThreads() throws Exception {
        Run run = run("runaway", "maxThreads=200");

        assertThat(run.exitCode).isEqualTo(ExitCodes.BREACH);
        assertThat(run.millis).isLessThan(15_000);
        assertThat(run.stderr).contains("[threadguard] maxThreads budget breached");
        RecordedEvent breach = run.named(EventNames.BREACH).get(0);
        assertThat(breach.getLong("observed")).isBetween(201L, 1000L);
        long sleepers = run.named(EventNames.JDK_THREAD_START).stream()
                .filter(e -> startedName(e).startsWith("sleeper-")).count();
        assertThat(sleepers).isLessThan(1000);
        assertThat(run.named(EventNames.THREAD_DUMP)).hasSizeGreaterThan(200);
        assertThat(run.summary().getString("endReason")).isEqualTo("breach");
    }

    @Test
    void threadsIgnoredByNameNeverHaltTheRun() throws Exception {
        Run run = run("ignored-by-name", "maxThreads=50,ignoreThreadName=ignored-*");

        assertThat(run.exitCode).isZero();
        assertThat(run.stdout).contains("done ignored-by-name");
        assertThat(run.named(EventNames.BREACH)).isEmpty();
    }

    @Test
    void threadsIgnoredByCreationFrameAreConfirmedFromTheRecordingAndNeverHaltTheRun() throws Exception {
        Run run = run("ignored-by-frame",
                "maxThreads=20,ignoreCreationFrame=dev.threadguard.agent.fixtures.IgnoredLibrary.*");

        assertThat(run.exitCode).isZero();
        assertThat(run.stdout).contains("done ignored-by-frame");
        assertThat(run.named(EventNames.BREACH)).isEmpty();
    }

    @Test
    void aThreadOutlivingMainIsALeakAndEndsTheJvmAfterTheGracePeriod() throws Exception {
        Run run = run("leak", "leakGraceMillis=300");

        assertThat(run.exitCode).isEqualTo(ExitCodes.LEAK);
        assertThat(run.stderr).contains("1 non-daemon thread still keeps the JVM alive (\"leaked-worker\")");
        List<RecordedEvent> leaked = run.named(EventNames.THREAD_DUMP).stream()
                .filter(e -> e.getBoolean("leaked")).toList();
        assertThat(leaked).hasSize(1);
        assertThat(leaked.get(0).getString("threadName")).isEqualTo("leaked-worker");
        assertThat(leaked.get(0).getString("stack")).contains("java.lang.Thread.sleep");
        assertThat(run.summary().getInt("leakedThreads")).isEqualTo(1);
        assertThat(run.summary().getBoolean("mainEnded")).isTrue();
    }

    @Test
    void aHangIsEndedAtTheTimeoutWithTheMainThreadInTheDump() throws Exception {
        Run run = run("hang", "timeoutSeconds=2");

        assertThat(run.exitCode).isEqualTo(ExitCodes.TIMEOUT);
        RecordedEvent main = run.named(EventNames.THREAD_DUMP).stream()
                .filter(e -> e.getString("threadName").equals("main")).findFirst().orElseThrow();
        assertThat(main.getString("reason")).isEqualTo("timeout");
        assertThat(main.getString("state")).isEqualTo("WAITING");
        assertThat(main.getString("stack")).contains("java.util.concurrent.CountDownLatch.await(CountDownLatch.java:");
    }

    @Test
    void testModeJudgesLeaksAtSystemExitAfterTheSettleTime() throws Exception {
        Run run = run("test-exit", "testMode=true,settleMillis=1000");

        assertThat(run.exitCode).isZero();
        assertThat(run.stderr).isEmpty();
        assertThat(run.millis).isLessThan(15_000);
        List<RecordedEvent> dump = run.named(EventNames.THREAD_DUMP);
        assertThat(dump).allMatch(e -> e.getString("reason").equals(EventNames.REASON_EXIT));
        assertThat(dump.stream().filter(e -> e.getBoolean("leaked")).map(e -> e.getString("threadName")))
                .containsExactlyInAnyOrder("stays", "stays-daemon");
        assertThat(dump).noneMatch(e -> e.getString("threadName").equals("ends-soon"));
        assertThat(run.summary().getInt("leakedThreads")).isEqualTo(2);
        assertThat(run.summary().getString("endReason")).isEqualTo("exit");
        // written in the starter thread, before the start: the order of the starter's own events
        List<RecordedEvent> starting = run.named(EventNames.THREAD_STARTING);
        assertThat(starting).extracting(e -> e.getString("threadName"))
                .containsExactly("stays", "stays-daemon", "ends-soon");
        assertThat(starting).allMatch(e -> e.getThread().getJavaName().equals("main") && !e.getBoolean("framework")
                && e.getString("stackTest") == null);
        assertThat(run.named(EventNames.JDK_THREAD_START)).isNotEmpty();
    }

    @Test
    void testModeHaltsARunawaySpawnerAtTheRunawayLimitEvenWithoutFailFast() throws Exception {
        Run run = run("runaway", "testMode=true,failFast=false,maxThreads=50,runawayLimit=300");

        assertThat(run.exitCode).isEqualTo(ExitCodes.BREACH);
        assertThat(run.millis).isLessThan(15_000);
        assertThat(run.stderr).contains("[threadguard] runawayLimit budget breached");
        assertThat(run.named(EventNames.BREACH)).extracting(e -> e.getString("budget"))
                .containsExactly("maxThreads", "runawayLimit");
        assertThat(run.named(EventNames.BREACH).get(0).getBoolean("failFast")).isFalse();
        assertThat(run.named(EventNames.BREACH).get(1).getBoolean("failFast")).isTrue();
    }

    @Test
    void percentPInTheFileNameGivesEachJvmItsOwnRecording() throws Exception {
        Path pattern = directory.resolve("each-%p.jfr");
        Process first = new ProcessBuilder(java(), "-javaagent:" + agentJar() + "=file=" + pattern, "-cp",
                System.getProperty("java.class.path"), "dev.threadguard.agent.fixtures.Apps", "normal").start();
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(directory.resolve("each-" + first.pid() + ".jfr"))).isTrue();
    }

    @Test
    void badOptionsLeaveTheApplicationRunningUnguarded() throws Exception {
        Run run = run("normal", "maxThreads=-5");

        assertThat(run.exitCode).isZero();
        assertThat(run.stdout).isEqualTo("done normal\n");
        assertThat(run.stderr).startsWith("[threadguard] warning: bad agent options (maxThreads must be 0 or more");
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void aVirtualThreadFloodIsHaltedAndItsCreationSiteRecordedInTheCreatorThread() throws Exception {
        Run run = run("virtual", "maxVirtualThreads=5000");

        assertThat(run.exitCode).isEqualTo(ExitCodes.BREACH);
        assertThat(run.named(EventNames.BREACH).get(0).getString("budget")).isEqualTo("maxVirtualThreads");
        List<RecordedEvent> starts = run.named(EventNames.VIRTUAL_THREAD_START);
        assertThat(starts).hasSizeGreaterThanOrEqualTo(1000);
        RecordedEvent first = starts.get(0);
        assertThat(first.getThread().getJavaName()).isEqualTo("main");
        assertThat(first.getStackTrace().getFrames()).anyMatch(frame -> frame.getMethod().getType().getName()
                .equals("dev.threadguard.agent.fixtures.Apps"));
        assertThat(run.summary().getString("virtualThreads")).isEqualTo(EventNames.VIRTUAL_INSTRUMENTED);
        assertThat(run.summary().getLong("peakVirtualThreads")).isGreaterThan(5000);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String agentJar() {
        String agent = System.getProperty("threadguard.agent.jar");
        assertThat(agent).as("threadguard.agent.jar").isNotNull();
        return agent;
    }

    /** The started thread's name; JDK 17 also writes a start event without a thread. */
    private static String startedName(RecordedEvent threadStart) {
        return threadStart.getThread("thread") == null ? "" : threadStart.getThread("thread").getJavaName();
    }

    private Run run(String mode, String options) throws IOException, InterruptedException {
        Path recording = directory.resolve(mode + ".jfr");
        Path stdout = directory.resolve(mode + ".out");
        Path stderr = directory.resolve(mode + ".err");
        List<String> command = new ArrayList<>(List.of(java(),
                "-javaagent:" + agentJar() + "=file=" + recording + (options.isEmpty() ? "" : "," + options),
                "-cp", System.getProperty("java.class.path"),
                "dev.threadguard.agent.fixtures.Apps", mode));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(mode + " did not end within 60 s");
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        List<RecordedEvent> events = Files.exists(recording) ? RecordingFile.readAllEvents(recording) : List.of();
        return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8), events, millis);
    }
}
