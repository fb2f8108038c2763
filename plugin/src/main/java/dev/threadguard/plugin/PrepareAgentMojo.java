package dev.threadguard.plugin;

import dev.threadguard.agent.config.AgentOptions;
import dev.threadguard.agent.config.LogFormat;
import dev.threadguard.report.OutputFiles;
import dev.threadguard.report.runtime.TestForkCheck;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts the project's test JVMs (Surefire, Failsafe) under threadguard, as JaCoCo's {@code prepare-agent} does for
 * coverage: each test JVM counts its threads and knows which test started each one, for {@code verify-budget} to
 * check. Warns when the Surefire or Failsafe configuration would leave the tests unguarded.
 */
@Mojo(name = "prepare-agent", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public class PrepareAgentMojo extends AbstractBudgetMojo {

    static final String LISTENER_KEY = "dev.threadguard:threadguard-junit-listener";

    /**
     * The property the agent argument is prepended to: {@code argLine}, which Surefire and Failsafe read, or the one
     * your own {@code <argLine>@{myArgs}</argLine>} names.
     */
    @Parameter(property = "threadguard.propertyName", defaultValue = "argLine")
    private String propertyName;

    /**
     * Halt a test JVM at its first {@code maxThreads} (or {@code maxVirtualThreads}) breach, with a thread dump and
     * exit code 85; Surefire then reports a crashed fork. Off by default: the tests run on, and
     * {@code verify-budget} fails the build with the test that broke the budget named.
     */
    @Parameter(property = "threadguard.haltTestJvm", defaultValue = "false")
    private boolean haltTestJvm;

    /**
     * The most live application threads a test JVM may have before the agent halts it even with {@code haltTestJvm}
     * off (exit code 85), so that a runaway spawner in a test cannot exhaust the machine. 0 turns it off.
     */
    @Parameter(property = "threadguard.runawayLimit", defaultValue = "2000")
    private long runawayLimit;

    /**
     * Seconds the threads that tests started get to end when the test JVM exits (and, with {@code leakScope=test}
     * or {@code class}, after their test or class finished) before they count as leaked. Decimals allowed.
     */
    @Parameter(property = "threadguard.leakSettleSeconds", defaultValue = "1")
    private double leakSettleSeconds;

    /**
     * Learn from the test frameworks which test runs on which thread: threadguard's JUnit Platform and TestNG
     * listeners (used where the tests are loaded by the system class loader, Surefire's default) and JUnit 4's
     * runner. {@code false} attributes threads to tests by their creation stacks only.
     */
    @Parameter(property = "threadguard.testListener", defaultValue = "true")
    private boolean testListener;

    @Override
    protected void executeGoal() throws MojoExecutionException {
        String name = propertyName();
        if (leakSettleSeconds < 0) {
            throw new MojoExecutionException("threadguard.leakSettleSeconds is " + leakSettleSeconds + ", but it must be "
                    + "0 or more (seconds).");
        }
        if (runawayLimit < 0) {
            throw new MojoExecutionException("threadguard.runawayLimit is " + runawayLimit + ", but it must be 0 "
                    + "(off) or more.");
        }
        budgets();
        allowances();

        TestForkCheck.Result forks = TestPlugins.check(project, session.getUserProperties(), name);
        for (String warning : forks.warnings()) {
            getLog().warn("threadguard: " + warning);
        }

        Path directory = outputDirectory.toPath().toAbsolutePath().resolve(OutputFiles.TEST_RECORDINGS);
        deleteOldRecordings(directory);

        AgentOptions options = agentOptions(directory.resolve(OutputFiles.TEST_RECORDING_PATTERN))
                .testMode(true)
                .maxThreads(orUnset(maxThreads))
                .maxVirtualThreads(orUnset(maxVirtualThreads))
                .maxLeakedThreads(AgentOptions.UNSET)
                .failFast(haltTestJvm)
                .settleMillis(Math.round(leakSettleSeconds * 1000))
                .runawayLimit(runawayLimit == 0 ? AgentOptions.UNSET : runawayLimit)
                .testListeners(testListener);
        if (!testListener) {
            getLog().info("threadguard: the test listeners are off (threadguard.testListener=false): threads are "
                    + "attributed to tests by their creation stacks");
        } else if (!forks.listenerSafe()) {
            getLog().info("threadguard: " + String.join(", ", forks.isolatedLoaders()) + " loads the tests with an "
                    + "isolated class loader (useSystemClassLoader=false), where the JUnit Platform and TestNG "
                    + "listeners cannot be used safely: threads are attributed to JUnit Platform and TestNG tests by "
                    + "their creation stacks (JUnit 4 tests still by its runner)");
        } else {
            options.listenerJar(artifactFile(LISTENER_KEY));
        }

        String agent = quoted("-javaagent:" + agentJar() + "=" + options.format());
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

    private static void deleteOldRecordings(Path directory) throws MojoExecutionException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> old = Files.newDirectoryStream(directory, OutputFiles.TEST_RECORDING_PREFIX + "*")) {
            for (Path file : old) {
                String name = file.getFileName().toString();
                if (name.endsWith(LogFormat.EXTENSION) || name.endsWith(".jfr")) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new MojoExecutionException("threadguard could not delete the test recordings of an earlier build in "
                    + directory + ": " + e.getMessage(), e);
        }
    }

    /** Surefire splits the argLine at spaces unless quoted. */
    static String quoted(String argument) {
        return argument.contains(" ") ? "\"" + argument + "\"" : argument;
    }
}
