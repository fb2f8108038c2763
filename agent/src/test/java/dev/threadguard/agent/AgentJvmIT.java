package dev.threadguard.agent;

import dev.threadguard.agent.config.ExitCodes;
import dev.threadguard.agent.config.LogFormat;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the shaded agent jar with the fixture applications in JVMs of their own, and reads what the agent recorded.
 * Assertions are on what was recorded, never on how fast the machine was.
 */
class AgentJvmIT {

    private static final String APPS = "dev.threadguard.fixtures.Apps";

    @TempDir
    Path directory;

    /** A recording, as lists of fields per record type. */
    record Run(int exitCode, String stdout, String stderr, List<List<String>> records) {
        List<List<String>> named(String type) {
            return records.stream().filter(r -> r.get(0).equals(type)).toList();
        }

        List<String> end() {
            List<List<String>> ends = named(LogFormat.END);
            assertThat(ends).as("END records").hasSize(1);
            return ends.get(0);
        }

        /** The site record whose frame starts with this text. */
        List<String> site(String framePrefix) {
            return named(LogFormat.SITE).stream().filter(r -> r.get(3).startsWith(framePrefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no site " + framePrefix + " in " + named(LogFormat.SITE)));
        }

        /** The last counts of a site: ownerKind, started, peak, owners. */
        List<String> counts(List<String> site) {
            List<List<String>> counts = named(LogFormat.COUNT).stream().filter(r -> r.get(1).equals(site.get(1)))
                    .toList();
            assertThat(counts).as("counts of site " + site.get(3)).isNotEmpty();
            return counts.get(counts.size() - 1);
        }

        List<List<String>> dumped(String reason) {
            Map<String, String> reasons = named(LogFormat.DUMP).stream()
                    .collect(Collectors.toMap(r -> r.get(1), r -> r.get(2)));
            return named(LogFormat.THREAD).stream().filter(r -> reason.equals(reasons.get(r.get(1)))).toList();
        }

        List<String> thread(String reason, String name) {
            return dumped(reason).stream().filter(r -> r.get(3).equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + name + " in the " + reason + " dump"));
        }

        String scopeTest(String scopeId) {
            return named(LogFormat.SCOPE).stream().filter(r -> r.get(1).equals(scopeId)).map(r -> r.get(3))
                    .findFirst().orElse(null);
        }
    }

    @Test
    void aNormalRunIsUntouchedAndCountsEveryStartAtItsSite() throws Exception {
        Run run = run("normal", "");

        assertThat(run.exitCode).isZero();
        assertThat(run.stdout).isEqualTo("done normal\n");
        assertThat(run.stderr).isEmpty(); // no agent noise, no CDS warning
        assertThat(run.end().get(2)).isEqualTo(LogFormat.REASON_EXIT);
        assertThat(Long.parseLong(run.end().get(7))).isEqualTo(3); // started
        List<String> site = run.site("dev.threadguard.fixtures.Apps.main(Apps.java:");
        assertThat(site.get(2)).isEqualTo("platform");
        assertThat(run.counts(site)).containsExactly(LogFormat.COUNT, site.get(1), "thread", "3",
                run.counts(site).get(4), "3");
        assertThat(run.named(LogFormat.BASELINE)).hasSize(1);
        assertThat(run.named(LogFormat.HEADER).get(0).get(1)).isEqualTo(String.valueOf(LogFormat.VERSION));
        // the sites were read from exception backtraces (the hook in java.base can), not walked: no note says otherwise
        assertThat(run.named(LogFormat.NOTE)).isEmpty();
    }

    @Test
    void aRunawaySpawnerIsHaltedAtTheStartThatBreaksTheBudget() throws Exception {
        Run run = run("runaway", "maxThreads=200");

        assertThat(run.exitCode).isEqualTo(ExitCodes.BREACH);
        assertThat(run.stderr).contains("[threadguard] maxThreads budget breached: 201 > 200");
        List<String> breach = run.named(LogFormat.BREACH).get(0);
        assertThat(breach.subList(2, 6)).containsExactly("maxThreads", "200", "201", "1");
        long sleepers = run.dumped(LogFormat.REASON_BREACH).stream().filter(r -> r.get(3).startsWith("sleeper-"))
                .count();
        assertThat(sleepers).isGreaterThan(200).isLessThan(1000);
        assertThat(run.end().get(2)).isEqualTo(LogFormat.REASON_BREACH);
        // the sampler samples before it ends the JVM, so the breach is in the timeline however fast it came
        List<List<String>> samples = run.named(LogFormat.SAMPLE);
        assertThat(Long.parseLong(samples.get(samples.size() - 1).get(3))).isGreaterThan(200);
    }

    @Test
    void threadsIgnoredByNameAreNeverCounted() throws Exception {
        Run run = run("ignored-by-name", "maxThreads=50,ignoreThreadName=ignored-*");

        assertThat(run.exitCode).isZero();
        assertThat(run.stdout).contains("done ignored-by-name");
        assertThat(run.named(LogFormat.BREACH)).isEmpty();
        assertThat(run.end().get(13)).isEqualTo("300"); // ignoredStarted
        assertThat(run.end().get(7)).isEqualTo("0"); // started
    }

    @Test
    void threadsIgnoredByCreationFrameAreNeverCounted() throws Exception {
        Run run = run("ignored-by-frame",
                "maxThreads=20,ignoreCreationFrame=dev.threadguard.fixtures.IgnoredLibrary.*");

        assertThat(run.exitCode).isZero();
        assertThat(run.named(LogFormat.BREACH)).isEmpty();
        assertThat(run.end().get(13)).isEqualTo("100");
    }

    @Test
    void aThreadOutlivingMainIsALeakAndEndsTheJvmAfterTheGracePeriod() throws Exception {
        Run run = run("leak", "leakGraceMillis=300");

        assertThat(run.exitCode).isEqualTo(ExitCodes.LEAK);
        assertThat(run.stderr).contains("1 non-daemon thread still keeps the JVM alive (\"leaked-worker\")");
        List<String> leaked = run.thread(LogFormat.REASON_LEAK, "leaked-worker");
        assertThat(leaked.get(6)).isEqualTo("1");
        assertThat(leaked.get(9)).contains("java.lang.Thread.sleep");
        assertThat(run.site("dev.threadguard.fixtures.Apps.main(").get(1)).isEqualTo(leaked.get(10));
        assertThat(run.end().get(12)).isEqualTo("1"); // leaked
        assertThat(run.end().get(4)).isEqualTo("1"); // mainEnded
    }

    @Test
    void aHangIsEndedAtTheTimeoutWithTheMainThreadInTheDump() throws Exception {
        Run run = run("hang", "timeoutSeconds=2");

        assertThat(run.exitCode).isEqualTo(ExitCodes.TIMEOUT);
        List<String> main = run.thread(LogFormat.REASON_TIMEOUT, "main");
        assertThat(main.get(4)).isEqualTo("WAITING");
        assertThat(main.get(9)).contains("java.util.concurrent.CountDownLatch.await(CountDownLatch.java:");
    }

    @Test
    void poolWorkersBelongToThePoolAtTheLineThatBuiltIt() throws Exception {
        Run run = run("pools", "");

        assertThat(run.exitCode).isZero();
        String source = Files.readString(Path.of("src/test/java/dev/threadguard/fixtures/Apps.java"));
        List<String> fixed = run.site("dev.threadguard.fixtures.Apps.pools(Apps.java:" + line(source,
                "// POOL_LINE") + ")");
        assertThat(run.counts(fixed).subList(2, 6)).containsExactly("pool", "3", "3", "1");
        List<String> own = run.site("dev.threadguard.fixtures.Apps.pools(Apps.java:" + line(source,
                "// OWN_POOL_LINE") + ")");
        assertThat(run.counts(own).get(2)).isEqualTo("pool");
        List<String> forkJoin = run.site("dev.threadguard.fixtures.Apps.pools(Apps.java:" + line(source,
                "// FORK_JOIN_LINE") + ")");
        assertThat(run.counts(forkJoin).get(2)).isEqualTo("pool");
        List<String> timer = run.site("dev.threadguard.fixtures.Apps.pools(Apps.java:" + line(source,
                "// TIMER_LINE") + ")");
        assertThat(run.counts(timer).subList(2, 4)).containsExactly("timer", "1");
        List<List<String>> owners = run.named(LogFormat.OWNER);
        assertThat(owners).extracting(r -> r.get(3)).contains("java.util.concurrent.ThreadPoolExecutor",
                "dev.threadguard.fixtures.Apps$OwnPool", "java.util.concurrent.ForkJoinPool");
        // the holder's pool was built in a static initializer, and says so
        List<String> shared = owners.stream().filter(r -> run.named(LogFormat.SITE).stream().anyMatch(
                site -> site.get(1).equals(r.get(4)) && site.get(3).contains("Apps$Holder.<clinit>"))).findFirst()
                .orElseThrow();
        assertThat(shared.get(5)).isEqualTo("1");
        assertThat(run.stderr).isEmpty();
    }

    @Test
    void testModeBlamesEachThreadOnItsTestThroughOwnersAndSubmittedTasks() throws Exception {
        Run run = run("tests", "mode=test,settleMillis=500");

        assertThat(run.exitCode).isZero();
        assertThat(run.stderr).isEmpty();
        List<String> raw = run.thread(LogFormat.REASON_EXIT, "raw-of-a");
        assertThat(raw.get(6)).isEqualTo("1"); // leaked
        assertThat(run.scopeTest(raw.get(13))).isEqualTo("com.acme.T#a");
        assertThat(raw.get(14)).isEqualTo(LogFormat.BY_LISTENER);

        List<String> worker = run.dumped(LogFormat.REASON_EXIT).stream().filter(r -> "pool".equals(r.get(12)))
                .findFirst().orElseThrow();
        assertThat(run.scopeTest(worker.get(13))).isEqualTo("com.acme.T#b");
        assertThat(worker.get(14)).isEqualTo(LogFormat.BY_OWNER);

        List<String> byTask = run.thread(LogFormat.REASON_EXIT, "started-by-task-of-c");
        assertThat(run.scopeTest(byTask.get(13))).isEqualTo("com.acme.T#c");
        assertThat(byTask.get(14)).isEqualTo(LogFormat.BY_TASK);
        assertThat(run.named(LogFormat.SCOPE_END)).hasSize(4);
    }

    @Test
    void testModeRecordsWhichPoolsAndTimersAStaticFieldOfTheirMakerHoldsAndEachOwnersOwnStack() throws Exception {
        Run run = run("static-holders", "mode=test,settleMillis=200");

        assertThat(run.exitCode).isZero();
        assertThat(run.stderr).isEmpty();
        String source = Files.readString(Path.of("src/test/java/dev/threadguard/fixtures/Apps.java"));
        String siteId = run.site("dev.threadguard.fixtures.Apps$Library.use(Apps.java:" + line(source,
                "// EXPIRER_SITE") + ")").get(1);
        List<List<String>> expirers = run.named(LogFormat.OWNER).stream().filter(r -> r.get(4).equals(siteId))
                .toList();
        assertThat(expirers).hasSize(2);
        // the first keeps its site's stack; the replacement, made by another caller, its own
        assertThat(expirers.get(0).get(8)).isEqualTo("-1");
        List<String> ownStack = run.named(LogFormat.STACK).stream().filter(r -> r.get(1).equals(
                expirers.get(1).get(8))).findFirst().orElseThrow();
        assertThat(LogFormat.items(ownStack.get(2))).anyMatch(f -> f.startsWith("dev.threadguard.fixtures.Apps.replacingUse("))
                .noneMatch(f -> f.startsWith("dev.threadguard.fixtures.Apps.firstUse("));
        assertThat(run.site("dev.threadguard.fixtures.Apps$Library.use(").get(4)).contains("Apps.firstUse(");

        Map<String, String> held = run.named(LogFormat.HELD).stream()
                .collect(Collectors.toMap(r -> r.get(1), r -> r.get(2)));
        String library = "dev.threadguard.fixtures.Apps$Library.";
        assertThat(held).containsEntry(expirers.get(1).get(1), library + "expirer")
                .doesNotContainKey(expirers.get(0).get(1)) // orphaned: no field holds it any more
                .containsValues(library + "wrapped", library + "timer", library + "holder") // holder: a field deep
                .hasSize(4); // the local pool is held by no static field
        List<String> timer = run.named(LogFormat.OWNER).stream().filter(r -> r.get(2).equals("timer")).findFirst()
                .orElseThrow();
        assertThat(held.get(timer.get(1))).isEqualTo(library + "timer");
        assertThat(run.thread(LogFormat.REASON_EXIT, "held-timer").get(11)).isEqualTo(timer.get(1));

        // a plain thread started at one line by two objects: the one the static default holds, fields deep
        String defaultId = run.thread(LogFormat.REASON_EXIT, "default-expirer").get(2);
        String ownId = run.thread(LogFormat.REASON_EXIT, "own-expirer").get(2);
        assertThat(run.thread(LogFormat.REASON_EXIT, "own-expirer").get(10))
                .isEqualTo(run.thread(LogFormat.REASON_EXIT, "default-expirer").get(10)); // one site
        Map<String, String> heldThreads = run.named(LogFormat.HELD_THREAD).stream()
                .collect(Collectors.toMap(r -> r.get(1), r -> r.get(2)));
        assertThat(heldThreads).containsExactly(Map.entry(defaultId, "dev.threadguard.fixtures.Apps$Acceptor"
                + ".DEFAULT_RECYCLER")).doesNotContainKey(ownId);
    }

    @Test
    void testModeJudgesLeaksAtSystemExitAfterTheSettleTime() throws Exception {
        Run run = run("test-exit", "testMode=true,settleMillis=1000");

        assertThat(run.exitCode).isZero();
        assertThat(run.stderr).isEmpty();
        List<List<String>> dump = run.dumped(LogFormat.REASON_EXIT);
        assertThat(dump.stream().filter(r -> r.get(6).equals("1")).map(r -> r.get(3)))
                .containsExactlyInAnyOrder("stays", "stays-daemon");
        assertThat(dump).noneMatch(r -> r.get(3).equals("ends-soon"));
        assertThat(run.end().get(12)).isEqualTo("2");
    }

    @Test
    void testModeHaltsARunawaySpawnerAtTheRunawayLimitEvenWithoutFailFast() throws Exception {
        Run run = run("runaway", "testMode=true,failFast=false,maxThreads=50,runawayLimit=300");

        assertThat(run.exitCode).isEqualTo(ExitCodes.BREACH);
        assertThat(run.stderr).contains("[threadguard] runawayLimit budget breached: 301 > 300");
        assertThat(run.named(LogFormat.BREACH)).extracting(r -> r.get(2) + " " + r.get(4) + " " + r.get(5))
                .containsExactly("maxThreads 51 0", "runawayLimit 301 1");
    }

    @Test
    void aServiceIsJudgedOnTheThreadsItsLoadLeftBusyNotOnIdleWorkers() throws Exception {
        Path control = Files.createDirectories(directory.resolve("control"));
        Path recording = directory.resolve("service.tglog");
        Process process = start(List.of("-javaagent:" + agentJar() + "=file=" + recording + ",mode=service,controlDir="
                + control), "service", directory.toString());
        try {
            Path stdout = directory.resolve("process-service.out");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(stdout).contains("ready")) { // as the plugin waits for readiness
                assertThat(System.nanoTime() - deadline).as("the service got ready").isNegative();
                Thread.sleep(20);
            }
            request(control, "1-mark-ready");
            request(control, "2-mark-load-start");
            Files.createFile(directory.resolve("go")); // the load: requests come only now
            Thread.sleep(300); // the load
            request(control, "3-mark-load-end");
            request(control, "4-snapshot-2000");
        } finally {
            process.destroy(); // SIGTERM: shutdown hooks run
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        Run run = read(recording, process.exitValue(), "", "");
        List<List<String>> snapshot = run.dumped(LogFormat.REASON_SNAPSHOT);
        assertThat(snapshot.stream().filter(r -> r.get(6).equals("1")).map(r -> r.get(3)))
                .containsExactlyInAnyOrder("left-behind-0", "left-behind-1", "left-behind-2");
        assertThat(snapshot.stream().filter(r -> "pool".equals(r.get(12)))).isNotEmpty()
                .allMatch(r -> r.get(6).equals("0") && r.get(16).equals("1")); // idle, not leaked
        assertThat(run.named(LogFormat.MARK)).extracting(r -> r.get(2))
                .containsExactlyInAnyOrder("main-returned", "ready", "load-start", "load-end");
        assertThat(Files.exists(control.resolve("main-returned"))).isTrue(); // readiness without a URL or port
        assertThat(run.end().get(2)).isEqualTo(LogFormat.REASON_EXIT);
    }

    @Test
    void aServiceThatDoesNotStopAnswersTheDumpRequestAfterItsShutdownBegan() throws Exception {
        Path control = Files.createDirectories(directory.resolve("control"));
        Path recording = directory.resolve("stuck.tglog");
        Process process = start(List.of("-javaagent:" + agentJar() + "=file=" + recording + ",mode=service,controlDir="
                + control), "stuck-shutdown");
        try {
            Path stdout = directory.resolve("process-stuck-shutdown.out");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(stdout).contains("ready")) {
                assertThat(System.nanoTime() - deadline).as("the service got ready").isNegative();
                Thread.sleep(20);
            }
            process.toHandle().destroy(); // SIGTERM: the agent's exit hook writes the end, the service's hook hangs
            while (!Files.readString(recording).contains("\n" + LogFormat.END + "\t")) {
                assertThat(System.nanoTime() - deadline).as("the agent wrote the end").isNegative();
                Thread.sleep(20);
            }
            request(control, "1-dump");
        } finally {
            process.destroyForcibly().waitFor();
        }
        Run run = read(recording, process.exitValue(), "", "");
        List<String> hook = run.thread(LogFormat.REASON_STOP_TIMEOUT, "ledger-flush");
        assertThat(hook.get(9)).contains("dev.threadguard.fixtures.Apps.lambda$stuckShutdown$");
        String fixture = Files.readString(Path.of("src/test/java/dev/threadguard/fixtures/Apps.java"));
        assertThat(hook.get(9)).contains("(Apps.java:" + line(fixture, "HOOK_JOIN_LINE") + ")");
        assertThat(hook.get(8)).as("the lock the hook waits on").startsWith("java.lang.Thread@")
                .endsWith(" (the thread \"ledger-writer\")");
        assertThat(run.thread(LogFormat.REASON_STOP_TIMEOUT, "ledger-writer")).isNotNull();
    }

    @Test
    void aForkedApplicationDoesNotOutliveTheProcessThatStartedIt() throws Exception {
        Process parent = new ProcessBuilder("sleep", "1").start();
        Path recording = directory.resolve("orphan.tglog");
        Process process = start(List.of("-javaagent:" + agentJar() + "=file=" + recording + ",parentPid="
                + parent.pid()), "hang");
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Run run = read(recording, process.exitValue(), "", "");
        assertThat(run.exitCode).isEqualTo(ExitCodes.ORPHANED);
        assertThat(run.end().get(2)).isEqualTo(LogFormat.REASON_ORPHANED);
    }

    @Test
    void aJvmKilledMidRunLeavesEveryRecordFlushedBeforeTheKill() throws Exception {
        Path recording = directory.resolve("killed.tglog");
        Process process = start(List.of("-javaagent:" + agentJar() + "=file=" + recording), "hang");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // the agent flushes about once a second: wait for the sampler's first flush, then kill without warning
        while (!Files.exists(recording) || !Files.readString(recording).contains(LogFormat.SAMPLE)) {
            assertThat(System.nanoTime() - deadline).as("a flushed sample").isNegative();
            Thread.sleep(50);
        }
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        String text = Files.readString(recording);
        List<String> lines = List.of(text.split("\n"));
        assertThat(lines.get(0)).startsWith(LogFormat.HEADER + "\t");
        assertThat(lines).anyMatch(line -> line.startsWith(LogFormat.BASELINE + "\t"));
        assertThat(lines).noneMatch(line -> line.startsWith(LogFormat.END + "\t")); // no summary: killed
        // whatever was written is whole records, each readable
        for (String line : text.endsWith("\n") ? lines : lines.subList(0, lines.size() - 1)) {
            assertThat(LogFormat.fields(line).get(0)).isIn(LogFormat.HEADER, LogFormat.BASELINE, LogFormat.SAMPLE,
                    LogFormat.SITE, LogFormat.COUNT, LogFormat.MARK, LogFormat.NOTE);
        }
    }

    @Test
    void shortThreadsAreCountedExactly() throws Exception {
        Run run = run("churn", "");

        assertThat(run.exitCode).isZero();
        assertThat(run.end().get(7)).isEqualTo("2000"); // started
        assertThat(run.end().get(6)).isEqualTo("0"); // live at the end
        assertThat(Long.parseLong(run.end().get(5))).isBetween(1L, 8L); // peak: four at a time, a few still ending
    }

    @Test
    void percentPInTheFileNameGivesEachJvmItsOwnRecording() throws Exception {
        Path pattern = directory.resolve("each-%p.tglog");
        Process first = start(List.of("-javaagent:" + agentJar() + "=file=" + pattern), "normal");
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(directory.resolve("each-" + first.pid() + ".tglog"))).isTrue();
    }

    @Test
    void aLaterJvmTakesTheTransformedClassesFromTheCacheWithoutLoadingAsm() throws Exception {
        Path pattern = directory.resolve("cached-%p.tglog");
        // the agent's classes from its jar alone, as in a user's JVM (here the class path has them unshaded too)
        String testClasses = Path.of(Class.forName(APPS).getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<Run> runs = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            Process process = new ProcessBuilder(java(),
                    "-Xlog:class+load:file=" + directory.resolve("classes-" + i + ".txt"),
                    "-javaagent:" + agentJar() + "=file=" + pattern, "-cp", testClasses, APPS, "normal")
                    .redirectOutput(directory.resolve("cached-" + i + ".out").toFile())
                    .redirectError(directory.resolve("cached-" + i + ".err").toFile()).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            runs.add(read(directory.resolve("cached-" + process.pid() + ".tglog"), process.exitValue(), "", ""));
        }

        assertThat(Files.readString(directory.resolve("classes-1.txt"))).contains("shaded.asm.ClassReader");
        assertThat(Files.readString(directory.resolve("classes-2.txt"))).doesNotContain("shaded.asm")
                .contains("java.lang.Thread source: __VM_RedefineClasses__");
        try (var cached = Files.walk(directory.resolve(dev.threadguard.agent.instrument.TransformCache.DIRECTORY))) {
            assertThat(cached.map(file -> file.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("java.lang.Thread-plain-") && name.endsWith(".class.bin"));
        }
        for (Run run : runs) { // and the cached Thread counts as the transformed one did
            assertThat(run.exitCode).isZero();
            assertThat(run.end().get(7)).isEqualTo("3");
            assertThat(run.counts(run.site("dev.threadguard.fixtures.Apps.main(Apps.java:")).get(3)).isEqualTo("3");
        }
    }

    @Test
    void badOptionsLeaveTheApplicationRunningUnguarded() throws Exception {
        Run run = run("normal", "maxThreads=-5");

        assertThat(run.exitCode).isZero();
        assertThat(run.stdout).isEqualTo("done normal\n");
        assertThat(run.stderr).startsWith("[threadguard] warning: bad agent options (maxThreads must be 0 or more");
    }

    @Test
    void withRecordingJfrAJfrRecordingIsWrittenToo() throws Exception {
        Run run = run("normal", "recording=jfr");

        assertThat(run.exitCode).isZero();
        assertThat(Files.size(directory.resolve("normal.jfr"))).isPositive();
        assertThat(run.end().get(2)).isEqualTo(LogFormat.REASON_EXIT);
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void aVirtualThreadFloodIsHaltedAndItsCreationSiteRecorded() throws Exception {
        Run run = run("virtual", "maxVirtualThreads=5000");

        assertThat(run.exitCode).isEqualTo(ExitCodes.BREACH);
        assertThat(run.named(LogFormat.BREACH).get(0).get(2)).isEqualTo("maxVirtualThreads");
        List<String> site = run.named(LogFormat.SITE).stream().filter(r -> r.get(2).equals("virtual")).findFirst()
                .orElseThrow();
        assertThat(site.get(3)).startsWith("dev.threadguard.fixtures.Apps.main(");
        assertThat(Long.parseLong(run.counts(site).get(3))).isGreaterThanOrEqualTo(1000);
        assertThat(run.end().get(8)).isEqualTo(LogFormat.VIRTUAL_INSTRUMENTED);
        assertThat(Long.parseLong(run.end().get(9))).isGreaterThan(5000);
    }

    private static int line(String source, String marker) {
        String[] lines = source.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(marker + " not in the fixture");
    }

    /** Drops a request into the control directory and waits for the agent's answer. */
    private static void request(Path control, String name) throws Exception {
        Path temporary = control.resolve(name + ".tmp");
        Files.createFile(temporary);
        Files.move(temporary, control.resolve(name + ".req"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(control.resolve(name + ".done"))) {
            assertThat(System.nanoTime() - deadline).as("answer to " + name).isNegative();
            Thread.sleep(20);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String agentJar() {
        String agent = System.getProperty("threadguard.agent.jar");
        assertThat(agent).as("threadguard.agent.jar").isNotNull();
        return agent;
    }

    private Process start(List<String> jvmOptions, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), APPS));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectOutput(directory.resolve("process-" + arguments[0] + ".out").toFile())
                .redirectError(directory.resolve("process-" + arguments[0] + ".err").toFile()).start();
    }

    private Run run(String mode, String options) throws IOException, InterruptedException {
        Path recording = directory.resolve(mode + ".tglog");
        Path stdout = directory.resolve(mode + ".out");
        Path stderr = directory.resolve(mode + ".err");
        List<String> command = List.of(java(),
                "-javaagent:" + agentJar() + "=file=" + recording + (options.isEmpty() ? "" : "," + options),
                "-cp", System.getProperty("java.class.path"), APPS, mode);
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(mode + " did not end within 60 s");
        }
        return read(recording, process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private static Run read(Path recording, int exitCode, String stdout, String stderr) throws IOException {
        List<List<String>> records = new ArrayList<>();
        if (Files.exists(recording)) {
            for (String line : Files.readAllLines(recording, StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    records.add(LogFormat.fields(line));
                }
            }
        }
        return new Run(exitCode, stdout, stderr, records);
    }
}
