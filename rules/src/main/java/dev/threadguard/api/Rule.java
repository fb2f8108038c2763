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
}
