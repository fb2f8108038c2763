package dev.threadguard.api;

import com.github.javaparser.JavaToken;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;

import java.util.ArrayList;
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
 * Ignore comments are read from the parser's comment tokens, so text in a string literal silences nothing.
 * Remembers which suppressions silenced something, for {@code unused-suppression}.
 *
 * <p>Another tool's suppression of the same finding is honoured too ({@link #OTHER_TOOLS}): a team that already told
 * Error Prone a discarded future is meant should not have to say so twice. Those are never reported as unused: they
 * belong to the other tool.
 */
final class Suppressions {

    private static final String PREFIX = "threadguard";
    /** {@code @SuppressWarnings} values of other tools' checks that flag what a threadguard rule flags. */
    private static final Map<String, String> OTHER_TOOLS = Map.of(
            // Error Prone: a Future returned by a method call is ignored
            "FutureReturnValueIgnored", "ignored-future");
    private static final Pattern IGNORE_COMMENT =
            Pattern.compile("//\\s*threadguard:ignore\\b([ \\t,A-Za-z0-9-]*)");

    /** The ignore comments by line; only real comments, not text in string literals. */
    private final Map<Integer, List<Suppression>> commentsByLine;
    private final Set<Suppression> used = new HashSet<>();

    Suppressions(CompilationUnit unit, String text) {
        this.commentsByLine = text.contains("threadguard:ignore") ? ignoreComments(unit) : Map.of();
    }

    private static Map<Integer, List<Suppression>> ignoreComments(CompilationUnit unit) {
        Map<Integer, List<Suppression>> result = new HashMap<>();
        if (unit.getTokenRange().isEmpty()) {
            return result;
        }
        for (JavaToken token : unit.getTokenRange().get()) {
            if (token.getKind() != JavaToken.Kind.SINGLE_LINE_COMMENT.getKind()
                    || !token.getText().contains("threadguard:ignore") || token.getRange().isEmpty()) {
                continue;
            }
            Matcher matcher = IGNORE_COMMENT.matcher(token.getText());
            if (!matcher.find()) {
                continue;
            }
            Range range = token.getRange().get();
            String written = token.getText().substring(matcher.start(), matcher.end()).trim();
            List<String> ids = new ArrayList<>();
            for (String id : matcher.group(1).split("[\\s,]+")) {
                if (!id.isBlank()) {
                    ids.add(id);
                }
            }
            if (ids.isEmpty()) {
                ids.add(Suppression.ALL_RULES);
            }
            List<Suppression> onLine = result.computeIfAbsent(range.begin.line, line -> new ArrayList<>());
            for (String id : ids) {
                onLine.add(new Suppression(id, Suppression.Form.COMMENT, written, range, null));
            }
        }
        return result;
    }

    /**
     * True when a finding of {@code ruleId} at {@code node} (starting on {@code line}) is suppressed by anything but
     * {@code except}; every suppression that matches is remembered as used.
     */
    boolean isSuppressed(String ruleId, Node node, int line, Suppression except) {
        boolean suppressed = false;
        for (Suppression comment : commentsByLine.getOrDefault(line, List.of())) {
            if (comment.covers(ruleId) && !comment.equals(except)) {
                used.add(comment);
                suppressed = true;
            }
        }
        for (Optional<Node> current = Optional.of(node); current.isPresent();
             current = current.get().getParentNode()) {
            if (current.get() instanceof NodeWithAnnotations<?> annotated) {
                for (Suppression annotation : annotationSuppressions(annotated)) {
                    if (annotation.covers(ruleId) && !annotation.equals(except)) {
                        used.add(annotation);
                        suppressed = true;
                    }
                }
            }
        }
        return suppressed;
    }

    boolean isUsed(Suppression suppression) {
        return used.contains(suppression);
    }

    /** Every threadguard suppression in the file (not other tools'), in source order, given all its annotations. */
    List<Suppression> all(List<AnnotationExpr> annotations) {
        List<Suppression> result = new ArrayList<>();
        commentsByLine.values().forEach(result::addAll);
        for (AnnotationExpr annotation : annotations) {
            for (Suppression suppression : suppressions(annotation)) {
                if (suppression.form() != Suppression.Form.OTHER_TOOL) {
                    result.add(suppression);
                }
            }
        }
        result.sort((a, b) -> a.range().begin.compareTo(b.range().begin));
        return result;
    }

    private static List<Suppression> annotationSuppressions(NodeWithAnnotations<?> annotated) {
        List<Suppression> result = new ArrayList<>(0);
        for (AnnotationExpr annotation : annotated.getAnnotations()) {
            result.addAll(suppressions(annotation));
        }
        return result;
    }

    private static List<Suppression> suppressions(AnnotationExpr annotation) {
        String name = annotation.getNameAsString();
        if (!name.equals("SuppressWarnings") && !name.equals("java.lang.SuppressWarnings")) {
            return List.of();
        }
        List<Suppression> result = new ArrayList<>(1);
        for (StringLiteralExpr value : values(annotation)) {
            String text = value.getValue();
            Optional<Range> range = value.getRange();
            if (range.isEmpty()) {
                continue;
            }
            if (text.equals(PREFIX)) {
                result.add(new Suppression(Suppression.ALL_RULES, Suppression.Form.ANNOTATION, '"' + text + '"',
                        range.get(), value));
            } else if (text.startsWith(PREFIX + ':')) {
                result.add(new Suppression(text.substring(PREFIX.length() + 1), Suppression.Form.ANNOTATION,
                        '"' + text + '"', range.get(), value));
            } else if (OTHER_TOOLS.containsKey(text)) {
                result.add(new Suppression(OTHER_TOOLS.get(text), Suppression.Form.OTHER_TOOL, '"' + text + '"',
                        range.get(), value));
            }
        }
        return result;
    }

    private static List<StringLiteralExpr> values(AnnotationExpr annotation) {
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
            return List.of(literal);
        }
        if (value instanceof ArrayInitializerExpr array) {
            return array.getValues().stream()
                    .filter(Expression::isStringLiteralExpr)
                    .map(Expression::asStringLiteralExpr)
                    .toList();
        }
        return List.of();
    }
}
