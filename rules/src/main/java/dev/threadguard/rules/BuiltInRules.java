package dev.threadguard.rules;

import dev.threadguard.api.Rule;

import java.util.List;
import java.util.Optional;

/** Every rule threadguard ships, in the order they are documented. */
public final class BuiltInRules {

    private static final List<Rule> ALL = List.of(
            new ThreadInLoopRule(),
            new ExecutorInLoopRule(),
            new UnboundedExecutorRule(),
            new PoolNeverGrowsRule(),
            new ThreadInHandlerRule(),
            new BlockingWithoutTimeoutRule(),
            new HttpWithoutTimeoutRule(),
            new SwallowedInterruptRule(),
            new UncancellableLoopRule(),
            new ExecutorNotShutdownRule(),
            new IgnoredFutureRule(),
            // last: it judges the suppressions by what the rules before it reported
            new UnusedSuppressionRule());

    private BuiltInRules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    public static Optional<Rule> byId(String id) {
        return ALL.stream().filter(rule -> rule.id().equals(id)).findFirst();
    }
}
