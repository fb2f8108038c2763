package dev.threadguard.agent.runtime;

import dev.threadguard.agent.api.TestEvents;
import dev.threadguard.agent.config.LogFormat;
import dev.threadguard.agent.config.TextPattern;
import dev.threadguard.fixtures.Caller;
import dev.threadguard.fixtures.PoolField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testng.fixtures.ObjectFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The tracker told by hand what the hook tells it, in this thread. */
class TrackerTest {

    @TempDir
    Path directory;

    private final List<Long> budgetCalls = new ArrayList<>();

    private Tracker tracker(TestScopes scopes, List<TextPattern> ignoreNames) throws Exception {
        RecordingLog log = new RecordingLog(directory.resolve("t.tglog"));
        Sites sites = new Sites(log);
        return new Tracker(log, new Clock(), sites, new Backtraces(null, sites), null, ignoreNames, List.of(), scopes,
                (live, started) -> budgetCalls.add(live));
    }

    @Test
    void countsStartsEndsAndUndoesFailedAndDoubleStarts() throws Exception {
        Tracker tracker = tracker(null, List.of());
        Thread first = new Thread(() -> { }, "first");
        Thread second = new Thread(() -> { }, "second");

        Caller.run(() -> tracker.starting(first));
        Caller.run(() -> tracker.starting(first)); // started twice: start() throws, nothing more to count
        Caller.run(() -> tracker.starting(second));
        assertThat(tracker.live()).isEqualTo(2);
        assertThat(tracker.started()).isEqualTo(2);
        assertThat(budgetCalls).containsExactly(1L, 2L);

        tracker.startFailed(second);
        assertThat(tracker.live()).isEqualTo(1);
        assertThat(tracker.started()).isEqualTo(1);

        tracker.exiting(first);
        tracker.exiting(first);
        assertThat(tracker.live()).isZero();
        assertThat(tracker.peak()).isEqualTo(2);
        assertThat(tracker.takeWindowPeak()).isEqualTo(2);
        assertThat(tracker.takeWindowPeak()).isZero();
    }

    /** Application code the agent must never call: equal to every other such thread, and a hash that throws. */
    static final class Odd extends Thread {
        Odd(String name) {
            super(() -> { }, name);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Odd;
        }

        @Override
        public int hashCode() {
            throw new IllegalStateException("the agent called hashCode");
        }
    }

    @Test
    void threadsAreKnownByIdentityNeverByTheirOwnEqualsAndHashCode() throws Exception {
        Tracker tracker = tracker(null, List.of());
        Odd first = new Odd("first");
        Odd second = new Odd("second");

        Caller.run(() -> tracker.starting(first));
        Caller.run(() -> tracker.starting(second));
        assertThat(tracker.live()).isEqualTo(2);
        assertThat(tracker.tracked(second).name).isEqualTo("second");

        tracker.exiting(first);
        assertThat(tracker.live()).isEqualTo(1);
        assertThat(tracker.tracked(first)).isNull();
        assertThat(tracker.tracked(second)).isNotNull();
    }

    /**
     * The end is told in the ending thread, which has often allocated nothing yet: its first allocation would take a
     * whole allocation buffer (on thread churn, a young collection every few hundred threads).
     */
    @Test
    void anEndAllocatesNothingInTheEndingThread() throws Exception {
        RecordingLog log = new RecordingLog(directory.resolve("end.tglog"));
        Sites sites = new Sites(log);
        Tracker tracker = new Tracker(log, new Clock(), sites,
                new Backtraces(dev.threadguard.agent.boot.ThreadHook.BACKTRACES, sites),
                dev.threadguard.agent.boot.ThreadHook.THREAD_IDS, List.of(), List.of(), null, (live, started) -> { });
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        List<Thread> ended = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Thread thread = new Thread(() -> { }, "t" + i);
            Caller.run(() -> tracker.starting(thread));
            ended.add(thread);
        }
        tracker.exiting(ended.get(0)); // the first end links and loads what it needs
        long measuring = threads.getCurrentThreadAllocatedBytes();
        long nothing = threads.getCurrentThreadAllocatedBytes() - measuring; // what measuring itself costs
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 1; i < ended.size(); i++) {
            tracker.exiting(ended.get(i));
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before - nothing;

        assertThat(tracker.live()).isZero();
        assertThat(allocated).isZero();
    }

    @Test
    void aPlainThreadKeepsTheStackThatStartedItWhereItDiffersFromItsSitesFirst() throws Exception {
        RecordingLog log = new RecordingLog(directory.resolve("stacks.tglog"));
        Sites sites = new Sites(log);
        Tracker tracker = new Tracker(log, new Clock(), sites,
                new Backtraces(dev.threadguard.agent.boot.ThreadHook.BACKTRACES, sites),
                dev.threadguard.agent.boot.ThreadHook.THREAD_IDS, List.of(), List.of(), null,
                (live, started) -> { });
        Thread first = new Thread(() -> { }, "first");
        Thread second = new Thread(() -> { }, "second");
        Thread third = new Thread(() -> { }, "third");

        // one site (the fixture's line), reached from two callers; first and third from the very same stack
        for (Thread thread : List.of(first, third)) {
            Caller.run(() -> tracker.starting(thread));
        }
        Caller.runElsewhere(() -> Caller.run(() -> tracker.starting(second)));

        assertThat(tracker.tracked(second).site).isSameAs(tracker.tracked(first).site);
        assertThat(tracker.creationStackId(tracker.tracked(first))).isEqualTo(-1); // the site's own stack
        assertThat(tracker.creationStackId(tracker.tracked(third))).isEqualTo(-1);
        int id = tracker.creationStackId(tracker.tracked(second));
        assertThat(id).isPositive();
        assertThat(tracker.creationStackId(tracker.tracked(second))).isEqualTo(id); // written once
        log.flush();
        List<String> stacks = java.nio.file.Files.readAllLines(directory.resolve("stacks.tglog")).stream()
                .filter(line -> line.startsWith(LogFormat.STACK + "\t")).toList();
        assertThat(stacks).singleElement().asString().contains("Caller.runElsewhere(");
    }

    @Test
    void ignoredAndInternalThreadsAreNeverCounted() throws Exception {
        Tracker tracker = tracker(null, List.of(TextPattern.compile("ignored-*")));
        Caller.run(() -> tracker.starting(new Thread(() -> { }, "ignored-1")));
        Caller.run(() -> tracker.starting(new Thread(() -> { }, "threadguard-sampler")));

        assertThat(tracker.live()).isZero();
        assertThat(tracker.ignoredStarted()).isEqualTo(1);
    }

    @Test
    void aPoolsWorkerBelongsToThePoolAndItsSite() throws Exception {
        Tracker tracker = tracker(null, List.of());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        try {
            Caller.run(() -> tracker.ownerCreated(pool));
            Caller.run(() -> tracker.ownerCreated(pool)); // chained constructors: one owner
            Thread worker = new Thread(() -> { }, "worker");
            tracker.poolWorker(pool);
            tracker.starting(worker);
            tracker.poolWorker(null);
            Thread raw = new Thread(() -> { }, "raw");
            Caller.run(() -> tracker.starting(raw));

            Tracker.Tracked tracked = tracker.tracked(worker);
            assertThat(tracked.ownerKind()).isEqualTo(LogFormat.OWNER_POOL);
            assertThat(tracked.site.frame).startsWith("dev.threadguard.fixtures.Caller.run(Caller.java:");
            assertThat(tracked.site.owners.get()).isEqualTo(1);
            assertThat(tracker.tracked(raw).ownerKind()).isEqualTo(LogFormat.OWNER_THREAD);
            assertThat(tracker.tracked(raw).owner).isNull();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void inTestModeAThreadIsBlamedOnTheTestItsStarterRuns() throws Exception {
        RecordingLog log = new RecordingLog(directory.resolve("s.tglog"));
        TestScopes scopes = new TestScopes(log, new Clock());
        Tracker tracker = tracker(scopes, List.of());
        scopes.started("class", "com.acme.T", true, TestEvents.JUNIT_PLATFORM);
        scopes.started("method", "com.acme.T#m", false, TestEvents.JUNIT_PLATFORM);
        Thread inTest = new Thread(() -> { }, "in-test");
        Caller.run(() -> tracker.starting(inTest));
        scopes.finished("method", "SUCCESSFUL");
        Thread inClass = new Thread(() -> { }, "in-class");
        Caller.run(() -> tracker.starting(inClass));
        scopes.finished("class", "SUCCESSFUL");
        Thread after = new Thread(() -> { }, "after");
        Caller.run(() -> tracker.starting(after));

        assertThat(tracker.tracked(inTest).scope.test).isEqualTo("com.acme.T#m");
        assertThat(tracker.tracked(inTest).attribution).isEqualTo(LogFormat.BY_LISTENER);
        assertThat(tracker.tracked(inClass).scope.test).isEqualTo("com.acme.T");
        assertThat(tracker.tracked(after).scope).isNull();
    }

    @Test
    void aPoolMadeOutsideEveryTestBelongsToTheTestClassWhoseInstanceHoldsItNotToTheTestThatStartsItsWorker()
            throws Exception {
        RecordingLog log = new RecordingLog(directory.resolve("s.tglog"));
        TestScopes scopes = new TestScopes(log, new Clock());
        Tracker tracker = tracker(scopes, List.of());
        // TestNG builds the test instances, and the pools of their fields, before it runs any test
        ObjectFactory<Consumer<Object>, PoolField> factory = new ObjectFactory<>(PoolField::new, tracker::ownerCreated);
        Thread builder = new Thread(factory, "testng-builder");
        builder.start();
        builder.join();
        ThreadPoolExecutor pool = factory.instance().pool;
        try {
            scopes.started("a", "com.acme.T#a", false, TestEvents.TESTNG);
            Thread worker = new Thread(() -> { }, "worker");
            tracker.poolWorker(pool);
            tracker.starting(worker);
            tracker.poolWorker(null);
            scopes.finished("a", null);

            Tracker.Tracked tracked = tracker.tracked(worker);
            assertThat(tracked.site.frame).startsWith("dev.threadguard.fixtures.PoolField.<init>(PoolField.java:");
            assertThat(tracked.scope.test).isEqualTo(PoolField.class.getName());
            assertThat(tracked.attribution).isEqualTo(LogFormat.BY_OWNER);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aTaskCarriesTheTestThatSubmittedItToTheWorkerThatRunsIt() throws Exception {
        RecordingLog log = new RecordingLog(directory.resolve("s.tglog"));
        TestScopes scopes = new TestScopes(log, new Clock());
        Runnable task = () -> { };
        scopes.started("m", "com.acme.T#m", false, TestEvents.TESTNG);
        scopes.submitted(task, null);
        scopes.finished("m", null);

        TestScopes.Blame[] seen = new TestScopes.Blame[2];
        Thread worker = new Thread(() -> {
            seen[0] = scopes.current(null);
            scopes.running(task);
            seen[1] = scopes.current(null);
        });
        worker.start();
        worker.join();

        assertThat(seen[0]).isNull();
        assertThat(seen[1].scope().test).isEqualTo("com.acme.T#m");
        assertThat(seen[1].attribution()).isEqualTo(LogFormat.BY_TASK);
    }
}
