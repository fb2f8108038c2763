/**
 * The built-in rules ({@link dev.threadguard.rules.BuiltInRules}), each one class, with the helpers that only
 * it uses beside it (package-private). Depends on {@code analysis}, {@code api} and {@code types}; never on the
 * engine.
 */
package dev.threadguard.rules;
