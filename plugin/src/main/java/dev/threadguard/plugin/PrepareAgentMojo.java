package dev.threadguard.plugin;

import dev.threadguard.agent.AgentOptions;
import dev.threadguard.report.runtime.Budgets;
import dev.threadguard.report.runtime.Ignores;
import dev.threadguard.report.runtime.TestForkCheck;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Prepares the test JVMs of Surefire and Failsafe to run under threadguard's agent, as JaCoCo's
 * {@code prepare-agent} does for coverage: prepends {@code -javaagent:...} to the property the test plugins read
 * ({@code argLine}), so that each forked test JVM records its threads and the tests that started them into
 * {@code target/threadguard/tests/test-<pid>.jfr}, which {@code verify-budget} checks. Recordings of an earlier build
 * are deleted. Warns when the Surefire or Failsafe configuration would leave the agent out.
 */
@Mojo(name = "prepare-agent", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public class PrepareAgentMojo extends AbstractThreadguardMojo {

    static final String LISTENER_KEY = "dev.threadguard:threadguard-junit-listener";
    static final String RECORDING_DIRECTORY = "tests";
    static final String RECORDING_PREFIX = "test-";
    static final String RECORDING_PATTERN = RECORDING_PREFIX + "%p.jfr";

    /**
     * The property the agent argument is prepended to: {@code argLine}, which Surefire and Failsafe read, or the one
     * your own {@code <argLine>@{myArgs}</argLine>} names.
     */
    @Parameter(property = "threadguard.propertyName", defaultValue = "argLine")
    private String propertyName;

    /**
     * Halt a test JVM at the first {@code maxThreads} (or {@code maxVirtualThreads}) breach, with a thread dump and
     * exit code 85; Surefire then reports a crashed fork. Off by default: the tests run on, and
     * {@code verify-budget} fails the build with the test that broke the budget named.
     */
    @Parameter(property = "threadguard.failFast", defaultValue = "false")
    private boolean failFast;

    /**
     * The most live application threads a test JVM may have before the agent halts it even with {@code failFast}
     * off (exit code 85), so that a runaway spawner in a test cannot exhaust the machine. 0 turns it off.
     */
    @Parameter(property = "threadguard.runawayLimit", defaultValue = "2000")
    private long runawayLimit;

    /**
     * Milliseconds the threads that tests started get to end when the test JVM exits (and, with
     * {@code leakScope=test}, after their test finished) before they count as leaked.
     */
    @Parameter(property = "threadguard.leakSettleTime", defaultValue = "1000")
    private long leakSettleTime;

    /**
     * Put threadguard's JUnit Platform listener on the test JVM's class path, which tells exactly which test runs
     * on which thread. It is only used where the tests are loaded by the system class loader (Surefire's default);
     * elsewhere, and with {@code false}, threads are attributed by their creation stacks.
     */
    @Parameter(property = "threadguard.testListener", defaultValue = "true")
    private boolean testListener;

    /** With {@code failFast}: the most platform threads a test JVM may have alive at once. */
    @Parameter(property = "threadguard.maxThreads")
    private Long maxThreads;

    /** With {@code failFast}: the most virtual threads a test JVM may have alive at once (Java 21+). */
    @Parameter(property = "threadguard.maxVirtualThreads")
    private Long maxVirtualThreads;

    /** Threads the agent does not count, by name (globs or {@code regex:}); give verify-budget the same. */
    @Parameter(property = "threadguard.ignoreThreadNames")
    private List<String> ignoreThreadNames;

    /** Threads the agent does not count, by creation frame (globs or {@code regex:}); give verify-budget the same. */
    @Parameter(property = "threadguard.ignoreCreationFrames")
    private List<String> ignoreCreationFrames;

    @Override
    protected void executeGoal() throws MojoExecutionException {
        String name = propertyName();
        if (leakSettleTime < 0) {
            throw new MojoExecutionException("threadguard.leakSettleTime is " + leakSettleTime + ", but it must be 0 "
                    + "or more (milliseconds).");
        }
        if (runawayLimit < 0) {
            throw new MojoExecutionException("threadguard.runawayLimit is " + runawayLimit + ", but it must be 0 "
                    + "(off) or more.");
        }
        try {
            Ignores.of(ignoreThreadNames, ignoreCreationFrames, "threadguard.ignoreThreadNames",
                    "threadguard.ignoreCreationFrames");
            new Budgets(maxThreads, maxVirtualThreads, null, null);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }

        Properties properties = new Properties();
        properties.putAll(project.getProperties());
        properties.putAll(session.getUserProperties());
        TestForkCheck.Result forks = TestForkCheck.check(testPluginConfigs(), name, properties);
        for (String warning : forks.warnings()) {
            getLog().warn("threadguard: " + warning);
        }

        Path directory = outputDirectory.toPath().toAbsolutePath().resolve(RECORDING_DIRECTORY);
        deleteOldRecordings(directory);

        AgentOptions options = new AgentOptions()
                .testMode(true)
                .file(directory.resolve(RECORDING_PATTERN))
                .maxThreads(maxThreads == null ? AgentOptions.UNSET : maxThreads)
                .maxVirtualThreads(maxVirtualThreads == null ? AgentOptions.UNSET : maxVirtualThreads)
                .maxLeakedThreads(AgentOptions.UNSET)
                .failFast(failFast)
                .settleMillis(leakSettleTime)
                .runawayLimit(runawayLimit == 0 ? AgentOptions.UNSET : runawayLimit);
        if (ignoreThreadNames != null) {
            ignoreThreadNames.stream().filter(p -> p != null && !p.isBlank()).forEach(options::ignoreThreadName);
        }
        if (ignoreCreationFrames != null) {
            ignoreCreationFrames.stream().filter(p -> p != null && !p.isBlank()).forEach(options::ignoreCreationFrame);
        }
        if (!testListener) {
            getLog().info("threadguard: the JUnit Platform listener is off (threadguard.testListener=false): threads "
                    + "are attributed to tests by their creation stacks");
        } else if (!forks.listenerSafe()) {
            getLog().info("threadguard: " + String.join(", ", forks.isolatedLoaders()) + " loads the tests with an "
                    + "isolated class loader (useSystemClassLoader=false), where the JUnit Platform listener cannot "
                    + "be used safely: threads are attributed to tests by their creation stacks");
        } else {
            options.listenerJar(artifactFile(LISTENER_KEY));
        }

        String agent = quoted("-javaagent:" + artifactFile(RunMojo.AGENT_KEY) + "=" + options.format());
        String old = project.getProperties().getProperty(name);
        String value = old == null || old.isBlank() ? agent : agent + " " + old;
        project.getProperties().setProperty(name, value);
        getLog().info("threadguard: " + name + " set to " + value);
        if (session.getUserProperties().containsKey(name)) {
            // as with JaCoCo: the command line's value wins over the project property the test plugins would read
            getLog().warn("threadguard: -D" + name + " is given on the command line, which Surefire and Failsafe "
                    + "take instead of the project property threadguard set, so the test JVMs start without the "
                    + "agent. Put those options into <argLine>@{" + name + "} ...</argLine> in the pom instead.");
        }
    }

    @Override
    protected void skipped() {
        String name = propertyName();
        if (project.getProperties().getProperty(name) == null) {
            // so that <argLine>@{argLine} ...</argLine> still resolves
            project.getProperties().setProperty(name, "");
        }
    }

    private String propertyName() {
        return propertyName == null || propertyName.isBlank() ? "argLine" : propertyName.trim();
    }

    private List<TestForkCheck.PluginConfig> testPluginConfigs() {
        List<TestForkCheck.PluginConfig> configs = new ArrayList<>();
        for (Plugin buildPlugin : project.getBuildPlugins()) {
            String id = buildPlugin.getArtifactId();
            if (!"maven-surefire-plugin".equals(id) && !"maven-failsafe-plugin".equals(id)) {
                continue;
            }
            if (buildPlugin.getExecutions().isEmpty()) {
                configs.add(new TestForkCheck.PluginConfig(id, null, values(buildPlugin.getConfiguration())));
            }
            // Maven has merged the plugin-level configuration into each execution's
            for (PluginExecution execution : buildPlugin.getExecutions()) {
                configs.add(new TestForkCheck.PluginConfig(id, execution.getId(), values(execution.getConfiguration())));
            }
        }
        return configs;
    }

    private static Map<String, String> values(Object configuration) {
        Map<String, String> values = new HashMap<>();
        if (configuration instanceof Xpp3Dom dom) {
            for (String key : new String[] {"argLine", "forkCount", "useSystemClassLoader"}) {
                Xpp3Dom child = dom.getChild(key);
                if (child != null && child.getValue() != null) {
                    values.put(key, child.getValue());
                }
            }
        }
        return values;
    }

    private static void deleteOldRecordings(Path directory) throws MojoExecutionException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> old = Files.newDirectoryStream(directory, RECORDING_PREFIX + "*.jfr")) {
            for (Path file : old) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("threadguard could not delete the test recordings of an earlier build in "
                    + directory + ": " + e.getMessage(), e);
        }
    }

    private Path artifactFile(String key) throws MojoExecutionException {
        Artifact artifact = plugin.getArtifactMap().get(key);
        if (artifact == null || artifact.getFile() == null || !artifact.getFile().isFile()) {
            throw new MojoExecutionException("threadguard's " + key + " is missing from the plugin's dependencies; "
                    + "reinstall the plugin.");
        }
        return artifact.getFile().toPath().toAbsolutePath();
    }

    /** Surefire splits the argLine at spaces unless quoted. */
    static String quoted(String argument) {
        return argument.contains(" ") ? "\"" + argument + "\"" : argument;
    }
}
