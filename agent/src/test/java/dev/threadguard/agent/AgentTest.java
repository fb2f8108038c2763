package dev.threadguard.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AgentTest {

    @TempDir
    Path directory;

    @Test
    void aTestRecordingOfThisBuildIsNeverOverwrittenWhenAPidComesBack() throws Exception {
        Path file = directory.resolve("test-4711.tglog");
        assertThat(Agent.unused(file)).isEqualTo(file);

        Files.writeString(file, "an earlier fork of this build");
        Files.writeString(directory.resolve("test-4711-2.tglog"), "and another");

        assertThat(Agent.unused(file)).isEqualTo(directory.resolve("test-4711-3.tglog"));
    }
}
