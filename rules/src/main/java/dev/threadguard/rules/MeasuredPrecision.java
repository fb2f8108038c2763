package dev.threadguard.rules;

import dev.threadguard.api.Precision;
import dev.threadguard.api.Severity;

/**
 * Every rule's measured precision, in one place: the figures of docs/precision.md (held-out half, and fresh
 * artifacts where a rule was fixed after the held-out measurement: the fresh figure measures the fixed rule). Each
 * rule's default severity follows from its figure ({@link dev.threadguard.api.SeverityPolicy}), so changing a
 * figure here is the whole change to a default; RuleDocumentationTest and RuleDocsTest then name the README and
 * docs/rules.md lines that must say the same.
 */
final class MeasuredPrecision {

    static final Precision THREAD_IN_LOOP = Precision.measured(12, 2, 10, 0,
            "held-out half: 12 of 22 findings judged; no finding on the fresh artifacts");
    static final Precision EXECUTOR_IN_LOOP = Precision.measured(3, 2, 1, 0,
            "held-out half: all 3 findings judged; no finding on the fresh artifacts");
    static final Precision UNBOUNDED_EXECUTOR = Precision.measured(16, 14, 0, 2,
            "held-out half: 12 of 15 findings judged (10 true, 2 debatable); fresh artifacts: all 4 judged, 4 true");
    static final Precision POOL_NEVER_GROWS = Precision.measured(1, 1, 0, 0,
            "held-out half: its only finding judged; no finding on the fresh artifacts");
    static final Precision THREAD_IN_HANDLER = Precision.unmeasured(
            "no finding on the held-out half, the fresh artifacts or the tuning half");
    static final Precision BLOCKING_WITHOUT_TIMEOUT = Precision.measured(24, 22, 0, 2,
            "held-out half: 12 of 720 findings judged, 12 true; fresh artifacts: 12 of 62 judged (10 true, "
                    + "2 debatable)");
    static final Precision HTTP_WITHOUT_TIMEOUT = Precision.measured(12, 12, 0, 0,
            "held-out half: 12 of 18 findings judged; no finding on the fresh artifacts");
    static final Precision SWALLOWED_INTERRUPT = Precision.measured(12, 12, 0, 0,
            "fresh artifacts, after the fix for catches at the end of main: 12 of 84 findings judged");
    static final Precision UNCANCELLABLE_LOOP = Precision.measured(6, 6, 0, 0,
            "held-out half: all 4 findings judged; fresh artifacts: both findings judged");
    static final Precision EXECUTOR_NOT_SHUTDOWN = Precision.measured(13, 8, 2, 3,
            "held-out half: 12 of 15 findings judged (8 true, 2 false, 2 debatable); fresh artifacts: its only "
                    + "finding, debatable");
    static final Precision IGNORED_FUTURE_SCHEDULE = Precision.measured(24, 13, 9, 2,
            "held-out half: 12 of 194 findings judged (7 true, 3 false, 2 debatable); fresh artifacts: 12 of 18 "
                    + "judged (6 true, 6 false)");
    static final Precision IGNORED_FUTURE_SUBMIT = Precision.measured(24, 18, 6, 0,
            "held-out half: 12 of 118 findings judged (9 true); fresh artifacts: 12 of 20 judged (9 true)");
    static final Precision UNUSED_SUPPRESSION = Precision.notApplicable(Severity.INFO,
            "a suppression that silences nothing is a fact, not a judgement; it is housekeeping, never a reason to "
                    + "fail a build");

    private MeasuredPrecision() {
    }
}
