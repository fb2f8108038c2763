package dev.threadguard.report.runtime;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunAnalysisTest {

    private static final String FIXTURE = RecordedRunFixture.class.getName();

    @TempDir
    static Path directory;
    static RunRecording recording;

    @BeforeAll
    static void record() throws Exception {
        recording = new RecordingReader().read(RecordedRunFixture.record(directory.resolve("fixture.jfr")));
    }

    @Test
    void readsStartsWithTheStartersStackAndJoinsTheirEnds() {
        List<RunRecording.StartedThread> fixtures = recording.threads().stream()
                .filter(t -> t.name().startsWith("fixture-")).toList();
        assertThat(fixtures).extracting(RunRecording.StartedThread::name)
                .containsExactlyInAnyOrder("fixture-a-0", "fixture-a-1", "fixture-a-2", "fixture-b-0", "fixture-b-1");
        assertThat(fixtures).allSatisfy(t -> assertThat(t.ended()).isNotNull().isAfterOrEqualTo(t.started()));
        assertThat(fixtures.get(0).creationStack().get(0)).startsWith(FIXTURE + ".siteA(RecordedRunFixture.java:");
        assertThat(recording.baseline().threads()).isEqualTo(4);
    }

    @Test
    void groupsSitesByStackWithStartedAndPeakAliveMostStartedFirst() {
        RunMeasurements run = new RunAnalysis(Ignores.NONE).analyse(recording);
        List<RunMeasurements.SpawnSite> sites = fixtureSites(run);

        assertThat(sites).hasSize(2);
        assertThat(sites.get(0).frame()).startsWith(FIXTURE + ".siteA(RecordedRunFixture.java:");
        assertThat(sites.get(0).started()).isEqualTo(3);
        assertThat(sites.get(0).peakAlive()).isEqualTo(3);
        assertThat(sites.get(1).frame()).startsWith(FIXTURE + ".siteB(RecordedRunFixture.java:");
        assertThat(sites.get(1).started()).isEqualTo(2);
        assertThat(sites.get(1).peakAlive()).isEqualTo(1);
        assertThat(run.peakThreads()).isGreaterThanOrEqualTo(3);
        assertThat(run.threadsStarted()).isGreaterThanOrEqualTo(5);
        assertThat(run.peakVirtualThreads()).isNull();
        assertThat(run.timeline().platform()).isNotEmpty();
    }

    @Test
    void ignoresByNameAndByCreationFrameLeaveThoseThreadsUncounted() {
        RunMeasurements byName = new RunAnalysis(Ignores.of(List.of("fixture-a-*"), List.of(), "names", "frames"))
                .analyse(recording);
        assertThat(fixtureSites(byName)).extracting(RunMeasurements.SpawnSite::started).containsExactly(2L);

        RunMeasurements byFrame = new RunAnalysis(Ignores.of(List.of(), List.of("*RecordedRunFixture.siteB"), "names",
                "frames")).analyse(recording);
        assertThat(fixtureSites(byFrame)).extracting(RunMeasurements.SpawnSite::started).containsExactly(3L);
    }

    @Test
    void budgetsAreCheckedAgainstTheMeasures() {
        // only the fixture's threads count: a regex ignores every other name
        RunMeasurements run = new RunAnalysis(Ignores.of(List.of("regex:(?!fixture-).*"), List.of(), "n", "f"))
                .analyse(recording);
        assertThat(run.threadsStarted()).isEqualTo(5);
        assertThat(run.peakThreads()).isEqualTo(3);
        BudgetCheck check = new BudgetCheck(new Budgets(2L, null, 10L, 0L));

        assertThat(check.breaches(run)).containsExactly(new BudgetCheck.Breach("maxThreads", 2, 3));
        assertThat(check.measures(run)).extracting(BudgetCheck.Measure::budget)
                .containsExactly("maxThreads", "maxVirtualThreads", "maxThreadsStarted", "maxLeakedThreads");
        assertThat(check.measures(run).get(1).observed()).isNull();
    }

    @Test
    void firstApplicationFrameSkipsTheJdk() {
        assertThat(RunAnalysis.firstApplicationFrame(List.of(
                "java.util.concurrent.ThreadPoolExecutor.addWorker(ThreadPoolExecutor.java:945)",
                "com.acme.App.main(App.java:9)"))).isEqualTo("com.acme.App.main(App.java:9)");
        assertThat(RunAnalysis.firstApplicationFrame(List.of("java.lang.Thread.run(Thread.java:1)")))
                .isEqualTo("java.lang.Thread.run(Thread.java:1)");
        assertThat(RunAnalysis.firstApplicationFrame(List.of())).isEqualTo("(unknown)");
    }

    @Test
    void longTimelinesAreDownsampledKeepingPeaks() {
        List<RunMeasurements.Point> points = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            points.add(new RunMeasurements.Point(i, i == 5_000 ? 999 : i % 7));
        }
        List<RunMeasurements.Point> sampled = RunAnalysis.downsample(points);
        assertThat(sampled.size()).isLessThanOrEqualTo(RunAnalysis.MAX_TIMELINE_POINTS + 2);
        assertThat(sampled).extracting(RunMeasurements.Point::live).contains(999L);
    }

    private static List<RunMeasurements.SpawnSite> fixtureSites(RunMeasurements run) {
        return run.spawnSites().stream().filter(s -> s.frame().startsWith(FIXTURE)).toList();
    }
}
