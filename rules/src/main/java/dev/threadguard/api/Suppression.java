package dev.threadguard.api;

import com.github.javaparser.Range;
import com.github.javaparser.ast.Node;

/**
 * One suppression written in a source file, for one rule id: a value of {@code @SuppressWarnings("threadguard:..")}
 * or one id of a {@code // threadguard:ignore ..} comment, or another tool's {@code @SuppressWarnings} value that
 * threadguard honours for one of its rules (Error Prone's {@code "FutureReturnValueIgnored"}).
 *
 * @param ruleId  the rule id as written (which may be no rule at all), or {@link #ALL_RULES}
 * @param form    an annotation value or an ignore comment
 * @param written how it is written, for messages: {@code "threadguard:thread-in-loop"},
 *                {@code // threadguard:ignore thread-in-loop}
 * @param range   where it is written: the string literal, or the comment
 * @param node    the string literal of an annotation value; null for a comment
 */
public record Suppression(String ruleId, Form form, String written, Range range, Node node) {

    /** The id of a suppression of every rule: {@code "threadguard"}, or an ignore comment without ids. */
    public static final String ALL_RULES = "*";

    /** How a suppression is written. */
    public enum Form {
        /** A value of {@code @SuppressWarnings} on an enclosing declaration. */
        ANNOTATION,
        /** A {@code // threadguard:ignore} comment on the reported line. */
        COMMENT,
        /** A value of {@code @SuppressWarnings} naming another tool's check of the same thing; never judged unused. */
        OTHER_TOOL
    }

    public boolean allRules() {
        return ALL_RULES.equals(ruleId);
    }

    /** True when it silences findings of {@code id}. */
    public boolean covers(String id) {
        return allRules() || ruleId.equals(id);
    }
}
