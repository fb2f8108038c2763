package dev.threadguard.plugin;

import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ReactorTotalsTest {

    private static PluginDescriptor threadguard() {
        PluginDescriptor plugin = new PluginDescriptor();
        plugin.setGroupId("dev.threadguard");
        plugin.setArtifactId("threadguard-maven-plugin");
        plugin.setGoalPrefix("threadguard");
        return plugin;
    }

    private static MavenProject module(String name, boolean bindsCheck) {
        Model model = new Model();
        model.setGroupId("g");
        model.setArtifactId(name);
        model.setVersion("1");
        MavenProject project = new MavenProject(model);
        if (bindsCheck) {
            Plugin plugin = new Plugin();
            plugin.setGroupId("dev.threadguard");
            plugin.setArtifactId("threadguard-maven-plugin");
            PluginExecution execution = new PluginExecution();
            execution.addGoal("check");
            plugin.addExecution(execution);
            model.setBuild(new org.apache.maven.model.Build());
            model.getBuild().addPlugin(plugin);
        }
        return project;
    }

    @SuppressWarnings("deprecation")
    private static MavenSession session(List<MavenProject> projects, String... goals) {
        DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
        request.setGoals(List.of(goals));
        MavenSession session = new MavenSession(null, new DefaultRepositorySystemSession(), request,
                new DefaultMavenExecutionResult());
        session.setProjects(projects);
        return session;
    }

    @Test
    void recognisesTheGoalOnTheCommandLineInEveryForm() {
        PluginDescriptor plugin = threadguard();
        assertThat(ReactorTotals.names("threadguard:check", plugin, "check")).isTrue();
        assertThat(ReactorTotals.names("threadguard:check@ci", plugin, "check")).isTrue();
        assertThat(ReactorTotals.names("dev.threadguard:threadguard-maven-plugin:check", plugin, "check")).isTrue();
        assertThat(ReactorTotals.names("dev.threadguard:threadguard-maven-plugin:0.1.0:check", plugin, "check"))
                .isTrue();
        assertThat(ReactorTotals.names("threadguard:baseline", plugin, "check")).isFalse();
        assertThat(ReactorTotals.names("verify", plugin, "check")).isFalse();
        assertThat(ReactorTotals.names("other:check", plugin, "check")).isFalse();
    }

    @Test
    void theModulesThatRunTheGoalAreThoseThatBindItOrAllWhenItIsOnTheCommandLine() {
        List<MavenProject> modules = List.of(module("a", true), module("b", false), module("c", true));
        assertThat(ReactorTotals.modulesRunning(session(modules, "verify"), threadguard(), "check"))
                .containsExactly("g:a:jar:1", "g:c:jar:1");
        assertThat(ReactorTotals.modulesRunning(session(modules, "threadguard:check"), threadguard(), "check"))
                .hasSize(3);
    }

    @Test
    void theLastModuleGetsTheTotalsExactlyOnceHoweverThreadsInterleave() throws Exception {
        for (int round = 0; round < 50; round++) {
            List<MavenProject> modules = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                modules.add(module("m" + i, true));
            }
            MavenSession session = session(modules, "verify");
            ExecutorService threads = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<ReactorTotals.Totals>>> results = new ArrayList<>();
            for (int i = 0; i < modules.size(); i++) {
                MavenProject module = modules.get(i);
                long findings = i;
                results.add(threads.submit(() -> {
                    start.await();
                    return ReactorTotals.add(session, module, threadguard(), "check", new long[] {findings, 1});
                }));
            }
            start.countDown();
            List<ReactorTotals.Totals> printed = new ArrayList<>();
            for (Future<Optional<ReactorTotals.Totals>> result : results) {
                result.get(30, TimeUnit.SECONDS).ifPresent(printed::add);
            }
            threads.shutdown();
            assertThat(printed).singleElement().satisfies(totals -> {
                assertThat(totals.modules()).isEqualTo(8);
                assertThat(totals.counts()).containsExactly(0 + 1 + 2 + 3 + 4 + 5 + 6 + 7, 8);
            });
        }
    }

    @Test
    void aSingleModuleBuildPrintsNoTotals() {
        MavenProject only = module("a", true);
        assertThat(ReactorTotals.add(session(List.of(only), "verify"), only, threadguard(), "check",
                new long[] {3})).isEmpty();
    }
}
