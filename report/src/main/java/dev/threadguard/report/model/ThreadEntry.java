package dev.threadguard.report.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * A thread in a report: leaked, kept for the JVM's life, allowed, or in the final dump. {@code createdAt} and
 * {@code creationStack} say where its owner was made: for a pool's worker the pool's construction, for any other
 * thread its own start. {@code owner} names the owner and its site. {@code test} and {@code attribution} (how the
 * test was found) are set in test reports; {@code reason} says why a thread is kept apart (JVM-lifetime, allowed);
 * {@code idle} marks a pool's or timer's worker waiting for its next task.
 */
@JsonPropertyOrder({"name", "id", "state", "daemon", "baseline", "lock", "stack", "createdAt", "creationStack", "owner",
        "test", "attribution", "reason", "idle"})
public record ThreadEntry(String name, long id, String state, boolean daemon, boolean baseline, String lock,
        List<String> stack, String createdAt, List<String> creationStack, Owner owner,
        @JsonInclude(JsonInclude.Include.NON_NULL) String test,
        @JsonInclude(JsonInclude.Include.NON_NULL) String attribution,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
        boolean idle) {

    /** Who owns a thread: a {@code pool}, a {@code timer}, or the {@code thread} itself, made at {@code site}. */
    @JsonPropertyOrder({"kind", "site", "stack"})
    public record Owner(String kind, String site, List<String> stack) {
    }

    /** The same thread blamed on another test, found another way. */
    public ThreadEntry withTest(String blamed, String how) {
        return new ThreadEntry(name, id, state, daemon, baseline, lock, stack, createdAt, creationStack, owner, blamed,
                how, reason, idle);
    }

    public ThreadEntry withReason(String why) {
        return new ThreadEntry(name, id, state, daemon, baseline, lock, stack, createdAt, creationStack, owner, test,
                attribution, why, idle);
    }
}
