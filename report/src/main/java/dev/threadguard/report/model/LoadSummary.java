package dev.threadguard.report.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Map;

/**
 * What {@code run} with {@code loadUrls} sent: requests, answers with a 2xx or 3xx status ({@code ok}), requests
 * that failed without an answer ({@code errors}: connect failures, timeouts), answers per status code, and the
 * latency at the 50th and 99th percentile.
 */
@JsonPropertyOrder({"requests", "ok", "errors", "statusCounts", "p50Millis", "p99Millis"})
public record LoadSummary(long requests, long ok, long errors, Map<String, Long> statusCounts, long p50Millis,
        long p99Millis) {
}
