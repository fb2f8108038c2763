package dev.threadguard.report.runtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads the effective Surefire and Failsafe configuration for what would keep threadguard's agent out of the test
 * JVMs (a hard-coded {@code argLine}, {@code forkCount=0}) and for what decides whether the JUnit Platform listener
 * can be used: it is put on the system class path, which is only safe when the tests are loaded from there too
 * ({@code useSystemClassLoader=true}, the default). Knows nothing of Maven's model: the goal hands over each
 * configuration as a map.
 */
public final class TestForkCheck {

    /** One plugin's configuration, plugin-level ({@code execution} null) or one execution's (merged by Maven). */
    public record PluginConfig(String plugin, String execution, Map<String, String> values) {
        String where() {
            return plugin + (execution == null ? "" : " (execution " + execution + ")");
        }
    }

    /**
     * @param warnings          each a full sentence with the fix, for a warning line
     * @param isolatedLoaders   where an isolated class loader is configured, for an info line
     */
    public record Result(List<String> warnings, List<String> isolatedLoaders) {
        public boolean listenerSafe() {
            return isolatedLoaders.isEmpty();
        }
    }

    private TestForkCheck() {
    }

    public static Result check(List<PluginConfig> configs, String propertyName, Properties properties) {
        Set<String> warnings = new LinkedHashSet<>();
        Set<String> isolated = new LinkedHashSet<>();
        String late = "@{" + propertyName + "}";
        String early = "${" + propertyName + "}";
        for (PluginConfig config : configs) {
            String argLine = config.values().get("argLine");
            argLine = argLine == null ? null : argLine.trim();
            if (argLine != null && !argLine.isBlank() && !argLine.contains(late) && !argLine.contains(early)) {
                warnings.add(config.where() + " sets <argLine>" + argLine + "</argLine> without " + late
                        + ": its test JVMs start without threadguard's agent, so their threads are not guarded and "
                        + "verify-budget finds no recording. Write <argLine>" + late + " " + argLine
                        + "</argLine>.");
            }
            String forkCount = value(config, "forkCount", properties, "forkCount");
            if (forkCount != null && forkCount.trim().equals("0")) {
                warnings.add(config.where() + " sets forkCount=0: the tests run inside Maven's own JVM, where no "
                        + "agent can be attached, so threadguard cannot guard them. Remove forkCount=0 (the default "
                        + "is 1).");
            }
            String systemLoader = value(config, "useSystemClassLoader", properties,
                    config.plugin().contains("failsafe") ? "failsafe.useSystemClassLoader"
                            : "surefire.useSystemClassLoader");
            if (systemLoader != null && systemLoader.trim().equalsIgnoreCase("false")) {
                isolated.add(config.where());
            }
        }
        return new Result(new ArrayList<>(warnings), new ArrayList<>(isolated));
    }

    private static String value(PluginConfig config, String name, Properties properties, String property) {
        String value = config.values().get(name);
        return value != null ? value : properties.getProperty(property);
    }
}
