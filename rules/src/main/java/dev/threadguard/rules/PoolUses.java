package dev.threadguard.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.threadguard.analysis.LocalUses;
import dev.threadguard.analysis.Nodes;
import dev.threadguard.analysis.Spawns;
import dev.threadguard.api.FileContext;
import dev.threadguard.types.FileTypes;
import dev.threadguard.types.Variables;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a file does with the executor one creation makes, when the file holds all of it: the pool used in the
 * expression that creates it (not one dropped there), kept in a local, or kept in a private field (whose every use
 * is in the file, as {@link ExecutorFields} finds them). From those uses: whether the pool is ever given a task (a
 * JDK pool starts its threads with its first task, so one that is never given any never has a thread), and whether
 * it is given tasks only through wrappers that bound how many of its threads run at once.
 */
final class PoolUses {

    /**
     * Methods of {@code ExecutorService}, {@code ThreadPoolExecutor} and {@code ForkJoinPool} that neither run a
     * task nor start a thread on a pool that has none ({@code prestartAllCoreThreads}, {@code getQueue} and
     * {@code setCorePoolSize}, which starts threads for queued tasks, are not among them).
     */
    private static final Set<String> NO_TASK = Set.of("shutdown", "shutdownNow", "close", "awaitTermination",
            "isShutdown", "isTerminated", "isTerminating", "allowCoreThreadTimeOut", "allowsCoreThreadTimeOut",
            "getActiveCount", "getCompletedTaskCount", "getCorePoolSize", "getKeepAliveTime", "getLargestPoolSize",
            "getMaximumPoolSize", "getPoolSize", "getTaskCount", "getThreadFactory", "getRejectedExecutionHandler",
            "setKeepAliveTime", "setMaximumPoolSize", "setRejectedExecutionHandler", "setThreadFactory", "purge",
            "getParallelism", "getActiveThreadCount", "getRunningThreadCount", "getQueuedTaskCount", "isQuiescent",
            "toString");
    /** Calls that give a pool one task. */
    private static final Set<String> ONE_TASK = Set.of("submit", "execute");
    /** JDK pools that start a thread only when given a task (a {@code java.util.Timer} starts one at once). */
    private static final Set<String> LAZY_POOLS = Set.of("java.util.concurrent.ThreadPoolExecutor",
            "java.util.concurrent.ScheduledThreadPoolExecutor", "java.util.concurrent.ForkJoinPool");
    /**
     * Classes that take a pool to watch it and never give it a task: airlift's {@code ThreadPoolExecutorMBean}
     * only reads its figures and sets its sizes and keep-alive.
     */
    private static final Set<String> WATCHERS = Set.of("io.airlift.concurrent.ThreadPoolExecutorMBean");
    /**
     * Wrappers that keep at most a fixed number of tasks running on the pool they wrap, however many are handed to
     * them: airlift's {@code BoundedExecutor(executor, maxThreads)}, and Presto's copy of it, keeps at most
     * {@code maxThreads} tasks draining its queue on the pool.
     */
    private static final Set<String> BOUNDED_WRAPPERS = Set.of("io.airlift.concurrent.BoundedExecutor",
            "com.facebook.airlift.concurrent.BoundedExecutor");
    /** Guava's {@code MoreExecutors.newSequentialExecutor(executor)} keeps one task at a time on the pool. */
    private static final String MORE_EXECUTORS = "com.google.common.util.concurrent.MoreExecutors";

    private PoolUses() {
    }

    /**
     * True when the pool {@code creation} makes is never given a task: it is a JDK pool, used where it is created
     * or kept in a local or private field, and every use of it there only shuts it down, asks for its state or
     * figures, sets its limits, or hands it to a class that only watches it.
     */
    static boolean neverGivenATask(Expression creation, FileContext file) {
        if (!startsThreadsWithTasks(creation, file)) {
            return false;
        }
        Optional<List<LocalUses.Use>> uses = of(creation, file);
        return uses.isPresent() && uses.get().stream().allMatch(use -> givesNoTask(use, file.types()));
    }

    /**
     * True when the pool {@code creation} makes is given tasks only through bounding wrappers, each running at most a
     * fixed number of them at once, so that its threads are bounded although the pool is not: at least one use
     * hands it to such a wrapper made once for the pool (not per call, iteration or task of code that reuses the
     * pool, which would multiply the bound), and every other use gives it no task.
     */
    static boolean onlyThroughBoundingWrappers(Expression creation, FileContext file) {
        Optional<List<LocalUses.Use>> uses = of(creation, file);
        if (uses.isEmpty()) {
            return false;
        }
        boolean wrapped = false;
        for (LocalUses.Use use : uses.get()) {
            if (use.kind() == LocalUses.Kind.ESCAPES && isBoundingWrapper(use.at(), file.types())
                    && madeOncePerPool(use.at(), creation)) {
                wrapped = true;
            } else if (!givesNoTask(use, file.types())) {
                return false;
            }
        }
        return wrapped;
    }

    /**
     * True when the pool {@code creation} makes is kept in a local or used where it is created, and is given exactly
     * one task: one {@code submit(task)} or {@code execute(task)} call, run once each time the creation runs (not in a
     * loop or a lambda of its own), while every other use gives it no task and none hands it on (returned, stored,
     * passed). Such a pool never runs more than one thread, however unbounded its settings.
     */
    static boolean givenOneTaskOnce(Expression creation, FileContext file) {
        if (!startsThreadsWithTasks(creation, file) || !inALocalOrInline(creation)) {
            return false;
        }
        Optional<List<LocalUses.Use>> uses = of(creation, file);
        if (uses.isEmpty()) {
            return false;
        }
        int tasks = 0;
        for (LocalUses.Use use : uses.get()) {
            if (use.kind() == LocalUses.Kind.CALL && ONE_TASK.contains(use.method())
                    && use.at() instanceof MethodCallExpr call && call.getArguments().size() == 1
                    && repeatScope(call) == repeatScope(creation)) {
                tasks++;
            } else if (!givesNoTask(use, file.types())) {
                return false;
            }
        }
        return tasks == 1;
    }

    /** {@code ExecutorService pool = Executors.newCachedThreadPool();}, or a call on the pool where it is created. */
    private static boolean inALocalOrInline(Expression creation) {
        if (LocalUses.storedIn(creation).isPresent()) {
            return true;
        }
        Node parent = creation.getParentNode().orElse(null);
        while (parent instanceof EnclosedExpr || parent instanceof CastExpr) {
            parent = parent.getParentNode().orElse(null);
        }
        if (!(parent instanceof MethodCallExpr call) || call.getScope().isEmpty()) {
            return false;
        }
        Expression scope = Nodes.unwrap(call.getScope().get());
        return scope == creation || scope instanceof CastExpr cast && Nodes.unwrap(cast.getExpression()) == creation;
    }

    /**
     * How one occurrence of a field is used, as {@link LocalUses#classify} tells it for a local; a method
     * reference on it ({@code pool::shutdown}) calls that method.
     */
    static LocalUses.Use use(Expression occurrence) {
        return occurrence instanceof MethodReferenceExpr reference
                ? new LocalUses.Use(LocalUses.Kind.CALL, reference.getIdentifier(), reference)
                : LocalUses.classify(occurrence);
    }

    /**
     * True for a use that gives the pool no task: an assignment, a comparison or other use that hands it to
     * nobody, try-with-resources, a call of a method that runs nothing, or a watcher's constructor.
     */
    static boolean givesNoTask(LocalUses.Use use, FileTypes types) {
        return switch (use.kind()) {
            case OTHER, CLOSED -> true;
            case CALL -> NO_TASK.contains(use.method());
            case ESCAPES -> use.at() instanceof ObjectCreationExpr watcher
                    && types.resolve(watcher.getType()).filter(WATCHERS::contains).isPresent();
        };
    }

    /** Every use of the pool, or empty when it is kept where this cannot see all of its uses. */
    private static Optional<List<LocalUses.Use>> of(Expression creation, FileContext file) {
        Node child = creation;
        Node parent = creation.getParentNode().orElse(null);
        while (parent instanceof EnclosedExpr || parent instanceof CastExpr) {
            child = parent;
            parent = parent.getParentNode().orElse(null);
        }
        if (parent instanceof ExpressionStmt) {
            return Optional.empty(); // created and dropped: left to the rules, as what their examples show
        }
        Optional<VariableDeclarator> local = LocalUses.storedIn(creation);
        if (local.isPresent()) {
            return Optional.of(LocalUses.of(local.get()));
        }
        Optional<VariableDeclarator> field = privateFieldOf(child, parent);
        if (field.isPresent()) {
            return ExecutorFields.occurrences(field.get(), file)
                    .map(occurrences -> occurrences.stream().map(PoolUses::use).toList());
        }
        if (parent instanceof VariableDeclarator || parent instanceof AssignExpr) {
            return Optional.empty(); // a field others can reach
        }
        return Optional.of(List.of(LocalUses.classify((Expression) child)));
    }

    /** The private field {@code child} is the initializer of or is assigned to, if any. */
    private static Optional<VariableDeclarator> privateFieldOf(Node child, Node parent) {
        if (parent instanceof VariableDeclarator declarator && declarator.getInitializer().orElse(null) == child
                && declarator.getParentNode().orElse(null) instanceof FieldDeclaration field && field.isPrivate()) {
            return Optional.of(declarator);
        }
        if (parent instanceof AssignExpr assign && assign.getOperator() == AssignExpr.Operator.ASSIGN
                && assign.getValue() == child) {
            String name = assign.getTarget() instanceof NameExpr target ? target.getNameAsString()
                    : assign.getTarget() instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr
                    ? access.getNameAsString() : null;
            if (name == null) {
                return Optional.empty();
            }
            return Variables.find(name, assign.getTarget())
                    .filter(Variables.Declared::field)
                    .map(Variables.Declared::declaration)
                    .filter(declaration -> declaration instanceof VariableDeclarator)
                    .map(VariableDeclarator.class::cast)
                    .filter(declarator -> declarator.getParentNode().orElse(null) instanceof FieldDeclaration field
                            && field.isPrivate());
        }
        return Optional.empty();
    }

    /** An executor of {@code Executors.new*(..)} or a JDK pool's constructor: no thread before the first task. */
    private static boolean startsThreadsWithTasks(Expression creation, FileContext file) {
        Expression inner = Nodes.unwrap(creation);
        if (inner instanceof MethodCallExpr) {
            return Spawns.executorCreation(inner, file).isPresent();
        }
        return inner instanceof ObjectCreationExpr construction && construction.getAnonymousClassBody().isEmpty()
                && file.types().resolve(construction.getType()).filter(LAZY_POOLS::contains).isPresent();
    }

    private static boolean isBoundingWrapper(Node user, FileTypes types) {
        if (user instanceof ObjectCreationExpr wrapper) {
            return wrapper.getArguments().size() == 2 && wrapper.getAnonymousClassBody().isEmpty()
                    && types.resolve(wrapper.getType()).filter(BOUNDED_WRAPPERS::contains).isPresent();
        }
        return user instanceof MethodCallExpr call && call.getNameAsString().equals("newSequentialExecutor")
                && types.staticOwner(call).filter(MORE_EXECUTORS::equals).isPresent();
    }

    /**
     * True when the wrapper is made once for each pool: in the expression that creates the pool, in the same run of
     * the same code (not in a loop, lambda or method of its own), or, for a pool kept in a field, while its owner is
     * constructed (both in constructors or initializers of the same class, static for a static field).
     */
    private static boolean madeOncePerPool(Node wrapper, Expression creation) {
        Node wrapperScope = repeatScope(wrapper);
        Node creationScope = repeatScope(creation);
        if (wrapperScope == creationScope) {
            return true;
        }
        return isConstruction(wrapperScope) && isConstruction(creationScope)
                && wrapperScope.getParentNode().equals(creationScope.getParentNode())
                && isStatic(wrapperScope) == isStatic(creationScope);
    }

    /** The innermost code around {@code node} that may run more than once each time its surroundings run. */
    private static Node repeatScope(Node node) {
        Node child = node;
        for (Node current = node.getParentNode().orElse(null); current != null;
             current = current.getParentNode().orElse(null)) {
            if (current instanceof ForStmt counted && !Nodes.containsSame(counted.getInitialization(), child)
                    || current instanceof ForEachStmt each && child == each.getBody()
                    || current instanceof WhileStmt || current instanceof DoStmt || current instanceof LambdaExpr
                    || current instanceof BodyDeclaration<?>) {
                return current;
            }
            child = current;
        }
        return child;
    }

    private static boolean isConstruction(Node scope) {
        return scope instanceof ConstructorDeclaration || scope instanceof InitializerDeclaration
                || scope instanceof FieldDeclaration;
    }

    private static boolean isStatic(Node scope) {
        return scope instanceof InitializerDeclaration initializer && initializer.isStatic()
                || scope instanceof FieldDeclaration field && field.isStatic();
    }
}
