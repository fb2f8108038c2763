package dev.threadguard.plugin;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.SessionData;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sums what a goal counted in each module of a reactor build, so that the module that runs it last can print the
 * totals. Which modules run the goal follows from the build itself: every module when the goal is on the command
 * line, else the modules whose build binds it in an execution. Modules that skip the goal count as done.
 *
 * <p>The counts live in the session data of the build's resolver session: one map per build, safe with
 * {@code -T} (a concurrent map, and claiming the printing is one atomic {@code putIfAbsent}, so the totals are
 * printed exactly once however the modules' threads interleave). It holds JDK types only, because modules whose
 * plugin configuration differs load threadguard in class realms of their own.
 */
final class ReactorTotals {

    private static final String KEY = "dev.threadguard.reactor-totals";

    /**
     * The totals over every module that runs {@code goal}, and how many modules that is.
     *
     * @param counts per position, the sum of the modules' counts
     */
    record Totals(int modules, long[] counts) {
    }

    private ReactorTotals() {
    }

    /**
     * Adds this module's counts. Returns the totals when, with them, every module that runs the goal has added its
     * counts, there is more than one such module, and no other module printed them yet: the caller prints them.
     */
    static Optional<Totals> add(MavenSession session, MavenProject project, PluginDescriptor plugin, String goal,
                                long[] counts) {
        Set<String> expected = modulesRunning(session, plugin, goal);
        if (expected.size() < 2) {
            return Optional.empty();
        }
        Map<String, Object> data = data(session);
        data.put(goal + " " + project.getId(), counts.clone());
        long[] sum = new long[counts.length];
        for (String module : expected) {
            if (!(data.get(goal + " " + module) instanceof long[] moduleCounts)) {
                return Optional.empty(); // a module still to come prints the totals
            }
            for (int i = 0; i < sum.length && i < moduleCounts.length; i++) {
                sum[i] += moduleCounts[i];
            }
        }
        if (data.putIfAbsent(goal + " printed", Boolean.TRUE) != null) {
            return Optional.empty();
        }
        return Optional.of(new Totals(expected.size(), sum));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(MavenSession session) {
        SessionData data = session.getRepositorySession().getData();
        Object map = data.get(KEY);
        if (map == null) {
            data.set(KEY, null, new ConcurrentHashMap<String, Object>()); // only the first of racing modules wins
            map = data.get(KEY);
        }
        return (Map<String, Object>) map;
    }

    /** The ids of the reactor's modules that run {@code goal} of this plugin in this build. */
    static Set<String> modulesRunning(MavenSession session, PluginDescriptor plugin, String goal) {
        boolean onCommandLine = session.getGoals().stream().anyMatch(task -> names(task, plugin, goal));
        Set<String> modules = new LinkedHashSet<>();
        for (MavenProject module : session.getProjects()) {
            if (onCommandLine || binds(module, plugin, goal)) {
                modules.add(module.getId());
            }
        }
        return modules;
    }

    /**
     * True when a command-line task runs the goal: {@code prefix:goal}, {@code groupId:artifactId:goal} or
     * {@code groupId:artifactId:version:goal}, each optionally with {@code @execution}.
     */
    static boolean names(String task, PluginDescriptor plugin, String goal) {
        int at = task.indexOf('@');
        String[] parts = (at < 0 ? task : task.substring(0, at)).split(":");
        if (parts.length < 2 || !parts[parts.length - 1].equals(goal)) {
            return false;
        }
        if (parts.length == 2) {
            return parts[0].equals(plugin.getGoalPrefix());
        }
        return parts[0].equals(plugin.getGroupId()) && parts[1].equals(plugin.getArtifactId());
    }

    private static boolean binds(MavenProject module, PluginDescriptor plugin, String goal) {
        Plugin build = module.getPlugin(plugin.getGroupId() + ":" + plugin.getArtifactId());
        if (build == null) {
            return false;
        }
        for (PluginExecution execution : build.getExecutions()) {
            if (execution.getGoals().contains(goal)) {
                return true;
            }
        }
        return false;
    }
}
