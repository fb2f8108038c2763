package dev.threadguard.engine;

import dev.threadguard.api.Finding;
import dev.threadguard.api.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnalysisCacheTest {

    @TempDir
    Path project;

    private Path cacheFile() {
        return project.resolve("target/threadguard/analysis.cache");
    }

    private Path write(String name, String content) throws IOException {
        Path file = project.resolve("src").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private AnalysisResult analyse(List<RuleOverride> overrides) {
        return new Analyzer(AnalysisRequest.builder().sourceRoots(List.of(project.resolve("src")))
                .rules(RuleSelection.of(overrides)).cacheFile(cacheFile()).toolVersion("test").build())
                .run(AnalysisListener.NONE);
    }

    private AnalysisResult analyse() {
        return analyse(List.of());
    }

    @Test
    void unchangedFilesComeFromTheCacheWithTheSameFindings() throws IOException {
        write("a/Spawner.java", "package a; class Spawner { void go(java.util.List<Runnable> rs) {"
                + " for (Runnable r : rs) new Thread(r).start(); } }");
        write("a/Plain.java", "package a; class Plain { int x; }");
        AnalysisResult cold = analyse();
        assertThat(cold.work()).isEqualTo(new AnalysisResult.Work(1, 1, 0));

        AnalysisResult warm = analyse();
        assertThat(warm.work()).isEqualTo(new AnalysisResult.Work(0, 0, 2));
        assertThat(warm.findings()).isEqualTo(cold.findings()).hasSize(1);
    }

    @Test
    void aChangedFileIsAnalysedAgainAndATouchedButUnchangedOneIsNot() throws IOException {
        Path spawner = write("a/Spawner.java", "package a; class Spawner { void go(java.util.List<Runnable> rs)"
                + " throws InterruptedException { for (Runnable r : rs) new Thread(r).start(); } }");
        Path other = write("a/Other.java", "package a; class Other { void go(Thread t) { t.start(); for (;;) {} } }");
        analyse();

        Files.writeString(spawner, Files.readString(spawner).replace("new Thread(r).start();",
                "{ Thread t = new Thread(r); t.start(); t.join(); }"));
        Files.setLastModifiedTime(other, FileTime.fromMillis(Files.getLastModifiedTime(other).toMillis() + 5000));
        AnalysisResult next = analyse();
        assertThat(next.work()).isEqualTo(new AnalysisResult.Work(1, 0, 1));
        assertThat(next.findings()).extracting(Finding::ruleId).containsExactly("blocking-without-timeout");
    }

    @Test
    void aNewThreadSubclassElsewhereInvalidatesEveryCachedFinding() throws IOException {
        write("a/User.java", "package a; class User { void go(java.util.List<Runnable> rs) {"
                + " for (Runnable r : rs) new Worker(r).start(); } }");
        assertThat(analyse().findings()).isEmpty();

        write("a/Worker.java", "package a; class Worker extends Thread { Worker(Runnable r) { super(r); } }");
        AnalysisResult next = analyse();
        assertThat(next.work().cached()).isZero();
        assertThat(next.findings()).extracting(Finding::ruleId).containsExactly("thread-in-loop");
    }

    @Test
    void anotherConfigurationOrAnUnreadableCacheMeansAColdRun() throws IOException {
        write("a/Spawner.java", "package a; class Spawner { void go(java.util.List<Runnable> rs) {"
                + " for (Runnable r : rs) new Thread(r).start(); } }");
        analyse();
        AnalysisResult regraded = analyse(List.of(new RuleOverride("thread-in-loop", null, "info")));
        assertThat(regraded.work().cached()).isZero();
        assertThat(regraded.findings()).extracting(Finding::severity).containsExactly(Severity.INFO);

        Files.write(cacheFile(), new byte[] {1, 2, 3});
        AnalysisResult afterCorruption = analyse();
        assertThat(afterCorruption.work().cached()).isZero();
        assertThat(afterCorruption.findings()).hasSize(1);
        assertThat(analyse().work().cached()).isEqualTo(1);
    }
}
