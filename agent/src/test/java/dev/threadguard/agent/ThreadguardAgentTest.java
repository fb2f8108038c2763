package dev.threadguard.agent;

import dev.threadguard.agent.api.TestEvents;
import dev.threadguard.agent.runtime.Hook;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThreadguardAgentTest {

    private final Path classes = location();

    @Test
    void theAgentsClassesAreDefinedByItsOwnLoaderWithNoLocation() throws Exception {
        ThreadguardAgent.Loader loader = new ThreadguardAgent.Loader(classes, getClass().getClassLoader());

        Class<?> agent = loader.loadClass(ThreadguardAgent.AGENT);
        assertThat(agent.getClassLoader()).isSameAs(loader);
        assertThat(agent).isNotSameAs(Agent.class);
        // what coverage agents look at before instrumenting a class: JaCoCo skips a class with no location
        assertThat(agent.getProtectionDomain().getCodeSource().getLocation()).isNull();
        Class<?> hook = loader.loadClass(Hook.class.getName());
        assertThat(hook.getClassLoader()).isSameAs(loader);
        assertThat(loader.loadClass(Hook.class.getName())).isSameAs(hook);
    }

    @Test
    void theListenersApiTheLauncherAndTheJdkComeFromTheParent() throws Exception {
        ThreadguardAgent.Loader loader = new ThreadguardAgent.Loader(classes, getClass().getClassLoader());

        // the listeners on the class path and the agent must share TestEvents, or no test event reaches the agent
        assertThat(loader.loadClass(TestEvents.class.getName())).isSameAs(TestEvents.class);
        assertThat(loader.loadClass(TestEvents.Sink.class.getName())).isSameAs(TestEvents.Sink.class);
        assertThat(loader.loadClass(ThreadguardAgent.class.getName())).isSameAs(ThreadguardAgent.class);
        assertThat(loader.loadClass(ThreadguardAgent.Loader.class.getName())).isSameAs(ThreadguardAgent.Loader.class);
        assertThat(loader.loadClass(String.class.getName())).isSameAs(String.class);
        assertThat(ThreadguardAgent.Loader.own("dev.threadguard.agent.shaded.asm.ClassReader")).isTrue();
        assertThat(ThreadguardAgent.Loader.own("dev.threadguard.agent.apiculture.Bee")).isTrue();
        assertThat(ThreadguardAgent.Loader.own("dev.threadguard.junit.ThreadguardTestListener")).isFalse();
    }

    @Test
    void theAgentsClassFilesAreReadFromItsJarAndAMissingOneIsNotFound() throws Exception {
        Path jar = Files.createTempFile("agent", ".jar");
        try {
            try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
                String name = Hook.class.getName().replace('.', '/') + ".class";
                out.putNextEntry(new java.util.zip.ZipEntry(name));
                out.write(Files.readAllBytes(classes.resolve(name)));
                out.closeEntry();
            }
            ThreadguardAgent.Loader loader = new ThreadguardAgent.Loader(jar, getClass().getClassLoader());

            try (InputStream in = loader.getResourceAsStream(Hook.class.getName().replace('.', '/') + ".class")) {
                assertThat(in).isNotNull();
            }
            // the test classpath holds the agent's classes, but the loader reads only the agent's own jar
            assertThat(loader.getResourceAsStream(ThreadguardAgent.AGENT.replace('.', '/') + ".class")).isNull();
            assertThatThrownBy(() -> loader.loadClass(ThreadguardAgent.AGENT))
                    .isInstanceOf(ClassNotFoundException.class);
        } finally {
            Files.deleteIfExists(jar);
        }
    }

    private static Path location() {
        try {
            return ThreadguardAgent.location();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
