package dev.threadguard.sarif;

import dev.threadguard.api.Finding;
import dev.threadguard.api.Rule;
import dev.threadguard.api.Severity;
import dev.threadguard.engine.AnalysisResult;
import dev.threadguard.engine.RuleSelection;
import dev.threadguard.engine.SourceProblem;
import dev.threadguard.json.JsonReader;
import dev.threadguard.rules.BuiltInRules;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SarifWriterTest {

    private final Path root = Path.of("/repo").toAbsolutePath();

    private Finding finding(int line, String text) {
        return new Finding("thread-in-loop", Severity.ERROR, root.resolve("app/src/main/java/A.java"), line, 9,
                line, 15, "Thread started in a for loop", "Use a pool", text);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> run(List<Finding> findings, List<SourceProblem> problems) {
        RuleSelection rules = RuleSelection.defaults();
        AnalysisResult result = new AnalysisResult(findings, problems, 1, rules.enabledRules(), Duration.ZERO,
                AnalysisResult.Work.NONE);
        StringWriter out = new StringWriter();
        new SarifWriter(root, "1.2.3").write(result, rules, out);
        Map<String, Object> sarif = (Map<String, Object>) JsonReader.parse(out.toString());
        assertThat(sarif).containsEntry("version", "2.1.0");
        return ((List<Map<String, Object>>) sarif.get("runs")).get(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void writesRuleMetadataAndRepositoryRelativeResults() {
        Map<String, Object> run = run(List.of(finding(12, "    new Thread(r).start();")), List.of());
        Map<String, Object> driver = (Map<String, Object>) ((Map<String, Object>) run.get("tool")).get("driver");
        List<Map<String, Object>> rules = (List<Map<String, Object>>) driver.get("rules");
        assertThat(rules).extracting(rule -> rule.get("id"))
                .containsExactlyElementsOf(BuiltInRules.all().stream().map(Rule::id).toList())
                .startsWith("thread-in-loop", "executor-in-loop", "unbounded-executor", "thread-in-handler");
        assertThat(rules.get(0)).containsKeys("shortDescription", "fullDescription", "help");
        assertThat((Map<String, Object>) rules.get(2).get("defaultConfiguration")).containsEntry("level", "warning");

        Map<String, Object> result = ((List<Map<String, Object>>) run.get("results")).get(0);
        assertThat(result).containsEntry("ruleId", "thread-in-loop").containsEntry("level", "error")
                .containsEntry("ruleIndex", 0L);
        Map<String, Object> location = (Map<String, Object>) ((Map<String, Object>)
                ((List<Map<String, Object>>) result.get("locations")).get(0)).get("physicalLocation");
        assertThat((Map<String, Object>) location.get("artifactLocation"))
                .containsEntry("uri", "app/src/main/java/A.java").containsEntry("uriBaseId", "%SRCROOT%");
        assertThat((Map<String, Object>) location.get("region")).containsEntry("startLine", 12L)
                .containsEntry("startColumn", 9L).containsEntry("endColumn", 16L);
    }

    @Test
    @SuppressWarnings("unchecked")
    void fingerprintsSurviveMovedLinesAndTellRepeatedLinesApart() {
        Map<String, Object> before = run(List.of(finding(12, "new Thread(r).start();"),
                finding(20, "new Thread(r).start();")), List.of());
        Map<String, Object> after = run(List.of(finding(15, "  new Thread(r).start();"),
                finding(23, "new Thread(r).start();")), List.of());
        List<Object> fingerprintsBefore = ((List<Map<String, Object>>) before.get("results")).stream()
                .map(result -> result.get("partialFingerprints")).toList();
        List<Object> fingerprintsAfter = ((List<Map<String, Object>>) after.get("results")).stream()
                .map(result -> result.get("partialFingerprints")).toList();
        assertThat(fingerprintsAfter).isEqualTo(fingerprintsBefore);
        assertThat(fingerprintsBefore.get(0)).isNotEqualTo(fingerprintsBefore.get(1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportsUnparsableFilesAsNotifications() {
        Map<String, Object> run = run(List.of(), List.of(new SourceProblem(root.resolve("B.java"), 3, 7,
                "does not parse: x")));
        Map<String, Object> invocation = ((List<Map<String, Object>>) run.get("invocations")).get(0);
        List<Map<String, Object>> notes = (List<Map<String, Object>>) invocation.get("toolExecutionNotifications");
        assertThat(notes).singleElement().satisfies(note ->
                assertThat(((Map<String, Object>) note.get("message")).get("text"))
                        .isEqualTo("B.java does not parse: x"));
    }
}
