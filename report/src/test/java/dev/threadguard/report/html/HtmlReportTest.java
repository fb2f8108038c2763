package dev.threadguard.report.html;

import dev.threadguard.api.Finding;
import dev.threadguard.api.Severity;
import dev.threadguard.engine.AnalysisResult;
import dev.threadguard.engine.RuleSelection;
import dev.threadguard.sarif.SarifWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    @TempDir
    Path root;

    private static final String HOSTILE = "<img src=x onerror=alert(1)>";

    private void writeSarif(List<Finding> findings) throws IOException {
        RuleSelection rules = RuleSelection.defaults();
        new SarifWriter(root, "test").write(new AnalysisResult(findings, List.of(), 1, rules.enabledRules(),
                Duration.ZERO, AnalysisResult.Work.NONE), rules, root.resolve("target/threadguard/threadguard.sarif"));
    }

    @Test
    void showsFindingsWithTheirSourceLinesAndEscapesEverythingFromTheUser() throws IOException {
        Path source = root.resolve("src/A.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class A {\n  // " + HOSTILE + "\n  void go() {\n    new Thread(r).start();\n  }\n}\n");
        writeSarif(List.of(new Finding("thread-in-loop", Severity.ERROR, source, 4, 19, 4, 23,
                "Thread started " + HOSTILE, "Use a pool", "    new Thread(r).start();")));

        Path report = HtmlReport.write(root.resolve("target/threadguard"), "demo " + HOSTILE, "1.0");

        String html = Files.readString(report);
        assertThat(html).doesNotContain(HOSTILE).contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("src=\"http");
        assertThat(html).contains("id=\"static\"").contains("id=\"rule-thread-in-loop\"")
                .contains("<span class=\"hit\"><span class=\"ln\">4</span>    new Thread(r).start();</span>")
                .contains("<span class=\"ln\">2</span>");
    }

    @Test
    void manyFindingsAreAggregatedInsteadOfListedWithExcerpts() throws IOException {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            findings.add(new Finding("unbounded-executor", Severity.WARNING, root.resolve("src/F" + (i % 500) + ".java"),
                    i + 1, 1, i + 1, 10, "finding " + i, "fix", "line"));
        }
        writeSarif(findings);
        Path report = HtmlReport.write(root.resolve("target/threadguard"), "big", "1.0");
        String html = Files.readString(report);
        assertThat(html.split("class=\"finding ", -1)).hasSize(StaticSection.EXCERPTS_PER_RULE + 1);
        assertThat(html).contains("5900 more findings of this rule").contains("4900 more are in");
        assertThat(Files.size(report)).isLessThan(3_000_000);
    }

    @Test
    void nothingToShowWritesNothing() throws IOException {
        assertThat(HtmlReport.write(root.resolve("target/threadguard"), "empty", "1.0")).isNull();
    }
}
