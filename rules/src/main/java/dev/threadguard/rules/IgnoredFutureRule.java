package dev.threadguard.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import dev.threadguard.analysis.Calls;
import dev.threadguard.analysis.ExecutorUses;
import dev.threadguard.analysis.Nodes;
import dev.threadguard.api.FileContext;
import dev.threadguard.api.Rule;
import dev.threadguard.api.RuleMetadata;
import dev.threadguard.api.Triggers;
import dev.threadguard.types.FileTypes;

import java.util.List;
import java.util.Set;

/** {@code ignored-future}: the future of a submitted or scheduled task thrown away. */
public final class IgnoredFutureRule implements Rule {

    /** The kind of a discarded {@code schedule*} future. */
    static final String SCHEDULED = "schedule";
    /** The kind of a discarded {@code submit}, {@code supplyAsync} or {@code runAsync} future. */
    static final String SUBMITTED = "submit";

    static final RuleMetadata METADATA = new RuleMetadata("ignored-future",
            "Future of a submitted task discarded",
            "submit(), schedule*(), CompletableFuture.supplyAsync() and runAsync() return the only handle on the "
                    + "task: the way to cancel it, to wait for it, and to see its exception, which the future "
                    + "captures instead of letting it reach an uncaught-exception handler. Discarding it leaves a "
                    + "task that can be neither stopped nor awaited and whose failure disappears; for a periodic "
                    + "task, the first exception silently ends it. Nothing is lost, and nothing is reported, when the "
                    + "task's body catches every exception (Throwable or Exception) or cannot fail and, for a "
                    + "scheduled task, the executor is created and shut down by the same class, whose shutdown "
                    + "cancels the task; nor when a delayed task only completes the CompletableFuture the method "
                    + "returns, which the caller holds. "
                    + "Scheduled and submitted tasks are measured, and so default, apart. execute() returns nothing "
                    + "and is not reported, nor is a call on an executor created for it and kept nowhere, which "
                    + "executor-not-shutdown reports as the cause.",
            "Keep the future to cancel or await the task, or use execute() for fire-and-forget work so that its "
                    + "exceptions are not lost.",
            List.of(new RuleMetadata.Kind(SCHEDULED, "`schedule*`",
                            MeasuredPrecision.IGNORED_FUTURE_SCHEDULE),
                    new RuleMetadata.Kind(SUBMITTED, "`submit`, `supplyAsync`, `runAsync`",
                            MeasuredPrecision.IGNORED_FUTURE_SUBMIT)));

    private static final String EXECUTOR_SERVICE = "java.util.concurrent.ExecutorService";
    private static final String SCHEDULED_EXECUTOR = "java.util.concurrent.ScheduledExecutorService";
    private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
    private static final String FORK_JOIN_POOL = "java.util.concurrent.ForkJoinPool";
    private static final String FORK_JOIN_TASK = "java.util.concurrent.ForkJoinTask";
    private static final Set<String> SHUTDOWNS = Set.of("shutdown", "shutdownNow", "close");
    private static final Set<String> SCHEDULES = Set.of("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay");
    /** Methods whose lambda argument returns nothing (a Consumer), so a value it computes is thrown away. */
    private static final Set<String> FOR_EACH = Set.of("forEach", "forEachOrdered", "forEachRemaining");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public Triggers triggers() {
        return Triggers.when(Set.of(SCHEDULED_EXECUTOR), SCHEDULES)
                .or(Triggers.when(Set.of(EXECUTOR_SERVICE), Set.of("submit")))
                .or(Triggers.when(Set.of(COMPLETABLE_FUTURE), Set.of("supplyAsync", "runAsync")));
    }

    @Override
    public void check(FileContext file) {
        FileTypes types = file.types();
        for (MethodCallExpr call : file.nodes(MethodCallExpr.class)) {
            if (!isDiscarded(call, types) || losesItsExecutor(call, file) || shutsItsExecutorDown(call)
                    || submitsAKeptForkJoinTask(call, types)) {
                continue;
            }
            String name = call.getNameAsString();
            // a task that only completes a future with what cannot throw has no exception to catch
            boolean caught = call.getArguments().isNonEmpty()
                    && (HandedTasks.catchesEverything(call.getArgument(0), file)
                    || CompletingTasks.cannotFail(call.getArgument(0), file))
                    || call.getScope().map(executor -> HandedTasks.reportsTaskFailures(executor, file)).orElse(false);
            if (SCHEDULES.contains(name) && types.receiverIs(call, SCHEDULED_EXECUTOR)) {
                if (CompletingTasks.completesTheReturnedFuture(call, file)) {
                    continue; // the caller holds the task's only effect, and cancels it by cancelling that future
                }
                HandedTasks.Ownership ownership = call.getScope()
                        .map(executor -> HandedTasks.ownership(executor, file)).orElse(HandedTasks.Ownership.UNKNOWN);
                boolean stops = ownership.stopsWithTheClass();
                if (caught && stops) {
                    continue;
                }
                file.report(METADATA, call, "The `ScheduledFuture` of `" + Calls.describe(call, types,
                        SCHEDULED_EXECUTOR) + "` is discarded: " + scheduleLoss(name, caught, ownership),
                        stops ? "Catch and log the task's exceptions in its body, or keep the ScheduledFuture and "
                                + "check it." : "Keep the ScheduledFuture and cancel it when its owner stops.",
                        METADATA.kind(SCHEDULED).defaultSeverity());
            } else if (caught) {
                continue;
            } else if (name.equals("submit") && types.receiverIs(call, EXECUTOR_SERVICE)) {
                // a scheduled executor wraps an execute()d task in a future too: there, execute() loses it as well
                String fix = types.receiverIs(call, SCHEDULED_EXECUTOR) ? "Keep the future and check it, or catch "
                        + "and log the task's exceptions in its body (a scheduled executor keeps an execute()d "
                        + "task's exception in a future too)." : METADATA.fix();
                file.report(METADATA, call, "The `Future` of `" + Calls.describe(call, types, EXECUTOR_SERVICE)
                        + "` is discarded: the task's exception is lost, and the task can be neither cancelled nor "
                        + "awaited on its own", fix, METADATA.kind(SUBMITTED).defaultSeverity());
            } else if ((name.equals("supplyAsync") || name.equals("runAsync"))
                    && types.staticOwner(call).filter(COMPLETABLE_FUTURE::equals).isPresent()) {
                file.report(METADATA, call, "The `CompletableFuture` of `CompletableFuture." + name + "(..)` is "
                        + "discarded: the task's exception is lost, and the task can be neither cancelled nor "
                        + "awaited on its own",
                        "Keep the future, or handle its outcome (whenComplete, exceptionally) and keep it to cancel "
                                + "the task.", METADATA.kind(SUBMITTED).defaultSeverity());
            }
        }
    }

    /** What is lost with the ScheduledFuture, for the message: only what is true of this task and executor. */
    private static String scheduleLoss(String method, boolean caught, HandedTasks.Ownership ownership) {
        boolean periodic = !method.equals("schedule");
        String exception = periodic ? "an exception thrown by the task ends it silently, with nothing to report it"
                : "an exception thrown by the task is lost with it";
        // only what the file shows: an executor from a parameter or a factory elsewhere may be anyone's
        String cancel = "the task cannot be cancelled on its own when its owner stops: only shutting down the whole "
                + "executor would stop it" + (ownership == HandedTasks.Ownership.CREATED
                        ? ", and this class, which creates it, never shuts it down" : "");
        if (caught) {
            return cancel;
        }
        return ownership.stopsWithTheClass() ? exception : exception + "; and " + cancel;
    }

    /**
     * {@code executor.submit(executor::shutdown)}: the executor shuts itself down after the tasks already queued; the
     * task has nothing to lose, and nobody needs to await or cancel it.
     */
    private static boolean shutsItsExecutorDown(MethodCallExpr call) {
        if (call.getScope().isEmpty() || call.getArguments().isEmpty()) {
            return false;
        }
        String executor = Nodes.unwrap(call.getScope().get()).toString();
        Expression task = Nodes.unwrap(call.getArgument(0));
        if (task instanceof MethodReferenceExpr reference) {
            return SHUTDOWNS.contains(reference.getIdentifier())
                    && Nodes.unwrap(reference.getScope()).toString().equals(executor);
        }
        return task instanceof LambdaExpr lambda && lambda.getParameters().isEmpty()
                && lambda.getExpressionBody().orElse(null) instanceof MethodCallExpr shutdown
                && SHUTDOWNS.contains(shutdown.getNameAsString())
                && shutdown.getScope().map(scope -> Nodes.unwrap(scope).toString().equals(executor)).orElse(false);
    }

    /**
     * {@code forkJoinPool.submit(task)} where {@code task} is a variable (a local, a parameter or a field) declared as
     * a {@code ForkJoinTask} ({@code RecursiveTask}, {@code RecursiveAction}, {@code CountedCompleter}, a class of the
     * project extending one), or {@code this} in such a class (a task submitting itself): {@code
     * ForkJoinPool.submit(ForkJoinTask)} returns that same task, so the caller holds the future already, or is it.
     * Not a {@code Runnable} or {@code Callable} submitted to a ForkJoinPool, which gets a new future ({@code this}
     * of an anonymous {@code Runnable} inside a task among them), nor a {@code new RecursiveTask<>(..)} made in the
     * call and kept nowhere.
     */
    private static boolean submitsAKeptForkJoinTask(MethodCallExpr call, FileTypes types) {
        if (!call.getNameAsString().equals("submit") || call.getArguments().size() != 1
                || !types.receiverIs(call, FORK_JOIN_POOL)) {
            return false;
        }
        Expression task = Nodes.unwrap(call.getArgument(0));
        boolean variable = task instanceof NameExpr || task instanceof ThisExpr
                || task instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr;
        return variable && types.isA(task, FORK_JOIN_TASK);
    }

    /**
     * A call on an executor created for it and kept nowhere ({@code Executors.newSingleThreadExecutor().submit(task)}):
     * executor-not-shutdown reports the lost executor, which is the cause; the lost future follows from it.
     */
    private static boolean losesItsExecutor(MethodCallExpr call, FileContext file) {
        return call.getScope().flatMap(receiver -> ExecutorUses.losingCall(receiver, file))
                .filter(losing -> losing == call).isPresent();
    }

    /**
     * A call used as a statement, or as the value of a lambda that returns nothing: a forEach callback, or a
     * Runnable handed to {@code execute}, {@code runAsync} or {@code new Thread(..)}.
     */
    private static boolean isDiscarded(MethodCallExpr call, FileTypes types) {
        Node parent = call.getParentNode().orElse(null);
        if (!(parent instanceof ExpressionStmt statement)) {
            return false;
        }
        // an expression lambda's body is an ExpressionStmt too; its value may be returned
        if (!(statement.getParentNode().orElse(null) instanceof LambdaExpr lambda)) {
            return true;
        }
        Node receiver = lambda.getParentNode().orElse(null);
        if (receiver instanceof MethodCallExpr callback && Nodes.containsSame(callback.getArguments(), lambda)) {
            String name = callback.getNameAsString();
            return FOR_EACH.contains(name)
                    || name.equals("execute") && types.receiverIs(callback, "java.util.concurrent.Executor")
                    || name.equals("runAsync")
                    && types.staticOwner(callback).filter(COMPLETABLE_FUTURE::equals).isPresent();
        }
        return receiver instanceof ObjectCreationExpr creation && Nodes.containsSame(creation.getArguments(), lambda)
                && types.resolve(creation.getType()).filter("java.lang.Thread"::equals).isPresent();
    }
}
