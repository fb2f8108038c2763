/**
 * What rules and the engine share: a {@link dev.threadguard.api.Rule} with its
 * {@link dev.threadguard.api.RuleMetadata} and {@link dev.threadguard.api.Triggers}, the
 * {@link dev.threadguard.api.FileContext} it checks and reports through, the
 * {@link dev.threadguard.api.Finding}s and {@link dev.threadguard.api.Severity} it reports, and the settings users
 * configure. Depends on {@code dev.threadguard.types} only; nothing here knows a concrete rule or the engine.
 */
package dev.threadguard.api;
