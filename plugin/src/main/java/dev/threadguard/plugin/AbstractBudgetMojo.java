package dev.threadguard.plugin;

import dev.threadguard.agent.config.AgentOptions;
import dev.threadguard.report.runtime.Allowances;
import dev.threadguard.report.runtime.Budgets;
import dev.threadguard.report.runtime.Ignores;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The thread budgets and what is not counted against them, declared once for every runtime goal ({@code run},
 * {@code start}, {@code stop}, {@code prepare-agent}, {@code verify-budget}), as JaCoCo's {@code AbstractAgentMojo}
 * does for its agent options. Set them in the plugin's {@code <configuration>} and every goal reads the same.
 */
public abstract class AbstractBudgetMojo extends AbstractThreadguardMojo {

    static final String AGENT_KEY = "dev.threadguard:threadguard-agent";

    /** The most platform threads of the application alive at once (the JVM's own excluded). Unset: measured only. */
    @Parameter(property = "threadguard.maxThreads")
    protected Long maxThreads;

    /** The most virtual threads alive at once; needs Java 21 or newer. Unset: measured only. */
    @Parameter(property = "threadguard.maxVirtualThreads")
    protected Long maxVirtualThreads;

    /** The most platform threads started: over the run, or over all test JVMs of a suite. Unset: measured only. */
    @Parameter(property = "threadguard.maxThreadsStarted")
    protected Long maxThreadsStarted;

    /**
     * The most leaked threads: after {@code main} returned, after a service's load, or left behind by tests (see
     * {@code leakScope}).
     */
    @Parameter(property = "threadguard.maxLeakedThreads", defaultValue = "0")
    protected Long maxLeakedThreads;

    /**
     * The most threads kept for the JVM's life (a library's singleton timer, a pool made in a static initializer),
     * which are not leaks. Unset: measured only.
     */
    @Parameter(property = "threadguard.maxJvmLifetimeThreads")
    protected Long maxJvmLifetimeThreads;

    /**
     * Threads not to count at all, by name: globs ({@code *} any characters, {@code ?} one) or {@code regex:} Java
     * regular expressions, matching the whole name, e.g. {@code HikariPool-*}.
     */
    @Parameter(property = "threadguard.ignoreThreadNames")
    protected List<String> ignoreThreadNames;

    /**
     * Threads not to count at all, by where their owner was made: globs or {@code regex:} patterns matched against
     * {@code pkg.Class.method} of each frame of that stack, e.g. {@code com.zaxxer.hikari.*}. Prefer
     * {@code allowedLeaks} for a leak you accept: an ignore also hides the next, real leak from the same place.
     */
    @Parameter(property = "threadguard.ignoreCreationFrames")
    protected List<String> ignoreCreationFrames;

    /**
     * Leaks accepted per owner site and JVM:
     * {@code <allow><site>com.acme.Retry.delayer</site><max>1</max></allow>}. The site is a glob or {@code regex:}
     * pattern on {@code pkg.Class.method} of where the owner (pool, timer, thread) was made; up to {@code max}
     * threads per JVM from there are allowed, every one beyond is a leak.
     */
    @Parameter
    protected List<Allow> allowedLeaks;

    /**
     * {@code agent}: the agent's own recording only (fast); {@code jfr}: also a JFR recording of the JDK's thread
     * events next to it, for JDK Mission Control (costs a few tenths of a second per JVM and about a fifth more on
     * thread churn).
     */
    @Parameter(property = "threadguard.recording", defaultValue = AgentOptions.RECORDING_AGENT)
    protected String recording;

    /** One {@code <allow>} of {@code allowedLeaks}. */
    public static class Allow {
        /** {@code pkg.Class.method} (glob or {@code regex:}) of the owner's site. */
        String site;
        /** The most threads per JVM from that site. */
        Long max;
    }

    /** @throws MojoExecutionException naming the parameter that is wrong */
    protected Budgets budgets() throws MojoExecutionException {
        try {
            return new Budgets(maxThreads, maxVirtualThreads, maxThreadsStarted, maxLeakedThreads,
                    maxJvmLifetimeThreads);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    protected Allowances allowances() throws MojoExecutionException {
        if (allowedLeaks == null || allowedLeaks.isEmpty()) {
            return Allowances.NONE;
        }
        List<String> sites = new ArrayList<>();
        List<Long> maxes = new ArrayList<>();
        for (Allow allow : allowedLeaks) {
            sites.add(allow == null ? null : allow.site);
            maxes.add(allow == null ? null : allow.max);
        }
        try {
            return Allowances.of(sites, maxes);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("threadguard.allowedLeaks: " + e.getMessage(), e);
        }
    }

    /** Checks the ignore patterns, naming the bad one. */
    protected void checkIgnores() throws MojoExecutionException {
        try {
            Ignores.of(ignoreThreadNames, ignoreCreationFrames, "threadguard.ignoreThreadNames",
                    "threadguard.ignoreCreationFrames");
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /** The agent options every goal sets the same way: budgets the agent enforces, ignores, recording. */
    protected AgentOptions agentOptions(Path file) throws MojoExecutionException {
        checkIgnores();
        AgentOptions options = new AgentOptions().file(file);
        try {
            options.recording(recording == null ? AgentOptions.RECORDING_AGENT : recording);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("threadguard.recording is '" + recording + "', but it must be agent (the "
                    + "agent's own recording) or jfr (a JFR recording as well)", e);
        }
        nonBlank(ignoreThreadNames).forEach(options::ignoreThreadName);
        nonBlank(ignoreCreationFrames).forEach(options::ignoreCreationFrame);
        return options;
    }

    protected Path agentJar() throws MojoExecutionException {
        return artifactFile(AGENT_KEY);
    }

    protected Path artifactFile(String key) throws MojoExecutionException {
        Artifact artifact = plugin.getArtifactMap().get(key);
        if (artifact == null || artifact.getFile() == null || !artifact.getFile().isFile()) {
            throw new MojoExecutionException("threadguard's " + key + " is missing from the plugin's dependencies; "
                    + "reinstall the plugin.");
        }
        return artifact.getFile().toPath().toAbsolutePath();
    }

    static long orUnset(Long value) {
        return value == null ? AgentOptions.UNSET : value;
    }

    static List<String> nonBlank(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).toList();
    }
}
