/**
 * Matching that several rules share: thread and executor creations ({@code Spawns}), untimed waits
 * ({@code Blocking}), loops, tasks, interrupts, the uses of a local. A helper that only one rule needs lives next
 * to that rule in {@code dev.threadguard.rules} instead. Depends on {@code api} and {@code types}.
 */
package dev.threadguard.analysis;
