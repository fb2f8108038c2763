package dev.threadguard.plugin;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;

/**
 * What every threadguard goal shares: the project, the output directory and the {@code skip} switch, handled in
 * one place with one info line, as JaCoCo's goals do.
 */
public abstract class AbstractThreadguardMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** threadguard's own descriptor: its version, and the agent among its artifacts. */
    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    protected PluginDescriptor plugin;

    /** Where threadguard writes its reports and recordings. */
    @Parameter(property = "threadguard.outputDirectory", defaultValue = "${project.build.directory}/threadguard")
    protected File outputDirectory;

    /** Skips every threadguard goal. */
    @Parameter(property = "threadguard.skip", defaultValue = "false")
    protected boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("threadguard: skipping, as threadguard.skip is set");
            skipped();
            return;
        }
        executeGoal();
    }

    /** Runs the goal; called unless skipped. */
    protected abstract void executeGoal() throws MojoExecutionException, MojoFailureException;

    /** Called instead of {@link #executeGoal()} when skipped, for goals that must still leave something behind. */
    protected void skipped() {
    }
}
