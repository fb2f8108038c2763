package dev.threadguard.report.runtime;

import dev.threadguard.agent.config.LogFormat;
import dev.threadguard.agent.config.TextPattern;
import dev.threadguard.report.model.RunReport;
import dev.threadguard.report.model.ThreadEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunAnalysisTest {

    @TempDir
    Path directory;

    private static RunAnalysis.Outcome outcome(String mode, Integer exitCode, boolean stopped) {
        return new RunAnalysis.Outcome(mode, exitCode, false, stopped, 1200, stopped ? 300L : null, "17", null, true,
                120, List.of(), List.of());
    }

    private static final Budgets BUDGETS = new Budgets(10L, null, null, 0L);

    @Test
    void aMainRunsLeakedPoolWorkerIsReportedAtThePoolsConstructionLine() throws Exception {
        Recording recording = LogText.header("mode=main")
                .site(1, "com.acme.App.main(App.java:7)")
                .owner(1, "pool", 1, false, -1)
                .count(1, "pool", 3, 3, 1)
                .site(2, "com.acme.App.spawn(App.java:20)")
                .count(2, "thread", 4, 1, 4)
                .sample(10, 3, 5, 6)
                .dump(1, LogFormat.REASON_LEAK)
                .thread(1, 30, "pool-1-thread-1", true, 1, 1, "pool", -1, null)
                .thread(1, 31, "pool-1-thread-2", false, 1, 1, "pool", -1, null)
                .baselineThread(1, 2, "Reference Handler")
                .end(LogFormat.REASON_LEAK, 86, 5, 7, 1)
                .read(directory.resolve("run.tglog"));
        RunReport report = new RunAnalysis(BUDGETS, Allowances.NONE).analyse(recording,
                outcome(RunReport.MODE_MAIN, 86, false));

        assertThat(report.verdict()).isEqualTo("fail");
        assertThat(report.endedBy()).isEqualTo("leak");
        assertThat(report.peakThreads()).isEqualTo(5);
        assertThat(report.threadsStarted()).isEqualTo(7);
        assertThat(report.spawnSites()).extracting(site -> site.frame() + " " + site.ownerKind() + " " + site.started())
                .containsExactly("com.acme.App.spawn(App.java:20) thread 4", "com.acme.App.main(App.java:7) pool 3");
        ThreadEntry leaked = report.leakedThreads().get(0);
        assertThat(report.leakedThreads()).hasSize(1);
        assertThat(leaked.owner().kind()).isEqualTo("pool");
        assertThat(leaked.owner().site()).isEqualTo("com.acme.App.main(App.java:7)");
        assertThat(leaked.createdAt()).isEqualTo("com.acme.App.main(App.java:7)");
        assertThat(report.leakSites()).singleElement().satisfies(site -> {
            assertThat(site.leaked()).isEqualTo(1);
            assertThat(site.fix()).startsWith("shut the pool made at com.acme.App.main(App.java:7) down");
        });
        assertThat(report.failures()).containsExactly("maxLeakedThreads budget breached: 1 > limit 0");
        assertThat(report.threadDump()).extracting(ThreadEntry::name)
                .containsExactly("pool-1-thread-1", "pool-1-thread-2", "Reference Handler");
        assertThat(report.jvmLifetimeThreads()).isEmpty(); // a main run keeps every non-daemon thread a leak
    }

    @Test
    void aPlainThreadShowsTheStackThatStartedItNotTheFirstOneSeenAtItsSite() throws Exception {
        Recording recording = LogText.header("mode=main")
                .site(1, "com.acme.Spawner.spawn(Spawner.java:5)", "com.acme.Spawner.spawn(Spawner.java:5)",
                        "com.acme.First.call(First.java:3)")
                .count(1, "thread", 2, 2, 2)
                .stack(1, "com.acme.Spawner.spawn(Spawner.java:5)", "com.acme.Second.call(Second.java:8)")
                .dump(1, LogFormat.REASON_LEAK)
                .thread(1, 30, "first", true, 1, -1)
                .thread(1, 31, "second", true, 1, 1)
                .end(LogFormat.REASON_LEAK, 86, 2, 2, 2)
                .read(directory.resolve("run.tglog"));
        RunReport report = new RunAnalysis(BUDGETS, Allowances.NONE).analyse(recording,
                outcome(RunReport.MODE_MAIN, 86, false));

        assertThat(report.leakedThreads()).extracting(ThreadEntry::name).containsExactly("first", "second");
        assertThat(report.leakedThreads().get(0).creationStack()).containsExactly(
                "com.acme.Spawner.spawn(Spawner.java:5)", "com.acme.First.call(First.java:3)");
        assertThat(report.leakedThreads().get(1).creationStack()).containsExactly(
                "com.acme.Spawner.spawn(Spawner.java:5)", "com.acme.Second.call(Second.java:8)");
        assertThat(report.leakedThreads().get(1).createdAt()).isEqualTo("com.acme.Spawner.spawn(Spawner.java:5)");
    }

    @Test
    void aServiceLeaksWhatItsLoadLeftBusyButNotItsSingletonsAndAllowanceCountsPerSite() throws Exception {
        Recording recording = LogText.header("mode=service")
                .site(1, "com.acme.Handler.handle(Handler.java:30)")
                .count(1, "thread", 100, 100, 100)
                .site(2, "com.acme.Cache.cleaner(Cache.java:12)")
                .count(2, "thread", 1, 1, 1)
                .site(3, "com.acme.Retry.delayer(Retry.java:5)")
                .count(3, "thread", 3, 3, 3)
                .add(new LogFormat.Line(LogFormat.MARK).add(100).add("ready"))
                .dump(1, LogFormat.REASON_SNAPSHOT)
                .thread(1, 40, "request-1", true, 1, -1, "thread", -1, null)
                .thread(1, 41, "request-2", true, 1, -1, "thread", -1, null)
                .thread(1, 42, "cache-cleaner", true, 2, -1, "thread", -1, null)
                .thread(1, 43, "retry-1", true, 3, -1, "thread", -1, null)
                .thread(1, 44, "retry-2", true, 3, -1, "thread", -1, null)
                .dump(2, LogFormat.REASON_EXIT)
                .end(LogFormat.REASON_EXIT, 100, 104, 0)
                .read(directory.resolve("service.tglog"));
        Allowances allowances = new Allowances(List.of(new Allowances.Allow(TextPattern.compile("com.acme.Retry.*"),
                1)));
        RunReport report = new RunAnalysis(BUDGETS, allowances).analyse(recording,
                outcome(RunReport.MODE_SERVICE, 143, true));

        assertThat(report.endedBy()).isEqualTo("stopped");
        assertThat(report.readyMillis()).isEqualTo(300);
        assertThat(report.leakedThreads()).extracting(ThreadEntry::name)
                .containsExactly("request-1", "request-2", "retry-2");
        assertThat(report.jvmLifetimeThreads()).singleElement().satisfies(thread -> {
            assertThat(thread.name()).isEqualTo("cache-cleaner");
            assertThat(thread.reason()).isEqualTo("the only thread made at com.acme.Cache.cleaner(Cache.java:12) in "
                    + "this JVM: a singleton kept for the JVM's life");
        });
        assertThat(report.allowedThreads()).singleElement().satisfies(thread -> assertThat(thread.reason())
                .isEqualTo("allowed by allowedLeaks com.acme.Retry.* (at most 1 per JVM)"));
        assertThat(report.leakSites()).extracting(site -> site.site() + " " + site.leaked()).containsExactly(
                "com.acme.Handler.handle(Handler.java:30) 2", "com.acme.Retry.delayer(Retry.java:5) 1");
        assertThat(report.failures()).contains("maxLeakedThreads budget breached: 3 > limit 0",
                "maxThreads budget breached: 100 > limit 10");
        assertThat(report.failures()).noneMatch(failure -> failure.contains("exited with code"));
        assertThat(report.timeline().marks()).extracting(mark -> mark.name()).containsExactly("ready");
    }

    @Test
    void aServiceThatKeepsEveryThreadItStartedPerRequestLeaksThemAllTheNewestToo() throws Exception {
        // every thread the site made is alive: in a test JVM the newest pool could be a replaced singleton's, but a
        // service's handler that starts a thread per request has no singleton among them
        Recording recording = LogText.header("mode=service")
                .site(1, "com.acme.Events.subscribe(Events.java:31)")
                .count(1, "thread", 3, 3, 3)
                .site(2, "com.acme.Events.reconnect(Events.java:50)")
                .owner(1, "pool", 2, false, 1)
                .owner(2, "pool", 2, false, 2)
                .count(2, "pool", 2, 2, 2)
                .add(new LogFormat.Line(LogFormat.MARK).add(100).add("ready"))
                .dump(1, LogFormat.REASON_SNAPSHOT)
                .thread(1, 40, "listener", true, 1, -1, "thread", -1, null)
                .thread(1, 41, "listener", true, 1, -1, "thread", -1, null)
                .thread(1, 42, "listener", true, 1, -1, "thread", -1, null)
                .thread(1, 43, "pool-1-thread-1", true, 2, 1, "pool", -1, null)
                .thread(1, 44, "pool-2-thread-1", true, 2, 2, "pool", -1, null)
                .dump(2, LogFormat.REASON_EXIT)
                .end(LogFormat.REASON_EXIT, 5, 5, 0)
                .read(directory.resolve("service.tglog"));

        RunReport report = new RunAnalysis(BUDGETS, Allowances.NONE).analyse(recording,
                outcome(RunReport.MODE_SERVICE, 143, true));

        assertThat(report.jvmLifetimeThreads()).isEmpty();
        assertThat(report.leakSites()).extracting(site -> site.site() + " " + site.leaked()).containsExactly(
                "com.acme.Events.subscribe(Events.java:31) 3", "com.acme.Events.reconnect(Events.java:50) 2");
    }

    @Test
    void withoutARecordingTheRunFailsAndSaysWhy() {
        RunReport report = new RunAnalysis(BUDGETS, Allowances.NONE).analyse(null, new RunAnalysis.Outcome(
                RunReport.MODE_MAIN, 1, false, false, 50, null, "17", null, true, 120,
                List.of("the agent wrote no recording to x"), List.of()));

        assertThat(report.verdict()).isEqualTo("fail");
        assertThat(report.endedBy()).isEqualTo("unknown");
        assertThat(report.failures()).containsExactly("the agent wrote no recording to x");
    }

    @Test
    void theAgentsBreachObservationIsAFloorForThePeak() throws Exception {
        Recording recording = LogText.header("mode=main")
                .add(new LogFormat.Line(LogFormat.BREACH).add(50).add("maxThreads").add(10).add(11).add(true))
                .end(LogFormat.REASON_BREACH, 0, 11, 0)
                .read(directory.resolve("breach.tglog"));
        RunReport report = new RunAnalysis(BUDGETS, Allowances.NONE).analyse(recording,
                outcome(RunReport.MODE_MAIN, 85, false));

        assertThat(report.peakThreads()).isEqualTo(11);
        // the halt came before a sample saw 11: the chart still shows the breach where it happened
        assertThat(report.timeline().platform()).extracting(point -> point.millis() + ":" + point.live())
                .containsExactly("50:11");
        assertThat(report.breaches()).extracting(breach -> breach.budget()).containsExactly("maxThreads");
    }
}
