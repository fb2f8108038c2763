package dev.threadguard.engine;

/**
 * A user's setting for one rule, as written in the pom; null fields keep the rule's defaults.
 *
 * @param id       the rule id
 * @param enabled  whether the rule runs
 * @param severity the severity to report its findings at: {@code error}, {@code warning} or {@code info}
 */
public record RuleOverride(String id, Boolean enabled, String severity) {
}
