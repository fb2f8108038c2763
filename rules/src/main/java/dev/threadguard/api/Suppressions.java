package dev.threadguard.api;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two ways users silence a finding: {@code @SuppressWarnings("threadguard:<rule-id>")} (or
 * {@code "threadguard"} for every rule) on any enclosing declaration, and a {@code // threadguard:ignore <rule-id>}
 * comment on the reported line (without ids: every rule on that line; several ids separated by spaces or commas).
 */
final class Suppressions {

    static final String ALL_RULES = "*";
    private static final String PREFIX = "threadguard";
    private static final Pattern IGNORE_COMMENT =
            Pattern.compile("//\\s*threadguard:ignore\\b([ \\t,A-Za-z0-9-]*)");

    private final Map<Integer, Set<String>> ignoredByLine;

    Suppressions(List<String> lines) {
        this.ignoredByLine = ignoreComments(lines);
    }

    private static Map<Integer, Set<String>> ignoreComments(List<String> lines) {
        Map<Integer, Set<String>> result = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.contains("threadguard:ignore")) {
                continue;
            }
            Matcher matcher = IGNORE_COMMENT.matcher(line);
            if (matcher.find()) {
                Set<String> ids = new HashSet<>();
                for (String id : matcher.group(1).split("[\\s,]+")) {
                    if (!id.isBlank()) {
                        ids.add(id);
                    }
                }
                result.put(i + 1, ids.isEmpty() ? Set.of(ALL_RULES) : ids);
            }
        }
        return result;
    }

    boolean isSuppressed(String ruleId, Node node, int line) {
        Set<String> ignored = ignoredByLine.get(line);
        if (ignored != null && (ignored.contains(ALL_RULES) || ignored.contains(ruleId))) {
            return true;
        }
        for (Optional<Node> current = Optional.of(node); current.isPresent();
             current = current.get().getParentNode()) {
            if (current.get() instanceof NodeWithAnnotations<?> annotated && suppresses(annotated, ruleId)) {
                return true;
            }
        }
        return false;
    }

    private static boolean suppresses(NodeWithAnnotations<?> annotated, String ruleId) {
        for (AnnotationExpr annotation : annotated.getAnnotations()) {
            String name = annotation.getNameAsString();
            if (!name.equals("SuppressWarnings") && !name.equals("java.lang.SuppressWarnings")) {
                continue;
            }
            for (String value : values(annotation)) {
                if (value.equals(PREFIX) || value.equals(PREFIX + ':' + ruleId)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> values(AnnotationExpr annotation) {
        Expression value = null;
        if (annotation instanceof SingleMemberAnnotationExpr single) {
            value = single.getMemberValue();
        } else if (annotation instanceof NormalAnnotationExpr normal) {
            value = normal.getPairs().stream()
                    .filter(pair -> pair.getNameAsString().equals("value"))
                    .map(pair -> pair.getValue())
                    .findFirst().orElse(null);
        }
        if (value instanceof StringLiteralExpr literal) {
            return List.of(literal.getValue());
        }
        if (value instanceof ArrayInitializerExpr array) {
            return array.getValues().stream()
                    .filter(Expression::isStringLiteralExpr)
                    .map(element -> element.asStringLiteralExpr().getValue())
                    .toList();
        }
        return List.of();
    }
}
