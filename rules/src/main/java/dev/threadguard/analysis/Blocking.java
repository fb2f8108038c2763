package dev.threadguard.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The calls that wait without a time limit although a timed form of the same wait exists ({@code Future.get()},
 * {@code CountDownLatch.await()}, {@code BlockingQueue.take()}, ...), together with what each waits for and its
 * timed alternative, and the user's own {@code blockingMethods}, which are matched and excused exactly like the
 * built-in ones. Also knows which JDK calls throw {@link InterruptedException}, the way a blocked thread learns it
 * was cancelled.
 *
 * <p>A call is only an untimed wait when its receiver's type is known (see {@link MethodPattern}); and it is
 * excused when it cannot wait at that point or on purpose: the future is already complete or bounded by
 * {@code orTimeout} (see {@link Completions}), {@code put} goes into a queue without a capacity limit, or the
 * call is the body of a method of the same name and arity, which forwards the same untimed wait to its own
 * callers (a {@code Future} wrapper's {@code get()} must call {@code get()}).
 */
public final class Blocking {

    /**
     * One kind of untimed wait.
     *
     * @param method        the untimed method
     * @param waitsFor      how it can wait forever, for messages: "waits forever if the task never completes"
     * @param fix           the timed alternative, one sentence
     * @param needsCapacity true when the call only waits for free capacity, so never on an unbounded queue
     */
    private record Kind(MethodPattern method, String waitsFor, String fix, boolean needsCapacity) {
    }

    /**
     * A call that may wait forever.
     *
     * @param node     the call or method reference
     * @param written  the call as shown in messages, e.g. {@code future.get()}
     * @param waitsFor how it can wait forever, e.g. "waits forever if the task never completes"
     * @param fix      the timed alternative, one sentence
     */
    public record UntimedWait(Node node, String written, String waitsFor, String fix) {
    }

    private static final List<Kind> BUILT_IN = List.of(
            kind("java.util.concurrent.Future#get()", "waits forever if the task never completes",
                    "Use `get(timeout, unit)` and decide what to do on TimeoutException."),
            kind("java.util.concurrent.CompletableFuture#join()", "waits forever if the future never completes",
                    "Bound the wait: `orTimeout(timeout, unit).join()` or `get(timeout, unit)`."),
            kind("java.lang.Thread#join()", "waits forever if the thread never ends",
                    "Use `join(millis)` (or `join(Duration)` on Java 19+) and check `isAlive()` afterwards."),
            kind("java.util.concurrent.CountDownLatch#await()", "waits forever if the count never reaches zero",
                    "Use `await(timeout, unit)` and check the result."),
            kind("java.util.concurrent.CyclicBarrier#await()", "waits forever if a party never arrives",
                    "Use `await(timeout, unit)`."),
            kind("java.util.concurrent.Semaphore#acquire()", "waits forever if no permit is ever released",
                    "Use `tryAcquire(timeout, unit)` and check the result."),
            kind("java.util.concurrent.Semaphore#acquire(int)", "waits forever if the permits are never released",
                    "Use `tryAcquire(permits, timeout, unit)` and check the result."),
            kind("java.util.concurrent.BlockingDeque#takeFirst()", "waits forever if nothing is ever added",
                    "Use `pollFirst(timeout, unit)` and handle null."),
            kind("java.util.concurrent.BlockingDeque#takeLast()", "waits forever if nothing is ever added",
                    "Use `pollLast(timeout, unit)` and handle null."),
            capacity("java.util.concurrent.BlockingDeque#putFirst(E)", "waits forever if the deque stays full",
                    "Use `offerFirst(e, timeout, unit)` and handle false."),
            capacity("java.util.concurrent.BlockingDeque#putLast(E)", "waits forever if the deque stays full",
                    "Use `offerLast(e, timeout, unit)` and handle false."),
            kind("java.util.concurrent.BlockingQueue#take()", "waits forever if nothing is ever added",
                    "Use `poll(timeout, unit)` and handle null."),
            capacity("java.util.concurrent.BlockingQueue#put(E)", "waits forever if the queue stays full",
                    "Use `offer(e, timeout, unit)` and handle false."),
            kind("java.util.concurrent.locks.Condition#await()", "waits forever if the condition is never signalled",
                    "Use `await(timeout, unit)` or `awaitNanos(nanos)` and re-check the condition."),
            kind("java.lang.Object#wait()", "waits forever if no `notify()` comes",
                    "Use `wait(millis)` in a loop that re-checks the condition and a deadline."),
            kind("java.util.concurrent.Exchanger#exchange(V)", "waits forever if no partner thread arrives",
                    "Use `exchange(x, timeout, unit)`."),
            kind("java.util.concurrent.Phaser#awaitAdvance(int)",
                    "waits forever, ignoring interrupts, if the phase never advances",
                    "Use `awaitAdvanceInterruptibly(phase, timeout, unit)`."),
            kind("java.util.concurrent.ExecutorService#invokeAll(Collection)",
                    "waits forever if a task never completes",
                    "Use `invokeAll(tasks, timeout, unit)`, which cancels the tasks still running at the deadline."),
            kind("java.util.concurrent.ExecutorService#invokeAny(Collection)",
                    "waits forever if no task ever completes",
                    "Use `invokeAny(tasks, timeout, unit)`."),
            kind("java.util.concurrent.CompletionService#take()", "waits forever if no task ever completes",
                    "Use `poll(timeout, unit)` and handle null."),
            kind("java.util.concurrent.locks.LockSupport#park()", "parks forever if no one unparks the thread",
                    "Use `parkNanos(nanos)` and re-check the condition and a deadline."),
            kind("java.util.concurrent.locks.LockSupport#park(Object)", "parks forever if no one unparks the thread",
                    "Use `parkNanos(blocker, nanos)` and re-check the condition and a deadline."));

    private static final String CONFIGURED_FIX = "Use a variant that takes a timeout, or bound the wait another way.";

    /** JDK methods that throw {@link InterruptedException}: untimed and timed waits alike. */
    private static final List<MethodPattern> INTERRUPTIBLE = patterns(
            "java.lang.Thread#sleep", "java.lang.Thread#join", "java.lang.Object#wait",
            "java.util.concurrent.TimeUnit#sleep", "java.util.concurrent.TimeUnit#timedJoin",
            "java.util.concurrent.TimeUnit#timedWait",
            "java.util.concurrent.Future#get", "java.util.concurrent.CountDownLatch#await",
            "java.util.concurrent.CyclicBarrier#await", "java.util.concurrent.Semaphore#acquire",
            "java.util.concurrent.Semaphore#tryAcquire(long,TimeUnit)",
            "java.util.concurrent.Semaphore#tryAcquire(int,long,TimeUnit)",
            "java.util.concurrent.BlockingQueue#take()", "java.util.concurrent.BlockingQueue#put(E)",
            "java.util.concurrent.BlockingQueue#offer(E,long,TimeUnit)",
            "java.util.concurrent.BlockingQueue#poll(long,TimeUnit)",
            "java.util.concurrent.BlockingDeque#takeFirst()", "java.util.concurrent.BlockingDeque#takeLast()",
            "java.util.concurrent.BlockingDeque#putFirst(E)", "java.util.concurrent.BlockingDeque#putLast(E)",
            "java.util.concurrent.BlockingDeque#offerFirst(E,long,TimeUnit)",
            "java.util.concurrent.BlockingDeque#offerLast(E,long,TimeUnit)",
            "java.util.concurrent.BlockingDeque#pollFirst(long,TimeUnit)",
            "java.util.concurrent.BlockingDeque#pollLast(long,TimeUnit)",
            "java.util.concurrent.TransferQueue#transfer(E)",
            "java.util.concurrent.TransferQueue#tryTransfer(E,long,TimeUnit)",
            "java.util.concurrent.locks.Condition#await", "java.util.concurrent.locks.Condition#awaitNanos",
            "java.util.concurrent.locks.Condition#awaitUntil",
            "java.util.concurrent.locks.Lock#lockInterruptibly", "java.util.concurrent.locks.Lock#tryLock(long,TimeUnit)",
            "java.util.concurrent.Exchanger#exchange", "java.util.concurrent.Phaser#awaitAdvanceInterruptibly",
            "java.util.concurrent.ExecutorService#invokeAll", "java.util.concurrent.ExecutorService#invokeAny",
            "java.util.concurrent.ExecutorService#awaitTermination", "java.util.concurrent.CompletionService#take()",
            "java.util.concurrent.CompletionService#poll(long,TimeUnit)");

    private Blocking() {
    }

    private static Kind kind(String method, String waitsFor, String fix) {
        return new Kind(MethodPattern.parse(method, "built-in"), waitsFor, fix, false);
    }

    private static Kind capacity(String method, String waitsFor, String fix) {
        return new Kind(MethodPattern.parse(method, "built-in"), waitsFor, fix, true);
    }

    private static List<MethodPattern> patterns(String... methods) {
        List<MethodPattern> result = new ArrayList<>();
        for (String method : methods) {
            result.add(MethodPattern.parse(method, "built-in"));
        }
        return List.copyOf(result);
    }

    /** The untimed wait that {@code call} is, unless it is excused at this point. */
    public static Optional<UntimedWait> untimedWait(MethodCallExpr call, FileContext file) {
        FileTypes types = file.types();
        Kind kind = kindOf(call, file);
        if (kind == null || forwardsTheSameWait(call, kind.method()) || Completions.cannotWaitForever(call, types)
                || kind.needsCapacity() && call.getScope().map(queue -> isUnboundedQueue(queue, types)).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(new UntimedWait(call.getName(), written(call, kind.method(), types), kind.waitsFor(),
                kind.fix()));
    }

    /** The untimed wait that a method reference such as {@code CompletableFuture::join} makes, unless excused. */
    public static Optional<UntimedWait> untimedWait(MethodReferenceExpr reference, FileContext file) {
        FileTypes types = file.types();
        for (Kind kind : kinds(file.settings())) {
            if (kind.method().matches(reference, types)) {
                if (forwardsTheSameWait(reference, kind.method()) || Completions.cannotWaitForever(reference, types)) {
                    return Optional.empty();
                }
                return Optional.of(new UntimedWait(reference, reference.toString(), kind.waitsFor(), kind.fix()));
            }
        }
        return Optional.empty();
    }

    private static Kind kindOf(MethodCallExpr call, FileContext file) {
        for (Kind kind : kinds(file.settings())) {
            if (kind.method().matches(call, file.types())) {
                return kind;
            }
        }
        return null;
    }

    private static List<Kind> kinds(AnalysisSettings settings) {
        if (settings.blockingMethods().isEmpty()) {
            return BUILT_IN;
        }
        List<Kind> all = new ArrayList<>(BUILT_IN);
        for (MethodPattern configured : settings.blockingMethods()) {
            all.add(new Kind(configured, "is one of the configured blockingMethods (" + configured.text()
                    + ") and waits without a time limit", CONFIGURED_FIX, false));
        }
        return all;
    }

    /**
     * The names of every method that can be an untimed wait, built-in and configured: a file that mentions none of
     * them cannot hold one.
     */
    public static Set<String> methodNames(AnalysisSettings settings) {
        Set<String> names = new LinkedHashSet<>();
        for (Kind kind : kinds(settings)) {
            names.add(kind.method().methodName());
        }
        return names;
    }

    /** True when {@code call} is a JDK method that throws {@link InterruptedException} when the thread is interrupted. */
    public static boolean throwsInterruptedException(MethodCallExpr call, FileTypes types) {
        for (MethodPattern method : INTERRUPTIBLE) {
            if (method.matches(call, types)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code public V get() { return delegate.get(); }}: a method of the same name and arity forwards the same
     * untimed wait to its callers, which is its contract; the callers are where a timeout belongs.
     */
    private static boolean forwardsTheSameWait(Node call, MethodPattern method) {
        Optional<MethodDeclaration> enclosing = call.findAncestor(MethodDeclaration.class);
        if (enclosing.isEmpty() || !enclosing.get().getNameAsString().equals(method.methodName())) {
            return false;
        }
        int parameters = enclosing.get().getParameters().size();
        if (call instanceof MethodCallExpr methodCall) {
            return parameters == methodCall.getArguments().size();
        }
        return method.arity() == MethodPattern.ANY_ARITY || parameters == method.arity();
    }

    /** True for a queue whose creation shows no capacity limit, so that {@code put} never waits. */
    private static boolean isUnboundedQueue(Expression queue, FileTypes types) {
        if (types.typeOf(queue).map(Queues::isUnboundedType).orElse(false)) {
            return true;
        }
        List<Expression> values = Variables.assignedValues(queue);
        return !values.isEmpty() && values.stream().allMatch(value -> Queues.isUnboundedCreation(value, types));
    }

    /**
     * The call as shown in messages: {@code future.get()}, {@code queue.put(item)}, {@code wait()}; with the owner
     * type's simple name when the receiver is a longer expression, e.g. {@code CompletableFuture.join()}.
     */
    private static String written(MethodCallExpr call, MethodPattern method, FileTypes types) {
        String arguments = call.getArguments().isEmpty() ? "()"
                : call.getArguments().size() == 1 && call.getArgument(0) instanceof NameExpr name ? "(" + name + ")"
                : "(..)";
        Optional<Expression> scope = call.getScope();
        if (scope.isEmpty()) {
            return call.getNameAsString() + arguments;
        }
        Expression receiver = scope.get();
        String shown;
        if (receiver instanceof NameExpr || receiver instanceof ThisExpr
                || receiver instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr) {
            shown = receiver.toString();
        } else {
            String owner = types.staticOwner(call).orElse(method.ownerType());
            shown = owner.substring(owner.lastIndexOf('.') + 1);
        }
        return shown + '.' + call.getNameAsString() + arguments;
    }
}
