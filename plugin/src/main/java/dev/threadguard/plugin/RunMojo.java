package dev.threadguard.plugin;

import dev.threadguard.agent.config.AgentOptions;
import dev.threadguard.agent.config.LogFormat;
import dev.threadguard.report.OutputFiles;
import dev.threadguard.report.model.LoadSummary;
import dev.threadguard.report.model.RunReport;
import dev.threadguard.report.runtime.GuardedRun;
import dev.threadguard.report.runtime.LoadGenerator;
import dev.threadguard.report.runtime.ServiceRun;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the project's application under threadguard and fails the build when it starts too many threads, leaks
 * them, or hangs: prints each measured value against its limit and who made the offending threads, and writes
 * {@code target/threadguard/run-report.json} and {@code report.html}. With {@code loadUrls} the application is a
 * service: threadguard waits until it is ready, sends it requests, and judges the threads the load left behind.
 */
@Mojo(name = "run", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class RunMojo extends AbstractApplicationMojo {

    private static final long PROGRESS_EVERY_NANOS = 3_000_000_000L;

    /** Seconds after which a run that has not ended is a hang: threads dumped, JVM ended, build failed. */
    @Parameter(property = "threadguard.timeoutSeconds", defaultValue = "120")
    private int timeoutSeconds;

    /**
     * URLs to load the application with, which makes it a service: when set, threadguard waits until it is ready,
     * sends {@code loadRequests} GET requests over them in turn, then stops it and judges; on the command line,
     * comma-separated.
     */
    @Parameter(property = "threadguard.loadUrls")
    private List<String> loadUrls;

    /** How many requests the built-in load sends. */
    @Parameter(property = "threadguard.loadRequests", defaultValue = "1000")
    private int loadRequests;

    /** The most requests of the built-in load in flight at once. */
    @Parameter(property = "threadguard.loadConcurrency", defaultValue = "32")
    private int loadConcurrency;

    @Override
    protected String goalName() {
        return "run";
    }

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        if ("pom".equals(project.getPackaging())) {
            getLog().info("threadguard: skipping run of " + project.getArtifactId() + ", which has pom packaging");
            return;
        }
        if (timeoutSeconds <= 0) {
            throw new MojoExecutionException("threadguard.timeoutSeconds is " + timeoutSeconds + ", but it must be at "
                    + "least 1. Set it above the time your application needs.");
        }
        Launch launch = launch();
        List<String> urls = nonBlank(loadUrls);
        RuntimeConsole console = new RuntimeConsole(getLog());
        Path output = outputDirectory.toPath().toAbsolutePath();
        RunReport report;
        try {
            if (urls.isEmpty()) {
                GuardedRun.Request request = runRequest(launch, AgentOptions.MODE_MAIN, timeoutSeconds);
                getLog().info("threadguard: running " + launch.mainClass() + " under the agent (timeout "
                        + timeoutSeconds + " s)");
                report = new GuardedRun().run(request, console::applicationLine);
            } else {
                report = underLoad(launch, urls, console);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("threadguard could not run " + launch.mainClass() + ": " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("threadguard was interrupted while " + launch.mainClass() + " ran", e);
        }
        console.result(report, output.resolve(OutputFiles.RUN_REPORT), output.resolve(OutputFiles.RUN_RECORDING));
        Reports.writeHtml(output, project, plugin.getVersion(), getLog());
        if (!report.passed()) {
            throw new MojoFailureException(RuntimeConsole.failureMessage(report));
        }
    }

    /** Start as a service, load it, stop it: the run of {@code start}, the tests and {@code stop} in one goal. */
    private RunReport underLoad(Launch launch, List<String> urls, RuntimeConsole console)
            throws MojoExecutionException, MojoFailureException, IOException, InterruptedException {
        LoadGenerator.Settings settings;
        try {
            List<URI> uris = new ArrayList<>();
            for (String url : urls) {
                uris.add(URI.create(url.trim()));
            }
            settings = new LoadGenerator.Settings(uris, loadRequests, loadConcurrency, Duration.ofSeconds(5),
                    Duration.ofSeconds(30));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        ServiceRun service = new ServiceRun(serviceRequest(runRequest(launch, AgentOptions.MODE_SERVICE,
                timeoutSeconds), urls.get(0).trim()));
        getLog().info("threadguard: starting " + launch.mainClass() + " as a service under the agent, then "
                + loadRequests + " requests to " + String.join(", ", urls) + " (" + loadConcurrency + " at a time)");
        try {
            service.start(console::applicationLine);
        } catch (ServiceRun.NotReady e) {
            throw new MojoFailureException("threadguard: " + e.getMessage() + "." + StartMojo.lastLines(e)
                    + "\nFix the start-up, or tell threadguard how to see readiness: threadguard.readyUrl, "
                    + "threadguard.readyPort, a longer threadguard.readyTimeout.");
        }
        LoadSummary load;
        try {
            getLog().info(String.format(Locale.ROOT, "threadguard: ready after %.1f s; loading it",
                    service.readyMillis() / 1000.0));
            service.mark(LogFormat.MARK_LOAD_START);
            long[] nextReport = {System.nanoTime() + PROGRESS_EVERY_NANOS};
            load = new LoadGenerator().run(settings, (done, total) -> {
                if (System.nanoTime() - nextReport[0] >= 0 && done < total) {
                    nextReport[0] = System.nanoTime() + PROGRESS_EVERY_NANOS;
                    getLog().info("threadguard: load: " + done + " of " + total + " requests done");
                }
            }, service::isAlive);
            service.mark(LogFormat.MARK_LOAD_END);
        } catch (RuntimeException | InterruptedException e) {
            service.kill();
            throw e;
        }
        if (service.isAlive()) {
            getLog().info("threadguard: load done; stopping the service");
        } else {
            getLog().warn("threadguard: the application ended during the load, after " + load.requests() + " of "
                    + loadRequests + " requests");
        }
        return service.stop(load);
    }
}
