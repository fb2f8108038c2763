package dev.threadguard.plugin;

import dev.threadguard.agent.config.AgentOptions;
import dev.threadguard.report.runtime.ServiceRun;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.IOException;

/**
 * Starts the project's application as a service under threadguard for the integration tests, as Spring Boot's
 * {@code start} does, and returns once it is ready; {@code stop} ends it and judges its threads under load.
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class StartMojo extends AbstractApplicationMojo {

    @Override
    protected String goalName() {
        return "start";
    }

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        if ("pom".equals(project.getPackaging())) {
            getLog().info("threadguard: skipping start of " + project.getArtifactId() + ", which has pom packaging");
            return;
        }
        String build = ServiceRegistry.build(session);
        ServiceRun leftOver = ServiceRegistry.takeLeftOver(project, build);
        if (leftOver != null) {
            boolean alive = leftOver.isAlive();
            try {
                leftOver.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MojoExecutionException("threadguard was interrupted while it ended a service left running", e);
            }
            if (alive) {
                getLog().warn("threadguard: ended the service of " + project.getArtifactId() + " that an earlier build "
                        + "in this JVM started and never stopped (it failed between threadguard:start and stop)");
            }
        }
        if (ServiceRegistry.running(project, build)) {
            throw new MojoExecutionException("threadguard:start ran twice for " + project.getArtifactId() + " without "
                    + "threadguard:stop between: bind stop to post-integration-test after each start");
        }
        Launch launch = launch();
        ServiceRun service = new ServiceRun(serviceRequest(runRequest(launch, AgentOptions.MODE_SERVICE, 0), null));
        RuntimeConsole console = new RuntimeConsole(getLog());
        getLog().info("threadguard: starting " + launch.mainClass() + " as a service under the agent (ready within "
                + readyTimeout + " s)");
        try {
            service.start(console::applicationLine);
        } catch (ServiceRun.NotReady e) {
            throw new MojoFailureException("threadguard: " + e.getMessage() + "." + lastLines(e)
                    + "\nFix the start-up, or tell threadguard how to see readiness: threadguard.readyUrl, "
                    + "threadguard.readyPort, a longer threadguard.readyTimeout.");
        } catch (IOException e) {
            throw new MojoExecutionException("threadguard could not start " + launch.mainClass() + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("threadguard was interrupted while " + launch.mainClass() + " started", e);
        }
        ServiceRegistry.register(project, build, service);
        getLog().info(String.format(java.util.Locale.ROOT, "threadguard: %s is ready after %.1f s (pid %d); "
                + "threadguard:stop ends it and checks its threads", launch.mainClass(),
                service.readyMillis() / 1000.0, service.pid()));
    }

    static String lastLines(ServiceRun.NotReady e) {
        return e.lastLines().isEmpty() ? "\nThe application printed nothing."
                : "\nIts last output:\n    " + String.join("\n    ", e.lastLines());
    }
}
