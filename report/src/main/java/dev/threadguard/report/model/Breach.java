package dev.threadguard.report.model;

/** A budget that was exceeded: its name, its limit and what was observed. */
public record Breach(String budget, long limit, long observed) {
}
