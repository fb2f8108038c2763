package dev.threadguard.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;
import dev.threadguard.analysis.Nodes;
import dev.threadguard.analysis.Spawns;
import dev.threadguard.api.FileContext;
import dev.threadguard.types.CatchAllBodies;
import dev.threadguard.types.FileTypes;
import dev.threadguard.types.TypeLookup;
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
    /** What a body that can throw no checked exception may catch instead: every exception it can throw. */
    private static final String RUNTIME_EXCEPTION = "java.lang.RuntimeException";
    private static final String RUNNABLE = "java.lang.Runnable";
    /**
     * Calls whose first parameter, for a lambda that can only return nothing, is a {@code Runnable}: the executor
     * methods this rule judges ({@code submit} and {@code schedule} also take a {@code Callable}, which a lambda that
     * returns a value, or cannot complete normally, would be), {@code execute} and {@code runAsync}.
     */
    private static final Set<String> RUNNABLE_TAKERS = Set.of("submit", "schedule", "scheduleAtFixedRate",
            "scheduleWithFixedDelay", "execute", "runAsync");
    private static final Set<String> TASK_METHODS = Set.of("run", "call");
    private static final String THREAD = "java.lang.Thread";
    private static final Set<String> SHUTDOWNS = Set.of("shutdown", "shutdownNow", "close");
    /** How a method of another class that makes an executor is named. */
    private static final java.util.regex.Pattern FACTORY_NAME =
            java.util.regex.Pattern.compile("(create|new|build|make)[A-Z]");
    /** How a helper that shuts down the executor handed to it is named. */
    private static final java.util.regex.Pattern SHUTDOWN_HELPER =
            java.util.regex.Pattern.compile("shutdown|terminate|Shutdown|Terminate");
    /** How deep to follow variables and classes to a task's body. */
    private static final int MAX_DEPTH = 4;
    /** How deeply branches and loops around catch-all bodies may nest in a task's body. */
    private static final int MAX_NESTING = 4;

    private HandedTasks() {
    }

    /**
     * True when every exception the task can throw is caught in its body: a lambda, an anonymous class, a method
     * reference, or an instance of a class of the project (its own or an inherited {@code run()}/{@code call()}),
     * directly, wrapped in a {@code new Thread(task, ..)}, or through a variable every value of which is such a
     * task. The body is one {@code try} that catches {@code Throwable} or {@code Exception} (maybe inside a
     * {@code synchronized} block, the branches of an {@code if} or a loop that cannot throw), or
     * {@code RuntimeException} in a body the compiler lets throw no checked exception (a method declared without a
     * {@code throws} clause, as every {@code run()} of a {@code Runnable} is, or a block lambda that is a
     * {@code Runnable}, {@link #isARunnable}), after nothing but
     * statements that cannot throw and other such statements; or it is one call of a method of the project whose body
     * is such a catch-all. Methods of other files are judged from the project index's summary of their tokens
     * ({@link dev.threadguard.types.CatchAllBodies}).
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
            if (body instanceof ExpressionStmt expression && expression.getExpression() instanceof MethodCallExpr call) {
                return callCatchesEverything(call, file, depth + 1);
            }
            return body instanceof BlockStmt block
                    && catchesEverything(block, file, depth + 1, isARunnable(lambda, block, file.types()));
        }
        if (inner instanceof MethodReferenceExpr reference) {
            String name = reference.getIdentifier();
            if (reference.getScope() instanceof ThisExpr self && self.getTypeName().isEmpty()) {
                return ownMethod(name, 0, reference).map(method -> bodyCatchesEverything(method, file, depth + 1))
                        .orElse(false);
            }
            return file.types().referenceOwner(reference)
                    .filter(owner -> reference.getScope() instanceof TypeExpr || !overridden(owner, name, 0, file))
                    .map(owner -> methodCatchesEverything(owner, name, 0, file, depth + 1, new HashSet<>()))
                    .orElse(false);
        }
        if (inner instanceof ObjectCreationExpr creation) {
            if (creation.getAnonymousClassBody().isPresent()) {
                Optional<MethodDeclaration> own = taskMethodIn(creation.getAnonymousClassBody().get());
                if (own.isPresent()) {
                    return bodyCatchesEverything(own.get(), file, depth + 1);
                }
            }
            Optional<String> created = file.types().resolve(creation.getType());
            if (created.filter(THREAD::equals).isPresent()) {
                return threadTargetCatchesEverything(creation, file, depth); // a wrapper that adds no call
            }
            // new Task(..), or new BaseTask() { void doRun() { .. } } that inherits its run()
            return created.map(type -> classCatchesEverything(type, file, depth + 1)).orElse(false);
        }
        if (inner instanceof ThisExpr self && self.getTypeName().isEmpty()) {
            // schedule(this, ..) in a task that reschedules itself: the task is the class the call is in
            return enclosingTaskCatchesEverything(self, file, depth + 1);
        }
        if (inner instanceof NameExpr || inner instanceof FieldAccessExpr) {
            List<Expression> values = Variables.assignedValues(inner);
            return !values.isEmpty() && values.stream().allMatch(value -> catchesEverything(value, file, depth + 1));
        }
        return false;
    }

    /**
     * {@code new Thread(task)}, {@code new Thread(task, "name")}, {@code new Thread(group, task, ..)} handed to an
     * executor as a Runnable: {@code Thread.run()} runs its target's {@code run()} and nothing else, so it catches
     * everything when the target does. A subclass of {@code Thread}, or an anonymous one that declares its own
     * {@code run()}, is not this.
     */
    private static boolean threadTargetCatchesEverything(ObjectCreationExpr thread, FileContext file, int depth) {
        if (thread.getAnonymousClassBody().map(body -> body.stream().anyMatch(member ->
                member instanceof MethodDeclaration method && method.getNameAsString().equals("run")
                        && method.getParameters().isEmpty())).orElse(false)) {
            return false;
        }
        List<Expression> arguments = thread.getArguments();
        if (arguments.isEmpty()) {
            return false;
        }
        // Thread(ThreadGroup, Runnable, ..) names its target second (the group may be null); Thread(String) and
        // Thread(ThreadGroup, String) have none, and a name or a group is no task that catches everything
        Expression first = Nodes.unwrap(arguments.get(0));
        int target = first instanceof NullLiteralExpr && arguments.size() >= 2
                || file.types().isA(first, "java.lang.ThreadGroup") ? 1 : 0;
        return target < arguments.size() && catchesEverything(arguments.get(target), file, depth);
    }

    /**
     * A call whose method's body catches everything: a method of the enclosing class ({@code process()},
     * {@code this.process()}), or one of a project type the receiver's type, the static call or a singleton
     * accessor ({@code Helper.getInstance().keepAlive()}) names, looked up through its supertypes, and overridden by
     * none of its subtypes.
     */
    private static boolean callCatchesEverything(MethodCallExpr call, FileContext file, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        String name = call.getNameAsString();
        int arity = call.getArguments().size();
        if (call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr self
                && self.getTypeName().isEmpty()) {
            Optional<MethodDeclaration> own = ownMethod(name, arity, call);
            if (own.isPresent()) {
                return bodyCatchesEverything(own.get(), file, depth + 1);
            }
        }
        return file.types().methodOwner(call)
                .filter(owner -> !owner.fromSupertypes()).map(FileTypes.MethodOwner::type)
                .or(() -> singletonType(call, file.types()))
                .filter(owner -> !overridden(owner, name, arity, file))
                .map(owner -> methodCatchesEverything(owner, name, arity, file, depth + 1, new HashSet<>()))
                .orElse(false);
    }

    /**
     * The type a call's receiver has when it is a static accessor without parameters of a project type,
     * {@code Helper.getInstance()}: the accessor's declared return type, when that is a project type too.
     */
    private static Optional<String> singletonType(MethodCallExpr call, FileTypes types) {
        if (!(call.getScope().map(Nodes::unwrap).orElse(null) instanceof MethodCallExpr accessor)
                || accessor.getArguments().isNonEmpty()) {
            return Optional.empty();
        }
        return types.staticOwner(accessor).filter(types::exists)
                .flatMap(owner -> types.staticAccessorType(owner, accessor.getNameAsString()))
                .filter(types::exists);
    }

    /** True when a project subtype of {@code type} declares the method again: a call may run that one. */
    private static boolean overridden(String type, String name, int arity, FileContext file) {
        return file.types().subtypesOf(type).stream()
                .anyMatch(subtype -> file.types().declaredMethod(subtype, name, arity) != TypeLookup.Declared.NO);
    }

    /** {@code this}: the anonymous class or the class of the file around it, and that class's task method. */
    private static boolean enclosingTaskCatchesEverything(ThisExpr self, FileContext file, int depth) {
        for (Node node = self.getParentNode().orElse(null); node != null; node = node.getParentNode().orElse(null)) {
            if (node instanceof ObjectCreationExpr anonymous && anonymous.getAnonymousClassBody().isPresent()) {
                Optional<MethodDeclaration> own = taskMethodIn(anonymous.getAnonymousClassBody().get());
                if (own.isPresent()) {
                    return bodyCatchesEverything(own.get(), file, depth);
                }
                return file.types().resolve(anonymous.getType())
                        .map(type -> classCatchesEverything(type, file, depth)).orElse(false);
            }
            if (node instanceof ClassOrInterfaceDeclaration type) {
                return file.types().enclosingType(self).map(name -> classCatchesEverything(name, file, depth))
                        .orElse(false);
            }
            if (node instanceof TypeDeclaration<?>) {
                return false;
            }
        }
        return false;
    }

    /** The task method of a class of the project: its own {@code run()} or {@code call()}, or the nearest inherited. */
    private static boolean classCatchesEverything(String type, FileContext file, int depth) {
        return methodCatchesEverything(type, "run", 0, file, depth, new HashSet<>())
                || methodCatchesEverything(type, "call", 0, file, depth, new HashSet<>());
    }

    /**
     * The method {@code name}/{@code arity} of a type of the file or the project, or of the nearest supertype that
     * declares it: a method of this file judged on its tree, one of another file from the project index.
     */
    private static boolean methodCatchesEverything(String type, String name, int arity, FileContext file, int depth,
                                                   Set<String> seen) {
        if (depth > MAX_DEPTH || !seen.add(type)) {
            return false;
        }
        FileTypes types = file.types();
        Optional<TypeDeclaration<?>> local = types.declaration(type);
        if (local.isPresent()) {
            List<MethodDeclaration> declared = local.get().getMethodsByName(name).stream()
                    .filter(method -> method.getParameters().size() == arity).toList();
            if (!declared.isEmpty()) {
                return declared.size() == 1 && bodyCatchesEverything(declared.get(0), file, depth);
            }
        } else if (!types.exists(type)) {
            return false;
        } else {
            TypeLookup.Declared declared = types.declaredMethod(type, name, arity);
            if (declared == TypeLookup.Declared.WITH_BODY) {
                return types.catchesEverything(type, name, arity);
            }
            if (declared == TypeLookup.Declared.WITHOUT_BODY) {
                return false;
            }
        }
        for (String supertype : types.supertypesOf(type)) {
            if (types.exists(supertype) && methodCatchesEverything(supertype, name, arity, file, depth, seen)) {
                return true;
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

    private static boolean bodyCatchesEverything(MethodDeclaration method, FileContext file, int depth) {
        return method.getBody().map(body -> catchesEverything(body, file, depth, throwsNothingChecked(method)))
                .orElse(false);
    }

    /**
     * A method declared without a {@code throws} clause, as every {@code Runnable.run()} is: the compiler lets no
     * checked exception out of its body, so a {@code catch (RuntimeException e)} there catches every exception a
     * {@code catch (Exception e)} would. Not one Lombok's {@code @SneakyThrows} lets throw checked exceptions anyway.
     */
    private static boolean throwsNothingChecked(MethodDeclaration method) {
        return method.getThrownExceptions().isEmpty() && method.getAnnotations().stream()
                .noneMatch(annotation -> annotation.getName().getIdentifier().equals("SneakyThrows"));
    }

    /**
     * A block lambda that is a {@code Runnable}, whose body the compiler lets throw no checked exception: the
     * initial value of a variable declared {@code Runnable}, cast to {@code Runnable}, the target of a
     * {@code new Thread(..)}, or handed to {@code submit}, {@code schedule*}, {@code execute} or {@code runAsync}
     * when it cannot be a {@code Callable}: no {@code return value;} of its own, and either a {@code return;} or a
     * body that can complete normally (a block lambda with no {@code return} that cannot, {@code () -> { while (true)
     * { .. } }}, is a {@code Callable} to {@code submit}, JLS 15.27.2 and 15.12.2.5).
     */
    private static boolean isARunnable(LambdaExpr lambda, BlockStmt body, FileTypes types) {
        Node parent = lambda.getParentNode().orElse(null);
        while (parent instanceof EnclosedExpr enclosed) {
            parent = enclosed.getParentNode().orElse(null);
        }
        if (parent instanceof VariableDeclarator variable) {
            return variable.getInitializer().filter(value -> Nodes.unwrap(value) == lambda).isPresent()
                    && types.resolve(variable.getType()).filter(RUNNABLE::equals).isPresent();
        }
        if (parent instanceof CastExpr cast) {
            return types.resolve(cast.getType()).filter(RUNNABLE::equals).isPresent();
        }
        if (parent instanceof ObjectCreationExpr thread) {
            return thread.getAnonymousClassBody().isEmpty()
                    && types.resolve(thread.getType()).filter(THREAD::equals).isPresent();
        }
        if (!(parent instanceof MethodCallExpr call) || !RUNNABLE_TAKERS.contains(call.getNameAsString())
                || call.getArguments().isEmpty() || Nodes.unwrap(call.getArgument(0)) != lambda) {
            return false;
        }
        List<ReturnStmt> returns = Nodes.findInSameBody(body, ReturnStmt.class);
        if (returns.stream().anyMatch(ret -> ret.getExpression().isPresent())) {
            return false;
        }
        return !returns.isEmpty() || canCompleteNormally(body);
    }

    /**
     * Whether a statement can complete normally (JLS 14.22), judged conservatively: false where unsure. A loop whose
     * condition calls a method is no constant {@code true}; any other {@code while}, a {@code do} or a basic
     * {@code for} may be one ({@code while (true)}, a constant field), a {@code switch} or a labelled statement
     * may end in a jump.
     */
    private static boolean canCompleteNormally(Statement statement) {
        if (statement instanceof BlockStmt block) {
            return block.getStatements().isEmpty()
                    || canCompleteNormally(block.getStatements().get(block.getStatements().size() - 1));
        }
        if (statement instanceof ExpressionStmt || statement instanceof EmptyStmt || statement instanceof ForEachStmt
                || statement instanceof LocalClassDeclarationStmt) {
            return true;
        }
        if (statement instanceof IfStmt branching) {
            return branching.getElseStmt().isEmpty() || canCompleteNormally(branching.getThenStmt())
                    || canCompleteNormally(branching.getElseStmt().get());
        }
        if (statement instanceof SynchronizedStmt synchronizedStmt) {
            return canCompleteNormally(synchronizedStmt.getBody());
        }
        if (statement instanceof TryStmt tryStmt) {
            return (canCompleteNormally(tryStmt.getTryBlock()) || tryStmt.getCatchClauses().stream()
                    .anyMatch(clause -> canCompleteNormally(clause.getBody())))
                    && tryStmt.getFinallyBlock().map(HandedTasks::canCompleteNormally).orElse(true);
        }
        return statement instanceof WhileStmt loop && !loop.getCondition().findAll(MethodCallExpr.class).isEmpty();
    }

    /**
     * A block whose every exception is caught: one call of a method that catches everything, or statements that
     * cannot throw before a last statement that catches everything ({@link #catchesEverything(Statement, List,
     * FileContext, int, int)}: a catch-all {@code try}, or a branch or a loop around catch-all bodies). A statement
     * that catches everything before the last counts as one that cannot throw: a body of consecutive steps, each in
     * its own catch-all {@code try}. {@code CatchAllBodies} judges the same shapes on the tokens of the project's
     * other files.
     */
    private static boolean catchesEverything(BlockStmt block, FileContext file, int depth, boolean unchecked) {
        return catchesEverything(block.getStatements(), file, depth, 0, unchecked);
    }

    /**
     * {@code unchecked}: the body these statements are part of can throw no checked exception, so a
     * {@code catch (RuntimeException e)} catches everything a {@code catch (Exception e)} would.
     */
    private static boolean catchesEverything(List<Statement> statements, FileContext file, int depth, int nesting,
                                             boolean unchecked) {
        if (statements.isEmpty() || depth > MAX_DEPTH || nesting > MAX_NESTING) {
            return false;
        }
        if (statements.size() == 1 && statements.get(0) instanceof ExpressionStmt only
                && only.getExpression() instanceof MethodCallExpr call && !isLogging(call)) {
            return callCatchesEverything(call, file, depth + 1);
        }
        for (int i = 0; i < statements.size() - 1; i++) {
            Statement statement = statements.get(i);
            if (!isQuietStatement(statement) && !isQuietGuard(statement)
                    && !catchesEverything(statement, statements, file, depth, nesting, unchecked)) {
                return false;
            }
        }
        return catchesEverything(statements.get(statements.size() - 1), statements, file, depth, nesting, unchecked);
    }

    /**
     * A statement of {@code statements} that catches every exception it can throw: a {@code try} that catches
     * {@code Throwable} or {@code Exception}; a {@code synchronized} block around a catch-all body; an {@code if}
     * over a condition that cannot throw whose branches are catch-all bodies (an {@code else} may also only log, or
     * be another such {@code if}); a {@code while} or {@code do}/{@code while} loop over such a condition whose body
     * is a catch-all body; a for-each loop of a catch-all body over a collection no one else holds.
     */
    private static boolean catchesEverything(Statement statement, List<Statement> statements, FileContext file,
                                             int depth, int nesting, boolean unchecked) {
        if (statement instanceof TryStmt) {
            return isCatchAllTry(statement, file.types(), unchecked);
        }
        if (statement instanceof SynchronizedStmt synchronizedStmt) {
            return isQuietCondition(synchronizedStmt.getExpression()) && catchesEverything(
                    synchronizedStmt.getBody().getStatements(), file, depth, nesting + 1, unchecked);
        }
        if (statement instanceof IfStmt branching) {
            return branchesCatchEverything(branching, file, depth, nesting, unchecked);
        }
        if (statement instanceof WhileStmt loop) {
            return isQuietCondition(loop.getCondition()) && loopBodyCatchesEverything(loop.getBody(), file, depth,
                    nesting, unchecked);
        }
        if (statement instanceof DoStmt loop) {
            return isQuietCondition(loop.getCondition()) && loopBodyCatchesEverything(loop.getBody(), file, depth,
                    nesting, unchecked);
        }
        return statement instanceof ForEachStmt loop && !loop.getVariable().getElementType().isPrimitiveType()
                && iteratesAFreshCollection(loop, statements)
                && loopBodyCatchesEverything(loop.getBody(), file, depth, nesting, unchecked);
    }

    /**
     * {@code if (generator == null) { try { .. } catch (Exception e) { .. } } else { for (..) { try { .. } catch
     * (Exception e) { .. } } }}: a condition that cannot throw, and branches that are catch-all bodies, or (all but
     * one) only log: {@code else { log.warn("already publishing"); }}. An {@code else if} is such an {@code if} again.
     */
    private static boolean branchesCatchEverything(IfStmt branching, FileContext file, int depth, int nesting,
                                                   boolean unchecked) {
        if (!isQuietCondition(branching.getCondition()) || nesting >= MAX_NESTING) {
            return false;
        }
        Statement then = branching.getThenStmt();
        boolean thenCatches = then instanceof BlockStmt block
                && catchesEverything(block.getStatements(), file, depth, nesting + 1, unchecked);
        if (branching.getElseStmt().isEmpty()) {
            return thenCatches;
        }
        Statement otherwise = branching.getElseStmt().get();
        boolean otherwiseCatches = otherwise instanceof IfStmt elseIf
                ? branchesCatchEverything(elseIf, file, depth, nesting + 1, unchecked)
                : otherwise instanceof BlockStmt block
                        && catchesEverything(block.getStatements(), file, depth, nesting + 1, unchecked);
        return thenCatches && (otherwiseCatches || logsOnly(otherwise)) || otherwiseCatches && logsOnly(then);
    }

    private static boolean loopBodyCatchesEverything(Statement body, FileContext file, int depth, int nesting,
                                                     boolean unchecked) {
        return body instanceof BlockStmt block
                && catchesEverything(block.getStatements(), file, depth, nesting + 1, unchecked);
    }

    /**
     * A for-each loop over a collection no other code holds, whose iteration can therefore neither meet a
     * {@code null} nor a change that makes it throw {@code ConcurrentModificationException}: a new JDK or Guava
     * collection made in the loop's header ({@code for (Job job : new ArrayList<>(pending))}), or a local of
     * {@code statements} set to one ({@link #isNewCollection}) and used nowhere else, or such a map's
     * {@code values()}, {@code keySet()} or {@code entrySet()}. Not a field, a parameter or a call's result, which
     * another thread may change while the loop runs, or which may be {@code null}.
     */
    private static boolean iteratesAFreshCollection(ForEachStmt loop, List<Statement> statements) {
        Expression iterable = Nodes.unwrap(loop.getIterable());
        if (isNewCollection(iterable)) {
            return true;
        }
        if (iterable instanceof MethodCallExpr view && view.getArguments().isEmpty()
                && CatchAllBodies.isCollectionView(view.getNameAsString()) && view.getScope().isPresent()) {
            iterable = Nodes.unwrap(view.getScope().get());
        }
        if (!(iterable instanceof NameExpr local)) {
            return false;
        }
        String name = local.getNameAsString();
        int loopAt = Nodes.indexOfSame(statements, loop);
        boolean declaredFresh = false;
        for (int i = 0; i < loopAt; i++) {
            if (statements.get(i) instanceof ExpressionStmt expression
                    && expression.getExpression() instanceof VariableDeclarationExpr declaration) {
                for (VariableDeclarator variable : declaration.getVariables()) {
                    if (variable.getNameAsString().equals(name)) {
                        declaredFresh = variable.getInitializer().filter(HandedTasks::isNewCollection).isPresent();
                    }
                }
            }
        }
        // the loop's header is its only use: nothing else adds to it, hands it on, or changes it while it is iterated
        long uses = statements.stream().flatMap(statement -> statement.findAll(NameExpr.class).stream())
                .filter(use -> use.getNameAsString().equals(name)).count();
        return declaredFresh && uses == 1;
    }

    /** An {@code else} that only logs: {@code else log.warn(..);}, {@code else { log.debug(..); log.warn(..); }}. */
    private static boolean logsOnly(Statement otherwise) {
        List<Statement> body = otherwise instanceof BlockStmt block ? block.getStatements() : List.of(otherwise);
        return !body.isEmpty() && body.stream().allMatch(each -> each instanceof ExpressionStmt expression
                && isLogging(expression.getExpression()));
    }

    /**
     * A {@code try} with a catch of {@code Throwable} or {@code Exception}, or of {@code RuntimeException} in a body
     * that can throw no checked exception ({@code unchecked}).
     */
    private static boolean isCatchAllTry(Statement statement, FileTypes types, boolean unchecked) {
        return statement instanceof TryStmt tryStmt
                && tryStmt.getCatchClauses().stream().anyMatch(clause -> catchesAll(clause, types, unchecked));
    }

    /**
     * {@code boolean done = false;}, {@code long now = System.nanoTime();}, {@code busy = true;},
     * {@code State state = getState();}, {@code List<Job> jobs = new ArrayList<>(pending);},
     * {@code Thread.currentThread().setName("worker");}: a statement that cannot throw.
     */
    private static boolean isQuietStatement(Statement statement) {
        if (!(statement instanceof ExpressionStmt expression)) {
            return false;
        }
        if (expression.getExpression() instanceof VariableDeclarationExpr declaration) {
            return declaration.getVariables().stream().allMatch(variable -> variable.getInitializer()
                    .map(value -> cannotThrow(value) || isNewCollection(value)).orElse(true));
        }
        if (isNamingTheThread(expression.getExpression())) {
            return true;
        }
        return expression.getExpression() instanceof AssignExpr assign
                && assign.getOperator() == AssignExpr.Operator.ASSIGN
                && (assign.getTarget() instanceof NameExpr || assign.getTarget() instanceof FieldAccessExpr access
                && access.getScope() instanceof ThisExpr)
                && cannotThrow(assign.getValue());
    }

    /**
     * {@code Thread.currentThread().setName("worker")}, {@code Thread.currentThread().setName(PREFIX + id)}: the
     * running thread renamed with a literal, a name or a concatenation of them, which cannot throw.
     */
    private static boolean isNamingTheThread(Expression expression) {
        return expression instanceof MethodCallExpr call && call.getNameAsString().equals("setName")
                && call.getArguments().size() == 1 && isQuietText(call.getArgument(0))
                && call.getScope().orElse(null) instanceof MethodCallExpr current
                && current.getNameAsString().equals("currentThread") && current.getArguments().isEmpty()
                && current.getScope().map(Object::toString).filter(scope -> scope.equals("Thread")
                        || scope.equals("java.lang.Thread")).isPresent();
    }

    private static boolean isQuietText(Expression text) {
        Expression inner = Nodes.unwrap(text);
        return inner instanceof BinaryExpr concatenation && concatenation.getOperator() == BinaryExpr.Operator.PLUS
                ? isQuietText(concatenation.getLeft()) && isQuietText(concatenation.getRight())
                : cannotThrow(inner);
    }

    /**
     * A new collection from the JDK or Guava, empty or copied from a name, a getter or a map's view:
     * {@code new ArrayList<>(pending)}, {@code new HashMap<>()}, {@code Lists.newArrayList(byUser.values())},
     * {@code Maps.newHashMap()}, {@code Sets.newHashSet()}, {@code List.of(a, b)}. Not one given a call that may
     * throw ({@code new ArrayList<>(load())}), nor an anonymous subclass.
     */
    private static boolean isNewCollection(Expression value) {
        Expression inner = Nodes.unwrap(value);
        if (inner instanceof ObjectCreationExpr creation) {
            return creation.getAnonymousClassBody().isEmpty() && creation.getScope().isEmpty()
                    && CatchAllBodies.isNewCollection(creation.getType().getNameAsString())
                    && creation.getArguments().stream().allMatch(HandedTasks::isQuietCollectionArgument);
        }
        if (!(inner instanceof MethodCallExpr call) || call.getScope().isEmpty()) {
            return false;
        }
        // Lists.newArrayList(..), com.google.common.collect.Lists.newArrayList(..)
        Expression owner = call.getScope().get();
        String ownerName = owner instanceof NameExpr name ? name.getNameAsString()
                : owner instanceof FieldAccessExpr access ? access.getNameAsString() : "";
        return CatchAllBodies.isCollectionFactory(ownerName, call.getNameAsString())
                && call.getArguments().stream().allMatch(HandedTasks::isQuietCollectionArgument);
    }

    /** What a new collection may be given: a literal, a name, a getter chain, or {@code map.values()}-like views. */
    private static boolean isQuietCollectionArgument(Expression argument) {
        Expression inner = Nodes.unwrap(argument);
        return cannotThrow(inner) || inner instanceof MethodCallExpr view && view.getArguments().isEmpty()
                && CatchAllBodies.isCollectionView(view.getNameAsString())
                && view.getScope().map(HandedTasks::cannotThrow).orElse(false);
    }

    /**
     * Logging and guards before the task's try: {@code if (LOG.isDebugEnabled()) LOG.debug(..);},
     * {@code if (!running.compareAndSet(false, true)) { log.debug(..); return; }}, {@code if (!shouldRun()) return;}.
     */
    private static boolean isQuietGuard(Statement statement) {
        if (statement instanceof ExpressionStmt expression) {
            return isLogging(expression.getExpression());
        }
        if (!(statement instanceof IfStmt guard) || guard.getElseStmt().isPresent()
                || !isQuietCondition(guard.getCondition())) {
            return false;
        }
        Statement then = guard.getThenStmt();
        List<Statement> body = then instanceof BlockStmt block ? block.getStatements() : List.of(then);
        return body.stream().allMatch(each -> each instanceof ReturnStmt ret && ret.getExpression().isEmpty()
                || each instanceof ExpressionStmt expression && isLogging(expression.getExpression()));
    }

    /**
     * Names, field reads, literals and operators, with no calls but getters and an atomic flag's compareAndSet, and
     * no array element (which may be out of bounds): what {@code CatchAllBodies} accepts on the tokens.
     */
    private static boolean isQuietCondition(Expression condition) {
        return condition.findAll(MethodCallExpr.class).stream().allMatch(call -> call.getArguments().isEmpty()
                && CatchAllBodies.isQuietGetter(call.getNameAsString()) || call.getNameAsString().equals("compareAndSet")
                && call.getArguments().stream().allMatch(argument -> argument instanceof LiteralExpr))
                && condition.findAll(ObjectCreationExpr.class).isEmpty()
                && condition.findAll(ArrayAccessExpr.class).isEmpty()
                && condition.findAll(LambdaExpr.class).isEmpty();
    }

    private static boolean isLogging(Expression expression) {
        return expression instanceof MethodCallExpr call && call.getScope().orElse(null) instanceof NameExpr logger
                && CatchAllBodies.isLoggerName(logger.getNameAsString());
    }

    /**
     * A literal, or a chain of names and getters without arguments read from a name or {@code this}: {@code a.b},
     * {@code System.nanoTime()}, {@code getState()}, {@code Thread.currentThread().getContextClassLoader()}.
     */
    private static boolean cannotThrow(Expression value) {
        Expression inner = Nodes.unwrap(value);
        if (isPlainValue(inner)) {
            return true;
        }
        if (inner instanceof FieldAccessExpr access) {
            return access.getScope() instanceof NameExpr || access.getScope() instanceof ThisExpr
                    || cannotThrow(access.getScope());
        }
        return inner instanceof MethodCallExpr call && call.getArguments().isEmpty()
                && CatchAllBodies.isQuietGetter(call.getNameAsString())
                && call.getScope().map(HandedTasks::cannotThrow).orElse(true);
    }

    /**
     * A literal ({@code true}, {@code null}, {@code -1}), a name or {@code this}: reading it cannot throw. Not a
     * getter or a field of another object, which may throw (or meet {@code null}).
     */
    static boolean isPlainValue(Expression value) {
        Expression inner = Nodes.unwrap(value);
        return inner instanceof LiteralExpr || inner instanceof NameExpr || inner instanceof ThisExpr
                || inner instanceof UnaryExpr negative && negative.getOperator() == UnaryExpr.Operator.MINUS
                && negative.getExpression() instanceof LiteralExpr;
    }

    /**
     * A catch of {@code Throwable} or {@code Exception}, alone or among the alternatives of a multi-catch; with
     * {@code unchecked}, also of {@code RuntimeException} ({@code catch (IOException | RuntimeException e)}).
     */
    private static boolean catchesAll(CatchClause clause, FileTypes types, boolean unchecked) {
        Type caught = clause.getParameter().getType();
        List<? extends Type> caughtTypes = caught instanceof UnionType union ? union.getElements() : List.of(caught);
        return caughtTypes.stream().map(types::resolve).flatMap(Optional::stream).anyMatch(type ->
                CATCH_ALL.contains(type) || unchecked && type.equals(RUNTIME_EXCEPTION));
    }

    /**
     * True when the executor {@code receiver} is a project executor that reports its tasks' failures itself: its
     * declared type, or the type of every value it is given in the file ({@code new LoggingPool(..)}), is a class of
     * the project whose {@code afterExecute(task, thrown)} (its own or inherited) reads the finished future's outcome
     * with {@code get()}: a submitted task's exception reaches it.
     */
    static boolean reportsTaskFailures(Expression receiver, FileContext file) {
        FileTypes types = file.types();
        Expression inner = Nodes.unwrap(receiver);
        Optional<String> declared = types.typeOf(inner).filter(types::exists);
        if (declared.isPresent() && readsOutcomeAfterExecute(declared.get(), file, new HashSet<>())) {
            return true;
        }
        List<Expression> values = inner instanceof NameExpr || inner instanceof FieldAccessExpr
                ? Variables.assignedValues(inner) : List.of(inner);
        return !values.isEmpty() && values.stream().map(Nodes::unwrap).allMatch(value ->
                value instanceof ObjectCreationExpr creation && creation.getAnonymousClassBody().isEmpty()
                        && types.resolve(creation.getType())
                        .map(type -> readsOutcomeAfterExecute(type, file, new HashSet<>())).orElse(false));
    }

    private static boolean readsOutcomeAfterExecute(String type, FileContext file, Set<String> seen) {
        FileTypes types = file.types();
        if (!types.exists(type) || !seen.add(type)) {
            return false;
        }
        Optional<TypeDeclaration<?>> local = types.declaration(type);
        if (local.isPresent()) {
            for (MethodDeclaration method : local.get().getMethodsByName("afterExecute")) {
                if (method.getParameters().size() == 2 && method.getBody().isPresent()) {
                    return method.getBody().get().findAll(MethodCallExpr.class).stream().anyMatch(call ->
                            call.getNameAsString().equals("get") && call.getArguments().isEmpty()
                                    && call.getScope().isPresent());
                }
            }
        } else if (types.declaredMethod(type, "afterExecute", 2) == TypeLookup.Declared.WITH_BODY) {
            return types.catchesEverything(type, "afterExecute", 2);
        }
        return types.supertypesOf(type).stream().anyMatch(supertype -> readsOutcomeAfterExecute(supertype, file, seen));
    }

    /** What the file does with the executor a task is handed to, as far as the file shows. */
    enum Ownership {
        /** Created in the file (by a factory, a constructor or a method of the file that returns one) and shut down. */
        CREATED_AND_SHUT_DOWN,
        /**
         * Made by a factory method of another class ({@code ThreadPoolFactory.createScheduler(..)}), and shut down in
         * the file. Not an executor lent by a caller (a parameter, a getter), even if the file shuts it down: stopping
         * a task by shutting down someone else's executor is what the finding is about.
         */
        SHUT_DOWN,
        /** Created in the file and never shut down there. */
        CREATED,
        /** Neither: a parameter, another class's executor, or a form not followed. */
        UNKNOWN;

        /** Shutting the component down stops what it scheduled on the executor. */
        boolean stopsWithTheClass() {
            return this == CREATED_AND_SHUT_DOWN || this == SHUT_DOWN;
        }
    }

    /**
     * What the file does with the executor {@code receiver} names (a field or local): whether it creates it (it may
     * also be set to {@code null}, which holds no executor) and whether it shuts it down somewhere.
     */
    static Ownership ownership(Expression receiver, FileContext file) {
        Expression inner = Nodes.unwrap(receiver);
        String name = inner instanceof NameExpr named ? named.getNameAsString()
                : inner instanceof FieldAccessExpr access
                        && access.getScope() instanceof ThisExpr ? access.getNameAsString() : null;
        if (name == null) {
            return Ownership.UNKNOWN;
        }
        // null (a constructor's or close()'s reset) holds no executor: a task scheduled on the field runs on one of
        // the executors the class created
        List<Expression> values = Variables.assignedValues(inner).stream()
                .filter(value -> !(Nodes.unwrap(value) instanceof NullLiteralExpr)).toList();
        if (values.isEmpty()) {
            return Ownership.UNKNOWN;
        }
        boolean created = values.stream().allMatch(value -> createsAnExecutor(value, file));
        if (shutsDown(file, name)) {
            return created ? Ownership.CREATED_AND_SHUT_DOWN
                    : values.stream().allMatch(value -> createsAnExecutor(value, file) || madeByAFactory(value))
                            ? Ownership.SHUT_DOWN : Ownership.UNKNOWN;
        }
        return created ? Ownership.CREATED : Ownership.UNKNOWN;
    }

    /** {@code Pools.createScheduler(..)}, {@code factory.newExecutor(..)}: a call whose name says it makes one. */
    private static boolean madeByAFactory(Expression value) {
        Expression inner = Nodes.unwrap(value);
        if (inner instanceof CastExpr cast) {
            inner = Nodes.unwrap(cast.getExpression());
        }
        return inner instanceof MethodCallExpr call && FACTORY_NAME.matcher(call.getNameAsString()).lookingAt();
    }

    private static boolean shutsDown(FileContext file, String name) {
        for (MethodCallExpr call : file.nodes(MethodCallExpr.class)) {
            if (SHUTDOWNS.contains(call.getNameAsString()) && call.getScope().map(Nodes::unwrap)
                    .filter(scope -> names(scope, name)).isPresent()) {
                return true;
            }
            // ThreadUtils.shutdownThreadPool(executor, log), MoreExecutors.shutdownAndAwaitTermination(pool, ..)
            if (SHUTDOWN_HELPER.matcher(call.getNameAsString()).find()
                    && call.getArguments().stream().map(Nodes::unwrap).anyMatch(argument -> names(argument, name))) {
                return true;
            }
            if (shutsDownThroughOptional(call, name)) {
                return true;
            }
        }
        // new Thread(executor::shutdown), addHook(executor::shutdownNow): a bound reference to the field's shutdown
        return file.nodes(MethodReferenceExpr.class).stream().anyMatch(reference ->
                SHUTDOWNS.contains(reference.getIdentifier()) && (names(Nodes.unwrap(reference.getScope()), name)
                        // JavaParser reads the ambiguous `pool` of `pool::shutdown` as a type
                        || reference.getScope() instanceof TypeExpr type && type.toString().equals(name)));
    }

    /**
     * {@code Optional.ofNullable(executor).ifPresent(ScheduledThreadPoolExecutor::shutdown)},
     * {@code Optional.ofNullable(executor).ifPresent(e -> e.shutdown())}: the shutdown is applied to the field through
     * the lambda's parameter or an unbound method reference. Not a lambda that shuts down something else, nor an
     * {@code Optional} of another value.
     */
    private static boolean shutsDownThroughOptional(MethodCallExpr call, String name) {
        if (!call.getNameAsString().equals("ifPresent") && !call.getNameAsString().equals("ifPresentOrElse")
                || call.getArguments().isEmpty()
                || !(call.getScope().map(Nodes::unwrap).orElse(null) instanceof MethodCallExpr optional)
                || !(optional.getNameAsString().equals("ofNullable") || optional.getNameAsString().equals("of"))
                || !optional.getScope().map(scope -> scope.toString().endsWith("Optional")).orElse(false)
                || optional.getArguments().size() != 1 || !names(Nodes.unwrap(optional.getArgument(0)), name)) {
            return false;
        }
        Expression action = Nodes.unwrap(call.getArgument(0));
        if (action instanceof MethodReferenceExpr reference) {
            return SHUTDOWNS.contains(reference.getIdentifier()) && reference.getScope() instanceof TypeExpr;
        }
        if (!(action instanceof LambdaExpr lambda) || lambda.getParameters().size() != 1) {
            return false;
        }
        String parameter = lambda.getParameter(0).getNameAsString();
        return lambda.getBody().findAll(MethodCallExpr.class).stream().anyMatch(shutdown ->
                SHUTDOWNS.contains(shutdown.getNameAsString()) && shutdown.getScope().map(Nodes::unwrap)
                        .filter(scope -> scope instanceof NameExpr named
                                && named.getNameAsString().equals(parameter)).isPresent());
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
