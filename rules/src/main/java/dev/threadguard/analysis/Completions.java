package dev.threadguard.analysis;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.threadguard.types.FileTypes;
import dev.threadguard.types.Variables;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When a wait on a future cannot last forever although it has no timeout of its own: the future is bounded by
 * {@code orTimeout}/{@code completeOnTimeout}, or it is known to be complete where it is read, because the read
 * sits behind an {@code isDone()} check, inside a continuation of the future itself or of
 * {@code CompletableFuture.allOf/anyOf} (also in a private method of the file called only there), after
 * {@code allOf(..).join()} of the same futures, after a wait on the same local future that ran on every path before,
 * or taken from the list {@code invokeAll} returns.
 */
final class Completions {

    private static final Set<String> TIMEOUTS = Set.of("orTimeout", "completeOnTimeout");
    /** Checks that tell a future is complete: {@code isDone()}, and {@code isCompletedExceptionally()}, which implies it. */
    private static final Set<String> DONE_CHECKS = Set.of("isDone", "isCompletedExceptionally");
    private static final Set<String> COMBINATIONS = Set.of("allOf", "anyOf");
    /** {@code get()}, {@code get(timeout, unit)}, {@code join()}: they return only once the future is complete. */
    private static final Set<String> WAITS = Set.of("get", "join");
    private static final String FUTURE = "java.util.concurrent.Future";
    private static final String COMPLETION_SERVICE = "java.util.concurrent.CompletionService";

    /** Calls whose callback runs once the receiver (and the futures passed along) are complete. */
    private static final Set<String> CONTINUATIONS = Set.of("thenApply", "thenApplyAsync", "thenAccept",
            "thenAcceptAsync", "thenRun", "thenRunAsync", "thenCompose", "thenComposeAsync", "handle", "handleAsync",
            "whenComplete", "whenCompleteAsync", "thenCombine", "thenCombineAsync", "thenAcceptBoth",
            "thenAcceptBothAsync", "runAfterBoth", "runAfterBothAsync", "exceptionally", "addListener");

    private Completions() {
    }

    /** True when the untimed {@code get()}/{@code join()} at {@code call} cannot wait forever. */
    static boolean cannotWaitForever(MethodCallExpr call, FileTypes types) {
        Expression receiver = call.getScope().orElse(null);
        if (receiver != null && (chainHasTimeout(receiver) || variableHasTimeout(receiver, call))) {
            return true;
        }
        return isComplete(call, receiver, types);
    }

    /**
     * True when a wait at {@code site} on {@code future}, an argument of a method of the project that waits on it
     * ({@code getUninterruptibly(future)}), cannot last.
     */
    static boolean cannotWaitForever(Node site, Expression future, FileTypes types) {
        return chainHasTimeout(future) || variableHasTimeout(future, site) || isComplete(site, future, types);
    }

    /** True when the wait made by a method reference such as {@code CompletableFuture::join} cannot last. */
    static boolean cannotWaitForever(MethodReferenceExpr reference, FileTypes types) {
        Expression receiver = reference.getScope();
        return isComplete(reference, receiver instanceof NameExpr || receiver instanceof FieldAccessExpr
                ? receiver : null, types);
    }

    private static boolean isComplete(Node site, Expression receiver, FileTypes types) {
        String key = key(receiver);
        return key != null && checkedIsDoneBefore(key, site)
                || key != null && awaitedBefore(key, receiver, site)
                || receiver != null && takenFromCompletionService(receiver, types)
                || receiver != null && fromInvokeAll(receiver, types, 0)
                || inContinuation(site, key, types)
                || afterJoiningAllOf(site, types);
    }

    /**
     * True when the {@code get()} at {@code call} reads a future that is complete there by a guard that holds on every
     * path to it: the read is in the branch an {@code isDone()} check of the same future takes
     * ({@code if (f.isDone()) { .. f.get() .. }}, also as a conjunct of the condition or in a {@code ?:}), or
     * follows an {@code if (!f.isDone())} that leaves ({@code return}, {@code throw}, {@code break},
     * {@code continue}), or follows a wait on the same local future on every path, or runs in a continuation of the
     * future or of {@code allOf/anyOf}. Stricter than {@link #cannotWaitForever}, which takes any earlier
     * {@code isDone()} in the method: this one answers whether the read can throw at all.
     */
    static boolean isCompleteWhereRead(MethodCallExpr call, FileTypes types) {
        Expression receiver = call.getScope().orElse(null);
        String key = key(receiver);
        return key != null && (isDoneWhereRead(key, call) || awaitedBefore(key, receiver, call))
                || inContinuation(call, key, types) || afterJoiningAllOf(call, types);
    }

    /**
     * True when the future named {@code key} is complete at {@code site} by a guard that holds on every path to it:
     * an {@code isDone()} branch around it, an earlier {@code if (!f.isDone())} that leaves, or an earlier
     * {@code while (!f.isDone()) { .. }} (or {@code do { .. } while (!f.isDone())}) that has no {@code break}, so it
     * ends only once the future is done.
     */
    static boolean isDoneWhereRead(String key, Node site) {
        return inBranchOfIsDone(key, site) || afterLeavingUnlessDone(key, site) || afterLoopUntilDone(key, site);
    }

    private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
    private static final String FUTURE_TASK = "java.util.concurrent.FutureTask";
    /** Factories of a {@code ThreadPoolExecutor} (or a wrapper around one), whose {@code submit} makes a FutureTask. */
    private static final Set<String> TASK_POOL_FACTORIES = Set.of("newFixedThreadPool", "newSingleThreadExecutor",
            "newCachedThreadPool", "newScheduledThreadPool", "newSingleThreadScheduledExecutor");
    private static final Set<String> TASK_POOLS = Set.of("java.util.concurrent.ThreadPoolExecutor",
            "java.util.concurrent.ScheduledThreadPoolExecutor");

    /**
     * True when {@code get()} at {@code call}, once its future is complete, returns (or throws ExecutionException,
     * CancellationException) without looking at the interrupt status, so it cannot throw InterruptedException: a
     * {@code CompletableFuture} (whose {@code get()} reads a set result first), or a {@code FutureTask}, whose
     * {@code get()} waits ({@code awaitDone}, the only place it tests the status) only while the state is not yet
     * complete; in the short COMPLETING state, which {@code isDone()} already reports as done, {@code awaitDone}
     * yields instead of testing the status ("We may have already promised (via isDone) that we are done so never
     * return empty-handed or throw InterruptedException", in FutureTask since JDK 8). Seen as a receiver declared
     * {@code FutureTask} (exactly: a subclass may override get(), so not one given {@code new FutureTask<>(..) { }}),
     * or a local {@code Future} whose every value is {@code submit(..)} on an executor of the file that is a JDK
     * {@code ThreadPoolExecutor} ({@code Executors.newFixedThreadPool}, {@code newSingleThreadExecutor},
     * {@code newCachedThreadPool}, the scheduled ones, {@code new ThreadPoolExecutor(..)} without a body), whose
     * {@code submit} returns a FutureTask. Not another {@code Future}: Guava's {@code AbstractFuture.get()} and
     * {@code ForkJoinTask.get()} (also a ForkJoinPool's submit) test, and clear, the status before the result.
     */
    static boolean getIgnoresTheStatusOnceDone(MethodCallExpr call, FileTypes types) {
        if (types.receiverIs(call, COMPLETABLE_FUTURE)) {
            return true;
        }
        Expression receiver = call.getScope().orElse(null);
        if (receiver == null) {
            return false;
        }
        Expression inner = Nodes.unwrap(receiver);
        if (types.typeOf(inner).filter(FUTURE_TASK::equals).isPresent()) {
            // declared FutureTask: not when it is given a subclass of it made here ({@code new FutureTask<>(..) { }})
            return key(inner) == null || Variables.assignedValues(inner).stream().noneMatch(value ->
                    Nodes.unwrap(value) instanceof com.github.javaparser.ast.expr.ObjectCreationExpr creation
                    && !(creation.getAnonymousClassBody().isEmpty()
                    && types.resolve(creation.getType()).filter(FUTURE_TASK::equals).isPresent()));
        }
        if (!(inner instanceof NameExpr name)
                || Variables.find(name.getNameAsString(), name).map(Variables.Declared::field).orElse(true)) {
            return false;
        }
        List<Expression> values = Variables.assignedValues(inner);
        return !values.isEmpty() && values.stream().allMatch(value -> submittedToATaskPool(value, types)
                || Nodes.unwrap(value) instanceof com.github.javaparser.ast.expr.ObjectCreationExpr creation
                && creation.getAnonymousClassBody().isEmpty()
                && types.resolve(creation.getType()).filter(FUTURE_TASK::equals).isPresent());
    }

    /** {@code pool.submit(..)} where every value of {@code pool} makes a JDK ThreadPoolExecutor. */
    private static boolean submittedToATaskPool(Expression value, FileTypes types) {
        if (!(Nodes.unwrap(value) instanceof MethodCallExpr submit) || !submit.getNameAsString().equals("submit")
                || submit.getScope().isEmpty()) {
            return false;
        }
        Expression pool = Nodes.unwrap(submit.getScope().get());
        if (makesATaskPool(pool, types)) {
            return true;
        }
        if (key(pool) == null) {
            return false;
        }
        List<Expression> pools = Variables.assignedValues(pool);
        return !pools.isEmpty() && pools.stream().allMatch(made -> makesATaskPool(Nodes.unwrap(made), types));
    }

    private static boolean makesATaskPool(Expression made, FileTypes types) {
        if (made instanceof MethodCallExpr factory && TASK_POOL_FACTORIES.contains(factory.getNameAsString())) {
            return types.staticOwner(factory).filter("java.util.concurrent.Executors"::equals).isPresent();
        }
        return made instanceof com.github.javaparser.ast.expr.ObjectCreationExpr creation
                && creation.getAnonymousClassBody().isEmpty()
                && types.resolve(creation.getType()).filter(TASK_POOLS::contains).isPresent();
    }

    /**
     * {@code while (!f.isDone()) { sleep(..); } .. f.get()}: an earlier statement of a block around the read is a loop
     * that runs until the future is done and has no {@code break} in its body (any break, also one of a nested loop or
     * switch, is taken to possibly leave it early).
     */
    private static boolean afterLoopUntilDone(String key, Node site) {
        return anEarlierStatement(site, earlier -> {
            Expression condition = earlier instanceof WhileStmt loop ? loop.getCondition()
                    : earlier instanceof DoStmt loop ? loop.getCondition() : null;
            Statement body = earlier instanceof WhileStmt loop ? loop.getBody()
                    : earlier instanceof DoStmt loop ? loop.getBody() : null;
            return condition != null && conjunctIsDone(condition, key, true)
                    && body.findAll(com.github.javaparser.ast.stmt.BreakStmt.class).isEmpty();
        });
    }

    /** Whether a statement before {@code site}, in a block around it up to its method or lambda, passes the test. */
    private static boolean anEarlierStatement(Node site, java.util.function.Predicate<Statement> test) {
        Node child = site;
        for (Node parent = site.getParentNode().orElse(null); parent != null && !(parent instanceof BodyDeclaration<?>)
                && !(parent instanceof LambdaExpr); child = parent, parent = parent.getParentNode().orElse(null)) {
            if (parent instanceof com.github.javaparser.ast.stmt.BlockStmt block) {
                for (Statement earlier : block.getStatements()) {
                    if (earlier == child) {
                        break;
                    }
                    if (test.test(earlier)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean inBranchOfIsDone(String key, Node site) {
        Node child = site;
        for (Node parent = site.getParentNode().orElse(null); parent != null && !(parent instanceof BodyDeclaration<?>)
                && !(parent instanceof LambdaExpr); child = parent, parent = parent.getParentNode().orElse(null)) {
            if (parent instanceof IfStmt branch && branch.getThenStmt() == child
                    && conjunctIsDone(branch.getCondition(), key, false)) {
                return true;
            }
            if (parent instanceof ConditionalExpr choice && choice.getThenExpr() == child
                    && conjunctIsDone(choice.getCondition(), key, false)) {
                return true;
            }
            if (parent instanceof BinaryExpr and && and.getOperator() == BinaryExpr.Operator.AND
                    && and.getRight() == child && conjunctIsDone(and.getLeft(), key, false)) {
                return true;
            }
        }
        return false;
    }

    /** {@code f.isDone()} (negated: {@code !f.isDone()}), alone or as a conjunct (negated: a disjunct). */
    private static boolean conjunctIsDone(Expression condition, String key, boolean negated) {
        Expression inner = Nodes.unwrap(condition);
        if (inner instanceof BinaryExpr binary && binary.getOperator()
                == (negated ? BinaryExpr.Operator.OR : BinaryExpr.Operator.AND)) {
            return conjunctIsDone(binary.getLeft(), key, negated) || conjunctIsDone(binary.getRight(), key, negated);
        }
        if (negated) {
            return inner instanceof com.github.javaparser.ast.expr.UnaryExpr not
                    && not.getOperator() == com.github.javaparser.ast.expr.UnaryExpr.Operator.LOGICAL_COMPLEMENT
                    && conjunctIsDone(not.getExpression(), key, false);
        }
        return inner instanceof MethodCallExpr check && DONE_CHECKS.contains(check.getNameAsString())
                && check.getArguments().isEmpty() && key.equals(check.getScope().map(Completions::key).orElse(null));
    }

    /** {@code if (!f.isDone()) return null; .. f.get()}: an earlier statement of a block around it leaves unless done. */
    private static boolean afterLeavingUnlessDone(String key, Node site) {
        return anEarlierStatement(site, earlier -> earlier instanceof IfStmt check && check.getElseStmt().isEmpty()
                && conjunctIsDone(check.getCondition(), key, true) && leaves(check.getThenStmt()));
    }

    private static boolean leaves(Statement statement) {
        Statement last = statement instanceof com.github.javaparser.ast.stmt.BlockStmt block
                ? block.getStatements().getLast().orElse(null) : statement;
        return last != null && (last.isReturnStmt() || last.isThrowStmt() || last.isBreakStmt()
                || last.isContinueStmt());
    }

    /** Accessors that hand out an element of a list or an iterator. */
    private static final Set<String> ELEMENT_ACCESSORS = Set.of("get", "getFirst", "getLast", "next", "remove",
            "poll", "peek", "element");

    /**
     * A future from the list {@code executor.invokeAll(tasks)} returns: invokeAll returns once every task is done
     * (or cancelled at its deadline), so {@code get()} on its futures returns at once. Seen through a for-each
     * variable, an element accessor ({@code futures.get(i)}) and locals holding either.
     */
    private static boolean fromInvokeAll(Expression future, FileTypes types, int depth) {
        if (depth > 3) {
            return false;
        }
        Expression inner = Nodes.unwrap(future);
        if (inner instanceof CastExpr cast) {
            return fromInvokeAll(cast.getExpression(), types, depth + 1);
        }
        if (inner instanceof MethodCallExpr call && ELEMENT_ACCESSORS.contains(call.getNameAsString())
                && call.getScope().isPresent()) {
            return listFromInvokeAll(call.getScope().get(), types, depth + 1);
        }
        if (!(inner instanceof NameExpr name)) {
            return false;
        }
        Optional<Variables.Declared> declared = Variables.find(name.getNameAsString(), name);
        if (declared.isPresent() && declared.get().declaration().getParentNode()
                .flatMap(Node::getParentNode).orElse(null) instanceof ForEachStmt each
                && each.getVariable().getVariables().contains(declared.get().declaration())) {
            return listFromInvokeAll(each.getIterable(), types, depth + 1);
        }
        List<Expression> values = Variables.assignedValues(inner);
        return !values.isEmpty() && values.stream().allMatch(value -> fromInvokeAll(value, types, depth + 1));
    }

    private static boolean listFromInvokeAll(Expression list, FileTypes types, int depth) {
        Expression inner = Nodes.unwrap(list);
        if (inner instanceof MethodCallExpr call && call.getNameAsString().equals("invokeAll")
                && types.receiverIs(call, "java.util.concurrent.ExecutorService")) {
            return true;
        }
        if (inner instanceof MethodCallExpr call && call.getNameAsString().equals("iterator")
                && call.getScope().isPresent()) {
            return listFromInvokeAll(call.getScope().get(), types, depth);
        }
        if (depth > 3 || !(inner instanceof NameExpr)) {
            return false;
        }
        List<Expression> values = Variables.assignedValues(inner);
        return !values.isEmpty() && values.stream().allMatch(value -> listFromInvokeAll(value, types, depth + 1));
    }

    /** {@code completionService.take().get()}: a completion service hands out completed futures only. */
    private static boolean takenFromCompletionService(Expression receiver, FileTypes types) {
        if (isCompletionServiceTake(receiver, types)) {
            return true;
        }
        List<Expression> values = key(receiver) == null ? List.of() : Variables.assignedValues(receiver);
        return !values.isEmpty() && values.stream().allMatch(value -> isCompletionServiceTake(value, types));
    }

    private static boolean isCompletionServiceTake(Expression expression, FileTypes types) {
        return Nodes.unwrap(expression) instanceof MethodCallExpr call
                && (call.getNameAsString().equals("take") || call.getNameAsString().equals("poll"))
                && types.receiverIs(call, COMPLETION_SERVICE);
    }

    /** {@code f.orTimeout(5, SECONDS).thenApply(..).join()}: the chain fails once the timeout passes. */
    private static boolean chainHasTimeout(Expression receiver) {
        for (Expression current = Nodes.unwrap(receiver); current instanceof MethodCallExpr call;
             current = call.getScope().map(Nodes::unwrap).orElse(null)) {
            if (TIMEOUTS.contains(call.getNameAsString())) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code f = x.orTimeout(..)} or {@code f.orTimeout(..)} (which bounds {@code f} itself) anywhere in the method
     * or for a field in the file.
     */
    private static boolean variableHasTimeout(Expression receiver, Node site) {
        String key = key(receiver);
        if (key == null) {
            return false;
        }
        for (Expression value : Variables.assignedValues(receiver)) {
            if (chainHasTimeout(value)) {
                return true;
            }
        }
        Node scope = enclosingBody(site);
        for (MethodCallExpr call : scope.findAll(MethodCallExpr.class)) {
            if (TIMEOUTS.contains(call.getNameAsString()) && key.equals(call.getScope().map(Completions::key)
                    .orElse(null))) {
                return true;
            }
        }
        return false;
    }

    /** {@code if (f.isDone()) return f.get();} and {@code checkState(f.isDone()); f.get();} */
    private static boolean checkedIsDoneBefore(String key, Node site) {
        Position at = site.getBegin().orElse(null);
        if (at == null) {
            return false;
        }
        for (MethodCallExpr call : enclosingBody(site).findAll(MethodCallExpr.class)) {
            if (DONE_CHECKS.contains(call.getNameAsString()) && call.getArguments().isEmpty()
                    && key.equals(call.getScope().map(Completions::key).orElse(null))
                    && call.getBegin().map(begin -> begin.isBefore(at)).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code f.get(timeout, unit); .. f.get()}: a wait on the same future (a local or parameter never assigned again)
     * that returned on every path to {@code site} before it, so the future is complete there. The earlier wait must
     * run whenever {@code site} does: not in a branch, a loop, a lambda or a {@code switch}, and not in a {@code try}
     * whose catch lets the code go on to {@code site} after the wait failed or timed out; the condition of an
     * {@code if} around {@code site} runs first, so a wait there counts.
     */
    private static boolean awaitedBefore(String key, Expression receiver, Node site) {
        Position at = site.getBegin().orElse(null);
        Expression inner = receiver == null ? null : Nodes.unwrap(receiver);
        if (at == null || !(inner instanceof NameExpr name)) {
            return false;
        }
        Optional<Variables.Declared> declared = Variables.find(name.getNameAsString(), name);
        if (declared.isEmpty() || declared.get().field() || Variables.assignedValues(inner).size() > 1) {
            return false;
        }
        for (MethodCallExpr call : enclosingBody(site).findAll(MethodCallExpr.class)) {
            if (call != site && WAITS.contains(call.getNameAsString()) && call.getArguments().size() != 1
                    && key.equals(call.getScope().map(Completions::key).orElse(null))
                    && call.getBegin().map(begin -> begin.isBefore(at)).orElse(false)
                    && runsWheneverItDoes(call, site)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code earlier} has run, and returned, whenever control reaches {@code later}. */
    private static boolean runsWheneverItDoes(Node earlier, Node later) {
        Node common = earlier;
        while (common != null && !Nodes.isWithin(later, common)) {
            common = common.getParentNode().orElse(null);
        }
        if (common == null) {
            return false;
        }
        Node child = earlier;
        for (Node parent = earlier.getParentNode().orElse(null); parent != null && parent != common;
             child = parent, parent = parent.getParentNode().orElse(null)) {
            if (!alwaysRuns(parent, child, true)) {
                return false;
            }
        }
        return alwaysRuns(common, child, false);
    }

    /**
     * Whether {@code child} of {@code parent} has run, and returned, whenever control goes on past it to the later
     * node: {@code below} while walking up from the earlier node, false at the node that holds both.
     */
    private static boolean alwaysRuns(Node parent, Node child, boolean below) {
        if (parent instanceof LambdaExpr || parent instanceof BodyDeclaration<?> || parent instanceof CatchClause
                || parent instanceof SwitchEntry || parent instanceof SwitchStmt || parent instanceof SwitchExpr
                || parent instanceof ForStmt || parent instanceof ForEachStmt || parent instanceof WhileStmt
                || parent instanceof DoStmt) {
            return false;
        }
        if (parent instanceof IfStmt branch) {
            return branch.getCondition() == child;
        }
        if (parent instanceof ConditionalExpr choice) {
            return choice.getCondition() == child;
        }
        if (parent instanceof BinaryExpr binary && (binary.getOperator() == BinaryExpr.Operator.AND
                || binary.getOperator() == BinaryExpr.Operator.OR)) {
            return binary.getLeft() == child;
        }
        if (parent instanceof TryStmt attempt) {
            // a finally block always runs; a wait in the try block returned only if no catch can go on without it
            return below && (attempt.getFinallyBlock().filter(block -> block == child).isPresent()
                    || attempt.getCatchClauses().isEmpty());
        }
        return true;
    }

    /**
     * {@code allOf(a, b).thenApply(v -> a.join() + b.join())} and {@code f.whenComplete((r, e) -> f.join())}: the
     * callback runs once the futures it reads are complete.
     */
    private static boolean inContinuation(Node site, String key, FileTypes types) {
        return inContinuation(site, key, types, 0);
    }

    private static boolean inContinuation(Node site, String key, FileTypes types, int depth) {
        Node current = site;
        for (; current != null && !(current instanceof BodyDeclaration<?>);
             current = current.getParentNode().orElse(null)) {
            boolean callback = current instanceof LambdaExpr || current instanceof MethodReferenceExpr;
            if (callback && current.getParentNode().orElse(null) instanceof MethodCallExpr continuation
                    && CONTINUATIONS.contains(continuation.getNameAsString())
                    && Nodes.containsSame(continuation.getArguments(), current)) {
                Expression root = continuation.getScope().orElse(null);
                if (root != null && (combinesFutures(root, types) || key != null && key.equals(rootKey(root)))) {
                    return true;
                }
                if (key != null && continuation.getArguments().stream().anyMatch(arg -> key.equals(key(arg)))) {
                    return true;
                }
            }
        }
        return depth < 2 && current instanceof MethodDeclaration helper && onlyCalledInCombinations(helper, types,
                depth);
    }

    /**
     * {@code allOf(futures).thenApply(v -> collect(futures))} with a private {@code collect} that reads them: a
     * private method whose every call in the file runs inside a continuation of allOf/anyOf.
     */
    private static boolean onlyCalledInCombinations(MethodDeclaration helper, FileTypes types, int depth) {
        if (!helper.isPrivate()) {
            return false;
        }
        boolean called = false;
        for (MethodCallExpr call : helper.findRootNode().findAll(MethodCallExpr.class)) {
            if (call.getNameAsString().equals(helper.getNameAsString())
                    && call.getArguments().size() == helper.getParameters().size()
                    && (call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr)) {
                if (!inCombination(call, types, depth + 1)) {
                    return false;
                }
                called = true;
            }
        }
        return called;
    }

    /** True when {@code site} runs inside a continuation of {@code allOf/anyOf}. */
    private static boolean inCombination(Node site, FileTypes types, int depth) {
        Node current = site;
        for (; current != null && !(current instanceof BodyDeclaration<?>);
             current = current.getParentNode().orElse(null)) {
            if ((current instanceof LambdaExpr || current instanceof MethodReferenceExpr)
                    && current.getParentNode().orElse(null) instanceof MethodCallExpr continuation
                    && CONTINUATIONS.contains(continuation.getNameAsString())
                    && Nodes.containsSame(continuation.getArguments(), current)
                    && continuation.getScope().map(root -> combinesFutures(root, types)).orElse(false)) {
                return true;
            }
        }
        return depth < 2 && current instanceof MethodDeclaration helper
                && onlyCalledInCombinations(helper, types, depth);
    }

    /**
     * {@code CompletableFuture.allOf(futures).join(); futures.stream().map(CompletableFuture::join)}: once allOf
     * has been waited for, reading the futures it combined does not wait.
     */
    private static boolean afterJoiningAllOf(Node site, FileTypes types) {
        Position at = site.getBegin().orElse(null);
        Optional<Statement> statement = site.findAncestor(Statement.class);
        if (at == null || statement.isEmpty()) {
            return false;
        }
        Set<String> namesAtSite = names(statement.get());
        for (MethodCallExpr call : enclosingBody(site).findAll(MethodCallExpr.class)) {
            if ((call.getNameAsString().equals("join") || call.getNameAsString().equals("get"))
                    && call.getBegin().map(begin -> begin.isBefore(at)).orElse(false)
                    && call.getScope().isPresent() && combinesFutures(call.getScope().get(), types)) {
                MethodCallExpr combination = combination(call.getScope().get());
                if (combination != null && combination.getArguments().stream()
                        .anyMatch(argument -> !java.util.Collections.disjoint(names(argument), namesAtSite))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True when the chain starts with {@code CompletableFuture.allOf(..)} or {@code anyOf(..)}, or the same static
     * combination of another future type ({@code KafkaFuture.allOf(..)}).
     */
    private static boolean combinesFutures(Expression chain, FileTypes types) {
        MethodCallExpr combination = combination(chain);
        return combination != null
                && types.staticOwner(combination).map(owner -> types.isSubtype(owner, FUTURE)).orElse(false);
    }

    private static MethodCallExpr combination(Expression chain) {
        for (Expression current = Nodes.unwrap(chain); current instanceof MethodCallExpr call;
             current = call.getScope().map(Nodes::unwrap).orElse(null)) {
            if (COMBINATIONS.contains(call.getNameAsString())) {
                return call;
            }
        }
        return null;
    }

    private static String rootKey(Expression chain) {
        Expression current = Nodes.unwrap(chain);
        while (current instanceof MethodCallExpr call && call.getScope().isPresent()) {
            current = Nodes.unwrap(call.getScope().get());
        }
        return key(current);
    }

    private static Set<String> names(Node node) {
        Set<String> names = new HashSet<>();
        for (NameExpr name : node.findAll(NameExpr.class)) {
            names.add(name.getNameAsString());
        }
        return names;
    }

    /**
     * The variable an expression names, or null for anything else: {@code "this.f"} for a field ({@code this.f}, or
     * {@code f} where no local or parameter of that name is in scope), {@code "f"} for a local or parameter, so a
     * local that hides a field is another future than {@code this.f}.
     */
    static String key(Expression expression) {
        if (expression == null) {
            return null;
        }
        Expression inner = Nodes.unwrap(expression);
        while (inner instanceof CastExpr cast) {
            inner = Nodes.unwrap(cast.getExpression());
        }
        if (inner instanceof NameExpr name) {
            String simple = name.getNameAsString();
            boolean local = Variables.find(simple, name).filter(declared -> !declared.field()).isPresent();
            return local ? simple : FIELD + simple;
        }
        if (inner instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr) {
            return FIELD + access.getNameAsString();
        }
        return null;
    }

    /** How the key of a field begins. */
    static final String FIELD = "this.";

    /** The method, constructor or initializer around {@code node}, or the whole file outside of one. */
    static Node enclosingBody(Node node) {
        Node body = node.findAncestor(BodyDeclaration.class).map(Node.class::cast).orElse(null);
        if (body != null) {
            return body;
        }
        return node.findRootNode();
    }
}
