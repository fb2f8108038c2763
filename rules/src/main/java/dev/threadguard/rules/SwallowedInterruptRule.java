package dev.threadguard.rules;

import com.github.javaparser.ast.stmt.CatchClause;
import dev.threadguard.analysis.Interrupts;
import dev.threadguard.api.FileContext;
import dev.threadguard.api.Rule;
import dev.threadguard.api.RuleMetadata;
import dev.threadguard.api.Triggers;

import java.util.Set;

/** {@code swallowed-interrupt}: a catch of InterruptedException that forgets the interruption. */
public final class SwallowedInterruptRule implements Rule {

    static final RuleMetadata METADATA = new RuleMetadata("swallowed-interrupt",
            "InterruptedException caught and forgotten",
            "Interruption is Java's cancellation: Future.cancel(true), ExecutorService.shutdownNow() and "
                    + "Thread.interrupt() all ask a thread to stop by interrupting it. Throwing "
                    + "InterruptedException clears the thread's interrupt status, so a catch block that neither "
                    + "rethrows nor restores the status makes the thread forget it was asked to stop: the task "
                    + "keeps running, the next blocking call waits again, and shutdown hangs. Not reported: a catch "
                    + "that sets a flag which the method later turns back into Thread.currentThread().interrupt() "
                    + "(the \"uninterruptibly\" idiom), one that wraps the exception to throw it later or hands it to a "
                    + "helper that throws it (sneakyThrow(e), rethrow(e)), one that ends the process (System.exit, "
                    + "Runtime.exit, halt), and one that ends the thread or task it runs in (also main(String[]) of the "
                    + "main thread), which is how a thread obeys the request to stop. Nor a catch after which the "
                    + "loop's next check of a stop flag of the class (private, protected or package-private; a boolean, "
                    + "a final AtomicBoolean, or a final AtomicReference of a project enum compared with one of its "
                    + "constants and set to another), or of "
                    + "an enclosing class for a loop in an inner class, ends the thread, when every interrupt the "
                    + "class makes comes right after it sets that flag (also a catch that ends a private method "
                    + "which only such loops call). Nor one "
                    + "whose try block only waits on get() of a CompletableFuture or FutureTask that isDone() proved "
                    + "complete (also after a while (!f.isDone()) loop), which cannot throw InterruptedException. "
                    + "Nor one that sets the flag its thread's loop ends "
                    + "on (exit = true, setExiting(true)).",
            "Call Thread.currentThread().interrupt() in the catch block, or rethrow (the exception or one that "
                    + "wraps it).",
            MeasuredPrecision.SWALLOWED_INTERRUPT);

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public Triggers triggers() {
        return Triggers.when(Set.of("java.lang.InterruptedException"), Set.of("catch"));
    }

    @Override
    public void check(FileContext file) {
        for (CatchClause clause : file.nodes(CatchClause.class)) {
            if (Interrupts.catchesInterruptedException(clause, file.types()) && Interrupts.swallows(clause, file)) {
                file.report(METADATA, clause, "`catch (" + clause.getParameter().getType() + " "
                        + clause.getParameter().getNameAsString() + ")` neither rethrows nor restores the interrupt "
                        + "status: the thread forgets that it was asked to stop");
            }
        }
    }
}
