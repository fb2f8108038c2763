package dev.threadguard.engine;

import com.github.javaparser.JavaParser;
import dev.threadguard.api.AnalysisSettings;
import dev.threadguard.api.MethodPattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void aChildJvmFindsWhatThisJvmFinds() throws IOException {
        for (int i = 0; i < 30; i++) {
            Path file = project.resolve("src/app/Worker" + i + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "package app;\nimport java.util.concurrent.*;\nclass Worker" + i + " {\n"
                    + "  ExecutorService pool = Executors.newCachedThreadPool();\n"
                    + "  void go(java.util.List<Runnable> rs) {\n    for (Runnable r : rs) new Thread(r).start();\n  }\n"
                    + "  void broken( {\n}\n".repeat(i == 7 ? 1 : 0) + "}\n");
        }
        AnalysisRequest request = request().fork(classPathOf(ForkedAnalysis.class, JavaParser.class)).build();
        AtomicBoolean forked = new AtomicBoolean();

        AnalysisResult here = new Analyzer(request.toBuilder().fork(List.of()).build()).run(AnalysisListener.NONE);
        AnalysisResult child = ForkedAnalysis.run(request, new AnalysisListener() {
            @Override
            public void forked() {
                forked.set(true);
            }
        });

        assertThat(here.findings()).hasSize(58);
        assertThat(child.findings()).isEqualTo(here.findings());
        assertThat(child.problems()).isEqualTo(here.problems()).hasSize(1);
        assertThat(child.work()).isEqualTo(here.work());
        assertThat(child.filesAnalysed()).isEqualTo(30);
        assertThat(forked).isTrue();
    }

    @Test
    void aClassPathWithoutTheEnginesDependenciesFailsNamingTheMissingClass() throws IOException {
        Path file = project.resolve("src/app/Worker.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "package app;\nclass Worker {}\n");
        AnalysisRequest request = request().fork(classPathOf(ForkedAnalysis.class)).build();

        assertThatThrownBy(() -> ForkedAnalysis.run(request, AnalysisListener.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the analysis JVM failed (exit code ")
                .hasMessageContaining("com/github/javaparser");
    }

    /** Where these classes were loaded from: what a build tool would resolve for them. */
    private static List<Path> classPathOf(Class<?>... types) {
        List<Path> entries = new ArrayList<>();
        for (Class<?> type : types) {
            try {
                entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException e) {
                throw new AssertionError(e);
            }
        }
        return entries;
    }
}
