package dev.threadguard.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;
import dev.threadguard.analysis.Nodes;
import dev.threadguard.analysis.Spawns;
import dev.threadguard.api.FileContext;
import dev.threadguard.types.FileTypes;
import dev.threadguard.types.Variables;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code ignored-future} needs to know about a task handed to an executor and about the executor: whether
 * the task's body catches every exception (then the future holds none to lose), and whether the executor belongs
 * to the component (created and shut down by the same file, so that shutting it down cancels the task).
 */
final class HandedTasks {

    private static final Set<String> CATCH_ALL = Set.of("java.lang.Throwable", "java.lang.Exception");
    private static final Set<String> TASK_METHODS = Set.of("run", "call");
    private static final Set<String> SHUTDOWNS = Set.of("shutdown", "shutdownNow", "close");
    /** How a helper that shuts down the executor handed to it is named. */
    private static final java.util.regex.Pattern SHUTDOWN_HELPER =
            java.util.regex.Pattern.compile("shutdown|terminate|Shutdown|Terminate");
    /** Calls without arguments that cannot throw, allowed before the task's try: clocks and the current thread. */
    private static final Set<String> QUIET_CALLS = Set.of("currentTimeMillis", "nanoTime", "currentThread");
    /** Calls a guard before the task's try may test: log levels and atomic flags. */
    private static final Set<String> GUARD_CALLS = Set.of("isTraceEnabled", "isDebugEnabled", "isInfoEnabled",
            "isFineEnabled", "isFinestEnabled", "compareAndSet", "get");
    /** How deep to follow variables and classes to a task's body. */
    private static final int MAX_DEPTH = 4;

    private HandedTasks() {
    }

    /**
     * True when every exception the task can throw is caught in its body: a lambda, an anonymous class, a method
     * reference to a method of the file, or an instance of a class of the file (its own or an inherited
     * {@code run()}/{@code call()}), directly or through a variable every value of which is such a task. The body
     * is one {@code try} that catches {@code Throwable} or {@code Exception}, after nothing but locals set to
     * literals.
     */
    static boolean catchesEverything(Expression task, FileContext file) {
        return catchesEverything(task, file, 0);
    }

    private static boolean catchesEverything(Expression task, FileContext file, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        Expression inner = Nodes.unwrap(task);
        if (inner instanceof CastExpr cast) {
            return catchesEverything(cast.getExpression(), file, depth + 1);
        }
        if (inner instanceof LambdaExpr lambda) {
            Statement body = lambda.getBody();
            if (body instanceof ExpressionStmt expression && expression.getExpression() instanceof MethodCallExpr call
                    && (call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr)) {
                return ownMethod(call.getNameAsString(), call.getArguments().size(), lambda)
                        .map(method -> bodyCatchesEverything(method, file)).orElse(false);
            }
            return body instanceof BlockStmt block && catchesEverything(block, file);
        }
        if (inner instanceof MethodReferenceExpr reference && (reference.getScope() instanceof ThisExpr
                || reference.getScope() instanceof TypeExpr)) {
            return ownMethod(reference.getIdentifier(), 0, reference)
                    .map(method -> bodyCatchesEverything(method, file)).orElse(false);
        }
        if (inner instanceof ObjectCreationExpr creation) {
            if (creation.getAnonymousClassBody().isPresent()) {
                return taskMethodIn(creation.getAnonymousClassBody().get())
                        .map(method -> bodyCatchesEverything(method, file)).orElse(false);
            }
            return file.types().resolve(creation.getType())
                    .map(type -> classCatchesEverything(type, file, new HashSet<>())).orElse(false);
        }
        if (inner instanceof ThisExpr self && self.getTypeName().isEmpty()) {
            // schedule(this, ..) in a task that reschedules itself: the task is the class the call is in
            return enclosingTaskCatchesEverything(self, file);
        }
        if (inner instanceof NameExpr || inner instanceof FieldAccessExpr) {
            List<Expression> values = Variables.assignedValues(inner);
            return !values.isEmpty() && values.stream().allMatch(value -> catchesEverything(value, file, depth + 1));
        }
        return false;
    }

    /** {@code this}: the anonymous class or the class of the file around it, and that class's task method. */
    private static boolean enclosingTaskCatchesEverything(ThisExpr self, FileContext file) {
        for (Node node = self.getParentNode().orElse(null); node != null; node = node.getParentNode().orElse(null)) {
            if (node instanceof ObjectCreationExpr anonymous && anonymous.getAnonymousClassBody().isPresent()) {
                return taskMethodIn(anonymous.getAnonymousClassBody().get())
                        .map(method -> bodyCatchesEverything(method, file)).orElse(false);
            }
            if (node instanceof ClassOrInterfaceDeclaration type) {
                Optional<MethodDeclaration> own = taskMethodIn(type.getMembers());
                if (own.isPresent()) {
                    return bodyCatchesEverything(own.get(), file);
                }
                Set<String> seen = new HashSet<>();
                return type.getExtendedTypes().stream().map(parent -> file.types().resolve(parent))
                        .flatMap(Optional::stream).anyMatch(parent -> classCatchesEverything(parent, file, seen));
            }
            if (node instanceof TypeDeclaration<?>) {
                return false;
            }
        }
        return false;
    }

    /** The task method of a class of the file, or of the nearest superclass of the file that declares one. */
    private static boolean classCatchesEverything(String type, FileContext file, Set<String> seen) {
        Optional<TypeDeclaration<?>> declaration = file.types().declaration(type);
        if (declaration.isEmpty() || !seen.add(type)) {
            return false;
        }
        Optional<MethodDeclaration> own = taskMethodIn(declaration.get().getMembers());
        if (own.isPresent()) {
            return bodyCatchesEverything(own.get(), file);
        }
        if (declaration.get() instanceof ClassOrInterfaceDeclaration named) {
            for (ClassOrInterfaceType parent : named.getExtendedTypes()) {
                Optional<String> resolved = file.types().resolve(parent);
                if (resolved.isPresent() && classCatchesEverything(resolved.get(), file, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<MethodDeclaration> taskMethodIn(List<? extends BodyDeclaration<?>> members) {
        for (BodyDeclaration<?> member : members) {
            if (member instanceof MethodDeclaration method && TASK_METHODS.contains(method.getNameAsString())
                    && method.getParameters().isEmpty() && method.getBody().isPresent()) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }

    private static Optional<MethodDeclaration> ownMethod(String name, int arity, Node usage) {
        for (Node node = usage; node != null; node = node.getParentNode().orElse(null)) {
            if (node instanceof TypeDeclaration<?> type) {
                for (MethodDeclaration method : type.getMethodsByName(name)) {
                    if (method.getParameters().size() == arity && method.getBody().isPresent()) {
                        return Optional.of(method);
                    }
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean bodyCatchesEverything(MethodDeclaration method, FileContext file) {
        return method.getBody().map(body -> catchesEverything(body, file)).orElse(false);
    }

    private static boolean catchesEverything(BlockStmt block, FileContext file) {
        List<Statement> statements = block.getStatements();
        if (statements.isEmpty()) {
            return false;
        }
        for (int i = 0; i < statements.size() - 1; i++) {
            if (!isQuietLocal(statements.get(i)) && !isQuietGuard(statements.get(i))) {
                return false;
            }
        }
        return statements.get(statements.size() - 1) instanceof TryStmt tryStmt
                && tryStmt.getCatchClauses().stream().anyMatch(clause -> catchesAll(clause, file.types()));
    }

    /** {@code boolean done = false;}, {@code long now = System.nanoTime();}: a statement that cannot throw. */
    private static boolean isQuietLocal(Statement statement) {
        return statement instanceof ExpressionStmt expression
                && expression.getExpression() instanceof VariableDeclarationExpr declaration
                && declaration.getVariables().stream().allMatch(variable -> variable.getInitializer()
                        .map(HandedTasks::cannotThrow).orElse(true));
    }

    /**
     * Logging and guards before the task's try: {@code if (LOG.isDebugEnabled()) LOG.debug(..);},
     * {@code if (!running.compareAndSet(false, true)) { log.debug(..); return; }}.
     */
    private static boolean isQuietGuard(Statement statement) {
        if (statement instanceof ExpressionStmt expression) {
            return isLogging(expression.getExpression());
        }
        if (!(statement instanceof IfStmt guard) || guard.getElseStmt().isPresent()
                || !guard.getCondition().findAll(MethodCallExpr.class).stream()
                .allMatch(call -> GUARD_CALLS.contains(call.getNameAsString()))) {
            return false;
        }
        Statement then = guard.getThenStmt();
        List<Statement> body = then instanceof BlockStmt block ? block.getStatements() : List.of(then);
        return body.stream().allMatch(each -> each instanceof ReturnStmt ret && ret.getExpression().isEmpty()
                || each instanceof ExpressionStmt expression && isLogging(expression.getExpression()));
    }

    private static boolean isLogging(Expression expression) {
        return expression instanceof MethodCallExpr call && call.getScope().orElse(null) instanceof NameExpr logger
                && logger.getNameAsString().toLowerCase(java.util.Locale.ROOT).matches("_?(log|logger)");
    }

    private static boolean cannotThrow(Expression value) {
        Expression inner = Nodes.unwrap(value);
        return inner instanceof LiteralExpr || inner instanceof NameExpr
                || inner instanceof MethodCallExpr call && call.getArguments().isEmpty()
                && QUIET_CALLS.contains(call.getNameAsString());
    }

    private static boolean catchesAll(CatchClause clause, FileTypes types) {
        Type caught = clause.getParameter().getType();
        List<? extends Type> caughtTypes = caught instanceof UnionType union ? union.getElements() : List.of(caught);
        return caughtTypes.stream().anyMatch(type -> types.resolve(type).filter(CATCH_ALL::contains).isPresent());
    }

    /**
     * True when the executor {@code receiver} names (a field or local) is created in the file, by an executor
     * factory or constructor or by a method of the file that returns one, and shut down somewhere in the file:
     * shutting the component down cancels what it scheduled.
     */
    static boolean isOwnedAndShutDown(Expression receiver, FileContext file) {
        Expression inner = Nodes.unwrap(receiver);
        String name = inner instanceof NameExpr named ? named.getNameAsString()
                : inner instanceof FieldAccessExpr access
                        && access.getScope() instanceof ThisExpr ? access.getNameAsString() : null;
        if (name == null) {
            return false;
        }
        List<Expression> values = Variables.assignedValues(inner);
        if (values.isEmpty() || !values.stream().allMatch(value -> createsAnExecutor(value, file))) {
            return false;
        }
        for (MethodCallExpr call : inner.findRootNode().findAll(MethodCallExpr.class)) {
            if (SHUTDOWNS.contains(call.getNameAsString()) && call.getScope().map(Nodes::unwrap)
                    .filter(scope -> names(scope, name)).isPresent()) {
                return true;
            }
            // ThreadUtils.shutdownThreadPool(executor, log), MoreExecutors.shutdownAndAwaitTermination(pool, ..)
            if (SHUTDOWN_HELPER.matcher(call.getNameAsString()).find()
                    && call.getArguments().stream().map(Nodes::unwrap).anyMatch(argument -> names(argument, name))) {
                return true;
            }
        }
        return false;
    }

    /** {@code name} or {@code this.name}. */
    private static boolean names(Expression expression, String name) {
        return expression instanceof NameExpr named && named.getNameAsString().equals(name)
                || expression instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr
                && access.getNameAsString().equals(name);
    }

    private static boolean createsAnExecutor(Expression value, FileContext file) {
        Expression inner = Nodes.unwrap(value);
        if (inner instanceof CastExpr cast) {
            inner = Nodes.unwrap(cast.getExpression());
        }
        if (Spawns.executorCreation(inner, file).isPresent()) {
            return true;
        }
        // createScheduler(conf): a method of the file whose every return creates one
        if (inner instanceof MethodCallExpr call && (call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr)) {
            Optional<MethodDeclaration> method = ownMethod(call.getNameAsString(), call.getArguments().size(), call);
            if (method.isPresent()) {
                List<ReturnStmt> returns = Nodes.findInSameBody(method.get().getBody()
                        .orElseThrow(), ReturnStmt.class);
                return !returns.isEmpty() && returns.stream().allMatch(ret -> ret.getExpression()
                        .map(returned -> Spawns.executorCreation(Nodes.unwrap(returned), file).isPresent()
                                || returned instanceof NameExpr local && Variables.assignedValues(local).stream()
                                .allMatch(each -> Spawns.executorCreation(Nodes.unwrap(each), file).isPresent())
                                && !Variables.assignedValues(local).isEmpty())
                        .orElse(false));
            }
        }
        return false;
    }
}
