package dev.threadguard.rules;

import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import dev.threadguard.analysis.Blocking;
import dev.threadguard.analysis.WaitingCalls;
import dev.threadguard.api.FileContext;
import dev.threadguard.api.Rule;
import dev.threadguard.api.RuleMetadata;
import dev.threadguard.api.Triggers;
import dev.threadguard.api.WaitSummary;

import java.util.Map;
import java.util.Set;

/** {@code blocking-without-timeout}: a wait that has a timed form, called without a time limit. */
public final class BlockingWithoutTimeoutRule implements Rule {

    static final RuleMetadata METADATA = new RuleMetadata("blocking-without-timeout",
            "Blocking call without a timeout",
            "Future.get(), CompletableFuture.join(), Thread.join(), CountDownLatch.await(), BlockingQueue.take() "
                    + "and the other untimed waits of java.util.concurrent block the calling thread until something "
                    + "else happens. When it never happens (a lost task, a dead peer, a missed signal) the thread "
                    + "hangs forever, holding its locks and its place in the pool, and the service stalls without "
                    + "an error. Each of these waits has a timed form. Waits that cannot last, or are not this "
                    + "code's to bound, are not reported: a future bounded by orTimeout/completeOnTimeout, or read "
                    + "after isDone() or isCompletedExceptionally(), from a CompletionService or from the list invokeAll returns (invokeAll itself "
                    + "is reported), inside its own continuation or one of allOf/anyOf, or after a wait on it that "
                    + "ran on every path before; put() into an unbounded "
                    + "queue; take() (or LockSupport.park()) of a worker loop in a thread's body, also through a "
                    + "private helper the worker calls (its idle state, ended by interrupt); a guarded "
                    + "Condition.await() or wait() in a while on private fields of the class whose every writer "
                    + "signals the same condition or monitor (a user's pause, a dispatcher's idle time), or in "
                    + "while (queue.isEmpty()) inside a worker's loop on a private queue every add to which "
                    + "notifies it (also through a private helper the guard alone calls); join() of a thread "
                    + "interrupted by a statement just before (t.interrupt(); t.join();), also in a private helper "
                    + "every call of which follows the interrupt of its argument; a type "
                    + "of the file whose own method does not wait; and the implementation of an untimed wait (a "
                    + "Future's get(), a queue's take(), a ManagedBlocker's block(), a lock's lock(), also through "
                    + "private helpers called only from there; a wrapper's get() calling get(), "
                    + "getUninterruptibly(future); the untimed variant of a method that also has a timed overload), "
                    + "whose callers are reported instead. Methods of your own listed "
                    + "in <blockingMethods> are checked the same way.",
            "Use the timed form of the wait and decide what happens when the time is up.",
            MeasuredPrecision.BLOCKING_WITHOUT_TIMEOUT);

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public Triggers triggers() {
        Triggers triggers = null;
        for (Map.Entry<String, Set<String>> waits : Blocking.builtInMethodsByOwner().entrySet()) {
            Triggers kind = Blocking.isAnyReceiver(waits.getKey()) ? Triggers.when(waits.getValue())
                    : Triggers.when(Set.of(waits.getKey()), waits.getValue());
            triggers = triggers == null ? kind : triggers.or(kind);
        }
        return triggers;
    }

    @Override
    public void check(FileContext file) {
        for (MethodCallExpr call : file.nodes(MethodCallExpr.class)) {
            Blocking.untimedWait(call, file).or(() -> WaitingCalls.waitingCall(call, file))
                    .ifPresent(wait -> report(file, wait));
        }
        for (MethodReferenceExpr reference : file.nodes(MethodReferenceExpr.class)) {
            Blocking.untimedWait(reference, file).or(() -> WaitingCalls.waitingCall(reference, file))
                    .ifPresent(wait -> report(file, wait));
        }
    }

    @Override
    public boolean followsWaitingMethods() {
        return true;
    }

    @Override
    public WaitSummary summarise(FileContext file) {
        return WaitingCalls.summarise(file, METADATA.id());
    }

    private static void report(FileContext file, Blocking.UntimedWait wait) {
        file.report(METADATA, wait.node(), "`" + wait.written() + "` " + wait.waitsFor(), wait.fix(),
                METADATA.defaultSeverity());
    }
}
