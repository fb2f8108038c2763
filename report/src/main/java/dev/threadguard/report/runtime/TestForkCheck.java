package dev.threadguard.report.runtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Surefire and Failsafe configuration for what would keep threadguard's agent out of the test JVMs (a
 * hard-coded {@code argLine}, {@code forkCount=0}) and for what decides whether the test listeners can be used:
 * they are put on the system class path, which is only safe when the tests are loaded from there too
 * ({@code useSystemClassLoader=true}, the default). The advice quotes the user's {@code <argLine>} as written in
 * the pom, property references kept, so following it never bakes one build's values into the pom. Knows nothing of
 * Maven's model: the goal hands over each configuration as values.
 */
public final class TestForkCheck {

    private static final Pattern PROPERTY = Pattern.compile("[$@]\\{([^}]+)}");

    /**
     * One plugin's configuration, plugin-level ({@code execution} null) or one execution's.
     *
     * @param values     the effective values of {@code forkCount} and {@code useSystemClassLoader}
     * @param rawArgLine {@code <argLine>} as written in the pom (null when not set)
     */
    public record PluginConfig(String plugin, String execution, Map<String, String> values, String rawArgLine) {
        String where() {
            return plugin + (execution == null ? "" : " (execution " + execution + ")");
        }
    }

    /** An {@code <argLine>} that leaves the agent out, and how to write it so it does not. */
    public record DroppedArgLine(String where, String argLine, String fixed, List<String> undefinedProperties) {
    }

    /**
     * @param warnings        each a full sentence with the fix, for a warning line
     * @param isolatedLoaders where an isolated class loader is configured, for an info line
     * @param dropped         the argLines that leave the agent out
     */
    public record Result(List<String> warnings, List<String> isolatedLoaders, List<DroppedArgLine> dropped,
            boolean inProcess) {
        public boolean listenerSafe() {
            return isolatedLoaders.isEmpty();
        }

        /** The advice for a build whose tests ran without the agent, several lines. */
        public String advice(String propertyName) {
            StringBuilder advice = new StringBuilder();
            for (DroppedArgLine argLine : dropped) {
                advice.append("\n").append(argLine.where()).append(" sets <argLine>").append(argLine.argLine())
                        .append("</argLine>, which leaves the agent out. Write it as\n    <argLine>")
                        .append(argLine.fixed()).append("</argLine>\nand, so that builds without threadguard still ")
                        .append("work, define the property empty:\n    <properties><").append(propertyName)
                        .append("></").append(propertyName).append("></properties>");
                if (argLine.undefinedProperties().size() == 1) {
                    String property = argLine.undefinedProperties().get(0);
                    advice.append("\nOr, without editing the pom: -Dthreadguard.propertyName=").append(property)
                            .append(" (threadguard then adds its agent to ${").append(property).append("}, which the ")
                            .append("pom does not define)");
                }
            }
            if (inProcess) {
                advice.append("\nforkCount=0 runs the tests inside Maven's own JVM, where no agent can be attached: "
                        + "remove it (the default is 1).");
            }
            return advice.toString();
        }
    }

    private TestForkCheck() {
    }

    /**
     * @param definedInPom the properties the pom (and its parents) define, which a user's argLine may rely on
     */
    public static Result check(List<PluginConfig> configs, String propertyName, Properties properties,
            Set<String> definedInPom) {
        Set<String> warnings = new LinkedHashSet<>();
        Set<String> isolated = new LinkedHashSet<>();
        List<DroppedArgLine> dropped = new ArrayList<>();
        boolean inProcess = false;
        String late = "@{" + propertyName + "}";
        String early = "${" + propertyName + "}";
        for (PluginConfig config : configs) {
            String argLine = config.rawArgLine() == null ? null : config.rawArgLine().trim();
            if (argLine != null && !argLine.isBlank() && !argLine.contains(late) && !argLine.contains(early)) {
                List<String> undefined = new ArrayList<>();
                Matcher matcher = PROPERTY.matcher(argLine);
                while (matcher.find()) {
                    String name = matcher.group(1);
                    if (!definedInPom.contains(name) && !undefined.contains(name)) {
                        undefined.add(name);
                    }
                }
                DroppedArgLine drop = new DroppedArgLine(config.where(), argLine, late + " " + argLine, undefined);
                if (dropped.stream().noneMatch(d -> d.argLine().equals(argLine))) {
                    dropped.add(drop);
                }
                warnings.add(config.where() + " sets <argLine>" + argLine + "</argLine> without " + late
                        + ": its test JVMs start without threadguard's agent, so their threads are not guarded and "
                        + "verify-budget fails for want of a recording. Write <argLine>" + drop.fixed()
                        + "</argLine>.");
            }
            String forkCount = value(config, "forkCount", properties, "forkCount");
            if (forkCount != null && forkCount.trim().equals("0")) {
                inProcess = true;
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
        return new Result(new ArrayList<>(warnings), new ArrayList<>(isolated), dropped, inProcess);
    }

    private static String value(PluginConfig config, String name, Properties properties, String property) {
        String value = config.values().get(name);
        return value != null ? value : properties.getProperty(property);
    }
}
