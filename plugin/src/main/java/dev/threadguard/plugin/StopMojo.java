package dev.threadguard.plugin;

import dev.threadguard.report.OutputFiles;
import dev.threadguard.report.model.RunReport;
import dev.threadguard.report.runtime.ServiceRun;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Stops the service {@code start} started and judges it: the threads the integration tests' load left behind
 * (leaked per request, like goroutines left blocked), the budgets, a crash or a hang on the way down. Writes
 * {@code target/threadguard/run-report.json} and {@code report.html}, and fails the build on a breach.
 */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopMojo extends AbstractThreadguardMojo {

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        ServiceRun service = ServiceRegistry.take(project, ServiceRegistry.build(session));
        if (service == null) {
            if ("pom".equals(project.getPackaging())) {
                return;
            }
            throw new MojoExecutionException("threadguard:stop found no service of " + project.getArtifactId()
                    + " started by threadguard:start in this build: bind start to pre-integration-test before stop "
                    + "(or skip both with threadguard.skip)");
        }
        getLog().info("threadguard: stopping the service (leak snapshot after "
                + service.request().leakGrace().toMillis() / 1000.0 + " s, then SIGTERM, at most "
                + service.request().stopTimeout().toSeconds() + " s to stop)");
        RunReport report;
        try {
            report = service.stop(null);
        } catch (IOException e) {
            throw new MojoExecutionException("threadguard could not stop the service: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("threadguard was interrupted while it stopped the service", e);
        }
        Path output = outputDirectory.toPath().toAbsolutePath();
        new RuntimeConsole(getLog()).result(report, output.resolve(OutputFiles.RUN_REPORT),
                service.request().run().agentOptions().file());
        Reports.writeHtml(output, project, plugin.getVersion(), getLog());
        if (!report.passed()) {
            throw new MojoFailureException(RuntimeConsole.failureMessage(report));
        }
    }
}
