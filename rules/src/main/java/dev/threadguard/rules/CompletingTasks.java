package dev.threadguard.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.threadguard.analysis.LocalUses;
import dev.threadguard.analysis.Nodes;
import dev.threadguard.api.FileContext;
import dev.threadguard.types.FileTypes;
import dev.threadguard.types.Variables;

import java.util.Optional;
import java.util.Set;

/**
 * Tasks whose whole body completes a {@code CompletableFuture} and can throw nothing:
 * {@code () -> resultFuture.complete(true)}. Such a task cannot fail, so its discarded future holds no exception;
 * and when the future it completes is the one the method returns to its caller, the caller holds the task's only
 * effect, and cancelling that future makes the late completion a no-op: nothing that matters is discarded.
 */
final class CompletingTasks {

    private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
    private static final String RUNNABLE = "java.lang.Runnable";
    private static final Set<String> COMPLETIONS = Set.of("complete", "completeExceptionally");

    private CompletingTasks() {
    }

    /**
     * True when the task cannot fail: its whole body is one {@code complete(..)} or
     * {@code completeExceptionally(..)} of a variable whose declared type is {@code CompletableFuture} itself (not a
     * subclass, which may override them), with an argument that cannot throw ({@link HandedTasks#isPlainValue}).
     */
    static boolean cannotFail(Expression task, FileContext file) {
        FileTypes types = file.types();
        return completion(task, types).flatMap(completion -> completion.getScope()).flatMap(types::typeOf)
                .filter(COMPLETABLE_FUTURE::equals).isPresent();
    }

    /**
     * True when the one-shot task {@code call} schedules ({@code schedule}, not a periodic {@code schedule*}) only
     * completes a {@code CompletableFuture} that the method around it returns to its caller: the future is a local
     * set to {@code new CompletableFuture<>()}, and {@code return future;} directly follows the statement that hands
     * the task on, or the statement of the declaring method that holds the callback which does
     * ({@code source.whenComplete((v, e) -> { .. scheduler.schedule(task, ..); }); return future;}).
     */
    static boolean completesTheReturnedFuture(MethodCallExpr call, FileContext file) {
        if (!call.getNameAsString().equals("schedule") || call.getArguments().isEmpty()) {
            return false;
        }
        Optional<MethodCallExpr> completion = completion(call.getArgument(0), file.types());
        if (completion.isEmpty() || !(completion.get().getScope().map(Nodes::unwrap).orElse(null)
                instanceof NameExpr future)) {
            return false;
        }
        Optional<VariableDeclarator> local = local(future)
                .filter(declarator -> isNewCompletableFuture(declarator, file.types()));
        return local.isPresent() && Variables.assignedValues(future).size() == 1
                && returnedRightAfter(call, local.get());
    }

    /**
     * {@code return future;} directly after the statement of the future's declaring method (or lambda) that holds
     * {@code call}: the call's own statement, or, when the call is inside a callback (a lambda or an anonymous class),
     * the expression statement that holds the callback. Then the caller receives the future whenever that statement
     * completes normally.
     */
    private static boolean returnedRightAfter(MethodCallExpr call, VariableDeclarator future) {
        Node owner = Nodes.enclosingCode(future);
        boolean inCallback = false;
        Node child = call;
        for (Node node = call.getParentNode().orElse(null); node != null; node = node.getParentNode().orElse(null)) {
            if (node == owner) {
                return false;
            }
            if (node instanceof LambdaExpr || node instanceof BodyDeclaration<?>) {
                inCallback = true;
            }
            if (node instanceof Statement statement && statement.getParentNode().orElse(null) instanceof BlockStmt block
                    && Nodes.enclosingCode(statement) == owner) {
                boolean direct = !inCallback && statement instanceof ExpressionStmt && child == call;
                if (!direct && !(inCallback && statement instanceof ExpressionStmt)) {
                    return false;
                }
                int at = Nodes.indexOfSame(block.getStatements(), statement);
                return at + 1 < block.getStatements().size()
                        && block.getStatements().get(at + 1) instanceof ReturnStmt ret
                        && ret.getExpression().map(Nodes::unwrap).orElse(null) instanceof NameExpr returned
                        && returned.getNameAsString().equals(future.getNameAsString())
                        && Variables.find(returned.getNameAsString(), returned)
                        .filter(declared -> declared.declaration() == future).isPresent();
            }
            child = node;
        }
        return false;
    }

    /** The local variable (not a field, a parameter or a resource) {@code name} refers to. */
    private static Optional<VariableDeclarator> local(NameExpr name) {
        return LocalUses.declaredBy(name).filter(declarator -> !LocalUses.isResource(declarator));
    }

    /** {@code CompletableFuture<T> future = new CompletableFuture<>();}, {@code var} included. */
    private static boolean isNewCompletableFuture(VariableDeclarator declarator, FileTypes types) {
        return declarator.getInitializer().map(Nodes::unwrap).orElse(null) instanceof ObjectCreationExpr creation
                && creation.getAnonymousClassBody().isEmpty() && creation.getScope().isEmpty()
                && types.resolve(creation.getType()).filter(COMPLETABLE_FUTURE::equals).isPresent();
    }

    /**
     * The task's only statement when it is {@code future.complete(value)} or {@code future.completeExceptionally(e)}
     * on a name, with an argument that cannot throw: a lambda without parameters, an anonymous class whose only
     * member is that {@code run()}, or a local {@code Runnable} set to one of those and used nowhere but here.
     */
    private static Optional<MethodCallExpr> completion(Expression task, FileTypes types) {
        Expression inner = Nodes.unwrap(task);
        if (inner instanceof NameExpr name) {
            return onlyUse(name).flatMap(value -> value instanceof NameExpr ? Optional.empty()
                    : completion(value, types));
        }
        Statement body = null;
        if (inner instanceof LambdaExpr lambda && lambda.getParameters().isEmpty()) {
            body = lambda.getBody();
        } else if (inner instanceof ObjectCreationExpr creation && creation.getAnonymousClassBody().isPresent()
                && creation.getArguments().isEmpty() && creation.getAnonymousClassBody().get().size() == 1
                && creation.getAnonymousClassBody().get().get(0) instanceof MethodDeclaration run
                && run.getNameAsString().equals("run") && run.getParameters().isEmpty()
                && types.resolve(creation.getType()).filter(RUNNABLE::equals).isPresent()) {
            body = run.getBody().orElse(null);
        }
        if (body instanceof BlockStmt block && block.getStatements().size() == 1) {
            body = block.getStatement(0);
        }
        if (!(body instanceof ExpressionStmt statement && statement.getExpression() instanceof MethodCallExpr call)
                || !COMPLETIONS.contains(call.getNameAsString()) || call.getArguments().size() != 1
                || !(call.getScope().map(Nodes::unwrap).orElse(null) instanceof NameExpr)) {
            return Optional.empty();
        }
        // completeExceptionally(null) throws: only an exception made there is surely not null
        Expression argument = Nodes.unwrap(call.getArgument(0));
        boolean quiet = call.getNameAsString().equals("complete") ? HandedTasks.isPlainValue(argument)
                : argument instanceof ObjectCreationExpr exception && isJdkException(exception, types);
        return quiet ? Optional.of(call) : Optional.empty();
    }

    /**
     * The value of a local ({@code Runnable task = () -> future.complete(true);}) whose only use is the one given:
     * not a field or a parameter, never reassigned, handed to nothing else.
     */
    private static Optional<Expression> onlyUse(NameExpr use) {
        // its one use is the one given: a reassignment or a hand-over elsewhere would be another
        return local(use).filter(declarator -> LocalUses.of(declarator).size() == 1)
                .flatMap(VariableDeclarator::getInitializer);
    }

    /**
     * {@code new TimeoutException("timed out")}, {@code new CancellationException()}: an exception of the JDK made
     * from literals other than {@code null}, whose constructor cannot throw. Not one given a name, which may be
     * {@code null} where the constructor requires a cause; not an exception of the project or a library, whose
     * constructor may do anything.
     */
    private static boolean isJdkException(ObjectCreationExpr exception, FileTypes types) {
        return exception.getAnonymousClassBody().isEmpty() && exception.getScope().isEmpty()
                && exception.getArguments().stream().map(Nodes::unwrap).allMatch(argument ->
                argument instanceof LiteralExpr && !(argument instanceof NullLiteralExpr))
                && types.resolve(exception.getType()).filter(type -> type.startsWith("java.")
                        && (type.endsWith("Exception") || type.endsWith("Error"))).isPresent();
    }
}
