package dev.threadguard.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.threadguard.analysis.Interrupts;
import dev.threadguard.analysis.Loops;
import dev.threadguard.analysis.Tasks;
import dev.threadguard.api.FileContext;
import dev.threadguard.api.Rule;
import dev.threadguard.api.RuleMetadata;
import dev.threadguard.api.Triggers;
import dev.threadguard.types.TypeOutline;

import java.util.Optional;
import java.util.Set;

/** {@code uncancellable-loop}: an endless loop in a thread or task body that nothing can stop. */
public final class UncancellableLoopRule implements Rule {

    static final RuleMetadata METADATA = new RuleMetadata("uncancellable-loop",
            "Endless loop in a task that cannot be cancelled",
            "A while (true), for (;;) or do ... while (true) loop in code that runs as a thread or task (run() of "
                    + "a Runnable or Thread, call() of a Callable, a lambda or method reference passed to a thread, "
                    + "an executor or CompletableFuture) with no way out can only be stopped by killing the JVM: no "
                    + "break, return or throw leaves it, it never checks the interrupt status, and nothing in it "
                    + "lets InterruptedException out. Future.cancel(true) and ExecutorService.shutdownNow() "
                    + "interrupt the thread and return, while the loop keeps running, holding its thread, and "
                    + "shutdown or awaitTermination hang.",
            "Loop while !Thread.currentThread().isInterrupted() (or a volatile flag that stop() clears), and let "
                    + "InterruptedException end the loop.",
            MeasuredPrecision.UNCANCELLABLE_LOOP);

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public Triggers triggers() {
        return Triggers.when(Tasks.SPAWNING_TYPES, Set.of(TypeOutline.ENDLESS_LOOP));
    }

    @Override
    public void check(FileContext file) {
        for (Statement loop : file.nodes(Statement.class)) {
            if (!(loop instanceof WhileStmt || loop instanceof ForStmt || loop instanceof DoStmt)
                    || !Loops.isInfinite(loop)) {
                continue;
            }
            Optional<Tasks.Task> task = Tasks.enclosingTask(loop, file);
            if (task.isEmpty() || Loops.hasExitStatement(loop) || Interrupts.canEnd(loop, task.get(), file)) {
                continue;
            }
            file.report(METADATA, loop, "`" + written(loop) + "` in " + task.get().description()
                    + " has no way out: no break, return or throw leaves it, it never checks the interrupt status "
                    + "and nothing in it lets InterruptedException out, so the task cannot be cancelled");
        }
    }

    private static String written(Node loop) {
        if (loop instanceof WhileStmt) {
            return "while (true)";
        }
        return loop instanceof DoStmt ? "do .. while (true)" : "for (;;)";
    }
}
