/**
 * Runs the rules over a project: collects the files, filters out those no rule can report on
 * ({@code Prefilter}), parses the rest and checks them in parallel, and keeps a cache. Entry point:
 * {@link dev.threadguard.engine.Analyzer} with an {@link dev.threadguard.engine.AnalysisRequest}. Depends on
 * {@code api}, {@code types}, {@code rules} (for the built-in set) and {@code json}.
 */
package dev.threadguard.engine;
