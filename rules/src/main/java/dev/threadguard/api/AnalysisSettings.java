package dev.threadguard.api;

import java.util.List;

/**
 * What users add to the rules' built-in knowledge from the pom.
 *
 * @param spawnMethods    methods that start a thread, like {@code Thread.start()}
 * @param blockingMethods methods that block without a timeout, like {@code Future.get()}
 */
public record AnalysisSettings(List<MethodPattern> spawnMethods, List<MethodPattern> blockingMethods) {

    public static final AnalysisSettings DEFAULT = new AnalysisSettings(List.of(), List.of());

    public AnalysisSettings {
        spawnMethods = List.copyOf(spawnMethods);
        blockingMethods = List.copyOf(blockingMethods);
    }
}
