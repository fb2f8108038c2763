package dev.threadguard.report.sarif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadguard.api.Finding;
import dev.threadguard.api.Precision;
import dev.threadguard.api.Rule;
import dev.threadguard.api.RuleMetadata;
import dev.threadguard.api.Severity;
import dev.threadguard.engine.RuleOverride;
import dev.threadguard.engine.RuleSelection;
import dev.threadguard.engine.SourceProblem;
import dev.threadguard.report.ReportJson;
import dev.threadguard.report.baseline.Baseline;
import dev.threadguard.report.baseline.BaselineComparison;
import dev.threadguard.report.baseline.BaselineUpdate;
import dev.threadguard.report.baseline.Fingerprints;
import dev.threadguard.rules.BuiltInRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SarifReportTest {

    /** Where the module lives inside the repository: locations are relative to the repository, baselines to it. */
    private static final Path ROOT = Path.of("/repo").toAbsolutePath();
    private static final Path MODULE = ROOT.resolve("app");

    private static final List<SarifReport.EnabledRule> RULES = List.of(
            new SarifReport.EnabledRule(new RuleMetadata("thread-in-loop", "Thread started in a loop",
                    "Each pass starts a thread.", "Use a bounded pool.", Precision.measured(20, 20, 0, 0, "test")),
                    Severity.ERROR),
            new SarifReport.EnabledRule(new RuleMetadata("ignored-future", "Future ignored",
                    "Failures vanish.", "Keep the future.", Precision.measured(10, 9, 1, 0, "test")),
                    Severity.INFO));

    @TempDir
    Path temporary;

    private static Finding finding(String rule, Severity severity, String file, int line, int column, int endLine,
                                   int endColumn, String member, String code) {
        return new Finding(rule, severity, MODULE.resolve(file), line, column, endLine, endColumn,
                "Message of " + rule + " at " + line, "Fix it", "    source line " + line, "Spawner", member, code);
    }

    /**
     * Every kind of result threadguard writes: new and baselined, multi-line and single-position regions, a file
     * outside the repository, an unparsable file, a fixed baseline entry and a moved file.
     */
    private static Sarif.Log everything() {
        List<Finding> baselinedRun = List.of(
                finding("thread-in-loop", Severity.ERROR, "src/main/java/com/acme/Spawner.java", 12, 9, 12, 31,
                        "spawnAll(List<Runnable>)", "new Thread(r).start()"),
                finding("ignored-future", Severity.INFO, "src/main/java/com/acme/Old.java", 30, 5, 30, 40,
                        "submit()", "pool.submit(task)"));
        Baseline baseline = BaselineUpdate.of(null, baselinedRun, Fingerprints.of(baselinedRun, MODULE), Set.of())
                .baseline();
        List<Finding> findings = List.of(
                finding("thread-in-loop", Severity.ERROR, "src/main/java/com/acme/Spawner.java", 15, 9, 16, 4,
                        "spawnAll(List<Runnable>)", "new Thread(r).start()"),
                finding("ignored-future", Severity.INFO, "src/main/java/com/acme/New.java", 31, 5, 31, 5,
                        "submit()", "pool.submit(task)"),
                new Finding("thread-in-loop", Severity.WARNING, Path.of("/elsewhere/Gen.java").toAbsolutePath(), 3, 1,
                        3, 10, "Generated", "Fix it", "", "Gen", "run()", "t.start()"));
        BaselineComparison checked = BaselineComparison.of(findings, Fingerprints.of(findings, MODULE), Set.of(),
                baseline, MODULE.resolve("threadguard-baseline.json"));
        List<SourceProblem> problems = List.of(new SourceProblem(MODULE.resolve("src/main/java/Broken.java"), 3, 7,
                "does not parse: ';' expected"));
        return new SarifReport(ROOT, MODULE, "1.2.3-SNAPSHOT").log(RULES, checked, problems);
    }

    private static JsonNode golden() throws IOException {
        try (InputStream in = SarifReportTest.class.getResourceAsStream("/sarif/golden.sarif.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@ROOT_URI@", ROOT.toUri().toString().replaceAll("/?$", "/"))
                    .replace("@ELSEWHERE_URI@", Path.of("/elsewhere/Gen.java").toAbsolutePath().toUri().toString());
            return new ObjectMapper().readTree(text);
        }
    }

    @Test
    void writesEveryFieldOfTheGoldenFile() throws IOException {
        JsonNode written = new ObjectMapper().readTree(ReportJson.toJson(everything()));
        // compared as trees (every field, every value, nothing more), shown as text so a difference reads well
        assertThat(pretty(written)).as("the SARIF threadguard writes (src/test/resources/sarif/golden.sarif.json)")
                .isEqualTo(pretty(golden()));
        assertThat(written).isEqualTo(golden());
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        Path file = temporary.resolve("threadguard.sarif");
        Sarif.Log log = everything();
        SarifReport.write(log, file);
        assertThat(SarifReport.read(file)).isEqualTo(log);
        assertThat(new ObjectMapper().readTree(Files.readString(file))).isEqualTo(golden());
    }

    private static String pretty(JsonNode json) throws IOException {
        return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
    }

    @Test
    void tellsCodeScanningTheMeasuredPrecision() {
        assertThat(SarifReport.codeScanningPrecision(Precision.measured(20, 20, 0, 0, "test"))).isEqualTo("very-high");
        assertThat(SarifReport.codeScanningPrecision(Precision.measured(12, 12, 0, 0, "test"))).isEqualTo("high");
        assertThat(SarifReport.codeScanningPrecision(Precision.measured(16, 14, 0, 2, "test"))).isEqualTo("medium");
        assertThat(SarifReport.codeScanningPrecision(Precision.measured(12, 2, 10, 0, "test"))).isEqualTo("low");
        assertThat(SarifReport.codeScanningPrecision(Precision.unmeasured("test"))).isEqualTo("medium");
    }

    @Test
    void describesEveryEnabledRuleAtItsEffectiveLevel() {
        RuleSelection selection = RuleSelection.of(List.of(new RuleOverride("unbounded-executor", true, "error")));
        List<SarifReport.EnabledRule> rules = SarifReport.EnabledRule.of(selection);
        assertThat(rules).extracting(rule -> rule.metadata().id())
                .containsExactlyElementsOf(BuiltInRules.all().stream().map(Rule::id).toList());
        assertThat(rules).filteredOn(rule -> rule.metadata().id().equals("unbounded-executor"))
                .singleElement().extracting(SarifReport.EnabledRule::severity).isEqualTo(Severity.ERROR);
    }

    @Test
    void readsSarifOfOtherToolsAndVersionsIgnoringWhatItDoesNotKnow() throws IOException {
        Path file = temporary.resolve("other.sarif");
        Files.writeString(file, """
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "fullName": "X"}},
                 "results": [{"ruleId": "r", "message": {"text": "m"}, "kind": "fail",
                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": "A.java"},
                   "region": {"startLine": 2, "startColumn": 3, "charOffset": 10}}}]}]}]}
                """);
        Sarif.Log log = SarifReport.read(file);
        assertThat(log.runs().get(0).results()).singleElement().satisfies(result -> {
            assertThat(result.where().region().startLine()).isEqualTo(2);
            assertThat(result.baselineState()).isNull();
        });
    }

    @Test
    void namesTheFileLineAndColumnOfBrokenSarif() throws IOException {
        Path file = temporary.resolve("broken.sarif");
        Files.writeString(file, "{\"version\": \"2.1.0\",\n \"runs\": [ {\"results\": 7} ]}");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SarifReport.read(file)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ":2:").hasMessageContaining("is not a readable Log");
    }
}
