package dev.threadguard.report.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * Leaked threads grouped by their owner's site, over every JVM of the run: {@code leaked} threads in total,
 * from {@code jvms} JVMs, blamed on {@code tests} (in first-seen order; empty outside test suites). {@code kind}
 * is the owner kind: {@code pool}, {@code timer} or {@code thread}; {@code fix} says how to stop the leak, with the
 * test framework's own clean-up hooks named.
 */
@JsonPropertyOrder({"site", "kind", "leaked", "jvms", "tests", "fix", "stack"})
public record LeakSite(String site, String kind, long leaked, long jvms, List<String> tests, List<String> stack,
        String fix) {
}
