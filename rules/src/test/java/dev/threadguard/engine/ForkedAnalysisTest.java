package dev.threadguard.engine;

import dev.threadguard.api.AnalysisSettings;
import dev.threadguard.api.MethodPattern;
import dev.threadguard.api.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ForkedAnalysisTest {

    @TempDir
    Path project;

    private AnalysisRequest.Builder request() {
        return AnalysisRequest.builder()
                .sourceRoots(List.of(project.resolve("src")))
                .projectDirectory(project)
                .excludes(List.of("**/generated/**"))
                .languageLevel("17")
                .rules(RuleSelection.of(List.of(new RuleOverride("unbounded-executor", null, "error"),
                        new RuleOverride("ignored-future", false, null))))
                .settings(new AnalysisSettings(List.of(MethodPattern.parse("com.acme.Pool#spawn(Runnable)", "spawnMethods")),
                        List.of(MethodPattern.parse("com.acme.Bus#await()", "blockingMethods"))))
                .encoding(StandardCharsets.ISO_8859_1)
                .threads(2)
                .toolVersion("1.2.3");
    }

    @Test
    void theRequestReachesTheChildUnchanged() {
        AnalysisRequest original = request().cacheFile(project.resolve("cache")).build();
        AnalysisRequest copy = ForkedAnalysis.fromJson(ForkedAnalysis.toJson(original));
        assertThat(ForkedAnalysis.toJson(copy)).isEqualTo(ForkedAnalysis.toJson(original));
        assertThat(copy.rules().configuredSeverity("unbounded-executor")).isEqualTo(Severity.ERROR);
        assertThat(copy.rules().enabledRules()).extracting(rule -> rule.id()).doesNotContain("ignored-future");
        assertThat(copy.settings().blockingMethods()).extracting(MethodPattern::text).containsExactly("com.acme.Bus#await()");
        assertThat(copy.encoding()).isEqualTo(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aChildJvmFindsWhatThisJvmFinds() throws IOException {
        for (int i = 0; i < 30; i++) {
            Path file = project.resolve("src/app/Worker" + i + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "package app;\nimport java.util.concurrent.*;\nclass Worker" + i + " {\n"
                    + "  ExecutorService pool = Executors.newCachedThreadPool();\n"
                    + "  void go(java.util.List<Runnable> rs) {\n    for (Runnable r : rs) new Thread(r).start();\n  }\n"
                    + "  void broken( {\n}\n".repeat(i == 7 ? 1 : 0) + "}\n");
        }
        AnalysisRequest request = request().build();

        AnalysisResult here = new Analyzer(request).run(AnalysisListener.NONE);
        AnalysisResult child = ForkedAnalysis.run(request, AnalysisListener.NONE);

        assertThat(here.findings()).hasSize(58);
        assertThat(child.findings()).isEqualTo(here.findings());
        assertThat(child.problems()).isEqualTo(here.problems()).hasSize(1);
        assertThat(child.work()).isEqualTo(here.work());
        assertThat(child.filesAnalysed()).isEqualTo(30);
    }
}
