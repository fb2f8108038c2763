package dev.threadguard.api;


/**
 * A check over one parsed source file. Rules are stateless and shared between analysis threads; everything
 * about the file being checked is in the {@link FileContext}, and findings go to {@link FileContext#report}.
 */
public interface Rule {

    RuleMetadata metadata();

    void check(FileContext file);

    /**
     * What a file must mention for this rule to possibly report on it; files mentioning nothing of the
     * triggers of any enabled rule are not parsed. The default, {@link Triggers#ALWAYS}, is always safe.
     */
    default Triggers triggers() {
        return Triggers.ALWAYS;
    }

    default String id() {
        return metadata().id();
    }

    /**
     * True when the rule's findings in a file depend on what the project's own methods wait for
     * ({@link FileContext#waitingMethods()}): the engine then has it {@link #summarise} every file it checks,
     * resolves the summaries of all files, and checks again every file whose calls may reach a method whose
     * resolution changed.
     */
    default boolean followsWaitingMethods() {
        return false;
    }

    /** What the methods of the file forward to their callers, for a rule that {@link #followsWaitingMethods()}. */
    default WaitSummary summarise(FileContext file) {
        return WaitSummary.NONE;
    }
}
