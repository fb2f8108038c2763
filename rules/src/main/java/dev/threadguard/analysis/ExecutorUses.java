package dev.threadguard.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.threadguard.api.FileContext;
import dev.threadguard.types.FileTypes;

import java.util.Optional;
import java.util.Set;

/**
 * Uses of an executor that do not make anyone else responsible for shutting it down: a {@code CompletableFuture}
 * {@code *Async} method runs tasks on it but never shuts it down, and an executor created and used in one
 * expression ({@code Executors.newSingleThreadExecutor().execute(task)}) is kept by nobody. Both
 * {@code executor-not-shutdown}, which reports such executors, and {@code ignored-future}, which leaves the future
 * of a call on a lost executor to it, need to recognise them.
 */
public final class ExecutorUses {

    private static final String EXECUTOR_SERVICE = "java.util.concurrent.ExecutorService";
    private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
    private static final Set<String> SHUTDOWNS = Set.of("shutdown", "shutdownNow", "close");

    private ExecutorUses() {
    }

    /**
     * The call that uses the executor {@code creation} creates and then loses it: a method called on it (other
     * than a shutdown), or a {@code CompletableFuture} {@code *Async} method it is passed to, which never shuts
     * it down. Empty for executors that are kept or handed to other code, and for those created once for the
     * whole application (in a static field or static initializer).
     */
    public static Optional<MethodCallExpr> losingCall(Expression creation, FileContext file) {
        FileTypes types = file.types();
        Expression inner = Nodes.unwrap(creation);
        if (Spawns.executorCreation(inner, file).isEmpty() || !types.isA(inner, EXECUTOR_SERVICE)) {
            return Optional.empty();
        }
        Node child = inner;
        Node parent = inner.getParentNode().orElse(null);
        while (parent instanceof EnclosedExpr || parent instanceof CastExpr) {
            child = parent;
            parent = parent.getParentNode().orElse(null);
        }
        if (!(parent instanceof MethodCallExpr call) || runsOncePerApplication(call)) {
            return Optional.empty();
        }
        if (call.getScope().orElse(null) == child) {
            return SHUTDOWNS.contains(call.getNameAsString()) ? Optional.empty() : Optional.of(call);
        }
        if (Nodes.containsSame(call.getArguments(), child) && borrows(call, types)) {
            return Optional.of(call);
        }
        return Optional.empty();
    }

    /**
     * True for a call that only runs tasks on the executors passed to it, and never shuts them down: the
     * {@code *Async} methods of {@code CompletableFuture}, static ({@code supplyAsync(task, executor)}) or not
     * ({@code future.thenApplyAsync(fn, executor)}).
     */
    public static boolean borrows(Node user, FileTypes types) {
        return user instanceof MethodCallExpr call && call.getNameAsString().endsWith("Async")
                && (types.staticOwner(call).filter(COMPLETABLE_FUTURE::equals).isPresent()
                        || types.receiverIs(call, COMPLETABLE_FUTURE));
    }

    /** True for code in a static field's initializer or a static initializer, outside lambdas. */
    private static boolean runsOncePerApplication(Node node) {
        for (Node current = node.getParentNode().orElse(null); current != null;
             current = current.getParentNode().orElse(null)) {
            if (current instanceof LambdaExpr) {
                return false;
            }
            if (current instanceof FieldDeclaration field) {
                return field.isStatic();
            }
            if (current instanceof InitializerDeclaration initializer) {
                return initializer.isStatic();
            }
            if (current instanceof BodyDeclaration<?>) {
                return false;
            }
        }
        return false;
    }
}
