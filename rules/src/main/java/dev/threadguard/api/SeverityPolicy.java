package dev.threadguard.api;

/**
 * A rule's default severity follows from its measured precision (issue 11), so that a default build fails only on
 * findings that have been shown to hold on code no one here tuned the rules on. Until 1.0 the figures, and so the
 * defaults, may change with each measurement; users keep their own per-rule {@code <severity>}.
 */
public final class SeverityPolicy {

    /** Percent of judged findings that must be true for {@link Severity#ERROR}. */
    public static final int ERROR_PERCENT = 97;
    /** Judged findings {@link Severity#ERROR} needs at least: fewer cannot show 97 %. */
    public static final int ERROR_MIN_JUDGED = 20;
    /**
     * Percent of judged findings that must be true for {@link Severity#WARNING}. No minimum sample: a rule with fewer
     * than 20 findings on all held-out code had every one judged, and that is all the evidence there is.
     */
    public static final int WARNING_PERCENT = 90;
    /**
     * A rule that reported nothing on held-out code warns: no evidence says it is wrong, none says it is right
     * enough to break a build on its own, and {@code info} would hide it.
     */
    public static final Severity UNMEASURED = Severity.WARNING;

    private SeverityPolicy() {
    }

    /**
     * The default severity for a measured precision: {@code error} at 97 % true or more with at least 20 judged,
     * {@code warning} at 90 % or more, otherwise {@code info}; debatable findings count as not true.
     */
    public static Severity defaultSeverity(Precision precision) {
        if (precision instanceof Precision.Measured measured) {
            // whole numbers, so that 97 % of 100 is 97 and not 96.99999
            long truePercent = 100L * measured.truePositives();
            if (truePercent >= (long) ERROR_PERCENT * measured.judged() && measured.judged() >= ERROR_MIN_JUDGED) {
                return Severity.ERROR;
            }
            return truePercent >= (long) WARNING_PERCENT * measured.judged() ? Severity.WARNING : Severity.INFO;
        }
        if (precision instanceof Precision.NotApplicable fixed) {
            return fixed.level();
        }
        return UNMEASURED;
    }

    /** Why the policy gives {@code precision} its level, for the docs: "below the 90 % true a warning needs". */
    public static String reason(Precision precision) {
        if (precision instanceof Precision.Measured measured) {
            return switch (defaultSeverity(precision)) {
                case ERROR -> "at least " + ERROR_PERCENT + " % true of at least " + ERROR_MIN_JUDGED + " judged";
                case WARNING -> 100L * measured.truePositives() >= (long) ERROR_PERCENT * measured.judged()
                        ? "at least " + WARNING_PERCENT + " % true; error needs " + ERROR_PERCENT + " % of at least "
                        + ERROR_MIN_JUDGED + " judged"
                        : "at least " + WARNING_PERCENT + " % true, below the " + ERROR_PERCENT + " % error needs";
                case INFO -> "below the " + WARNING_PERCENT + " % true a warning needs";
            };
        }
        if (precision instanceof Precision.NotApplicable fixed) {
            return fixed.why();
        }
        return "a rule with nothing to judge warns";
    }
}
