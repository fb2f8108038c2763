package dev.threadguard.rules;

import dev.threadguard.analysis.FileContext;

/**
 * A check over one parsed source file. Rules are stateless and shared between analysis threads; everything
 * about the file being checked is in the {@link FileContext}, and findings go to {@link FileContext#report}.
 */
public interface Rule {

    RuleMetadata metadata();

    void check(FileContext file);

    default String id() {
        return metadata().id();
    }
}
