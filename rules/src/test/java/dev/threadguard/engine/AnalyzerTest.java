package dev.threadguard.engine;

import dev.threadguard.api.AnalysisSettings;
import dev.threadguard.api.ConfigurationException;
import dev.threadguard.api.Finding;
import dev.threadguard.api.MethodPattern;
import dev.threadguard.api.Severity;
import dev.threadguard.rules.BuiltInRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnalyzerTest {

    @TempDir
    Path project;

    private static final String SPAWNER = """
            package app;
            import java.util.List;
            import java.util.concurrent.Executors;
            public class Spawner {
                void go(List<Runnable> jobs) {
                    for (Runnable job : jobs) new Thread(job).start();
                    Executors.newCachedThreadPool();
                }
            }
            """;

    private Path write(String relative, String content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private AnalysisResult analyse(AnalysisRequest.Builder request) {
        return new Analyzer(request.sourceRoots(List.of(project.resolve("src/main/java")))
                .projectDirectory(project).build()).run(AnalysisListener.NONE);
    }

    /** A rule's default severity follows its measured precision, which changes with each measurement. */
    private static Severity defaultOf(String ruleId) {
        return BuiltInRules.byId(ruleId).orElseThrow().metadata().defaultSeverity();
    }

    @Test
    void reportsFindingsOfAllFilesAndKeepsGoingPastAFileThatDoesNotParse() throws IOException {
        // a file that names none of the APIs the rules check is not parsed at all: its syntax is javac's business
        Path spawner = write("src/main/java/app/Spawner.java", SPAWNER);
        Path broken = write("src/main/java/app/Broken.java",
                "package app;\nclass Broken {\n  void x( { for (;;) new Thread(r).start(); }\n}\n");
        write("src/main/java/app/Irrelevant.java", "package app;\nclass Irrelevant {\n  void x( {\n}\n");
        AnalysisResult result = analyse(AnalysisRequest.builder());

        assertThat(result.filesAnalysed()).isEqualTo(3);
        assertThat(result.findings()).extracting(Finding::ruleId, Finding::file, Finding::line, Finding::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("thread-in-loop", spawner, 6, defaultOf("thread-in-loop")),
                        org.assertj.core.groups.Tuple.tuple("unbounded-executor", spawner, 7,
                                defaultOf("unbounded-executor")));
        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(broken);
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.message()).startsWith("does not parse:");
        });
        Map<Severity, Integer> expected = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            expected.put(severity, 0);
        }
        expected.merge(defaultOf("thread-in-loop"), 1, Integer::sum);
        expected.merge(defaultOf("unbounded-executor"), 1, Integer::sum);
        assertThat(result.countsBySeverity()).isEqualTo(expected);
    }

    @Test
    void readsAFileWhoseStringLiteralsAreWrittenWithUnicodeEscapesAsJavacDoes() throws IOException {
        // a generated parser's way of writing "\\\"": to javac, backslash and quote; to a parser that reads escapes
        // inside tokens, an unterminated literal
        Path generated = write("src/main/java/app/Generated.java", """
                package app;
                import java.util.concurrent.Executors;
                class Generated {
                    static final String QUOTE = "\\u005c\\u005c\\u005c"";
                    void start() {
                        Executors.newCachedThreadPool();
                    }
                }
                """);
        assertThat(Files.readString(generated)).contains("\"\\u005c\\u005c\\u005c\"\";");

        AnalysisResult result = analyse(AnalysisRequest.builder());

        assertThat(result.problems()).isEmpty();
        assertThat(result.findings()).extracting(Finding::ruleId, Finding::line, Finding::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("unbounded-executor", 6, 9));
    }

    @Test
    void appliesIncludesExcludesDisabledRulesAndSeverityOverrides() throws IOException {
        write("src/main/java/app/Spawner.java", SPAWNER);
        write("src/main/java/app/generated/Gen.java", SPAWNER.replace("package app;", "package app.generated;")
                .replace("class Spawner", "class Gen"));
        AnalysisResult result = analyse(AnalysisRequest.builder()
                .excludes(List.of("**/generated/**"))
                .rules(RuleSelection.of(List.of(new RuleOverride("thread-in-loop", false, null),
                        new RuleOverride("unbounded-executor", null, "ERROR")))));

        assertThat(result.filesAnalysed()).isEqualTo(1);
        assertThat(result.findings()).extracting(Finding::ruleId, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("unbounded-executor", Severity.ERROR));

        AnalysisResult onlyGenerated = analyse(AnalysisRequest.builder()
                .includes(List.of("src/main/java/app/generated/*.java")));
        assertThat(onlyGenerated.filesAnalysed()).isEqualTo(1);
    }

    @Test
    void parsesAtTheConfiguredLanguageLevel() throws IOException {
        // 'yield(1);' calls a method up to Java 13 and is a yield statement from Java 14 on: with the method
        // configured as blocking, the call is a finding at 11 and is not there at 17
        write("src/main/java/app/Bus.java", "package app;\nabstract class Bus {\n    abstract void yield(int x);\n}\n");
        write("src/main/java/app/Old.java", """
                package app;
                abstract class Old extends Bus {
                    void go() {
                        yield(1);
                        go();
                    }
                }
                """);
        AnalysisRequest.Builder request = AnalysisRequest.builder().settings(new AnalysisSettings(List.of(),
                List.of(MethodPattern.parse("app.Bus#yield(int)", "blockingMethods"))));

        AnalysisResult at11 = analyse(request.languageLevel("11"));
        assertThat(at11.problems()).isEmpty();
        assertThat(at11.findings()).extracting(Finding::ruleId, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("blocking-without-timeout", 4));
        AnalysisResult at17 = analyse(request.languageLevel("17"));
        assertThat(at17.problems()).isEmpty();
        assertThat(at17.findings()).isEmpty();
    }

    @Test
    void aFileWrittenForANewerJavaDoesNotParseAtAnOlderLevelAndSaysWhatToSet() throws IOException {
        write("src/main/java/app/New.java", """
                package app;
                import java.util.concurrent.Executors;
                class New {
                    int go(int k) {
                        Executors.newCachedThreadPool();
                        return switch (k) { case 1 -> 1; default -> { yield 2; } };
                    }
                }
                """);
        AnalysisResult at17 = analyse(AnalysisRequest.builder().languageLevel("17"));
        assertThat(at17.problems()).isEmpty();
        assertThat(at17.findings()).extracting(Finding::ruleId).containsExactly("unbounded-executor");

        AnalysisResult at11 = analyse(AnalysisRequest.builder().languageLevel("11"));
        assertThat(at11.findings()).isEmpty();
        assertThat(at11.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(6);
            assertThat(problem.message()).startsWith("does not parse:")
                    .endsWith("set threadguard.languageLevel to its Java version)");
        });
    }

    @Test
    void unknownRuleIdsAndSeveritiesAreRejectedWithTheValidValues() {
        assertThatThrownBy(() -> RuleSelection.of(List.of(new RuleOverride("thread-in-lop", null, null))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'thread-in-lop'")
                .hasMessageContaining("thread-in-loop, executor-in-loop");
        assertThatThrownBy(() -> RuleSelection.of(List.of(new RuleOverride("thread-in-loop", null, "fatal"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'fatal'")
                .hasMessageContaining("error, warning, info");
        assertThatThrownBy(() -> LanguageLevels.forVersion("seventeen"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("threadguard.languageLevel");
    }

    @Test
    void mapsPomJavaVersionsToParserLevels() {
        assertThat(LanguageLevels.forVersion("1.8").name()).isEqualTo("JAVA_8");
        assertThat(LanguageLevels.forVersion("17").name()).isEqualTo("JAVA_17");
        assertThat(LanguageLevels.forVersion("99")).isEqualTo(LanguageLevels.newest());
        assertThat(LanguageLevels.forVersion(null)).isEqualTo(LanguageLevels.newest());
    }
}
