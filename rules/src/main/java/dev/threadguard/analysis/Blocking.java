package dev.threadguard.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.threadguard.api.AnalysisSettings;
import dev.threadguard.api.FileContext;
import dev.threadguard.api.MethodPattern;
import dev.threadguard.api.WaitSummary;
import dev.threadguard.types.FileTypes;
import dev.threadguard.types.Variables;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * {@code orTimeout} (see {@link Completions}), {@code put} goes into a queue without a capacity limit, a thread
 * joined was interrupted just before ({@link InterruptedJoins}), the wait is
 * guarded by the class's own state that every writer signals ({@link GuardedWaits}), or the
 * method around the call forwards it to its own callers ({@link Forwarding}: a {@code Future} wrapper's {@code get()}
 * must call {@code get()}; a synchronous {@code get(key)} that returns {@code getAsync(key).join()} is made for it),
 * whose calls {@link WaitingCalls} reports instead.
 */
public final class Blocking {

    /**
     * One kind of untimed wait.
     *
     * @param method        the untimed method
     * @param waitsFor      how it can wait forever, for messages: "waits forever if the task never completes"
     * @param fixText       the timed alternative, one sentence
     * @param awaits        what the call waits for, which decides when it cannot wait forever
     */
    private record Kind(MethodPattern method, String waitsFor, String fixText, Awaits awaits) {
    }

    /** What a wait waits for, where that matters to whether it can last forever. */
    private enum Awaits {
        /** Anything else: a result, a signal, a permit. */
        EVENT,
        /** Free capacity: {@code put} into an unbounded queue never waits. */
        CAPACITY,
        /** The next item: in a worker loop, waiting for work is the thread's idle state, ended by interrupt. */
        NEXT_ITEM
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

    private static final String OBJECT = "java.lang.Object";
    /** The owners of the untimed waits a guarded wait on the class's own state may be ({@link GuardedWaits}). */
    private static final Set<String> GUARDED = Set.of("java.util.concurrent.locks.Condition", OBJECT);

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
            nextItem("java.util.concurrent.BlockingDeque#takeFirst()", "waits forever if nothing is ever added",
                    "Use `pollFirst(timeout, unit)` and handle null."),
            nextItem("java.util.concurrent.BlockingDeque#takeLast()", "waits forever if nothing is ever added",
                    "Use `pollLast(timeout, unit)` and handle null."),
            capacity("java.util.concurrent.BlockingDeque#putFirst(E)", "waits forever if the deque stays full",
                    "Use `offerFirst(e, timeout, unit)` and handle false."),
            capacity("java.util.concurrent.BlockingDeque#putLast(E)", "waits forever if the deque stays full",
                    "Use `offerLast(e, timeout, unit)` and handle false."),
            nextItem("java.util.concurrent.BlockingQueue#take()", "waits forever if nothing is ever added",
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
            nextItem("java.util.concurrent.CompletionService#take()", "waits forever if no task ever completes",
                    "Use `poll(timeout, unit)` and handle null."),
            // a thread that parks in its own loop until someone unparks it with work is idle, like a worker's take()
            nextItem("java.util.concurrent.locks.LockSupport#park()", "parks forever if no one unparks the thread",
                    "Use `parkNanos(nanos)` and re-check the condition and a deadline."),
            nextItem("java.util.concurrent.locks.LockSupport#park(Object)", "parks forever if no one unparks the thread",
                    "Use `parkNanos(blocker, nanos)` and re-check the condition and a deadline."));

    private static final String CONFIGURED_FIX = "Use a variant that takes a timeout, or bound the wait another way.";

    /** JDK methods that throw {@link InterruptedException}: untimed and timed waits alike. */
    private static final List<MethodPattern> INTERRUPTIBLE = patterns(
            "java.lang.Thread#sleep", "java.lang.Thread#join", "java.lang.Object#wait", "java.lang.Process#waitFor",
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
        return new Kind(MethodPattern.parse(method, "built-in"), waitsFor, fix, Awaits.EVENT);
    }

    private static Kind capacity(String method, String waitsFor, String fix) {
        return new Kind(MethodPattern.parse(method, "built-in"), waitsFor, fix, Awaits.CAPACITY);
    }

    private static Kind nextItem(String method, String waitsFor, String fix) {
        return new Kind(MethodPattern.parse(method, "built-in"), waitsFor, fix, Awaits.NEXT_ITEM);
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
        Kind kind = kindOf(call, file);
        if (kind == null || isExcused(call, kind, file) || forwardsToCallers(call, file)) {
            return Optional.empty();
        }
        return Optional.of(new UntimedWait(call.getName(), Calls.describe(call, file.types(), kind.method().ownerType()),
                kind.waitsFor(), kind.fixText()));
    }

    /** The untimed wait that a method reference such as {@code CompletableFuture::join} makes, unless excused. */
    public static Optional<UntimedWait> untimedWait(MethodReferenceExpr reference, FileContext file) {
        for (Kind kind : kinds(file.settings())) {
            if (kind.method().matches(reference, file.types())) {
                if (implementsAnUntimedWait(reference, file) || isReferencedBySameName(reference)
                        || Completions.cannotWaitForever(reference, file.types())) {
                    return Optional.empty();
                }
                return Optional.of(new UntimedWait(reference, reference.toString(), kind.waitsFor(), kind.fixText()));
            }
        }
        return Optional.empty();
    }

    /** True when {@code call} is an untimed wait of the JDK or the configuration, excused or not. */
    static boolean isWait(MethodCallExpr call, FileContext file) {
        return kindOf(call, file) != null;
    }

    /** True when {@code reference} names an untimed wait of the JDK or the configuration, excused or not. */
    static boolean isWait(MethodReferenceExpr reference, FileContext file) {
        for (Kind kind : kinds(file.settings())) {
            if (kind.method().matches(reference, file.types())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The untimed wait {@code call} makes, for a method that forwards it to its callers: when nothing at this point
     * excuses it but the forwarding itself.
     */
    static Optional<WaitSummary.Wait> forwardableWait(MethodCallExpr call, FileContext file) {
        Kind kind = kindOf(call, file);
        if (kind == null || isExcused(call, kind, file)) {
            return Optional.empty();
        }
        String owner = kind.method().ownerType();
        String shown = owner.substring(owner.lastIndexOf('.') + 1) + '.' + kind.method().methodName()
                + (call.getArguments().isEmpty() ? "()" : "(..)");
        return Optional.of(new WaitSummary.Wait(shown, kind.fixText(), kind.awaits() == Awaits.NEXT_ITEM,
                WaitingCalls.parameterIndex(call.getScope().orElse(null), call), WaitingCalls.line(call)));
    }

    /**
     * True when the method around {@code call} forwards it to its own callers: by its name ({@code V get() { return
     * delegate.get(); }}, {@code static V getUninterruptibly(Future<V> future)}), or by its shape
     * ({@code T get(K key) { return getAsync(key).join(); }}) when the project's waiting methods count it as one,
     * which they do unless it implements a callback of a library.
     */
    static boolean forwardsToCallers(MethodCallExpr call, FileContext file) {
        if (Calls.isForwardedBy(call) || forwardsItsParameter(call)) {
            return true;
        }
        Optional<Forwarding.Forwarder> forwarder = Forwarding.of(call, file);
        if (forwarder.isEmpty()) {
            return false;
        }
        MethodDeclaration method = forwarder.get().method();
        return !forwarder.get().byShape() || file.types().declaringType(method).flatMap(owner -> file
                .waitingMethods().declared(owner, method.getNameAsString(), method.getParameters().size()))
                .isPresent();
    }

    /** {@code static V get(Future<V> f)}, {@code getUninterruptibly(future)}: the wait on its parameter is its contract. */
    private static boolean forwardsItsParameter(MethodCallExpr call) {
        Optional<MethodDeclaration> enclosing = call.findAncestor(MethodDeclaration.class);
        String received = call.getScope().map(Completions::key).orElse(null);
        if (enclosing.isEmpty() || received == null) {
            return false;
        }
        String name = enclosing.get().getNameAsString();
        String waited = call.getNameAsString();
        return (name.equals(waited) || name.equals(waited + "Uninterruptibly")) && enclosing.get().getParameters()
                .stream().anyMatch(parameter -> parameter.getNameAsString().equals(received));
    }

    private static boolean isExcused(MethodCallExpr call, Kind kind, FileContext file) {
        FileTypes types = file.types();
        return ownImplementationDoesNotWait(call, file)
                || implementsAnUntimedWait(call, file)
                || Completions.cannotWaitForever(call, types)
                || kind.awaits() == Awaits.CAPACITY
                        && call.getScope().map(queue -> isUnboundedQueue(queue, types)).orElse(false)
                || kind.awaits() == Awaits.NEXT_ITEM && isIdleWorker(call, file)
                || isThreadJoin(kind) && InterruptedJoins.joinsAnInterruptedThread(call)
                || GUARDED.contains(kind.method().ownerType()) && kind.method().arity() == 0
                        && (GuardedWaits.isSignalledGuard(call) || GuardedWaits.isIdleQueueWait(call, file));
    }

    private static boolean isThreadJoin(Kind kind) {
        return kind.method().ownerType().equals("java.lang.Thread") && kind.method().methodName().equals("join")
                && kind.method().arity() == 0;
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
                    + ") and waits without a time limit", CONFIGURED_FIX, Awaits.EVENT));
        }
        return all;
    }

    /**
     * The built-in waits by the type that declares them, as the names a file must mention to call them
     * ({@code get()} or {@code ::get} for waits without arguments), for the prefilter's triggers.
     * {@code java.lang.Object} stands for waits any receiver has ({@code wait()}).
     */
    public static Map<String, Set<String>> builtInMethodsByOwner() {
        Map<String, Set<String>> methods = new java.util.LinkedHashMap<>();
        for (Kind kind : BUILT_IN) {
            Set<String> names = methods.computeIfAbsent(kind.method().ownerType(), owner -> new LinkedHashSet<>());
            String name = kind.method().methodName();
            if (kind.method().arity() == 0) {
                // a call without arguments or a method reference: the file then says name() or ::name
                names.add(name + "()");
                names.add("::" + name);
            } else {
                names.add(name);
            }
        }
        return methods;
    }

    /** True for the owner of waits that any receiver has. */
    public static boolean isAnyReceiver(String owner) {
        return OBJECT.equals(owner);
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

    /** {@code Supplier<V> get() { return future::get; }}: a method of the same name hands the wait on. */
    private static boolean isReferencedBySameName(MethodReferenceExpr reference) {
        return reference.findAncestor(MethodDeclaration.class).filter(method -> method.getParameters().isEmpty()
                && (method.getNameAsString().equals(reference.getIdentifier())
                || method.getNameAsString().equals(reference.getIdentifier() + "Uninterruptibly"))).isPresent();
    }

    /**
     * True when the wait is in the implementation of an untimed wait of its own type ({@code get()} of a
     * {@code Future}, {@code take()} of a {@code BlockingQueue}, a configured blocking method), whose callers are
     * judged as waiting on that type.
     */
    static boolean implementsAnUntimedWait(Node call, FileContext file) {
        Optional<MethodDeclaration> enclosing = call.findAncestor(MethodDeclaration.class);
        if (enclosing.isEmpty()) {
            return false;
        }
        return isTheImplementationOfAWait(enclosing.get(), file, 0);
    }

    /** How many private helpers deep a wait is followed up to the blocking method that calls it. */
    private static final int MAX_HELPER_DEPTH = 3;

    /**
     * The untimed blocking methods of the JDK's own types whose implementations must wait: besides the waits
     * above, {@code ManagedBlocker.block()} and a lock's {@code lock()}.
     */
    private static final List<MethodPattern> BLOCKING_CONTRACTS = patterns(
            "java.util.concurrent.ForkJoinPool.ManagedBlocker#block()", "java.util.concurrent.locks.Lock#lock()",
            "java.util.concurrent.locks.Lock#lockInterruptibly()",
            "java.util.concurrent.locks.Condition#awaitUninterruptibly()");

    /**
     * True when {@code method} implements an untimed wait of its own type ({@code get()} of a {@code Future},
     * {@code take()} of a {@code BlockingQueue}, {@code block()} of a {@code ManagedBlocker}, a configured blocking
     * method), or is a private helper of the file called only from such implementations ({@code take()} calling
     * {@code awaitItems()}): its wait is the blocking method's contract, and the callers of that method are where
     * a timeout belongs.
     */
    private static boolean isTheImplementationOfAWait(MethodDeclaration method, FileContext file, int depth) {
        Optional<String> owner = file.types().declaringType(method);
        if (owner.isEmpty()) {
            return false;
        }
        String name = method.getNameAsString();
        int arity = method.getParameters().size();
        for (Kind implemented : kinds(file.settings())) {
            if (implements_(implemented.method(), name, arity, owner.get(), file.types())) {
                return true;
            }
        }
        for (MethodPattern contract : BLOCKING_CONTRACTS) {
            if (implements_(contract, name, arity, owner.get(), file.types())) {
                return true;
            }
        }
        if (!method.isPrivate() || depth >= MAX_HELPER_DEPTH) {
            return false;
        }
        Optional<TypeDeclaration> type = method.findAncestor(TypeDeclaration.class);
        if (type.isEmpty()) {
            return false;
        }
        boolean called = false;
        for (MethodCallExpr call : type.get().findAll(MethodCallExpr.class)) {
            if (!call.getNameAsString().equals(name) || call.getArguments().size() != arity
                    || call.getScope().isPresent() && !(call.getScope().get() instanceof ThisExpr)) {
                continue;
            }
            Optional<MethodDeclaration> caller = call.findAncestor(MethodDeclaration.class);
            if (caller.isEmpty() || caller.get() == method || call.findAncestor(LambdaExpr.class)
                    .filter(lambda -> Nodes.isWithin(lambda, caller.get())).isPresent()
                    || !isTheImplementationOfAWait(caller.get(), file, depth + 1)) {
                return false;
            }
            called = true;
        }
        return called;
    }

    private static boolean implements_(MethodPattern pattern, String name, int arity, String owner, FileTypes types) {
        return pattern.methodName().equals(name)
                && (pattern.arity() == MethodPattern.ANY_ARITY || pattern.arity() == arity)
                && types.isSubtype(owner, pattern.ownerType());
    }

    /**
     * {@code get()} on a type of this file that implements {@code get()} itself without waiting (an
     * {@code ImmediateFuture}): the JDK wait is not what runs. An override that calls {@code super.get()} still
     * runs it, and is judged like the inherited method.
     */
    private static boolean ownImplementationDoesNotWait(MethodCallExpr call, FileContext file) {
        FileTypes types = file.types();
        Optional<Expression> receiver = call.getScope();
        Optional<String> type = receiver.isEmpty()
                || receiver.get() instanceof ThisExpr thisExpr && thisExpr.getTypeName().isEmpty()
                ? types.enclosingType(call) : types.typeOf(receiver.get());
        Optional<TypeDeclaration<?>> declaration = type.flatMap(types::declaration);
        if (declaration.isEmpty()) {
            return false;
        }
        for (MethodDeclaration own : declaration.get().getMethodsByName(call.getNameAsString())) {
            if (own.getParameters().size() == call.getArguments().size() && own.getBody().isPresent()) {
                return own.getBody().get().findAll(MethodCallExpr.class).stream()
                        .noneMatch(inner -> inner != call && (kindOf(inner, file) != null || callsSuper(inner, own)));
            }
        }
        return false;
    }

    private static boolean callsSuper(MethodCallExpr call, MethodDeclaration override) {
        return call.getScope().orElse(null) instanceof SuperExpr && call.getNameAsString().equals(
                override.getNameAsString()) && call.getArguments().size() == override.getParameters().size();
    }

    /**
     * {@code while (running) { Job job = queue.take(); ... }} in a thread's body: waiting for the next item is the
     * worker's idle state, and it ends by interrupt, which take() honours.
     */
    static boolean isIdleWorker(MethodCallExpr call, FileContext file) {
        Optional<Tasks.Task> task = Tasks.enclosingTask(call, file);
        if (task.isPresent()) {
            return inLoopWithin(call, task.get().node());
        }
        // a private helper of the worker: run() { while (running) process(nextItem()); }
        Optional<MethodDeclaration> helper = call.findAncestor(MethodDeclaration.class);
        if (helper.isEmpty() || !helper.get().isPrivate()
                || call.findAncestor(LambdaExpr.class).filter(lambda -> Nodes.isWithin(lambda, helper.get()))
                .isPresent()) {
            return false;
        }
        boolean loopInHelper = inLoopWithin(call, helper.get());
        boolean called = false;
        Optional<TypeDeclaration> type = helper.get().findAncestor(TypeDeclaration.class);
        for (MethodCallExpr use : type.map(declaration -> declaration.findAll(MethodCallExpr.class)).orElse(List.of())) {
            if (!use.getNameAsString().equals(helper.get().getNameAsString())
                    || use.getArguments().size() != helper.get().getParameters().size()
                    || use.getScope().isPresent() && !(use.getScope().get() instanceof ThisExpr)) {
                continue;
            }
            Optional<Tasks.Task> caller = Tasks.enclosingTask(use, file);
            if (caller.isEmpty() || !loopInHelper && !inLoopWithin(use, caller.get().node())) {
                return false;
            }
            called = true;
        }
        return called;
    }

    private static boolean inLoopWithin(Node node, Node body) {
        for (Node current = node.getParentNode().orElse(null); current != null && current != body;
             current = current.getParentNode().orElse(null)) {
            if (current instanceof WhileStmt || current instanceof DoStmt || current instanceof ForStmt
                    || current instanceof ForEachStmt) {
                return true;
            }
        }
        return false;
    }

    /**
     * True for a queue whose creation shows no capacity limit, so that {@code put} never waits, and for a field
     * inherited from a class of the project, whose creation this file does not show: its capacity is unknown.
     */
    private static boolean isUnboundedQueue(Expression queue, FileTypes types) {
        if (types.typeOf(queue).map(Queues::isUnboundedType).orElse(false) || isInheritedField(queue)) {
            return true;
        }
        List<Expression> values = Variables.assignedValues(queue);
        return !values.isEmpty() && values.stream().allMatch(value -> Queues.isUnboundedCreation(value, types));
    }

    /** A field the file does not declare ({@code queue}, {@code this.queue}, {@code super.queue}). */
    private static boolean isInheritedField(Expression expression) {
        Expression variable = Nodes.unwrap(expression);
        if (variable instanceof FieldAccessExpr access && access.getScope() instanceof SuperExpr) {
            return true;
        }
        String name = variable instanceof NameExpr nameExpr ? nameExpr.getNameAsString()
                : variable instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr
                ? access.getNameAsString() : null;
        return name != null && Variables.find(name, variable).isEmpty();
    }
}
