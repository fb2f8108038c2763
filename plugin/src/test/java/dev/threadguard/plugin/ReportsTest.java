package dev.threadguard.plugin;

import dev.threadguard.engine.AnalysisResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When a run with every file from the cache may keep the SARIF it wrote last time. Times are set, not waited for. */
class ReportsTest {

    @TempDir
    Path module;

    private Path sarif;
    private Path cache;
    private Path baseline;
    private final AnalysisResult allCached = new AnalysisResult(List.of(), List.of(), 2, List.of(), Duration.ZERO,
            new AnalysisResult.Work(0, 0, 2));

    private static void touch(Path file, int minute) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "x");
        }
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T10:00:00Z").plusSeconds(60L * minute)));
    }

    @BeforeEach
    void files() throws IOException {
        sarif = module.resolve("target/threadguard/threadguard.sarif");
        cache = module.resolve("target/threadguard/analysis.cache");
        baseline = module.resolve("threadguard-baseline.json");
        touch(cache, 1);
        touch(sarif, 2);
        touch(module, 0); // after target/ was created in it
    }

    @Test
    void aSarifNewerThanTheCacheIsCurrentWhenEveryFileCameFromTheCache() {
        assertThat(Reports.isCurrent(sarif, cache, allCached, baseline)).isTrue();
        assertThat(Reports.isCurrent(sarif, cache, new AnalysisResult(List.of(), List.of(), 2, List.of(),
                Duration.ZERO, new AnalysisResult.Work(1, 0, 1)), baseline)).isFalse();
        assertThat(Reports.isCurrent(sarif, null, allCached, baseline)).isFalse();
    }

    @Test
    void aBaselineWrittenOrDeletedSinceMakesItStale() throws IOException {
        touch(baseline, 3);
        touch(module, 3);
        assertThat(Reports.isCurrent(sarif, cache, allCached, baseline)).as("baseline created").isFalse();

        touch(sarif, 4);
        assertThat(Reports.isCurrent(sarif, cache, allCached, baseline)).isTrue();
        touch(baseline, 5);
        assertThat(Reports.isCurrent(sarif, cache, allCached, baseline)).as("baseline rewritten").isFalse();

        touch(sarif, 6);
        Files.delete(baseline);
        touch(module, 7);
        assertThat(Reports.isCurrent(sarif, cache, allCached, baseline)).as("baseline deleted").isFalse();
    }
}
