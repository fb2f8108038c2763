package dev.threadguard.report.runtime;

import dev.threadguard.agent.AgentOptions;
import dev.threadguard.agent.events.EventNames;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The suite's report from synthetic recordings: leaks per scope, the framework's threads, several JVMs. */
class TestSuiteAnalysisTest {

    private static final long MAIN = 1;
    private static final Budgets LEAKS_ONLY = new Budgets(null, null, null, 0L);

    /** A test JVM's recording built event by event, times in milliseconds. */
    private static final class Fork {
        final List<RunRecording.StartedThread> threads = new ArrayList<>();
        final List<RunRecording.DumpedThread> dump = new ArrayList<>();
        final List<RunRecording.TestEvent> tests = new ArrayList<>();
        final List<RunRecording.ThreadStarting> starts = new ArrayList<>();
        long sequence;

        Fork test(long at, String id, String name, long until) {
            tests.add(new RunRecording.TestEvent(t(at), ++sequence, MAIN, true, id, name, !name.contains("#")));
            tests.add(new RunRecording.TestEvent(t(until), ++sequence, MAIN, false, id, name, false));
            return this;
        }

        Fork thread(long id, String name, long starter, long at, Long endedAt, boolean framework, String site) {
            starts.add(new RunRecording.ThreadStarting(t(at), ++sequence, starter, id, name, framework, null));
            threads.add(new RunRecording.StartedThread(id, name, null, t(at), endedAt == null ? null : t(endedAt),
                    List.of(site)));
            return this;
        }

        Fork aliveAtExit(long id, String name, boolean leaked) {
            dump.add(new RunRecording.DumpedThread(EventNames.REASON_EXIT, id, name, "WAITING", false, leaked, false,
                    null, List.of("java.lang.Object.wait(Object.java)")));
            return this;
        }

        RunRecording recording(String file, long endsAt) {
            tests.sort(java.util.Comparator.comparing(RunRecording.TestEvent::time)
                    .thenComparingLong(RunRecording.TestEvent::sequence));
            starts.sort(java.util.Comparator.comparing(RunRecording.ThreadStarting::time)
                    .thenComparingLong(RunRecording.ThreadStarting::sequence));
            RunRecording.Baseline baseline = new RunRecording.Baseline(5, List.of("main"), List.of(MAIN), MAIN, "17",
                    EventNames.VIRTUAL_UNSUPPORTED, new AgentOptions().testMode(true).settleMillis(100).format());
            RunRecording.Summary summary = new RunRecording.Summary(EventNames.REASON_EXIT, -1, false, 0, 0,
                    EventNames.VIRTUAL_UNSUPPORTED, -1, -1, 0);
            return new RunRecording(Path.of(file), baseline, threads, List.of(), Map.of(), List.of(), List.of(),
                    List.of(), dump, List.of(), summary, false, t(0), t(endsAt), tests, starts);
        }
    }

    private static Instant t(long millis) {
        return Instant.ofEpochMilli(1_000_000 + millis);
    }

    private static RunReport analyse(LeakScope scope, RunRecording... recordings) {
        return new TestSuiteAnalysis(new TestSuiteAnalysis.Request(LEAKS_ONLY, Ignores.NONE, scope))
                .analyse(List.of(recordings), List.of());
    }

    @Test
    void aThreadAliveAtExitIsBlamedOnItsTestAndTheFrameworksThreadsAreNotCounted() {
        RunRecording fork = new Fork()
                .thread(50, "surefire-forkedjvm-ping-30s", MAIN, 1, null, true, "org.apache.maven.surefire.X.y(X.java:1)")
                .test(10, "a", "com.acme.ATest#leaks", 20)
                .thread(100, "pool-1-thread-1", MAIN, 15, null, false, "com.acme.ATest.leaks(ATest.java:9)")
                .test(30, "b", "com.acme.ATest#clean", 40)
                .thread(101, "joined", MAIN, 35, 36L, false, "com.acme.ATest.clean(ATest.java:14)")
                .aliveAtExit(100, "pool-1-thread-1", true)
                .aliveAtExit(50, "surefire-forkedjvm-ping-30s", false)
                .recording("test-1.jfr", 100);

        RunReport report = analyse(LeakScope.JVM, fork);

        assertThat(report.passed()).isFalse();
        assertThat(report.measurements().leakedThreads()).singleElement().satisfies(leak -> {
            assertThat(leak.name()).isEqualTo("pool-1-thread-1");
            assertThat(leak.test()).isEqualTo("com.acme.ATest#leaks");
            assertThat(leak.attribution()).isEqualTo("test-listener");
            assertThat(leak.createdAt()).isEqualTo("com.acme.ATest.leaks(ATest.java:9)");
        });
        assertThat(report.measurements().threadsStarted()).isEqualTo(2);
        assertThat(report.measurements().threadDump()).extracting(RunMeasurements.ThreadEntry::name)
                .containsExactly("pool-1-thread-1");
        assertThat(report.breaches()).containsExactly(new BudgetCheck.Breach("maxLeakedThreads", 0, 1));
    }

    @Test
    void theJvmsSharedThreadsAndThreadsOfNoTestAreNotLeaks() {
        RunRecording fork = new Fork()
                .test(10, "a", "com.acme.ATest#parallel", 20)
                .thread(100, "ForkJoinPool.commonPool-worker-1", MAIN, 15, null, false, "java.util.X.y(X.java:1)")
                .thread(101, "static-init", MAIN, 5, null, false, "com.acme.Lib.<clinit>(Lib.java:3)")
                .aliveAtExit(100, "ForkJoinPool.commonPool-worker-1", true)
                .aliveAtExit(101, "static-init", true)
                .recording("test-1.jfr", 100);

        RunReport report = analyse(LeakScope.JVM, fork);

        assertThat(report.passed()).isTrue();
        assertThat(report.measurements().notes()).anyMatch(note -> note.startsWith("2 threads still alive"));
    }

    @Test
    void leakScopeTestCountsThreadsThatOutliveTheirTestByMoreThanTheSettleTime() {
        RunRecording fork = new Fork()
                .test(10, "a", "com.acme.ATest#outlives", 20)
                .thread(100, "outlives", MAIN, 15, 500L, false, "com.acme.ATest.outlives(ATest.java:9)")
                .test(30, "b", "com.acme.ATest#settles", 40)
                .thread(101, "settles", MAIN, 35, 120L, false, "com.acme.ATest.settles(ATest.java:14)")
                .test(50, "c", "com.acme.ATest#joins", 60)
                .thread(102, "joins", MAIN, 55, 58L, false, "com.acme.ATest.joins(ATest.java:19)")
                .recording("test-1.jfr", 1000);

        assertThat(analyse(LeakScope.JVM, fork).passed()).as("nothing alive at exit").isTrue();
        RunReport report = analyse(LeakScope.TEST, fork);

        assertThat(report.measurements().leakedThreads()).singleElement().satisfies(leak -> {
            assertThat(leak.name()).isEqualTo("outlives");
            assertThat(leak.state()).isEqualTo("TERMINATED");
            assertThat(leak.test()).isEqualTo("com.acme.ATest#outlives");
        });
    }

    @Test
    void leakScopeTestAlsoCountsThreadsAliveAtExitOnce() {
        RunRecording fork = new Fork()
                .test(10, "a", "com.acme.ATest#leaks", 20)
                .thread(100, "forever", MAIN, 15, null, false, "com.acme.ATest.leaks(ATest.java:9)")
                .aliveAtExit(100, "forever", true)
                .recording("test-1.jfr", 1000);

        assertThat(analyse(LeakScope.TEST, fork).measurements().leakedThreads()).hasSize(1);
    }

    @Test
    void severalJvmsArePeakedSeparatelyAndAddedUp() {
        RunRecording first = new Fork()
                .test(10, "a", "com.acme.ATest#a", 50)
                .thread(100, "a1", MAIN, 11, 40L, false, "com.acme.ATest.a(ATest.java:9)")
                .thread(101, "a2", MAIN, 12, 40L, false, "com.acme.ATest.a(ATest.java:9)")
                .thread(102, "a-leak", MAIN, 13, null, false, "com.acme.ATest.a(ATest.java:10)")
                .aliveAtExit(102, "a-leak", true)
                .recording("test-1.jfr", 100);
        RunRecording second = new Fork()
                .test(10, "b", "com.acme.BTest#b", 50)
                .thread(100, "b1", MAIN, 11, 40L, false, "com.acme.BTest.b(BTest.java:9)")
                .thread(101, "b-leak", MAIN, 13, null, false, "com.acme.BTest.b(BTest.java:10)")
                .aliveAtExit(101, "b-leak", true)
                .recording("test-2.jfr", 100);

        RunReport report = analyse(LeakScope.JVM, first, second);

        assertThat(report.measurements().peakThreads()).isEqualTo(3);
        assertThat(report.measurements().threadsStarted()).isEqualTo(5);
        assertThat(report.measurements().leakedThreads()).extracting(RunMeasurements.ThreadEntry::test)
                .containsExactly("com.acme.ATest#a", "com.acme.BTest#b");
        assertThat(report.recordings()).containsExactly("test-1.jfr", "test-2.jfr");
        assertThat(report.measurements().spawnSites().get(0).frame()).isEqualTo("com.acme.ATest.a(ATest.java:9)");
        assertThat(report.measurements().spawnSites().get(0).started()).isEqualTo(2);
    }
}
