package dev.threadguard.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;
import dev.threadguard.analysis.Calls;
import dev.threadguard.analysis.Loops;
import dev.threadguard.analysis.Nodes;
import dev.threadguard.types.FileTypes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * For a local executor that is shut down by a plain statement after it is used: the first way out of the code in
 * between that skips the shutdown. Ways out are the ones the code shows: a {@code return}, a {@code throw} that
 * nothing in between catches, a {@code break} or {@code continue} that leaves the block, and a wait that rethrows
 * a task's failure or an interrupt ({@code Future.get}, {@code CompletableFuture.join}, {@code invokeAny},
 * {@code invokeAll}) without a catch in between. Any other call may throw too, but that is not evidence enough.
 */
final class ShutdownPaths {

    /**
     * A way out that skips the shutdown.
     *
     * @param shown    how it is shown in messages, e.g. {@code when `future.get()` at line 12 throws, the method
     *                 leaves}
     * @param shutdown the shutdown call it skips
     */
    record Skip(String shown, MethodCallExpr shutdown) {
    }

    private static final String EXECUTION = "java.util.concurrent.ExecutionException";
    private static final String INTERRUPTED = "java.lang.InterruptedException";
    private static final String TIMEOUT = "java.util.concurrent.TimeoutException";
    private static final String COMPLETION = "java.util.concurrent.CompletionException";
    private static final String RUNTIME = "java.lang.RuntimeException";
    private static final Set<String> ANY = Set.of("java.lang.Exception", "java.lang.Throwable");

    private ShutdownPaths() {
    }

    /**
     * The first way out between the statement that stores the executor and its shutdown, when every shutdown of
     * the local is such a plain statement of the same block; empty when there is none, or when the shutdown is
     * anywhere else (a {@code finally}, a {@code catch}, a lambda, a nested statement), which this does not judge.
     */
    static Optional<Skip> skippedShutdown(Expression creation, List<MethodCallExpr> shutdowns, FileTypes types) {
        Optional<Statement> stored = creation.findAncestor(Statement.class);
        if (stored.isEmpty() || !(stored.get().getParentNode().orElse(null) instanceof BlockStmt block)) {
            return Optional.empty();
        }
        List<Statement> statements = block.getStatements();
        int from = indexOf(statements, stored.get());
        int first = Integer.MAX_VALUE;
        MethodCallExpr shutdown = null;
        for (MethodCallExpr call : shutdowns) {
            if (!(call.getParentNode().orElse(null) instanceof ExpressionStmt statement)) {
                return Optional.empty();
            }
            int at = indexOf(statements, statement);
            if (at <= from) {
                return Optional.empty();
            }
            if (at < first) {
                first = at;
                shutdown = call;
            }
        }
        if (shutdown == null) {
            return Optional.empty();
        }
        List<Statement> between = statements.subList(from + 1, first);
        for (Statement statement : between) {
            Optional<Node> exit = firstExit(statement, types);
            if (exit.isPresent()) {
                return Optional.of(new Skip(describe(exit.get(), types), shutdown));
            }
        }
        return Optional.empty();
    }

    private static int indexOf(List<Statement> statements, Statement statement) {
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i) == statement) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<Node> firstExit(Statement region, FileTypes types) {
        List<Node> exits = new ArrayList<>();
        exits.addAll(Nodes.findInSameBody(region, ReturnStmt.class));
        for (ThrowStmt thrown : Nodes.findInSameBody(region, ThrowStmt.class)) {
            if (!inTryWithCatch(thrown, region)) {
                exits.add(thrown);
            }
        }
        for (BreakStmt exit : Nodes.findInSameBody(region, BreakStmt.class)) {
            if (leaves(exit, exit.getLabel().map(label -> label.getIdentifier()), region, true)) {
                exits.add(exit);
            }
        }
        for (ContinueStmt exit : Nodes.findInSameBody(region, ContinueStmt.class)) {
            if (leaves(exit, exit.getLabel().map(label -> label.getIdentifier()), region, false)) {
                exits.add(exit);
            }
        }
        for (MethodCallExpr call : Nodes.findInSameBody(region, MethodCallExpr.class)) {
            List<String> thrown = rethrown(call, types);
            if (!thrown.isEmpty() && !allCaught(call, thrown, region, types)) {
                exits.add(call);
            }
        }
        return exits.stream().min(Comparator.comparing(node -> node.getBegin().orElseThrow()));
    }

    /** What a wait rethrows when its task fails or it is interrupted; empty for other calls. */
    private static List<String> rethrown(MethodCallExpr call, FileTypes types) {
        String name = call.getNameAsString();
        int arguments = call.getArguments().size();
        if (name.equals("get") && (arguments == 0 || arguments == 2)
                && types.receiverIs(call, "java.util.concurrent.Future")) {
            return arguments == 0 ? List.of(EXECUTION, INTERRUPTED) : List.of(EXECUTION, INTERRUPTED, TIMEOUT);
        }
        if (name.equals("join") && arguments == 0
                && types.receiverIs(call, "java.util.concurrent.CompletableFuture")) {
            return List.of(COMPLETION);
        }
        if ((name.equals("invokeAny") || name.equals("invokeAll"))
                && types.receiverIs(call, "java.util.concurrent.ExecutorService")) {
            List<String> result = new ArrayList<>(List.of(INTERRUPTED));
            if (name.equals("invokeAny")) {
                result.add(EXECUTION);
            }
            if (arguments == 3) {
                result.add(TIMEOUT);
            }
            return result;
        }
        return List.of();
    }

    /** True when every exception is caught by a try around the call, inside the region. */
    private static boolean allCaught(Node call, List<String> thrown, Node region, FileTypes types) {
        for (String exception : thrown) {
            if (!caught(call, exception, region, types)) {
                return false;
            }
        }
        return true;
    }

    private static boolean caught(Node node, String exception, Node region, FileTypes types) {
        for (Node child = node, parent = node.getParentNode().orElse(null); child != region && parent != null;
             child = parent, parent = parent.getParentNode().orElse(null)) {
            if (parent instanceof TryStmt tryStmt && child == tryStmt.getTryBlock()) {
                for (CatchClause clause : tryStmt.getCatchClauses()) {
                    if (catches(clause.getParameter().getType(), exception, types)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean catches(Type type, String exception, FileTypes types) {
        if (type instanceof UnionType union) {
            return union.getElements().stream().anyMatch(element -> catches(element, exception, types));
        }
        if (!(type instanceof ClassOrInterfaceType)) {
            return false;
        }
        String caught = types.resolve(type).orElse("");
        return caught.equals(exception) || ANY.contains(caught)
                || exception.equals(COMPLETION) && caught.equals(RUNTIME);
    }

    /** A throw inside the try block of a try with catch clauses, within the region: it may be caught there. */
    private static boolean inTryWithCatch(Node node, Node region) {
        for (Node child = node, parent = node.getParentNode().orElse(null); child != region && parent != null;
             child = parent, parent = parent.getParentNode().orElse(null)) {
            if (parent instanceof TryStmt tryStmt && child == tryStmt.getTryBlock()
                    && tryStmt.getCatchClauses().isNonEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** True when a break or continue jumps to a statement outside the region. */
    private static boolean leaves(Statement jump, Optional<String> label, Node region, boolean isBreak) {
        for (Node current = jump.getParentNode().orElse(null); current != null;
             current = current.getParentNode().orElse(null)) {
            boolean inside = Nodes.isWithin(current, region);
            if (label.isPresent()) {
                if (current instanceof LabeledStmt labeled && labeled.getLabel().getIdentifier().equals(label.get())) {
                    return !inside;
                }
            } else if (Loops.isLoop(current) || isBreak && current instanceof SwitchStmt) {
                return !inside;
            }
            if (current == region) {
                // the jump's target is further out
                return true;
            }
        }
        return true;
    }

    private static String describe(Node exit, FileTypes types) {
        int line = exit.getBegin().map(position -> position.line).orElse(0);
        if (exit instanceof ReturnStmt) {
            return "the `return` at line " + line + " leaves";
        }
        if (exit instanceof ThrowStmt) {
            return "the `throw` at line " + line + " leaves";
        }
        if (exit instanceof BreakStmt) {
            return "the `break` at line " + line + " leaves";
        }
        if (exit instanceof ContinueStmt) {
            return "the `continue` at line " + line + " leaves";
        }
        MethodCallExpr call = (MethodCallExpr) exit;
        return "when `" + Calls.describe(call, types, "Future") + "` at line " + line + " throws, the method leaves";
    }
}
