package dev.threadguard.rules;

import com.github.javaparser.Range;
import com.github.javaparser.ast.Node;
import dev.threadguard.api.FileContext;
import dev.threadguard.api.Rule;
import dev.threadguard.api.RuleMetadata;
import dev.threadguard.api.Suppression;
import dev.threadguard.api.Triggers;
import dev.threadguard.types.TypeOutline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code unused-suppression}: a {@code @SuppressWarnings("threadguard:..")} or {@code // threadguard:ignore ..} that
 * silences nothing. It reads what the other rules reported on the file, so it runs after all of them (it is the
 * last of {@link BuiltInRules}).
 */
public final class UnusedSuppressionRule implements Rule {

    static final RuleMetadata METADATA = new RuleMetadata("unused-suppression",
            "Suppression that suppresses nothing",
            "A suppression is a note that a finding was looked at and accepted. Once the code changes (the loop is "
                    + "gone, the executor is shut down) or a rule stops reporting the shape, the note stays and "
                    + "silences whatever comes to that place next; a misspelt rule id never silenced anything. "
                    + "A @SuppressWarnings(\"threadguard:<rule-id>\") value with no finding of that rule in the "
                    + "declaration it annotates, or a // threadguard:ignore comment with no finding of the rules it "
                    + "names on its line, is reported. Suppressions of rules disabled in the configuration (and "
                    + "suppressions of every rule while some rule is disabled) are not judged, as they silence "
                    + "nothing only for now; nor is a suppression of unused-suppression itself.",
            "Remove the suppression, or correct the rule id it names.",
            MeasuredPrecision.UNUSED_SUPPRESSION);

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public Triggers triggers() {
        // a file without "threadguard or threadguard:ignore in its text has no suppression
        return Triggers.anyOf(TypeOutline.SUPPRESSION);
    }

    @Override
    public void check(FileContext file) {
        List<Suppression> suppressions = file.suppressions();
        if (suppressions.isEmpty()) {
            return;
        }
        Set<String> ruleIds = BuiltInRules.all().stream().map(Rule::id).collect(Collectors.toSet());
        boolean everyRuleChecked = ruleIds.stream()
                .allMatch(id -> id.equals(METADATA.id()) || file.checkedRules().contains(id));
        Map<Range, List<Suppression>> comments = new LinkedHashMap<>();
        List<Suppression> annotations = new ArrayList<>();
        for (Suppression suppression : suppressions) {
            if (suppression.form() == Suppression.Form.COMMENT) {
                comments.computeIfAbsent(suppression.range(), range -> new ArrayList<>()).add(suppression);
            } else {
                annotations.add(suppression);
            }
        }
        // A finding about a suppression can be silenced by one around it, which is then used: judge the inner ones
        // first (comments, then annotations from the innermost declaration out, "threadguard" after its siblings).
        for (List<Suppression> comment : comments.values()) {
            List<Suppression> named = comment.stream()
                    .filter(suppression -> suppression.allRules() || ruleIds.contains(suppression.ruleId())).toList();
            if (named.isEmpty()) {
                // the words after threadguard:ignore are prose or misspelt ids: the comment silences nothing
                Suppression first = comment.get(0);
                report(file, first, "`" + first.written() + "` suppresses nothing: it names no threadguard rule ("
                        + ids() + ")");
            }
            for (Suppression suppression : named) {
                if (isUnused(suppression, file, everyRuleChecked)) {
                    report(file, suppression, "`" + suppression.written() + "` suppresses nothing: "
                            + (suppression.allRules() ? "no rule reports anything"
                            : "`" + suppression.ruleId() + "` reports nothing") + " on this line");
                }
            }
        }
        annotations.sort(Comparator.comparingInt((Suppression suppression) -> -depth(suppression.node()))
                .thenComparing(Suppression::allRules));
        for (Suppression suppression : annotations) {
            if (!suppression.allRules() && !ruleIds.contains(suppression.ruleId())) {
                report(file, suppression, "`" + suppression.written() + "` suppresses nothing: `"
                        + suppression.ruleId() + "` is not a threadguard rule (" + ids() + ")");
            } else if (isUnused(suppression, file, everyRuleChecked)) {
                report(file, suppression, "`" + suppression.written() + "` suppresses nothing: "
                        + (suppression.allRules() ? "no rule reports anything"
                        : "`" + suppression.ruleId() + "` reports nothing") + " in the declaration it annotates");
            }
        }
    }

    private static int depth(Node node) {
        int depth = 0;
        for (Node current = node; current != null; current = current.getParentNode().orElse(null)) {
            depth++;
        }
        return depth;
    }

    /**
     * True when the suppression silenced nothing although every rule it covers ran on the file: rules that are
     * disabled, or did not finish, might have used it.
     */
    private static boolean isUnused(Suppression suppression, FileContext file, boolean everyRuleChecked) {
        if (file.isUsed(suppression) || suppression.ruleId().equals(METADATA.id())) {
            return false;
        }
        return suppression.allRules() ? everyRuleChecked : file.checkedRules().contains(suppression.ruleId());
    }

    private static void report(FileContext file, Suppression suppression, String message) {
        file.report(METADATA, suppression, message, METADATA.fix(), METADATA.defaultSeverity());
    }

    private static String ids() {
        return BuiltInRules.all().stream().map(Rule::id).collect(Collectors.joining(", "));
    }
}
