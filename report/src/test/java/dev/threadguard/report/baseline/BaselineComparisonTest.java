package dev.threadguard.report.baseline;

import dev.threadguard.api.Finding;
import dev.threadguard.api.Severity;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BaselineComparisonTest {

    static final Path MODULE = Path.of("/work/app").toAbsolutePath();

    static Finding finding(String file, int line, String member, String code) {
        return new Finding("thread-in-loop", Severity.ERROR, MODULE.resolve(file), line, 9, line, 20,
                "Thread started at " + line, "Use a pool", "", "Spawner", member, code);
    }

    static Baseline baselineOf(List<Finding> findings) {
        return BaselineUpdate.of(null, findings, Fingerprints.of(findings, MODULE), Set.of()).baseline();
    }

    static BaselineComparison compare(List<Finding> findings, Baseline baseline) {
        return BaselineComparison.of(findings, Fingerprints.of(findings, MODULE), Set.of(), baseline,
                MODULE.resolve("threadguard-baseline.json"));
    }

    @Test
    void withoutABaselineEveryFindingIsNew() {
        List<Finding> findings = List.of(finding("A.java", 3, "a()", "x.start()"));
        BaselineComparison checked = BaselineComparison.of(findings, Fingerprints.of(findings, MODULE), Set.of(),
                null, MODULE.resolve("threadguard-baseline.json"));
        assertThat(checked.hasBaseline()).isFalse();
        assertThat(checked.newFindings()).isEqualTo(findings);
        assertThat(checked.baselinedFindings()).isEmpty();
        assertThat(checked.fixed()).isEmpty();
    }

    @Test
    void findingsInTheBaselineAreBaselinedWhateverTheirLineOthersAreNew() {
        Baseline baseline = baselineOf(List.of(finding("A.java", 3, "a()", "x.start()"),
                finding("A.java", 9, "b()", "y.start()")));
        Finding moved = finding("A.java", 30, "a()", "x.start()");
        Finding added = finding("A.java", 31, "a()", "z.start()");
        BaselineComparison checked = compare(List.of(moved, finding("A.java", 40, "b()", "y.start()"), added),
                baseline);
        assertThat(checked.newFindings()).containsExactly(added);
        assertThat(checked.baselinedFindings()).hasSize(2).contains(moved);
        assertThat(checked.fixed()).isEmpty();
        assertThat(checked.moved()).isEmpty();
    }

    @Test
    void baselinedEntriesThatNoLongerOccurAreFixedUnlessTheirFileCouldNotBeAnalysed() {
        Baseline baseline = baselineOf(List.of(finding("A.java", 3, "a()", "x.start()"),
                finding("B.java", 5, "b()", "y.start()"), finding("C.java", 7, "c()", "w.start()")));
        List<Finding> now = List.of(finding("A.java", 3, "a()", "x.start()"));
        BaselineComparison checked = BaselineComparison.of(now, Fingerprints.of(now, MODULE), Set.of("C.java"),
                baseline, MODULE.resolve("threadguard-baseline.json"));
        assertThat(checked.fixed()).extracting(Baseline.Entry::file, Baseline.Entry::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("B.java", 5));
    }

    @Test
    void newFindingsThatMatchFixedOnesOfAnotherFileAreReportedAsMoved() {
        Baseline baseline = baselineOf(List.of(finding("old/Spawner.java", 3, "a()", "x.start()"),
                finding("old/Spawner.java", 8, "b()", "y.start()")));
        BaselineComparison checked = compare(List.of(finding("new/Spawner.java", 3, "a()", "x.start()"),
                finding("new/Spawner.java", 8, "b()", "y.start()"), finding("new/Spawner.java", 9, "c()", "q()")),
                baseline);
        assertThat(checked.newFindings()).hasSize(3);
        assertThat(checked.fixed()).hasSize(2);
        assertThat(checked.moved()).containsExactly(
                new BaselineComparison.Moved("old/Spawner.java", "new/Spawner.java", 2));
    }
}
