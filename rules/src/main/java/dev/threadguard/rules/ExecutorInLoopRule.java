package dev.threadguard.rules;

import com.github.javaparser.ast.Node;
import dev.threadguard.analysis.FixedWorkers;
import dev.threadguard.analysis.Loops;
import dev.threadguard.analysis.Spawns;
import dev.threadguard.api.FileContext;
import dev.threadguard.api.Rule;
import dev.threadguard.api.RuleMetadata;
import dev.threadguard.api.Triggers;

import java.util.Optional;
import java.util.Set;

/** {@code executor-in-loop}: a thread pool or timer created on every iteration of a loop. */
public final class ExecutorInLoopRule implements Rule {

    static final RuleMetadata METADATA = new RuleMetadata("executor-in-loop",
            "Executor or timer created inside a loop",
            "Every iteration creates another pool (or java.util.Timer) with threads of its own. Pools are meant to "
                    + "be created once and shared; one per item multiplies threads with the input, and the ones "
                    + "that are not shut down keep their threads alive after the loop: a leak. Loops with a small "
                    + "constant count (e.g. one single-thread executor per stripe, i < 4), a pool shut down in the "
                    + "same iteration, and loops that build a fixed set of stripes kept for the component's life "
                    + "(stripes[i] = .., or added to a field's collection by a counted loop bounded by a number or "
                    + "a setting, or to a local collection the method uses after such a loop run once per call, or "
                    + "by a for-each loop when the component walks that collection to shut them down) "
                    + "are not reported, nor is Executors.newVirtualThreadPerTaskExecutor(), which pools no thread "
                    + "(a new virtual thread per task).",
            "Create the executor once, before the loop, and shut it down when done (try-with-resources on JDK 19+).",
            MeasuredPrecision.EXECUTOR_IN_LOOP);

    /** Calls that end a pool: one shut down in the iteration that created it does not outlive it. */
    private static final Set<String> SHUTDOWNS = Set.of("shutdown", "shutdownNow", "close", "cancel");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public Triggers triggers() {
        return Triggers.when(Set.copyOf(Spawns.EXECUTOR_TYPES), Loops.WORDS);
    }

    @Override
    public void check(FileContext file) {
        for (Spawns.ExecutorCreation creation : Spawns.executorCreations(file)) {
            Optional<Node> loop = creation.virtualPerTask() ? Optional.empty()
                    : Loops.enclosingLoop(creation.expression());
            if (loop.isPresent() && !Loops.hasSmallConstantBound(loop.get())
                    && !FixedWorkers.isFixedSet(loop.get(), creation.expression())
                    && !FixedWorkers.endsInTheIteration(creation.expression(), loop.get(), SHUTDOWNS)
                    && !FixedWorkers.leavesTheLoopRightAfter(creation.expression(), loop.get())) {
                file.report(METADATA, creation.expression(), "`" + creation.description() + "` in a "
                        + Loops.describe(loop.get()) + " creates a new thread pool on every iteration");
            }
        }
    }
}
