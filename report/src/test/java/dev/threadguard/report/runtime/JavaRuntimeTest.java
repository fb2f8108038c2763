package dev.threadguard.report.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JavaRuntimeTest {

    @TempDir
    Path directory;

    @Test
    void tellsTheFeatureVersionOfAJavaHomeFromItsReleaseFile() throws Exception {
        Path home = directory.resolve("jdk");
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"21.0.4\"\n");
        assertThat(JavaRuntime.featureVersion(JavaRuntime.launcher(home.toString()))).hasValue(21);
        assertThat(JavaRuntime.featureVersion(JavaRuntime.launcher(null)))
                .hasValue(Runtime.version().feature());
        assertThat(JavaRuntime.featureVersion(directory.resolve("nowhere/bin/java"))).isEmpty();
    }

    @Test
    void findsTheMainClassInDirectoriesAndJars() {
        List<String> classpath = List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator));
        assertThat(JavaRuntime.containsClass(classpath, JavaRuntimeTest.class.getName())).isTrue();
        assertThat(JavaRuntime.containsClass(classpath, "org.junit.jupiter.api.Test")).isTrue();
        assertThat(JavaRuntime.containsClass(classpath, "com.acme.Missing")).isFalse();
    }
}
