package dev.threadguard.report.runtime;

import dev.threadguard.agent.api.TestEvents;
import dev.threadguard.agent.config.LogFormat;
import dev.threadguard.agent.config.TextPattern;
import dev.threadguard.report.model.LeakSite;
import dev.threadguard.report.model.RunReport;
import dev.threadguard.report.model.ThreadEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TestSuiteAnalysisTest {

    @TempDir
    Path directory;

    private static final Budgets BUDGETS = new Budgets(null, null, null, 0L);

    private static TestSuiteAnalysis analysis(LeakScope scope, Allowances allowances) {
        return new TestSuiteAnalysis(new TestSuiteAnalysis.Request(BUDGETS, scope, allowances,
                type -> type.contains("Test"))); // the test sources of these tests: com.acme.*Test*
    }

    @Test
    void singletonsAndStaticInitializersAreKeptForTheJvmsLifeNotLeaks() throws Exception {
        Recording recording = LogText.header("mode=test,settleMillis=1000")
                .scope(1, "com.acme.ClientTest#a", false, 10, 20, TestEvents.JUNIT_PLATFORM)
                .scope(2, "com.acme.ClientTest#b", false, 30, 40, TestEvents.JUNIT_PLATFORM)
                // a library's timer made in a static initializer
                .site(1, "org.lib.Timers.<clinit>(Timers.java:3)", "java.util.Timer.<init>(Timer.java:1)",
                        "org.lib.Timers.<clinit>(Timers.java:3)")
                .count(1, "timer", 1, 1, 1)
                // a lazily made static scheduler of the library: one pool from that site in this JVM
                .site(2, "org.lib.Retry.delayer(Retry.java:9)")
                .owner(1, "pool", 2, false, 1)
                .count(2, "pool", 1, 1, 1)
                // the test's own helper makes one pool: the tests' singleton, still a leak
                .site(3, "com.acme.ClientTest.pool(ClientTest.java:50)")
                .owner(2, "pool", 3, false, 2)
                .count(3, "pool", 1, 1, 1)
                // the application makes a pool per client; tests made two and leaked one
                .site(4, "com.acme.Client.<init>(Client.java:22)")
                .owner(3, "pool", 4, false, 1)
                .owner(4, "pool", 4, false, 2)
                .count(4, "pool", 2, 1, 2)
                .dump(1, LogFormat.REASON_EXIT)
                .thread(1, 50, "lib-timer", true, 1, -1, "timer", 1, LogFormat.BY_LISTENER)
                .thread(1, 51, "lib-retry", true, 2, 1, "pool", 1, LogFormat.BY_OWNER)
                .thread(1, 52, "test-pool", true, 3, 2, "pool", 2, LogFormat.BY_OWNER)
                .thread(1, 53, "client-pool", true, 4, 4, "pool", 2, LogFormat.BY_OWNER)
                .thread(1, 54, "ForkJoinPool.commonPool-worker-1", true, 5, -1, "pool", 1, LogFormat.BY_LISTENER)
                .end(LogFormat.REASON_EXIT, 4, 4, 5)
                .read(directory.resolve("test-1.tglog"));

        RunReport report = analysis(LeakScope.JVM, Allowances.NONE).analyse(List.of(recording), List.of());

        assertThat(report.mode()).isEqualTo(RunReport.MODE_TEST);
        assertThat(report.leakedThreads()).extracting(ThreadEntry::name).containsExactly("client-pool", "test-pool");
        assertThat(report.jvmLifetimeThreads()).extracting(thread -> thread.name() + ": " + thread.reason())
                .containsExactly("lib-timer: its timer was made in a static initializer, once for the JVM's life",
                        "lib-retry: the only pool made at org.lib.Retry.delayer(Retry.java:9) in this JVM: a singleton "
                                + "kept for the JVM's life",
                        "ForkJoinPool.commonPool-worker-1: a thread the whole JVM shares");
        assertThat(report.leakSites()).extracting(LeakSite::site).containsExactly(
                "com.acme.Client.<init>(Client.java:22)", "com.acme.ClientTest.pool(ClientTest.java:50)");
        assertThat(report.leakSites().get(0).fix()).isEqualTo("shut the pool made at com.acme.Client.<init>"
                + "(Client.java:22) down (shutdown(), then awaitTermination) in @AfterEach (or @AfterAll for one shared "
                + "by the class), or in a finally block of the test");
        assertThat(report.failures()).containsExactly("maxLeakedThreads budget breached: 2 > limit 0");
    }

    @Test
    void oneStaticLeakInManyForksIsOneSiteWithItsCountsNotAnEntryPerFork() throws Exception {
        List<Recording> forks = new ArrayList<>();
        for (int fork = 0; fork < 27; fork++) {
            forks.add(LogText.header("mode=test")
                    .scope(1, "com.acme.Test" + fork + "#run", false, 10, 20, TestEvents.JUNIT4)
                    .site(1, "com.acme.TestHelper.executor(TestHelper.java:14)")
                    .owner(1, "pool", 1, false, 1)
                    .count(1, "pool", 1, 1, 1)
                    .dump(1, LogFormat.REASON_EXIT)
                    .thread(1, 60, "helper-pool", true, 1, 1, "pool", 1, LogFormat.BY_OWNER)
                    .end(LogFormat.REASON_EXIT, 1, 1, 1)
                    .read(directory.resolve("test-" + fork + ".tglog")));
        }

        RunReport report = analysis(LeakScope.JVM, Allowances.NONE).analyse(forks, List.of());

        assertThat(report.leakedThreads()).hasSize(27);
        assertThat(report.leakSites()).singleElement().satisfies(site -> {
            assertThat(site.site()).isEqualTo("com.acme.TestHelper.executor(TestHelper.java:14)");
            assertThat(site.leaked()).isEqualTo(27);
            assertThat(site.jvms()).isEqualTo(27);
            assertThat(site.tests()).hasSize(27).startsWith("com.acme.Test0#run", "com.acme.Test1#run");
            assertThat(site.fix()).contains("@After (or @AfterClass for one shared by the class)");
        });
        assertThat(report.spawnSites()).singleElement().satisfies(site -> assertThat(site.started()).isEqualTo(27));
    }

    @Test
    void anAllowanceTakesItsCountPerJvmAndEveryLeakBeyondIsReported() throws Exception {
        Recording recording = LogText.header("mode=test")
                .scope(1, "com.acme.RetryTest#a", false, 10, 20, TestEvents.TESTNG)
                .site(1, "com.acme.Retry.delayer(Retry.java:5)")
                .count(1, "thread", 3, 3, 3)
                .dump(1, LogFormat.REASON_EXIT)
                // the JVM's dump lists threads in no particular order; the allowance takes the first started
                .thread(1, 71, "delayer-2", true, 1, -1, "thread", 1, LogFormat.BY_LISTENER)
                .thread(1, 70, "delayer-1", true, 1, -1, "thread", 1, LogFormat.BY_LISTENER)
                .end(LogFormat.REASON_EXIT, 2, 2, 2)
                .read(directory.resolve("test-1.tglog"));
        Allowances allowances = new Allowances(List.of(new Allowances.Allow(
                TextPattern.compile("com.acme.Retry.delayer"), 1)));

        RunReport report = analysis(LeakScope.JVM, allowances).analyse(List.of(recording), List.of());

        assertThat(report.allowedThreads()).extracting(ThreadEntry::name).containsExactly("delayer-1");
        assertThat(report.leakedThreads()).extracting(ThreadEntry::name).containsExactly("delayer-2");
        assertThat(report.leakSites().get(0).fix()).contains("@AfterMethod (or @AfterClass");
    }

    @Test
    void testAndClassScopesJudgeThreadsThatEndedLate() throws Exception {
        Recording recording = LogText.header("mode=test,settleMillis=100")
                .scope(1, "com.acme.T", true, 0, 1000, TestEvents.JUNIT_PLATFORM)
                .scope(2, "com.acme.T#a", false, 10, 100, TestEvents.JUNIT_PLATFORM)
                .scope(3, "com.acme.T#b", false, 200, 300, TestEvents.JUNIT_PLATFORM)
                .site(1, "com.acme.T.a(T.java:10)")
                .count(1, "thread", 2, 1, 2)
                .ended(80, "ends-after-its-test", 1, 2, 20, 500) // after a's end + settle, before the class ends
                .ended(81, "ends-in-time", 1, 3, 210, 350) // within b's settle time
                .dump(1, LogFormat.REASON_EXIT)
                .end(LogFormat.REASON_EXIT, 1, 2, 0)
                .read(directory.resolve("test-1.tglog"));

        assertThat(analysis(LeakScope.JVM, Allowances.NONE).analyse(List.of(recording), List.of()).leakedThreads())
                .isEmpty();
        assertThat(analysis(LeakScope.CLASS, Allowances.NONE).analyse(List.of(recording), List.of()).leakedThreads())
                .isEmpty();
        RunReport byTest = analysis(LeakScope.TEST, Allowances.NONE).analyse(List.of(recording), List.of());
        assertThat(byTest.leakedThreads()).singleElement().satisfies(thread -> {
            assertThat(thread.name()).isEqualTo("ends-after-its-test");
            assertThat(thread.state()).isEqualTo("TERMINATED");
            assertThat(thread.test()).isEqualTo("com.acme.T#a");
        });
    }

    @Test
    void testNgConfigurationMethodsAreTheirClassSoAPoolClosedInAfterClassIsNoLeak() throws Exception {
        // TestNG reports @BeforeClass and @AfterClass as containers of their own, not one container for the class
        Recording recording = LogText.header("mode=test,settleMillis=100")
                .scope(1, "com.acme.PoolTest", true, 0, 10, TestEvents.TESTNG) // @BeforeClass makes the pool
                .scope(2, "com.acme.PoolTest#a", false, 20, 100, TestEvents.TESTNG)
                .scope(3, "com.acme.PoolTest#b", false, 110, 200, TestEvents.TESTNG)
                .scope(4, "com.acme.PoolTest", true, 300, 2000, TestEvents.TESTNG) // @AfterClass shuts it down
                .site(1, "com.acme.PoolTest.makePool(PoolTest.java:5)")
                .owner(1, "pool", 1, false, 1)
                .count(1, "pool", 1, 1, 1)
                .site(2, "com.acme.PoolTest.a(PoolTest.java:10)")
                .count(2, "thread", 1, 1, 1)
                .ended(80, "pool-1-thread-1", 1, 1, 20, 1990) // the pool's worker, the class's
                .ended(81, "outlives-a", 2, 2, 30, 1500) // after a, before @AfterClass ends
                .dump(1, LogFormat.REASON_EXIT)
                .end(LogFormat.REASON_EXIT, 2, 2, 0)
                .read(directory.resolve("test-1.tglog"));

        assertThat(analysis(LeakScope.CLASS, Allowances.NONE).analyse(List.of(recording), List.of()).leakedThreads())
                .isEmpty();
        RunReport byTest = analysis(LeakScope.TEST, Allowances.NONE).analyse(List.of(recording), List.of());
        assertThat(byTest.leakedThreads()).extracting(thread -> thread.name() + " " + thread.test())
                .containsExactly("outlives-a com.acme.PoolTest#a");
    }

    @Test
    void aThreadKeptForTheJvmsLifeThatEndsOnItsOwnIsNoLeakUnderTestOrClassScope() throws Exception {
        // idle workers of a library's pools time out (a ForkJoinPool's after a minute): ending late is not leaking
        Recording recording = LogText.header("mode=test,settleMillis=100")
                .scope(1, "com.acme.T", true, 0, 5000, TestEvents.JUNIT_PLATFORM)
                .scope(2, "com.acme.T#a", false, 10, 100, TestEvents.JUNIT_PLATFORM)
                .site(1, "org.lib.Work.<clinit>(Work.java:7)", "java.util.concurrent.ForkJoinPool.<init>(ForkJoinPool.java:1)",
                        "org.lib.Work.<clinit>(Work.java:7)", "com.acme.T.a(T.java:10)")
                .owner(1, "pool", 1, true, 2)
                .count(1, "pool", 1, 1, 1)
                .site(2, "org.lib.Delays.scheduler(Delays.java:12)")
                .owner(2, "pool", 2, false, 2)
                .count(2, "pool", 1, 1, 1)
                .site(3, "com.acme.T.a(T.java:11)")
                .count(3, "thread", 1, 1, 1)
                .ended(80, "ForkJoinPool-1-worker-1", 1, 1, 2, 20, 6000) // its static pool's worker timed out
                .ended(81, "pool-2-thread-1", 2, 2, 2, 20, 6000) // the only pool of a lazy singleton's site
                .ended(82, "ForkJoinPool.commonPool-worker-1", 3, 2, 20, 6000)
                .dump(1, LogFormat.REASON_EXIT)
                .end(LogFormat.REASON_EXIT, 3, 3, 0)
                .read(directory.resolve("test-1.tglog"));

        assertThat(analysis(LeakScope.TEST, Allowances.NONE).analyse(List.of(recording), List.of()).leakedThreads())
                .isEmpty();
        assertThat(analysis(LeakScope.CLASS, Allowances.NONE).analyse(List.of(recording), List.of()).leakedThreads())
                .isEmpty();
    }

    @Test
    void rawThreadsOfASiteThatMadeSeveralAreNoSingletonEvenInATestJvm() throws Exception {
        Recording recording = LogText.header("mode=test")
                .scope(1, "com.acme.EventsTest#subscribes", false, 10, 20, TestEvents.JUNIT_PLATFORM)
                .site(1, "com.acme.Events.subscribe(Events.java:31)")
                .count(1, "thread", 2, 2, 2)
                .dump(1, LogFormat.REASON_EXIT)
                .thread(1, 50, "listener", true, 1, -1, "thread", 1, LogFormat.BY_LISTENER)
                .thread(1, 51, "listener", true, 1, -1, "thread", 1, LogFormat.BY_LISTENER)
                .end(LogFormat.REASON_EXIT, 2, 2, 2)
                .read(directory.resolve("test-1.tglog"));

        RunReport report = analysis(LeakScope.JVM, Allowances.NONE).analyse(List.of(recording), List.of());

        assertThat(report.jvmLifetimeThreads()).isEmpty();
        assertThat(report.leakedThreads()).hasSize(2);
    }

    @Test
    void aLineThatMadeASecondPoolInTheJvmIsNoSingletonEvenIfATestReplacedALibrarysOne() throws Exception {
        Recording recording = LogText.header("mode=test")
                .scope(1, "com.acme.MapTest#a", false, 10, 20, TestEvents.TESTNG)
                .scope(2, "com.acme.MapTest#replacesTheFactory", false, 30, 40, TestEvents.TESTNG)
                .site(1, "org.lib.Maps.expirer(Maps.java:116)")
                .owner(1, "pool", 1, false, 1)
                .owner(2, "pool", 1, false, 2)
                .count(1, "pool", 2, 1, 2)
                .dump(1, LogFormat.REASON_EXIT)
                .thread(1, 50, "expirer-1", true, 1, 1, "pool", 1, LogFormat.BY_OWNER)
                .thread(1, 51, "expirer-2", true, 1, 2, "pool", 2, LogFormat.BY_OWNER)
                .end(LogFormat.REASON_EXIT, 2, 2, 2)
                .read(directory.resolve("test-1.tglog"));

        RunReport report = analysis(LeakScope.JVM, Allowances.NONE).analyse(List.of(recording), List.of());

        // without the agent's sign that a static field holds one (recordings before it, or a pool held in an instance
        // field), a replaced singleton cannot be told from per-use pools every test leaks (a data source per test):
        // both leak, and allowedLeaks takes one
        assertThat(report.jvmLifetimeThreads()).isEmpty();
        assertThat(report.leakedThreads()).extracting(ThreadEntry::name).containsExactlyInAnyOrder("expirer-1",
                "expirer-2");
    }

    @Test
    void aPlainThreadOfALibrarysStaticDefaultObjectIsKeptAndAnotherStartedAtItsLineLeaks() throws Exception {
        // MINA's shape: a static default recycler builds its expirer thread at class initialization and starts it on
        // first use; a test that gives an acceptor a recycler of its own and never stops it leaks that one's thread,
        // started at the same line
        String start = "org.lib.Expirer.startIfNotStarted(Expirer.java:80)";
        Recording recording = LogText.header("mode=test")
                .scope(1, "com.acme.AcceptorTest#receives", false, 10, 20, TestEvents.JUNIT_PLATFORM)
                .scope(2, "com.acme.RecyclerTest#ownRecycler", false, 30, 40, TestEvents.JUNIT_PLATFORM)
                .site(1, start, start, "org.lib.Acceptor.receive(Acceptor.java:12)",
                        "com.acme.AcceptorTest.receives(AcceptorTest.java:20)")
                .count(1, "thread", 2, 2, 0)
                .heldThread(50, "org.lib.Acceptor.DEFAULT_RECYCLER")
                .dump(1, LogFormat.REASON_EXIT)
                .thread(1, 50, "expirer-default", true, 1, -1, "thread", 1, LogFormat.BY_LISTENER)
                .thread(1, 51, "expirer-own", true, 1, -1, "thread", 2, LogFormat.BY_LISTENER)
                .end(LogFormat.REASON_EXIT, 2, 2, 2)
                .read(directory.resolve("test-1.tglog"));

        RunReport report = analysis(LeakScope.JVM, Allowances.NONE).analyse(List.of(recording), List.of());

        assertThat(report.jvmLifetimeThreads()).singleElement().satisfies(thread -> {
            assertThat(thread.name()).isEqualTo("expirer-default");
            assertThat(thread.reason()).isEqualTo("held by static field org.lib.Acceptor.DEFAULT_RECYCLER: a thread of "
                    + "a singleton kept for the JVM's life");
        });
        assertThat(report.leakedThreads()).singleElement().satisfies(thread -> {
            assertThat(thread.name()).isEqualTo("expirer-own");
            assertThat(thread.test()).isEqualTo("com.acme.RecyclerTest#ownRecycler");
        });
    }

    @Test
    void aPlainThreadThatATestClassesStaticFieldHoldsIsStillItsLeak() throws Exception {
        String start = "com.acme.WorkerTest.startsOne(WorkerTest.java:15)";
        Recording recording = LogText.header("mode=test")
                .scope(1, "com.acme.WorkerTest#startsOne", false, 10, 20, TestEvents.JUNIT_PLATFORM)
                .site(1, start)
                .count(1, "thread", 1, 1, 0)
                .heldThread(50, "com.acme.WorkerTest.WORKER")
                .dump(1, LogFormat.REASON_EXIT)
                .thread(1, 50, "worker", true, 1, -1, "thread", 1, LogFormat.BY_LISTENER)
                .end(LogFormat.REASON_EXIT, 1, 1, 1)
                .read(directory.resolve("test-1.tglog"));

        RunReport report = analysis(LeakScope.JVM, Allowances.NONE).analyse(List.of(recording), List.of());

        assertThat(report.jvmLifetimeThreads()).isEmpty();
        assertThat(report.leakedThreads()).extracting(ThreadEntry::name).containsExactly("worker");
    }

    @Test
    void aReplacedSingletonKeepsTheOneAStaticFieldHoldsAndTheOrphanIsTheReplacingTestsLeak() throws Exception {
        String made = "org.lib.Maps.<init>(Maps.java:116)";
        Recording recording = LogText.header("mode=test")
                .scope(1, "com.acme.MapTest#a", false, 10, 20, TestEvents.TESTNG)
                .scope(2, "com.acme.MapTest#replacesTheFactory", false, 30, 40, TestEvents.TESTNG)
                .scope(3, "com.acme.OtherTest#uses", false, 50, 60, TestEvents.TESTNG)
                .site(1, made, "java.util.concurrent.ScheduledThreadPoolExecutor.<init>(X.java:1)", made,
                        "com.acme.MapTest.a(MapTest.java:39)")
                .owner(1, "pool", 1, 1, -1)
                .stack(1, "java.util.concurrent.ScheduledThreadPoolExecutor.<init>(X.java:1)", made,
                        "com.acme.MapTest.replacesTheFactory(MapTest.java:417)")
                .owner(2, "pool", 1, 2, 1)
                .count(1, "pool", 2, 1, 2)
                .dump(1, LogFormat.REASON_EXIT)
                .thread(1, 50, "expirer-1", true, 1, 1, "pool", 1, LogFormat.BY_OWNER)
                .thread(1, 51, "expirer-2", true, 1, 2, "pool", 2, LogFormat.BY_OWNER)
                .held(2, "org.lib.Maps.EXPIRER")
                .end(LogFormat.REASON_EXIT, 2, 2, 2)
                .read(directory.resolve("test-1.tglog"));

        RunReport report = analysis(LeakScope.JVM, Allowances.NONE).analyse(List.of(recording), List.of());

        // the replacement the field holds is the library's singleton from then on, with its own stack
        assertThat(report.jvmLifetimeThreads()).singleElement().satisfies(thread -> {
            assertThat(thread.name()).isEqualTo("expirer-2");
            assertThat(thread.reason()).isEqualTo("held by static field org.lib.Maps.EXPIRER: a singleton kept for "
                    + "the JVM's life");
            assertThat(thread.owner().stack()).contains("com.acme.MapTest.replacesTheFactory(MapTest.java:417)");
            assertThat(thread.creationStack()).isEqualTo(thread.owner().stack());
        });
        // the old one, orphaned, is the leak of the test that replaced it
        assertThat(report.leakedThreads()).singleElement().satisfies(thread -> {
            assertThat(thread.name()).isEqualTo("expirer-1");
            assertThat(thread.test()).isEqualTo("com.acme.MapTest#replacesTheFactory");
            assertThat(thread.attribution()).isEqualTo(LogFormat.BY_REPLACEMENT);
            assertThat(thread.owner().site()).isEqualTo(made);
            assertThat(thread.owner().stack()).contains("com.acme.MapTest.a(MapTest.java:39)");
        });
        assertThat(report.leakSites()).singleElement().satisfies(site -> {
            assertThat(site.tests()).containsExactly("com.acme.MapTest#replacesTheFactory");
            assertThat(site.fix()).isEqualTo("the test replaced the library's singleton org.lib.Maps.EXPIRER at "
                    + "com.acme.MapTest.replacesTheFactory(MapTest.java:417) without shutting the old one down: shut it "
                    + "down (shutdown(), then awaitTermination) before replacing it (the old pool was made at " + made
                    + ")");
        });
        assertThat(report.notes()).contains("1 leaked threads attributed by the test during which the singleton that "
                + "replaced their pool or timer was made");
    }

    @Test
    void aPoolAStaticFieldOfATestClassHoldsIsStillALeak() throws Exception {
        Recording recording = LogText.header("mode=test")
                .scope(1, "com.acme.PoolTest#a", false, 10, 20, TestEvents.JUNIT_PLATFORM)
                .site(1, "com.acme.PoolTest.setUp(PoolTest.java:12)")
                .owner(1, "pool", 1, 1, -1)
                .count(1, "pool", 1, 1, 1)
                .dump(1, LogFormat.REASON_EXIT)
                .thread(1, 50, "pool-1", true, 1, 1, "pool", 1, LogFormat.BY_OWNER)
                .held(1, "com.acme.PoolTest.POOL")
                .end(LogFormat.REASON_EXIT, 1, 1, 1)
                .read(directory.resolve("test-1.tglog"));

        RunReport report = analysis(LeakScope.JVM, Allowances.NONE).analyse(List.of(recording), List.of());

        // the test could shut it down in @AfterAll: a static field of the test sources makes no singleton
        assertThat(report.jvmLifetimeThreads()).isEmpty();
        assertThat(report.leakedThreads()).extracting(ThreadEntry::name).containsExactly("pool-1");
    }

    @Test
    void eachOwnerShowsItsOwnStackAndALibrarySitesFixNamesTheLeakingTestsOwnLine() throws Exception {
        String made = "org.lib.Pool.<init>(Pool.java:97)";
        // the site's stack is its first owner's, made by a test that closed it; another test leaks the second
        Recording recording = LogText.header("mode=test")
                .scope(1, "com.acme.PoolTest#closesIt", false, 10, 20, TestEvents.JUNIT_PLATFORM)
                .scope(2, "com.acme.MonitorTest#leaksIt", false, 30, 40, TestEvents.JUNIT_PLATFORM)
                .site(1, made, made, "com.acme.PoolTest.closesIt(PoolTest.java:2129)")
                .owner(1, "pool", 1, 1, -1)
                .stack(1, made, "com.acme.MonitorTest.leaksIt(MonitorTest.java:110)")
                .owner(2, "pool", 1, 2, 1)
                .count(1, "pool", 2, 1, 2)
                .dump(1, LogFormat.REASON_EXIT)
                .thread(1, 71, "pool-2", true, 1, 2, "pool", 2, LogFormat.BY_OWNER)
                .end(LogFormat.REASON_EXIT, 1, 2, 1)
                .read(directory.resolve("test-1.tglog"));

        RunReport report = analysis(LeakScope.JVM, Allowances.NONE).analyse(List.of(recording), List.of());

        assertThat(report.leakedThreads()).singleElement().satisfies(thread -> {
            assertThat(thread.owner().stack()).containsExactly(made, "com.acme.MonitorTest.leaksIt(MonitorTest.java:110)");
            assertThat(thread.creationStack()).isEqualTo(thread.owner().stack());
        });
        assertThat(report.leakSites()).singleElement().satisfies(site -> assertThat(site.fix()).isEqualTo(
                "close (or shut down) what the test made at com.acme.MonitorTest.leaksIt(MonitorTest.java:110), which "
                        + "owns the pool made at " + made + ", in @AfterEach (or @AfterAll for one shared by the "
                        + "class), or in a finally block of the test"));
        // the sites keep the first stack seen there
        assertThat(report.spawnSites()).singleElement().satisfies(site -> assertThat(site.stack())
                .contains("com.acme.PoolTest.closesIt(PoolTest.java:2129)"));
    }

    @Test
    void twoTestsThatMadeALibrarysPoolsAtLinesOfTheirOwnGetAFixNamingNeitherLine() throws Exception {
        String made = "org.lib.Pool.<init>(Pool.java:97)";
        Recording recording = LogText.header("mode=test")
                .scope(1, "com.acme.ATest#a", false, 10, 20, TestEvents.JUNIT_PLATFORM)
                .scope(2, "com.acme.BTest#b", false, 30, 40, TestEvents.JUNIT_PLATFORM)
                .site(1, made, made, "com.acme.ATest.a(ATest.java:5)")
                .owner(1, "pool", 1, 1, -1)
                .stack(1, made, "com.acme.BTest.b(BTest.java:8)")
                .owner(2, "pool", 1, 2, 1)
                .count(1, "pool", 2, 2, 2)
                .dump(1, LogFormat.REASON_EXIT)
                .thread(1, 70, "pool-1", true, 1, 1, "pool", 1, LogFormat.BY_OWNER)
                .thread(1, 71, "pool-2", true, 1, 2, "pool", 2, LogFormat.BY_OWNER)
                .end(LogFormat.REASON_EXIT, 2, 2, 2)
                .read(directory.resolve("test-1.tglog"));

        RunReport report = analysis(LeakScope.JVM, Allowances.NONE).analyse(List.of(recording), List.of());

        assertThat(report.leakSites()).singleElement().satisfies(site -> assertThat(site.fix())
                .startsWith("close (or shut down), in @AfterEach").doesNotContain("ATest.java").doesNotContain("BTest.java"));
    }

    @Test
    void aMainCodeGetterATestCalledFirstKeepsItsOnePoolForTheJvmsLifeButAFactoryPerCallLeaks() throws Exception {
        // a getter returning the pool is a factory, so the pool is sited at its first caller: here a test
        Recording recording = LogText.header("mode=test")
                .scope(1, "com.acme.DelayTest#a", false, 10, 20, TestEvents.JUNIT_PLATFORM)
                .scope(2, "com.acme.ClientTest#b", false, 30, 40, TestEvents.JUNIT_PLATFORM)
                .scope(3, "com.acme.ClientTest#c", false, 50, 60, TestEvents.JUNIT_PLATFORM)
                .site(1, "com.acme.DelayTest.a(DelayTest.java:9)",
                        "java.util.concurrent.ScheduledThreadPoolExecutor.<init>(ScheduledThreadPoolExecutor.java:1)",
                        "java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Executors.java:1)",
                        "com.acme.Delays.scheduler(Delays.java:18)", "com.acme.DelayTest.a(DelayTest.java:9)")
                .owner(1, "pool", 1, false, 1)
                .count(1, "pool", 1, 1, 1)
                // a per-call factory of main code, called from two tests: two sites, one pool each
                .site(2, "com.acme.ClientTest.b(ClientTest.java:5)", "java.util.concurrent.ThreadPoolExecutor.<init>(X.java:1)",
                        "com.acme.Clients.newExecutor(Clients.java:7)", "com.acme.ClientTest.b(ClientTest.java:5)")
                .owner(2, "pool", 2, false, 2)
                .count(2, "pool", 1, 1, 1)
                .site(3, "com.acme.ClientTest.c(ClientTest.java:8)", "java.util.concurrent.ThreadPoolExecutor.<init>(X.java:1)",
                        "com.acme.Clients.newExecutor(Clients.java:7)", "com.acme.ClientTest.c(ClientTest.java:8)")
                .owner(3, "pool", 3, false, 3)
                .count(3, "pool", 1, 1, 1)
                .dump(1, LogFormat.REASON_EXIT)
                .thread(1, 50, "delays", true, 1, 1, "pool", 1, LogFormat.BY_OWNER)
                .thread(1, 51, "client-b", true, 2, 2, "pool", 2, LogFormat.BY_OWNER)
                .thread(1, 52, "client-c", true, 3, 3, "pool", 3, LogFormat.BY_OWNER)
                .end(LogFormat.REASON_EXIT, 3, 3, 3)
                .read(directory.resolve("test-1.tglog"));

        RunReport report = analysis(LeakScope.JVM, Allowances.NONE).analyse(List.of(recording), List.of());

        assertThat(report.jvmLifetimeThreads()).singleElement().satisfies(thread -> {
            assertThat(thread.name()).isEqualTo("delays");
            assertThat(thread.reason()).isEqualTo("the only pool made at com.acme.Delays.scheduler(Delays.java:18) in "
                    + "this JVM (first asked for at com.acme.DelayTest.a(DelayTest.java:9)): a singleton kept for the "
                    + "JVM's life");
        });
        assertThat(report.leakedThreads()).extracting(ThreadEntry::name).containsExactly("client-b", "client-c");
    }

    @Test
    void aLibrarySitesFixNamesNoLineOfAnotherTestThanTheOneThatLeaked() throws Exception {
        // the site's stack is its first owner's, made by a test that closed it; another test leaks one
        Recording recording = LogText.header("mode=test")
                .scope(1, "com.acme.PoolTest#closesIt", false, 10, 20, TestEvents.JUNIT_PLATFORM)
                .scope(2, "com.acme.MonitorTest#leaksIt", false, 30, 40, TestEvents.JUNIT_PLATFORM)
                .site(1, "com.acme.Factory.startMonitor(Factory.java:519)",
                        "com.acme.Factory.startMonitor(Factory.java:519)", "com.acme.PoolTest.closesIt(PoolTest.java:2129)")
                .count(1, "thread", 2, 1, 2)
                .ended(70, "monitor-1", 1, 1, 12, 19)
                .dump(1, LogFormat.REASON_EXIT)
                .thread(1, 71, "monitor-2", true, 1, -1, "thread", 2, LogFormat.BY_LISTENER)
                .end(LogFormat.REASON_EXIT, 1, 2, 1)
                .read(directory.resolve("test-1.tglog"));

        RunReport report = analysis(LeakScope.JVM, Allowances.NONE).analyse(List.of(recording), List.of());

        assertThat(report.leakSites()).singleElement().satisfies(site -> {
            assertThat(site.tests()).containsExactly("com.acme.MonitorTest#leaksIt");
            assertThat(site.fix()).isEqualTo("close (or shut down), in @AfterEach (or @AfterAll for one shared by the "
                    + "class) or in a finally block of the test, what each test listed made that owns the thread made "
                    + "at com.acme.Factory.startMonitor(Factory.java:519)");
        });
    }

    @Test
    void aLibrarySitesFixNamesNoLineOfAnotherTestMethodOfTheSameClass() throws Exception {
        Recording recording = LogText.header("mode=test")
                .scope(1, "com.acme.LoopTest#testBasic", false, 10, 20, TestEvents.TESTNG)
                .scope(2, "com.acme.LoopTest#testBasicStatic", false, 30, 40, TestEvents.TESTNG)
                .site(1, "org.lib.Cnxn.start(Cnxn.java:409)", "org.lib.Cnxn.start(Cnxn.java:409)",
                        "com.acme.LoopTest.testBasic(LoopTest.java:183)")
                .count(1, "thread", 2, 1, 2)
                .ended(70, "send-1", 1, 1, 12, 19)
                .dump(1, LogFormat.REASON_EXIT)
                .thread(1, 71, "send-2", true, 1, -1, "thread", 2, LogFormat.BY_LISTENER)
                .end(LogFormat.REASON_EXIT, 1, 2, 1)
                .read(directory.resolve("test-1.tglog"));

        RunReport report = analysis(LeakScope.JVM, Allowances.NONE).analyse(List.of(recording), List.of());

        assertThat(report.leakSites()).singleElement().satisfies(site -> assertThat(site.fix())
                .startsWith("close (or shut down), in @AfterMethod").doesNotContain("LoopTest.java"));
    }

    @Test
    void aLibrarySitesFixNamesNoTestLineWhenOneOfItsLeaksWasStartedWhereNoTestLineShows() throws Exception {
        // Apache MINA: a test's setUp makes a recycler (its line in the owner's stack); another test has the library
        // make one on its own worker, so no test line shows; the first test's line is no fix for the second
        Recording recording = LogText.header("mode=test")
                .scope(1, "com.acme.ATest#a", false, 10, 20, TestEvents.JUNIT_PLATFORM)
                .scope(2, "com.acme.BTest#b", false, 30, 40, TestEvents.JUNIT_PLATFORM)
                .site(1, "org.lib.Recycler.<init>(Recycler.java:20)", "org.lib.Recycler.<init>(Recycler.java:20)",
                        "com.acme.ATest.a(ATest.java:12)")
                .stack(1, "org.lib.Recycler.<init>(Recycler.java:20)", "com.acme.ATest.a(ATest.java:12)")
                .stack(2, "org.lib.Recycler.<init>(Recycler.java:20)", "org.lib.Acceptor.bind(Acceptor.java:88)",
                        "org.lib.Worker.run(Worker.java:30)")
                .owner(1, "pool", 1, 1, 1)
                .owner(2, "pool", 1, 2, 2)
                .count(1, "pool", 2, 2, 2)
                .dump(1, LogFormat.REASON_EXIT)
                .thread(1, 60, "recycler-1", true, 1, 1, "pool", 1, LogFormat.BY_OWNER)
                .thread(1, 61, "recycler-2", true, 1, 2, "pool", 2, LogFormat.BY_OWNER)
                .end(LogFormat.REASON_EXIT, 1, 2, 2)
                .read(directory.resolve("test-1.tglog"));

        RunReport report = analysis(LeakScope.JVM, Allowances.NONE).analyse(List.of(recording), List.of());

        assertThat(report.leakedThreads()).extracting(ThreadEntry::name).containsExactly("recycler-1", "recycler-2");
        assertThat(report.leakSites()).singleElement().satisfies(site -> assertThat(site.fix())
                .startsWith("close (or shut down), in @AfterEach").doesNotContain("ATest.java"));
    }

    @Test
    void aLibrarySitesFixNamesTheLineOfAHelperOfTheLeakingTestsClass() {
        Set<String> tests = Set.of("com.acme.PoolTest#a", "com.acme.PoolTest#b");
        assertThat(ReportParts.madeBy("com.acme.PoolTest.getPool(PoolTest.java:28)", "com.acme.PoolTest#b", tests))
                .isTrue();
        assertThat(ReportParts.madeBy("com.acme.PoolTest.b(PoolTest.java:40)", "com.acme.PoolTest#b(int)", tests))
                .isTrue();
        assertThat(ReportParts.madeBy("com.acme.PoolTest.a(PoolTest.java:12)", "com.acme.PoolTest#b", tests))
                .isFalse();
        assertThat(ReportParts.madeBy("com.acme.OtherTest.a(OtherTest.java:12)", "com.acme.PoolTest#b", tests))
                .isFalse();
    }

    @Test
    void aSiteThatShutSomeOfItsOwnersDownMakesThemPerUseSoTheOneLeftIsALeak() throws Exception {
        Recording recording = LogText.header("mode=test")
                .scope(1, "com.acme.ClientTest#c", false, 10, 20, TestEvents.JUNIT_PLATFORM)
                .site(1, "com.acme.Client.<init>(Client.java:22)", "com.acme.Client.<init>(Client.java:22)",
                        "com.acme.ClientTest.c(ClientTest.java:40)")
                .owner(1, "pool", 1, false, 1)
                .owner(2, "pool", 1, false, 1)
                .owner(3, "pool", 1, false, 1)
                .count(1, "pool", 3, 1, 3)
                .dump(1, LogFormat.REASON_EXIT)
                .thread(1, 60, "client-3", true, 1, 3, "pool", 1, LogFormat.BY_OWNER)
                .end(LogFormat.REASON_EXIT, 1, 3, 1)
                .read(directory.resolve("test-1.tglog"));

        RunReport report = analysis(LeakScope.JVM, Allowances.NONE).analyse(List.of(recording), List.of());

        assertThat(report.jvmLifetimeThreads()).isEmpty();
        assertThat(report.leakedThreads()).extracting(ThreadEntry::name).containsExactly("client-3");
        // the pool is the library's (main code's): the test closes what it made, where it made it
        assertThat(report.leakSites().get(0).fix()).isEqualTo("close (or shut down) what the test made at "
                + "com.acme.ClientTest.c(ClientTest.java:40), which owns the pool made at "
                + "com.acme.Client.<init>(Client.java:22), in @AfterEach (or @AfterAll for one shared by the class), "
                + "or in a finally block of the test");
    }

    @Test
    void aSuitesDurationRunsFromTheFirstJvmsStartToTheLastOnesEnd() throws Exception {
        Recording first = LogText.header("mode=test").end(LogFormat.REASON_EXIT, 0, 0, 0)
                .read(directory.resolve("test-1.tglog"));
        String later = LogText.header("mode=test").end(LogFormat.REASON_EXIT, 0, 0, 0).toString()
                .replace("\t1700000000000\t", "\t1700000005000\t");
        java.nio.file.Files.writeString(directory.resolve("test-2.tglog"), later);
        Recording second = new RecordingReader().read(directory.resolve("test-2.tglog"));

        RunReport report = analysis(LeakScope.JVM, Allowances.NONE).analyse(List.of(first, second), List.of());

        assertThat(report.durationMillis()).isEqualTo(5000 + 1000); // each JVM ran 1 s; the second started 5 s later
    }

    @Test
    void aThreadAliveAtTheEndThatNoTestStartedIsANoteNotALeak() throws Exception {
        Recording recording = LogText.header("mode=test")
                .site(1, "com.acme.Boot.init(Boot.java:3)")
                .count(1, "thread", 2, 2, 2)
                .dump(1, LogFormat.REASON_EXIT)
                .thread(1, 90, "boot", true, 1, -1, "thread", -1, null)
                .end(LogFormat.REASON_EXIT, 1, 1, 1)
                .read(directory.resolve("test-1.tglog"));

        RunReport report = analysis(LeakScope.JVM, Allowances.NONE).analyse(List.of(recording), List.of());

        assertThat(report.leakedThreads()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.notes()).anyMatch(note -> note.startsWith("1 threads still alive at the end of a test JVM "
                + "were not started during a test"));
    }
}
