package dev.threadguard.plugin;

import dev.threadguard.report.runtime.TestForkCheck;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Surefire's and Failsafe's configuration as the test-fork check needs it: the effective {@code forkCount} and
 * {@code useSystemClassLoader}, and the {@code <argLine>} as written in the pom or its parents (Maven's effective
 * model has its properties already substituted, which advice must not copy back into the pom).
 */
final class TestPlugins {

    private static final String[] PLUGINS = {"maven-surefire-plugin", "maven-failsafe-plugin"};

    private TestPlugins() {
    }

    static TestForkCheck.Result check(MavenProject project, Properties userProperties, String propertyName) {
        Properties properties = new Properties();
        properties.putAll(project.getProperties());
        properties.putAll(userProperties);
        return TestForkCheck.check(configs(project), propertyName, properties, definedProperties(project));
    }

    static List<TestForkCheck.PluginConfig> configs(MavenProject project) {
        List<TestForkCheck.PluginConfig> configs = new ArrayList<>();
        for (Plugin buildPlugin : project.getBuildPlugins()) {
            String id = buildPlugin.getArtifactId();
            if (!isTestPlugin(id)) {
                continue;
            }
            if (buildPlugin.getExecutions().isEmpty()) {
                configs.add(new TestForkCheck.PluginConfig(id, null, values(buildPlugin.getConfiguration()),
                        rawArgLine(project, id, null)));
            }
            // Maven has merged the plugin-level configuration into each execution's
            for (PluginExecution execution : buildPlugin.getExecutions()) {
                configs.add(new TestForkCheck.PluginConfig(id, execution.getId(), values(execution.getConfiguration()),
                        rawArgLine(project, id, execution.getId())));
            }
        }
        return configs;
    }

    /** The properties the pom and its parents define (as written, before any profile or command line). */
    static Set<String> definedProperties(MavenProject project) {
        Set<String> names = new HashSet<>();
        for (MavenProject current = project; current != null; current = current.getParent()) {
            Model model = current.getOriginalModel();
            if (model != null && model.getProperties() != null) {
                names.addAll(model.getProperties().stringPropertyNames());
            }
        }
        return names;
    }

    /** The argLine of this plugin (and execution) as written in the nearest pom that sets it; null if none does. */
    static String rawArgLine(MavenProject project, String pluginId, String executionId) {
        for (MavenProject current = project; current != null; current = current.getParent()) {
            Model model = current.getOriginalModel();
            Build build = model == null ? null : model.getBuild();
            if (build == null) {
                continue;
            }
            String found = argLine(build.getPlugins(), pluginId, executionId);
            if (found == null && build.getPluginManagement() != null) {
                found = argLine(build.getPluginManagement().getPlugins(), pluginId, executionId);
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String argLine(List<Plugin> plugins, String pluginId, String executionId) {
        for (Plugin candidate : plugins) {
            if (!pluginId.equals(candidate.getArtifactId())) {
                continue;
            }
            if (executionId != null) {
                for (PluginExecution execution : candidate.getExecutions()) {
                    if (executionId.equals(execution.getId())) {
                        String value = child(execution.getConfiguration(), "argLine");
                        if (value != null) {
                            return value;
                        }
                    }
                }
            }
            String value = child(candidate.getConfiguration(), "argLine");
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static Map<String, String> values(Object configuration) {
        Map<String, String> values = new HashMap<>();
        for (String key : new String[] {"forkCount", "useSystemClassLoader"}) {
            String value = child(configuration, key);
            if (value != null) {
                values.put(key, value);
            }
        }
        return values;
    }

    private static String child(Object configuration, String key) {
        if (configuration instanceof Xpp3Dom dom) {
            Xpp3Dom child = dom.getChild(key);
            if (child != null && child.getValue() != null) {
                return child.getValue();
            }
        }
        return null;
    }

    static boolean isTestPlugin(String artifactId) {
        for (String plugin : PLUGINS) {
            if (plugin.equals(artifactId)) {
                return true;
            }
        }
        return false;
    }
}
