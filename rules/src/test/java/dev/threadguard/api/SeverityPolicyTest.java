package dev.threadguard.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeverityPolicyTest {

    private static Severity of(int judged, int truePositives, int falsePositives, int debatable) {
        return SeverityPolicy.defaultSeverity(Precision.measured(judged, truePositives, falsePositives, debatable,
                "test"));
    }

    @Test
    void errorNeedsNinetySevenPercentOfAtLeastTwentyJudged() {
        assertThat(of(20, 20, 0, 0)).isEqualTo(Severity.ERROR);
        assertThat(of(100, 97, 3, 0)).as("exactly 97 %").isEqualTo(Severity.ERROR);
        assertThat(of(100, 96, 4, 0)).isEqualTo(Severity.WARNING);
        assertThat(of(34, 33, 1, 0)).as("97.06 %").isEqualTo(Severity.ERROR);
        assertThat(of(33, 32, 1, 0)).as("96.97 %").isEqualTo(Severity.WARNING);
        assertThat(of(19, 19, 0, 0)).as("every one of 19 is too small a sample for error").isEqualTo(Severity.WARNING);
    }

    @Test
    void warningNeedsNinetyPercentWhateverTheSample() {
        assertThat(of(1, 1, 0, 0)).isEqualTo(Severity.WARNING);
        assertThat(of(12, 12, 0, 0)).isEqualTo(Severity.WARNING);
        assertThat(of(10, 9, 1, 0)).as("exactly 90 %").isEqualTo(Severity.WARNING);
        assertThat(of(24, 22, 0, 2)).isEqualTo(Severity.WARNING);
        assertThat(of(16, 14, 0, 2)).as("87.5 %").isEqualTo(Severity.INFO);
        assertThat(of(3, 2, 1, 0)).isEqualTo(Severity.INFO);
        assertThat(of(12, 2, 10, 0)).isEqualTo(Severity.INFO);
    }

    @Test
    void debatableFindingsCountAsNotTrue() {
        assertThat(of(20, 19, 0, 1)).as("95 %, though nothing was false").isEqualTo(Severity.WARNING);
        assertThat(of(10, 8, 0, 2)).isEqualTo(Severity.INFO);
    }

    @Test
    void aRuleWithNothingToJudgeWarnsAndOneWhosePrecisionDoesNotApplyKeepsItsLevel() {
        assertThat(SeverityPolicy.defaultSeverity(Precision.unmeasured("no finding"))).isEqualTo(Severity.WARNING);
        assertThat(SeverityPolicy.defaultSeverity(Precision.notApplicable(Severity.INFO, "housekeeping")))
                .isEqualTo(Severity.INFO);
    }

    @Test
    void aMeasurementMustAddUp() {
        assertThatThrownBy(() -> Precision.measured(12, 2, 9, 0, "test")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 + 9 + 0 of 12");
        assertThatThrownBy(() -> Precision.measured(0, 0, 0, 0, "test")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describesTheFigure() {
        assertThat(Precision.measured(12, 2, 10, 0, "test").describe()).isEqualTo("2 of 12 true on held-out code");
        assertThat(Precision.unmeasured("test").describe()).isEqualTo("unmeasured, no finding on held-out code");
    }

    @Test
    void aRuleOfSeveralKindsDefaultsToItsMostSevereKindAndAddsTheirFiguresUp() {
        RuleMetadata rule = new RuleMetadata("some-rule", "Title", "Rationale", "Fix.", java.util.List.of(
                new RuleMetadata.Kind("a", "`a()`", Precision.measured(20, 12, 8, 0, "test")),
                new RuleMetadata.Kind("b", "`b()`", Precision.measured(10, 10, 0, 0, "test"))));
        assertThat(rule.kind("a").defaultSeverity()).isEqualTo(Severity.INFO);
        assertThat(rule.kind("b").defaultSeverity()).isEqualTo(Severity.WARNING);
        assertThat(rule.defaultSeverity()).isEqualTo(Severity.WARNING);
        assertThat(rule.precision().describe()).isEqualTo("22 of 30 true on held-out code");
        assertThat(rule.defaultLevelWithPrecision()).isEqualTo("info for `a()` (12 of 20 true on held-out code); "
                + "warning for `b()` (10 of 10 true on held-out code)");
    }

    @Test
    void saysWhyALevelWasGiven() {
        assertThat(SeverityPolicy.reason(Precision.measured(12, 2, 10, 0, "test")))
                .isEqualTo("below the 90 % true a warning needs");
        assertThat(SeverityPolicy.reason(Precision.measured(12, 12, 0, 0, "test")))
                .isEqualTo("at least 90 % true; error needs 97 % of at least 20 judged");
        assertThat(SeverityPolicy.reason(Precision.measured(24, 22, 0, 2, "test")))
                .isEqualTo("at least 90 % true, below the 97 % error needs");
        assertThat(SeverityPolicy.reason(Precision.measured(40, 40, 0, 0, "test")))
                .isEqualTo("at least 97 % true of at least 20 judged");
        assertThat(SeverityPolicy.reason(Precision.unmeasured("test"))).isEqualTo("a rule with nothing to judge warns");
    }
}
