package dev.threadguard.api;

/**
 * How precise a rule (or one kind of its findings) was measured to be on code it was not tuned on: the figure its
 * default severity follows from ({@link SeverityPolicy}), shown in the README, docs/rules.md and the SARIF help.
 */
public sealed interface Precision {

    /** The figure as users read it, e.g. "2 of 12 true on held-out code". */
    String describe();

    /**
     * Findings judged by reading their code: {@code truePositives} right, {@code falsePositives} wrong,
     * {@code debatable} arguable (counted as not true).
     *
     * @param where where and when it was measured, a short text, e.g. "held-out half, 12 of 22 findings"
     */
    record Measured(int judged, int truePositives, int falsePositives, int debatable, String where)
            implements Precision {

        public Measured {
            if (judged <= 0 || truePositives < 0 || falsePositives < 0 || debatable < 0
                    || truePositives + falsePositives + debatable != judged) {
                throw new IllegalArgumentException("a measured precision needs true + false + debatable = judged > 0,"
                        + " got " + truePositives + " + " + falsePositives + " + " + debatable + " of " + judged);
            }
        }

        /** True positives per judged finding, in percent. */
        public double percent() {
            return 100.0 * truePositives / judged;
        }

        @Override
        public String describe() {
            return truePositives + " of " + judged + " true on held-out code";
        }
    }

    /** The rule reported nothing on the held-out code, so there is nothing to judge. */
    record Unmeasured(String where) implements Precision {

        @Override
        public String describe() {
            return "unmeasured, no finding on held-out code";
        }
    }

    /**
     * The rule's findings are not judgements about the code, so precision does not apply: their level is chosen.
     *
     * @param level the default severity
     * @param why   why precision does not apply, a short text
     */
    record NotApplicable(Severity level, String why) implements Precision {

        @Override
        public String describe() {
            return "precision does not apply";
        }
    }

    static Precision measured(int judged, int truePositives, int falsePositives, int debatable, String where) {
        return new Measured(judged, truePositives, falsePositives, debatable, where);
    }

    static Precision unmeasured(String where) {
        return new Unmeasured(where);
    }

    static Precision notApplicable(Severity level, String why) {
        return new NotApplicable(level, why);
    }
}
