package dev.threadguard.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.threadguard.analysis.FixedWorkers;
import dev.threadguard.analysis.Loops;
import dev.threadguard.analysis.Spawns;
import dev.threadguard.api.FileContext;
import dev.threadguard.api.Rule;
import dev.threadguard.api.RuleMetadata;
import dev.threadguard.api.Triggers;
import dev.threadguard.types.FileTypes;

import java.util.Optional;
import java.util.Set;

/** {@code thread-in-loop}: a thread created and started on every iteration of a loop. */
public final class ThreadInLoopRule implements Rule {

    static final RuleMetadata METADATA = new RuleMetadata("thread-in-loop",
            "Thread started inside a loop",
            "Each iteration starts one more thread and nothing bounds how many run at once, so the number of "
                    + "threads grows with the input (requests, connections, records) until memory or the OS thread "
                    + "limit runs out (\"unable to create native thread\"). It is Go's `for { go f() }` without a "
                    + "worker pool or semaphore. Loops with a small constant count (i < 4, i < availableProcessors(), "
                    + "also a count that follows the processor count such as 2 * availableProcessors() + 1) start a "
                    + "fixed set of workers and are not reported, nor are threads created elsewhere and only started "
                    + "in the loop, a thread joined or interrupted in the same iteration, a start after which the "
                    + "iteration leaves the loop (return, break, throw right after it or after the if around it), "
                    + "starts gated by a Semaphore acquired in the "
                    + "iteration or by a wait while the running workers are at their limit, and loops that build a fixed set of workers kept for the component's life: a "
                    + "counted loop (counting up, or down as in for (int i = size; --i >= 0; ) or while (i-- > 0), "
                    + "its counter changed nowhere in its body) that fills slots (readers[i] = reader, "
                    + "workers.set(i, worker), or remove(i) then "
                    + "add(i, worker)) or adds to a "
                    + "field's collection, bounded by a number or a setting rather than the size of a collection "
                    + "of work, or, run once per call, adds to a local collection the method uses after the loop (a "
                    + "configured worker set it then monitors or joins); a for-each loop that adds each thread to a field's collection the component walks "
                    + "to stop them (one listener per configured endpoint); and a for-each loop over the "
                    + "component's own state (its volumes, its directories) whose threads are joined after it. "
                    + "Virtual threads are not reported: one per task is Java's own advice for them (JEP 444), not a "
                    + "pool, and the agent's virtual-thread budget (maxVirtualThreads) bounds them at run time.",
            "Submit the work to one bounded executor created before the loop (Executors.newFixedThreadPool(n)), "
                    + "or gate the starts with a Semaphore.",
            MeasuredPrecision.THREAD_IN_LOOP);

    /**
     * {@code t.start(); ...; t.join();} (or {@code t.interrupt()}, which ends a thread that honours it) in one
     * iteration runs one thread at a time: not an explosion.
     */
    private static final Set<String> ENDS = Set.of("join", "interrupt");
    /** Waits in a gate loop that holds the iteration until one of the running workers ends. */
    private static final Set<String> GATE_WAITS = Set.of("wait", "await", "sleep", "awaitNanos", "parkNanos");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public Triggers triggers() {
        return Triggers.whenAny(Spawns.THREAD_START_TRIGGERS, Loops.WORDS);
    }

    @Override
    public void check(FileContext file) {
        for (MethodCallExpr call : file.nodes(MethodCallExpr.class)) {
            Optional<Spawns.ThreadStart> start = Spawns.threadStart(call, file);
            if (start.isEmpty() || start.get().virtual()) {
                continue; // a virtual thread per task is the idiom (JEP 444); the agent's maxVirtualThreads bounds them
            }
            Optional<Node> loop = Loops.enclosingLoop(call);
            if (loop.isEmpty() || Loops.hasSmallConstantBound(loop.get())
                    || !Spawns.isCreatedWithin(start.get(), loop.get())
                    || start.get().thread().map(thread -> FixedWorkers.endsInTheIteration(thread, loop.get(), ENDS)
                            || FixedWorkers.isFixedSet(loop.get(), thread)).orElse(false)
                    || FixedWorkers.leavesTheLoopRightAfter(call, loop.get())
                    || gatedBySemaphore(call, loop.get(), file.types())
                    || gatedByALimitOnTheActiveOnes(call, loop.get())) {
                continue;
            }
            file.report(METADATA, call.getName(), "Thread started in a " + Loops.describe(loop.get()) + ": `"
                    + start.get().description() + "` starts one more thread per iteration with nothing bounding "
                    + "how many run at once");
        }
    }

    /**
     * {@code if (permits.tryAcquire()) new Thread(..).start();}: a Semaphore acquired in the iteration before the
     * start bounds how many run at once, which is this rule's own advice.
     */
    /**
     * {@code while (active.size() >= max) active.wait(1000); active.add(worker); worker.start();}: before the start,
     * the iteration waits while the collection of running workers is at its limit, and adds the new one to it. Only
     * that many run at once.
     */
    private static boolean gatedByALimitOnTheActiveOnes(MethodCallExpr start, Node loop) {
        if (start.getBegin().isEmpty()) {
            return false;
        }
        for (WhileStmt gate : loop.findAll(WhileStmt.class)) {
            if (gate == loop || gate.getEnd().isEmpty() || !gate.getEnd().get().isBefore(start.getBegin().get())
                    || !(gate.getCondition() instanceof BinaryExpr limit)) {
                continue;
            }
            Optional<String> active = switch (limit.getOperator()) {
                case GREATER_EQUALS, GREATER -> sizeOf(limit.getLeft());
                case LESS_EQUALS, LESS -> sizeOf(limit.getRight());
                default -> Optional.empty();
            };
            boolean waits = gate.getBody().findAll(MethodCallExpr.class).stream()
                    .anyMatch(call -> GATE_WAITS.contains(call.getNameAsString()));
            if (active.isPresent() && waits && loop.findAll(MethodCallExpr.class).stream()
                    .anyMatch(call -> call.getNameAsString().equals("add")
                            && call.getScope().filter(scope -> scope.toString().equals(active.get())).isPresent())) {
                return true;
            }
        }
        return false;
    }

    /** {@code active.size()} or {@code this.active.size()}: the collection's expression. */
    private static Optional<String> sizeOf(Expression expression) {
        return expression instanceof MethodCallExpr size && size.getNameAsString().equals("size")
                && size.getArguments().isEmpty() ? size.getScope().map(Expression::toString) : Optional.empty();
    }

    private static boolean gatedBySemaphore(MethodCallExpr start, Node loop, FileTypes types) {
        for (MethodCallExpr call : loop.findAll(MethodCallExpr.class)) {
            if ((call.getNameAsString().equals("acquire") || call.getNameAsString().equals("tryAcquire"))
                    && types.receiverIs(call, "java.util.concurrent.Semaphore")
                    && call.getBegin().isPresent() && start.getBegin().isPresent()
                    && call.getBegin().get().isBefore(start.getBegin().get())) {
                return true;
            }
        }
        return false;
    }
}
