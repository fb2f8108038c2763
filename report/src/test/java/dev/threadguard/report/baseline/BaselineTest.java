package dev.threadguard.report.baseline;

import dev.threadguard.api.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static dev.threadguard.report.baseline.BaselineComparisonTest.MODULE;
import static dev.threadguard.report.baseline.BaselineComparisonTest.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class BaselineTest {

    @TempDir
    Path directory;

    @Test
    void writesOneFieldALineInAStableOrderAndReadsItBack() throws IOException {
        List<Finding> findings = List.of(finding("src/A.java", 12, "each(List<Runnable>)", "new Thread(job).start()"));
        Baseline baseline = BaselineUpdate.of(null, findings, Fingerprints.of(findings, MODULE), Set.of()).baseline();
        Path file = directory.resolve("threadguard-baseline.json");
        baseline.write(file);

        String key = Fingerprints.of(findings, MODULE).get(0).key();
        assertThat(Files.readString(file)).isEqualTo("""
                {
                  "version": 1,
                  "findings": [
                    {
                      "rule": "thread-in-loop",
                      "file": "src/A.java",
                      "line": 12,
                      "type": "Spawner",
                      "member": "each(List<Runnable>)",
                      "code": "new Thread(job).start()",
                      "message": "Thread started at 12",
                      "fingerprint": "%s"
                    }
                  ]
                }
                """.formatted(key));
        assertThat(key).matches("[0-9a-f]{16}:1");
        assertThat(Baseline.read(file)).isEqualTo(baseline);
    }

    @Test
    void anEmptyBaselineIsValid() throws IOException {
        Path file = directory.resolve("threadguard-baseline.json");
        Baseline.of(List.of()).write(file);
        assertThat(Baseline.read(file).findings()).isEmpty();
    }

    @Test
    void saysWhereAFileIsNotABaseline() throws IOException {
        Path file = directory.resolve("threadguard-baseline.json");
        Files.writeString(file, "{\n  \"version\": 1,\n  \"findings\": {\"rule\": 3}\n}\n");
        assertThat(catchThrowable(() -> Baseline.read(file))).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ":3:").hasMessageContaining("is not a readable Baseline");

        Files.writeString(file, "{\"version\": 7, \"findings\": []}");
        assertThat(catchThrowable(() -> Baseline.read(file))).hasMessageContaining("format 7")
                .hasMessageContaining("mvn threadguard:baseline");

        Files.writeString(file, "{\"findings\": []}");
        assertThat(catchThrowable(() -> Baseline.read(file))).hasMessageContaining("no version")
                .hasMessageContaining("mvn threadguard:baseline");

        Files.writeString(file, "{\"version\": 1, \"findings\": [{\"rule\": \"thread-in-loop\", \"file\": \"A.java\"}]}");
        assertThat(catchThrowable(() -> Baseline.read(file))).hasMessageContaining("no fingerprint")
                .hasMessageContaining("thread-in-loop in A.java");
    }
}
