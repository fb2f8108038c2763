package dev.threadguard.rules;

import dev.threadguard.api.Precision;
import dev.threadguard.api.Severity;

/**
 * Every rule's measured precision, in one place: the figures of docs/precision.md, pooled over every judged sample of
 * held-out code that measured the rule in its current form (the held-out half and both fresh sets; a rule changed
 * after the held-out half was measured counts the fresh sets only). Each rule's default severity follows from its
 * figure ({@link dev.threadguard.api.SeverityPolicy}), so changing a figure here is the whole change to a default;
 * RuleDocumentationTest and RuleDocsTest then name the README and docs/rules.md lines that must say the same.
 */
final class MeasuredPrecision {

    static final Precision THREAD_IN_LOOP = Precision.measured(3, 1, 2, 0,
            "second fresh set: all 3 findings (none on the first fresh set; 2 of 12 true on the held-out half before "
                    + "its fixes)");
    static final Precision EXECUTOR_IN_LOOP = Precision.measured(1, 0, 1, 0,
            "second fresh set: its only finding (none on the first; 2 of 3 on the held-out half before its fixes)");
    static final Precision UNBOUNDED_EXECUTOR = Precision.measured(36, 23, 3, 10,
            "held-out half 10 of 12 (2 debatable), first fresh set 4 of 4, second fresh set 9 of 20 (3 false, "
                    + "8 debatable)");
    static final Precision POOL_NEVER_GROWS = Precision.measured(2, 2, 0, 0,
            "held-out half and second fresh set: their only finding each");
    static final Precision THREAD_IN_HANDLER = Precision.measured(1, 1, 0, 0,
            "second fresh set: the only finding on all held-out code");
    static final Precision BLOCKING_WITHOUT_TIMEOUT = Precision.measured(44, 32, 8, 4,
            "held-out half 12 of 12, first fresh set 10 of 12 (2 debatable), second fresh set 10 of 20 (8 false, "
                    + "2 debatable); the callers of wrappers, sampled apart: 17 of 20");
    static final Precision HTTP_WITHOUT_TIMEOUT = Precision.measured(32, 24, 8, 0,
            "held-out half 12 of 12, second fresh set 12 of 20 (none on the first)");
    static final Precision SWALLOWED_INTERRUPT = Precision.measured(32, 29, 3, 0,
            "fresh sets after the fix for catches at the end of main: 12 of 12 and 17 of 20");
    static final Precision UNCANCELLABLE_LOOP = Precision.measured(13, 13, 0, 0,
            "held-out half 4 of 4, fresh sets 2 of 2 and 7 of 7, every finding");
    static final Precision EXECUTOR_NOT_SHUTDOWN = Precision.measured(18, 9, 0, 9,
            "fresh sets: 0 of 1 (debatable) and 9 of 17 (8 debatable)");
    static final Precision IGNORED_FUTURE_SCHEDULE = Precision.measured(32, 9, 22, 1,
            "fresh sets: 6 of 12 and 3 of 20");
    static final Precision IGNORED_FUTURE_SUBMIT = Precision.measured(32, 17, 15, 0,
            "fresh sets: 9 of 12 and 8 of 20");
    static final Precision UNUSED_SUPPRESSION = Precision.notApplicable(Severity.INFO,
            "a suppression that silences nothing is a fact, not a judgement; it is housekeeping, never a reason to "
                    + "fail a build");

    private MeasuredPrecision() {
    }
}
