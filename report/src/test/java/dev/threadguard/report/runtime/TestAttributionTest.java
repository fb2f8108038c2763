package dev.threadguard.report.runtime;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Attribution on synthetic event sequences, as the reader returns them (time order, ties in file order). */
class TestAttributionTest {

    private static final long MAIN = 1;
    private static final long WORKER_1 = 21;
    private static final long WORKER_2 = 22;

    private final List<RunRecording.TestEvent> tests = new ArrayList<>();
    private final List<RunRecording.ThreadStarting> starts = new ArrayList<>();
    private long clock;

    @Test
    void aThreadStartedWhileATestRunsOnTheStarterBelongsToThatTest() {
        started(MAIN, "[class:A]", "com.acme.ATest", true);
        started(MAIN, "[class:A]/[method:leaks()]", "com.acme.ATest#leaks", false);
        starting(MAIN, 100, null);
        finished(MAIN, "[class:A]/[method:leaks()]");
        started(MAIN, "[class:A]/[method:clean()]", "com.acme.ATest#clean", false);
        finished(MAIN, "[class:A]/[method:clean()]");
        finished(MAIN, "[class:A]");

        TestAttribution attribution = attribution();

        assertThat(attribution.owner(100).test()).isEqualTo("com.acme.ATest#leaks");
        assertThat(attribution.owner(100).attribution()).isEqualTo(TestAttribution.BY_LISTENER);
        assertThat(attribution.owner(100).scope().finished()).isNotNull();
        assertThat(attribution.scopes()).extracting(TestAttribution.Scope::test)
                .containsExactly("com.acme.ATest", "com.acme.ATest#leaks", "com.acme.ATest#clean");
    }

    @Test
    void aThreadStartedInBeforeAllBelongsToTheClass() {
        started(MAIN, "[class:A]", "com.acme.ATest", true);
        starting(MAIN, 100, null);
        started(MAIN, "[class:A]/[method:t()]", "com.acme.ATest#t", false);
        finished(MAIN, "[class:A]/[method:t()]");
        finished(MAIN, "[class:A]");

        assertThat(attribution().owner(100).test()).isEqualTo("com.acme.ATest");
        assertThat(attribution().owner(100).scope().container()).isTrue();
    }

    @Test
    void parallelTestsOnTwoWorkersAreKeptApartAtEqualTimes() {
        started(WORKER_1, "a", "com.acme.ATest#a", false);
        started(WORKER_2, "b", "com.acme.BTest#b", false);
        long same = ++clock;
        tests.add(new RunRecording.TestEvent(Instant.ofEpochMilli(same), 10, WORKER_2, false, "b", "com.acme.BTest#b",
                false));
        starts.add(new RunRecording.ThreadStarting(Instant.ofEpochMilli(same), 11, WORKER_1, 100, "t100", false,
                null));
        starts.add(new RunRecording.ThreadStarting(Instant.ofEpochMilli(same), 12, WORKER_2, 101, "t101", false,
                null));

        TestAttribution attribution = attribution();

        assertThat(attribution.owner(100).test()).isEqualTo("com.acme.ATest#a");
        assertThat(attribution.owner(101)).as("started after b finished, by then idle worker").isNull();
    }

    @Test
    void aThreadStartedJustBeforeTheTestFinishedIsStillThatTests() {
        started(MAIN, "x", "com.acme.XTest#x", false);
        long same = ++clock;
        // same tick: the file order (the order the thread wrote them) decides
        starts.add(new RunRecording.ThreadStarting(Instant.ofEpochMilli(same), 5, MAIN, 100, "t", false, null));
        tests.add(new RunRecording.TestEvent(Instant.ofEpochMilli(same), 6, MAIN, false, "x", "com.acme.XTest#x",
                false));
        started(MAIN, "y", "com.acme.XTest#y", false);

        assertThat(attribution().owner(100).test()).isEqualTo("com.acme.XTest#x");
    }

    @Test
    void nestedRunsOnOneWorkerBlameTheInnermost() {
        // JUnit's fork-join executor may run another test on a worker that waits inside a class container
        started(WORKER_1, "[class:A]", "com.acme.ATest", true);
        started(WORKER_1, "[class:B]/[method:b()]", "com.acme.BTest#b", false);
        starting(WORKER_1, 100, null);
        finished(WORKER_1, "[class:B]/[method:b()]");
        starting(WORKER_1, 101, null);

        TestAttribution attribution = attribution();

        assertThat(attribution.owner(100).test()).isEqualTo("com.acme.BTest#b");
        assertThat(attribution.owner(101).test()).isEqualTo("com.acme.ATest");
    }

    @Test
    void threadsStartedByThreadsOfATestBelongToItTransitively() {
        started(MAIN, "p", "com.acme.PoolTest#p", false);
        starting(MAIN, 100, null);          // the pool's worker
        finished(MAIN, "p");
        starting(100, 101, null);           // the worker starts a thread of its own, after the test
        starting(101, 102, null);           // and that one another

        TestAttribution attribution = attribution();

        assertThat(attribution.owner(101).test()).isEqualTo("com.acme.PoolTest#p");
        assertThat(attribution.owner(102).test()).isEqualTo("com.acme.PoolTest#p");
        assertThat(attribution.owner(102).scope()).isSameAs(attribution.owner(100).scope());
    }

    @Test
    void threadsTheFrameworkStartsAreNobodysNorAreTheirChildren() {
        started(MAIN, "[class:A]", "com.acme.ATest", true);
        starts.add(new RunRecording.ThreadStarting(Instant.ofEpochMilli(++clock), seq(), MAIN, 100, "ForkJoinPool-1-"
                + "worker-1", true, null));
        starting(100, 101, null);

        TestAttribution attribution = attribution();

        assertThat(attribution.owner(100)).isNull();
        assertThat(attribution.startedByFramework(100)).isTrue();
        assertThat(attribution.frameworkThreads()).containsExactly(100L);
        assertThat(attribution.owner(101)).as("a framework thread running no test").isNull();
    }

    @Test
    void withoutListenerEventsTheCreationStackNamesTheTest() {
        starting(MAIN, 100, "com.acme.ATest#leaks");
        starting(100, 101, null);

        TestAttribution attribution = attribution();

        assertThat(attribution.hasListenerEvents()).isFalse();
        assertThat(attribution.owner(100).test()).isEqualTo("com.acme.ATest#leaks");
        assertThat(attribution.owner(100).attribution()).isEqualTo(TestAttribution.BY_CREATION_STACK);
        assertThat(attribution.owner(100).scope()).isNull();
        assertThat(attribution.owner(101).test()).isEqualTo("com.acme.ATest#leaks");
    }

    @Test
    void theListenerWinsOverTheCreationStack() {
        started(MAIN, "t", "com.acme.ATest#t", false);
        starting(MAIN, 100, "com.acme.SomeExtension#beforeEach");

        assertThat(attribution().owner(100).test()).isEqualTo("com.acme.ATest#t");
    }

    @Test
    void aThreadReportedTwiceKeepsItsFirstOwner() {
        started(MAIN, "t", "com.acme.ATest#t", false);
        starting(MAIN, 100, null);
        finished(MAIN, "t");
        started(MAIN, "u", "com.acme.ATest#u", false);
        starting(MAIN, 100, null);

        assertThat(attribution().owner(100).test()).isEqualTo("com.acme.ATest#t");
    }

    @Test
    void aTestThatNeverFinishedKeepsANullFinishTime() {
        started(MAIN, "t", "com.acme.ATest#t", false);
        starting(MAIN, 100, null);

        assertThat(attribution().owner(100).scope().finished()).isNull();
    }

    private TestAttribution attribution() {
        return TestAttribution.of(tests, starts);
    }

    private void started(long thread, String id, String test, boolean container) {
        tests.add(new RunRecording.TestEvent(Instant.ofEpochMilli(++clock), seq(), thread, true, id, test, container));
    }

    private void finished(long thread, String id) {
        tests.add(new RunRecording.TestEvent(Instant.ofEpochMilli(++clock), seq(), thread, false, id, null, false));
    }

    private void starting(long starter, long thread, String stackTest) {
        starts.add(new RunRecording.ThreadStarting(Instant.ofEpochMilli(++clock), seq(), starter, thread, "t" + thread,
                false, stackTest));
    }

    private long seq() {
        return tests.size() + starts.size() + 100;
    }
}
