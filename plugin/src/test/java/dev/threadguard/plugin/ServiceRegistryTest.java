package dev.threadguard.plugin;

import dev.threadguard.report.runtime.ServiceRun;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceRegistryTest {

    @TempDir
    Path directory;

    private MavenProject project(String name) {
        MavenProject project = new MavenProject();
        project.setFile(directory.resolve(name).resolve("pom.xml").toFile());
        return project;
    }

    @Test
    void stopTakesTheServiceItsOwnBuildStarted() {
        MavenProject project = project("a");
        ServiceRun service = new ServiceRun(null);
        assertThat(ServiceRegistry.register(project, "build-1", service)).isTrue();

        assertThat(ServiceRegistry.running(project, "build-1")).isTrue();
        assertThat(ServiceRegistry.register(project, "build-1", new ServiceRun(null))).isFalse();
        assertThat(ServiceRegistry.takeLeftOver(project, "build-1")).isNull();
        assertThat(ServiceRegistry.take(project, "build-1")).isSameAs(service);
        assertThat(ServiceRegistry.take(project, "build-1")).isNull();
    }

    @Test
    void aServiceAnEarlierBuildLeftIsNotJudgedByTheNextBuildButHandedOverToBeEnded() {
        MavenProject project = project("b");
        ServiceRun leftOver = new ServiceRun(null);
        ServiceRegistry.register(project, "build-1", leftOver);

        assertThat(ServiceRegistry.take(project, "build-2")).isNull();
        assertThat(ServiceRegistry.running(project, "build-2")).isFalse();
        assertThat(ServiceRegistry.takeLeftOver(project, "build-2")).isSameAs(leftOver);
        ServiceRun next = new ServiceRun(null);
        assertThat(ServiceRegistry.register(project, "build-2", next)).isTrue();
        assertThat(ServiceRegistry.take(project, "build-2")).isSameAs(next);
    }

    @Test
    void modulesHaveAServiceEach() {
        ServiceRun first = new ServiceRun(null);
        ServiceRun second = new ServiceRun(null);
        ServiceRegistry.register(project("c"), "build-1", first);
        ServiceRegistry.register(project("d"), "build-1", second);

        assertThat(ServiceRegistry.take(project("d"), "build-1")).isSameAs(second);
        assertThat(ServiceRegistry.take(project("c"), "build-1")).isSameAs(first);
    }
}
