package dev.threadguard.report.baseline;

import dev.threadguard.api.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.threadguard.report.baseline.BaselineComparisonTest.MODULE;
import static dev.threadguard.report.baseline.BaselineComparisonTest.finding;
import static org.assertj.core.api.Assertions.assertThat;

class BaselineUpdateTest {

    private static BaselineUpdate update(Baseline previous, List<Finding> findings, Set<String> unanalysed) {
        return BaselineUpdate.of(previous, findings, Fingerprints.of(findings, MODULE), unanalysed);
    }

    @Test
    void aFirstBaselineHoldsEveryFindingSortedByItsKeyNotByLine() {
        BaselineUpdate update = update(null, List.of(finding("B.java", 1, "b()", "y.start()"),
                finding("A.java", 20, "z()", "x.start()"), finding("A.java", 10, "a()", "x.start()")), Set.of());
        assertThat(update.added()).hasSize(3);
        assertThat(update.dropped()).isEmpty();
        assertThat(update.kept()).isZero();
        assertThat(update.baseline().findings()).extracting(Baseline.Entry::file, Baseline.Entry::member)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A.java", "a()"),
                        org.assertj.core.groups.Tuple.tuple("A.java", "z()"),
                        org.assertj.core.groups.Tuple.tuple("B.java", "b()"));
    }

    @Test
    void keepsEntriesAsTheyWereDropsFixedOnesAndAddsNewOnes() {
        Baseline previous = update(null, List.of(finding("A.java", 10, "a()", "x.start()"),
                finding("A.java", 20, "b()", "y.start()")), Set.of()).baseline();
        BaselineUpdate update = update(previous, List.of(finding("A.java", 50, "a()", "x.start()"),
                finding("A.java", 60, "c()", "z.start()")), Set.of());
        assertThat(update.kept()).isEqualTo(1);
        assertThat(update.added()).extracting(Baseline.Entry::member).containsExactly("c()");
        assertThat(update.dropped()).extracting(Baseline.Entry::member).containsExactly("b()");
        assertThat(update.changes()).isTrue();
        assertThat(update.baseline().findings()).filteredOn(entry -> entry.member().equals("a()"))
                .singleElement().extracting(Baseline.Entry::line).as("the line when it was baselined").isEqualTo(10);
    }

    @Test
    void unrelatedEditsChangeNothing() {
        Baseline previous = update(null, List.of(finding("A.java", 10, "a()", "x.start()")), Set.of()).baseline();
        BaselineUpdate update = update(previous, List.of(finding("A.java", 14, "a()", "x . start ( )")), Set.of());
        assertThat(update.changes()).isFalse();
        assertThat(update.baseline()).isEqualTo(previous);
    }

    @Test
    void entriesOfFilesThatCouldNotBeAnalysedAreKept() {
        Baseline previous = update(null, List.of(finding("A.java", 10, "a()", "x.start()"),
                finding("Broken.java", 3, "b()", "y.start()")), Set.of()).baseline();
        BaselineUpdate update = update(previous, List.of(finding("A.java", 10, "a()", "x.start()")),
                Set.of("Broken.java"));
        assertThat(update.dropped()).isEmpty();
        assertThat(update.baseline()).isEqualTo(previous);
    }
}
