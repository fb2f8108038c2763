package dev.threadguard.plugin;

import dev.threadguard.agent.config.AgentOptions;
import dev.threadguard.report.OutputFiles;
import dev.threadguard.report.runtime.GuardedRun;
import dev.threadguard.report.runtime.JavaRuntime;
import dev.threadguard.report.runtime.ServiceRun;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * What the goals that fork the project's application under the agent share ({@code run}, {@code start}): which
 * {@code main} to run, with which JVM and options, and how its end is judged.
 */
public abstract class AbstractApplicationMojo extends AbstractBudgetMojo {

    /** The class whose {@code main} method to run, e.g. {@code com.acme.App}. */
    @Parameter(property = "threadguard.mainClass")
    protected String mainClass;

    /** Arguments passed to {@code main}; on the command line, comma-separated. */
    @Parameter(property = "threadguard.arguments")
    protected List<String> arguments;

    /** Options for the forked JVM, e.g. {@code -Xmx256m}; on the command line, comma-separated. */
    @Parameter(property = "threadguard.jvmArgs")
    protected List<String> jvmArgs;

    /** The {@code java} launcher or Java home to run with; the JVM running Maven by default. */
    @Parameter(property = "threadguard.jvm")
    protected String jvm;

    /**
     * Stop the application at the first budget breach (thread dump, recording, exit code 85), so a runaway spawner
     * cannot exhaust the machine. False lets the run go on and only reports.
     */
    @Parameter(property = "threadguard.failFast", defaultValue = "true")
    protected boolean failFast;

    /**
     * Seconds the application's threads get to end: after {@code main} returned (non-daemon threads still alive
     * then are leaked), or after a service's load (threads started during the load that are still busy then are
     * leaked). Decimals allowed, e.g. {@code 0.5}.
     */
    @Parameter(property = "threadguard.leakGraceSeconds", defaultValue = "2")
    protected double leakGraceSeconds;

    /**
     * Fail the build when the application itself exits with a code other than 0. A service that ends by itself
     * before threadguard stops it fails the build whatever its exit code.
     */
    @Parameter(property = "threadguard.failOnNonZeroExit", defaultValue = "true")
    protected boolean failOnNonZeroExit;

    /**
     * A service is ready when this URL answers HTTP with any status, e.g. {@code http://localhost:8080/health}. For
     * {@code run} with {@code loadUrls} it defaults to the first load URL.
     */
    @Parameter(property = "threadguard.readyUrl")
    protected String readyUrl;

    /** Without {@code readyUrl}: a service is ready when this local TCP port accepts a connection. */
    @Parameter(property = "threadguard.readyPort")
    protected Integer readyPort;

    /**
     * Seconds a service gets to become ready (without {@code readyUrl} and {@code readyPort}: for its {@code main}
     * to return while its threads keep it running). The build fails with its last output lines after that.
     */
    @Parameter(property = "threadguard.readyTimeout", defaultValue = "60")
    protected int readyTimeout;

    /**
     * Seconds a service gets to stop after SIGTERM (its shutdown hooks run) before threadguard dumps its threads,
     * names those that kept it alive, and kills it.
     */
    @Parameter(property = "threadguard.stopTimeout", defaultValue = "30")
    protected int stopTimeout;

    /** A checked launcher, its Java version, and the runtime class path with the main class on it. */
    protected record Launch(Path java, OptionalInt feature, List<String> classpath, String mainClass) {
    }

    protected Launch launch() throws MojoExecutionException {
        if (mainClass == null || mainClass.isBlank()) {
            throw new MojoExecutionException("threadguard.mainClass is not set: name the class whose main method to "
                    + "run, e.g. <mainClass>com.acme.App</mainClass> in the plugin's configuration or "
                    + "-Dthreadguard.mainClass=com.acme.App");
        }
        if (leakGraceSeconds < 0) {
            throw new MojoExecutionException("threadguard.leakGraceSeconds is " + leakGraceSeconds + ", but it must be 0 "
                    + "or more (seconds).");
        }
        Path java = JavaRuntime.launcher(jvm);
        if (!Files.isExecutable(java)) {
            throw new MojoExecutionException("threadguard.jvm is '" + jvm + "', but " + java + " is not an "
                    + "executable java launcher. Name a Java home or its bin/java.");
        }
        OptionalInt feature = JavaRuntime.featureVersion(java);
        if (maxVirtualThreads != null && feature.isPresent() && feature.getAsInt() < 21) {
            throw new MojoExecutionException("threadguard.maxVirtualThreads is set, but " + java + " is Java "
                    + feature.getAsInt() + ", which has no virtual threads. Run with Java 21 or newer "
                    + "(threadguard.jvm), or remove maxVirtualThreads.");
        }
        List<String> classpath;
        try {
            classpath = project.getRuntimeClasspathElements();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("threadguard could not resolve the runtime class path: " + e.getMessage(),
                    e);
        }
        String main = mainClass.trim();
        if (!JavaRuntime.containsClass(classpath, main)) {
            throw new MojoExecutionException("threadguard.mainClass is " + main + ", but no " + main.replace('.', '/')
                    + ".class is in " + project.getBuild().getOutputDirectory() + " or the runtime dependencies. "
                    + "Check the name, and compile first: mvn verify runs the goal after packaging, "
                    + "mvn compile threadguard:" + goalName() + " runs it directly.");
        }
        return new Launch(java, feature, classpath, main);
    }

    /**
     * The run of the application under the agent: its budgets, the agent's options for {@code mode}
     * ({@code main} or {@code service}), and where its recording and report go.
     */
    protected GuardedRun.Request runRequest(Launch launch, String mode, int timeoutSeconds)
            throws MojoExecutionException {
        Path output = outputDirectory.toPath().toAbsolutePath();
        AgentOptions options = agentOptions(output.resolve(OutputFiles.RUN_RECORDING))
                .mode(mode)
                .maxThreads(orUnset(maxThreads))
                .maxVirtualThreads(orUnset(maxVirtualThreads))
                .maxThreadsStarted(orUnset(maxThreadsStarted))
                .maxLeakedThreads(orUnset(maxLeakedThreads))
                .failFast(failFast)
                .leakGraceMillis(leakGraceMillis())
                .timeoutSeconds(timeoutSeconds)
                .parentPid(ProcessHandle.current().pid());
        if (AgentOptions.MODE_SERVICE.equals(mode)) {
            options.controlDir(output.resolve(OutputFiles.SERVICE_CONTROL));
        }
        return new GuardedRun.Request(launch.java(), agentJar(), options, jvmArguments(), launch.classpath(),
                launch.mainClass(), mainArguments(), project.getBasedir().toPath(), budgets(), allowances(),
                failOnNonZeroExit, output.resolve(OutputFiles.RUN_REPORT),
                launch.feature().isPresent() ? Integer.toString(launch.feature().getAsInt()) : null);
    }

    /** A service's run: readiness, stop and grace settings checked, {@code defaultReadyUrl} when none is set. */
    protected ServiceRun.Request serviceRequest(GuardedRun.Request run, String defaultReadyUrl)
            throws MojoExecutionException {
        if (readyTimeout < 1) {
            throw new MojoExecutionException("threadguard.readyTimeout is " + readyTimeout + ", but it must be at least "
                    + "1 (seconds).");
        }
        if (stopTimeout < 1) {
            throw new MojoExecutionException("threadguard.stopTimeout is " + stopTimeout + ", but it must be at least 1 "
                    + "(seconds).");
        }
        if (readyPort != null && (readyPort < 1 || readyPort > 65535)) {
            throw new MojoExecutionException("threadguard.readyPort is " + readyPort + ", but it must be a TCP port "
                    + "(1 to 65535).");
        }
        String url = readyUrl != null && !readyUrl.isBlank() ? readyUrl.trim() : defaultReadyUrl;
        URI ready = null;
        if (url != null) {
            try {
                ready = new URI(url);
            } catch (URISyntaxException e) {
                throw new MojoExecutionException("threadguard.readyUrl is '" + url + "', which is not a URL: "
                        + e.getMessage() + ". Write e.g. http://localhost:8080/health", e);
            }
            if (!"http".equals(ready.getScheme()) && !"https".equals(ready.getScheme())) {
                throw new MojoExecutionException("threadguard.readyUrl is '" + url + "', but it must be an http or "
                        + "https URL, e.g. http://localhost:8080/health");
            }
        }
        return new ServiceRun.Request(run, ready, readyPort, Duration.ofSeconds(readyTimeout),
                Duration.ofSeconds(stopTimeout), Duration.ofMillis(leakGraceMillis()),
                run.agentOptions().controlDir());
    }

    /** The goal's name, for messages. */
    protected abstract String goalName();

    protected long leakGraceMillis() {
        return Math.round(leakGraceSeconds * 1000);
    }

    protected List<String> jvmArguments() {
        return nonBlank(jvmArgs);
    }

    protected List<String> mainArguments() {
        return nonBlank(arguments);
    }
}
