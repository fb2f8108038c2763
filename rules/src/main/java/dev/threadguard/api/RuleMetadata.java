package dev.threadguard.api;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What users see of a rule besides its findings: in the README's rule table, the SARIF rule metadata and the
 * report. The id is a public contract: never rename it. The default severity is not chosen here: it follows from
 * the measured precision ({@link SeverityPolicy}).
 *
 * @param id        the stable public id, e.g. {@code thread-in-loop}
 * @param title     a short description, one line
 * @param rationale why the pattern is a problem, a paragraph
 * @param fix       how to fix it, a paragraph
 * @param precision how precise the rule was measured to be, over all its findings
 * @param kinds     the kinds of finding measured, and so defaulted, apart; empty when the rule is one kind
 */
public record RuleMetadata(String id, String title, String rationale, String fix, Precision precision,
                           List<Kind> kinds) {

    /**
     * A kind of finding of one rule whose precision was measured apart, and whose default severity follows from it.
     *
     * @param name  how the rule's code names the kind, e.g. {@code schedule}
     * @param calls what the kind covers, as users read it, e.g. {@code `schedule*`}
     */
    public record Kind(String name, String calls, Precision precision) {

        public Severity defaultSeverity() {
            return SeverityPolicy.defaultSeverity(precision);
        }
    }

    public RuleMetadata {
        kinds = List.copyOf(kinds);
    }

    /** A rule whose findings are one kind. */
    public RuleMetadata(String id, String title, String rationale, String fix, Precision precision) {
        this(id, title, rationale, fix, precision, List.of());
    }

    /** A rule whose findings are of several kinds, each measured apart; its precision is theirs added up. */
    public RuleMetadata(String id, String title, String rationale, String fix, List<Kind> kinds) {
        this(id, title, rationale, fix, added(kinds), kinds);
    }

    private static Precision added(List<Kind> kinds) {
        int judged = 0;
        int truePositives = 0;
        int falsePositives = 0;
        int debatable = 0;
        for (Kind kind : kinds) {
            if (!(kind.precision() instanceof Precision.Measured measured)) {
                throw new IllegalArgumentException("kind " + kind.name() + " is not measured: give the rule one "
                        + "precision instead");
            }
            judged += measured.judged();
            truePositives += measured.truePositives();
            falsePositives += measured.falsePositives();
            debatable += measured.debatable();
        }
        return Precision.measured(judged, truePositives, falsePositives, debatable, "its kinds added up");
    }

    /**
     * The severity used unless configured otherwise: the policy's for the rule's precision, or, for a rule of several
     * kinds, the most severe of its kinds' (each finding is reported at its kind's).
     */
    public Severity defaultSeverity() {
        if (kinds.isEmpty()) {
            return SeverityPolicy.defaultSeverity(precision);
        }
        return kinds.stream().map(Kind::defaultSeverity).min(Comparator.naturalOrder()).orElseThrow();
    }

    /** The kind named {@code name}. */
    public Kind kind(String name) {
        return kinds.stream().filter(kind -> kind.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + " has no kind " + name));
    }

    /**
     * The default level with the figure it follows from, as the README's rule table shows it: "info (2 of 12 true
     * on held-out code)", or per kind: "info for `schedule*` (13 of 24 true on held-out code); info for ...".
     */
    public String defaultLevelWithPrecision() {
        if (kinds.isEmpty()) {
            return defaultSeverity().label() + " (" + precision.describe() + ")";
        }
        return kinds.stream().map(kind -> kind.defaultSeverity().label() + " for " + kind.calls() + " ("
                + kind.precision().describe() + ")").collect(Collectors.joining("; "));
    }
}
