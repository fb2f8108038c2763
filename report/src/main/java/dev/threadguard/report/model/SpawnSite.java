package dev.threadguard.report.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * Threads started from one site: the first frame outside the JDK where their owner was made ({@code frame}) and that
 * site's stack. {@code kind}: {@code platform} or {@code virtual}; {@code ownerKind}: {@code pool} (the workers of
 * pools built here), {@code timer} or {@code thread}; {@code owners}: how many pools, timers or threads were made
 * here. For virtual threads past the first thousand starts the counts are estimates.
 */
@JsonPropertyOrder({"frame", "stack", "started", "peakAlive", "kind", "ownerKind", "owners"})
public record SpawnSite(String frame, List<String> stack, long started, long peakAlive, String kind, String ownerKind,
        long owners) {
}
