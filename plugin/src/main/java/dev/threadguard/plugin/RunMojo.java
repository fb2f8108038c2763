package dev.threadguard.plugin;

import dev.threadguard.agent.AgentOptions;
import dev.threadguard.report.runtime.Budgets;
import dev.threadguard.report.runtime.ForkedRun;
import dev.threadguard.report.runtime.GuardedRun;
import dev.threadguard.report.runtime.Ignores;
import dev.threadguard.report.runtime.JavaRuntime;
import dev.threadguard.report.runtime.RunReport;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * Runs the project's application under threadguard's agent and checks its thread budgets: peak live platform
 * and virtual threads, threads started, and threads leaked after {@code main} returned. Prints each measured value
 * against its limit, the top thread creation sites, writes {@code target/threadguard/run-report.json} and the JFR
 * recording {@code target/threadguard/run.jfr}, and fails the build on a breach, a hang or a crash.
 */
@Mojo(name = "run", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class RunMojo extends AbstractThreadguardMojo {

    static final String REPORT_FILE = "run-report.json";
    static final String RECORDING_FILE = "run.jfr";
    static final String AGENT_KEY = "dev.threadguard:threadguard-agent";

    /** The class whose {@code main} method to run, e.g. {@code com.acme.App}. */
    @Parameter(property = "threadguard.mainClass")
    private String mainClass;

    /** Arguments passed to {@code main}; on the command line, comma-separated. */
    @Parameter(property = "threadguard.arguments")
    private List<String> arguments;

    /** Options for the forked JVM, e.g. {@code -Xmx256m}; on the command line, comma-separated. */
    @Parameter(property = "threadguard.jvmArgs")
    private List<String> jvmArgs;

    /** The {@code java} launcher or Java home to run with; the JVM running Maven by default. */
    @Parameter(property = "threadguard.jvm")
    private String jvm;

    /** Seconds after which a run that has not ended is a hang: threads dumped, JVM ended, build failed. */
    @Parameter(property = "threadguard.timeout", defaultValue = "120")
    private int timeout;

    /** The most platform threads of the application alive at once (baseline excluded). Unset: measured only. */
    @Parameter(property = "threadguard.maxThreads")
    private Long maxThreads;

    /** The most virtual threads alive at once; needs a JVM with virtual threads (21+). Unset: measured only. */
    @Parameter(property = "threadguard.maxVirtualThreads")
    private Long maxVirtualThreads;

    /** The most platform threads the application may start during the run. Unset: measured only. */
    @Parameter(property = "threadguard.maxThreadsStarted")
    private Long maxThreadsStarted;

    /** The most non-daemon threads that may still be alive when {@code main} has returned and the grace period passed. */
    @Parameter(property = "threadguard.maxLeakedThreads", defaultValue = "0")
    private Long maxLeakedThreads;

    /**
     * Stop the application as soon as a budget is exceeded (thread dump, recording, exit code 85), so a runaway
     * spawner cannot exhaust the machine. False lets the run go on and only reports.
     */
    @Parameter(property = "threadguard.failFast", defaultValue = "true")
    private boolean failFast;

    /**
     * Milliseconds the application's non-daemon threads get to finish after {@code main} returned; any still alive
     * then are leaked, and the JVM is ended.
     */
    @Parameter(property = "threadguard.leakGracePeriod", defaultValue = "2000")
    private long leakGracePeriod;

    /**
     * Threads not to count, by name: globs ({@code *} any characters, {@code ?} one) or {@code regex:} Java regular
     * expressions, matching the whole name, e.g. {@code HikariPool-*} or {@code regex:grpc-default-worker-.*}.
     */
    @Parameter(property = "threadguard.ignoreThreadNames")
    private List<String> ignoreThreadNames;

    /**
     * Threads not to count, by where they were created: globs or {@code regex:} patterns matched against
     * {@code pkg.Class.method} of each frame of the creation stack, e.g. {@code com.zaxxer.hikari.*}.
     */
    @Parameter(property = "threadguard.ignoreCreationFrames")
    private List<String> ignoreCreationFrames;

    /** Fail the build when the application itself exits with a code other than 0. */
    @Parameter(property = "threadguard.failOnNonZeroExit", defaultValue = "true")
    private boolean failOnNonZeroExit;

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        if ("pom".equals(project.getPackaging())) {
            getLog().info("threadguard: skipping run of " + project.getArtifactId() + ", which has pom packaging");
            return;
        }
        GuardedRun.Request request = request();
        RunConsole console = new RunConsole(getLog());
        console.starting(request);
        RunReport report;
        try {
            report = new GuardedRun().run(request, console::applicationLine);
        } catch (IOException e) {
            throw new MojoExecutionException("threadguard could not run " + mainClass + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("threadguard was interrupted while " + mainClass + " ran", e);
        }
        console.result(report, request.reportFile(), request.agentOptions().file());
        Reports.writeHtml(outputDirectory.toPath(), project, plugin.getVersion(), getLog());
        if (!report.passed()) {
            throw new MojoFailureException(RunConsole.failureMessage(report));
        }
    }

    private GuardedRun.Request request() throws MojoExecutionException {
        if (mainClass == null || mainClass.isBlank()) {
            throw new MojoExecutionException("threadguard.mainClass is not set: name the class whose main method to "
                    + "run, e.g. <mainClass>com.acme.App</mainClass> in the plugin's configuration or "
                    + "-Dthreadguard.mainClass=com.acme.App");
        }
        if (timeout <= 0) {
            throw new MojoExecutionException("threadguard.timeout is " + timeout + ", but it must be at least 1 "
                    + "(seconds). Set it above the time your application needs.");
        }
        if (leakGracePeriod < 0) {
            throw new MojoExecutionException("threadguard.leakGracePeriod is " + leakGracePeriod
                    + ", but it must be 0 or more (milliseconds).");
        }
        Budgets budgets;
        Ignores ignores;
        try {
            budgets = new Budgets(maxThreads, maxVirtualThreads, maxThreadsStarted, maxLeakedThreads);
            ignores = Ignores.of(ignoreThreadNames, ignoreCreationFrames, "threadguard.ignoreThreadNames",
                    "threadguard.ignoreCreationFrames");
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
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
                    + "mvn compile threadguard:run runs it directly.");
        }

        Path output = outputDirectory.toPath().toAbsolutePath();
        AgentOptions options = new AgentOptions()
                .file(output.resolve(RECORDING_FILE))
                .maxThreads(orUnset(maxThreads))
                .maxVirtualThreads(orUnset(maxVirtualThreads))
                .maxThreadsStarted(orUnset(maxThreadsStarted))
                .maxLeakedThreads(orUnset(maxLeakedThreads))
                .failFast(failFast)
                .leakGraceMillis(leakGracePeriod)
                .timeoutSeconds(timeout);
        if (ignoreThreadNames != null) {
            ignoreThreadNames.forEach(options::ignoreThreadName);
        }
        if (ignoreCreationFrames != null) {
            ignoreCreationFrames.forEach(options::ignoreCreationFrame);
        }
        return new GuardedRun.Request(java, agentJar(), options, nonNull(jvmArgs), classpath, main,
                nonNull(arguments), project.getBasedir().toPath(), budgets, ignores, failOnNonZeroExit,
                output.resolve(REPORT_FILE),
                feature.isPresent() ? Integer.toString(feature.getAsInt()) : null);
    }

    private Path agentJar() throws MojoExecutionException {
        Artifact agent = plugin.getArtifactMap().get(AGENT_KEY);
        if (agent == null || agent.getFile() == null || !agent.getFile().isFile()) {
            throw new MojoExecutionException("threadguard's agent (" + AGENT_KEY + ") is missing from the plugin's "
                    + "dependencies; reinstall the plugin.");
        }
        return agent.getFile().toPath();
    }

    private static long orUnset(Long value) {
        return value == null ? AgentOptions.UNSET : value;
    }

    private static List<String> nonNull(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).toList();
    }
}
