package dev.threadguard.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.stmt.IfStmt;
import dev.threadguard.analysis.LocalUses;
import dev.threadguard.analysis.Nodes;
import dev.threadguard.types.Variables;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fluent call chains ({@code HttpClient.newBuilder().connectTimeout(d).build()}): the calls applied to a value,
 * and where the chain's result goes.
 */
final class Chains {

    private Chains() {
    }

    /** The calls applied to the value of {@code start} in one expression: for {@code start.a().b()}, a and b. */
    public static List<MethodCallExpr> following(Expression start) {
        List<MethodCallExpr> calls = new ArrayList<>();
        Node current = start;
        Node parent = start.getParentNode().orElse(null);
        while (true) {
            while (parent instanceof EnclosedExpr) {
                current = parent;
                parent = parent.getParentNode().orElse(null);
            }
            if (!(parent instanceof MethodCallExpr call) || call.getScope().orElse(null) != current) {
                return calls;
            }
            calls.add(call);
            current = call;
            parent = call.getParentNode().orElse(null);
        }
    }

    /** The outermost expression of the chain that starts at {@code start}: its result. */
    public static Expression end(Expression start) {
        List<MethodCallExpr> calls = following(start);
        return calls.isEmpty() ? start : calls.get(calls.size() - 1);
    }

    /**
     * Every call made on the builder that {@code start} produces, within the method: the calls chained on it
     * (builder methods return the builder) and, when the chain's result is kept in a local, the calls (and their
     * chains) on that local. Empty when the builder escapes, unfinished, to code that is not followed (passed on,
     * returned, stored in a field): then it is unknown what else is done to it. A chain that reaches one of
     * {@code finishers} (e.g. {@code build}) is complete where it stands.
     */
    public static Optional<List<MethodCallExpr>> callsOnBuilder(Expression start, Set<String> finishers) {
        List<MethodCallExpr> calls = following(start);
        if (calls.stream().anyMatch(call -> finishers.contains(call.getNameAsString()))) {
            return Optional.of(calls);
        }
        return withLocal(end(start), calls);
    }

    /**
     * Every call made on the object that {@code start} produces, within the method: the call chained on it
     * ({@code url.openConnection().getInputStream()}), or the calls on the local it is kept in. Empty when the
     * object escapes to code that is not followed.
     */
    public static Optional<List<MethodCallExpr>> callsOn(Expression start) {
        List<MethodCallExpr> calls = following(start);
        return calls.isEmpty() ? withLocal(start, new ArrayList<>()) : Optional.of(calls.subList(0, 1));
    }

    private static Optional<List<MethodCallExpr>> withLocal(Expression value, List<MethodCallExpr> known) {
        Optional<VariableDeclarator> local = LocalUses.storedIn(value);
        if (local.isEmpty()) {
            return Optional.empty();
        }
        List<MethodCallExpr> calls = new ArrayList<>(known);
        for (LocalUses.Use use : LocalUses.of(local.get())) {
            if (use.kind() == LocalUses.Kind.ESCAPES) {
                return Optional.empty();
            }
            if (use.kind() == LocalUses.Kind.CALL && use.at() instanceof MethodCallExpr call) {
                calls.add(call);
                calls.addAll(following(call));
            }
            if (use.at() instanceof InstanceOfExpr test && test.getPattern().orElse(null) instanceof TypePatternExpr pattern) {
                Optional<List<MethodCallExpr>> throughPattern = callsOnPatternVariable(test, pattern);
                if (throughPattern.isEmpty()) {
                    return Optional.empty();
                }
                calls.addAll(throughPattern.get());
            }
        }
        return Optional.of(calls);
    }

    /**
     * The calls made through the variable of {@code if (c instanceof HttpURLConnection http) { http.. }} in the
     * branch where it is bound; empty when that variable escapes.
     */
    private static Optional<List<MethodCallExpr>> callsOnPatternVariable(InstanceOfExpr test, TypePatternExpr pattern) {
        List<MethodCallExpr> calls = new ArrayList<>();
        Optional<IfStmt> branch = test.findAncestor(IfStmt.class)
                .filter(ifStmt -> Nodes.isWithin(test, ifStmt.getCondition()));
        if (branch.isEmpty()) {
            return Optional.of(calls);
        }
        String name = pattern.getNameAsString();
        for (NameExpr occurrence : branch.get().getThenStmt().findAll(NameExpr.class)) {
            if (!occurrence.getNameAsString().equals(name) || Variables.find(name, occurrence)
                    .map(declared -> declared.declaration() != pattern).orElse(true)) {
                continue;
            }
            if (occurrence.getParentNode().orElse(null) instanceof MethodCallExpr call
                    && call.getScope().orElse(null) == occurrence) {
                calls.add(call);
                calls.addAll(following(call));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(calls);
    }

    /** True when one of {@code calls} is named {@code name}. */
    public static boolean contains(List<MethodCallExpr> calls, String name) {
        return calls.stream().anyMatch(call -> call.getNameAsString().equals(name));
    }
}
