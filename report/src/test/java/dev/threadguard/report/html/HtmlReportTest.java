package dev.threadguard.report.html;

import dev.threadguard.api.Finding;
import dev.threadguard.api.Severity;
import dev.threadguard.report.baseline.Baseline;
import dev.threadguard.report.baseline.BaselineUpdate;
import dev.threadguard.report.baseline.Fingerprints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    @TempDir
    Path root;

    private static final String HOSTILE = "<img src=x onerror=alert(1)>";

    private void writeSarif(List<Finding> findings) throws IOException {
        StaticReports.write(root.resolve("target/threadguard/threadguard.sarif"), root, findings, null);
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
    void showsNewFindingsFirstAndFoldsBaselinedAndFixedOnesAway() throws IOException {
        Path source = root.resolve("src/A.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class A {\n  void go() {\n    old.start();\n    fresh.start();\n  }\n}\n");
        Finding old = new Finding("thread-in-loop", Severity.ERROR, source, 3, 5, 3, 15, "Old one", "fix", "    old.start();",
                "A", "go()", "old.start()");
        Finding gone = new Finding("thread-in-loop", Severity.ERROR, source, 9, 5, 9, 15, "Fixed one", "fix", "", "A",
                "gone()", "gone.start()");
        Finding fresh = new Finding("unbounded-executor", Severity.WARNING, source, 4, 5, 4, 17, "New one", "fix",
                "    fresh.start();", "A", "go()", "fresh.start()");
        List<Finding> before = List.of(old, gone);
        Baseline baseline = BaselineUpdate.of(null, before, Fingerprints.of(before, root), Set.of()).baseline();
        StaticReports.write(root.resolve("target/threadguard/threadguard.sarif"), root, List.of(old, fresh), baseline);

        String html = Files.readString(HtmlReport.write(root.resolve("target/threadguard"), "demo", "1.0"));

        assertThat(html).contains("<div class=\"value\">1</div><div class=\"label\">new findings</div>",
                "<div class=\"value\">1</div><div class=\"label\">baselined</div>",
                "<div class=\"value\">1</div><div class=\"label\">baselined and fixed</div>");
        int newFinding = html.indexOf("New one");
        int folded = html.indexOf("<details class=\"baselined\"");
        assertThat(newFinding).isPositive().isLessThan(folded);
        assertThat(html.indexOf("Old one")).as("the baselined finding, folded away").isGreaterThan(folded);
        assertThat(html.split("class=\"finding ", -1)).as("excerpts only for new findings").hasSize(2);
        assertThat(html).contains("1 baselined finding is fixed", "src/A.java:9", "Fixed one");
    }

    @Test
    void levelsAreNamedAsTheUserConfiguresThemNotAsSarifSpellsThem() throws IOException {
        Path source = root.resolve("src/A.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class A {\n  void go() {\n    f.get();\n  }\n}\n");
        writeSarif(List.of(new Finding("blocking-without-timeout", Severity.INFO, source, 3, 5, 3, 11, "Waits",
                "Use get(timeout, unit)", "    f.get();")));

        String html = Files.readString(HtmlReport.write(root.resolve("target/threadguard"), "levels", "1.0"));

        assertThat(html).contains("<span class=\"level\">info</span>").doesNotContain(">note<");
        assertThat(html).as("infos alone colour no card red or amber")
                .contains("<div class=\"card neutral\"><div class=\"value\">1</div><div class=\"label\">findings</div>")
                .doesNotContain("card bad").doesNotContain("card warn");
    }

    @Test
    void theFindingsCardTakesTheColourOfTheWorstLevel() throws IOException {
        Path source = root.resolve("src/A.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class A {\n  void go() {\n    f.get();\n    g.get();\n  }\n}\n");
        writeSarif(List.of(new Finding("blocking-without-timeout", Severity.INFO, source, 3, 5, 3, 11, "Waits",
                        "Use get(timeout, unit)", "    f.get();"),
                new Finding("swallowed-interrupt", Severity.WARNING, source, 4, 5, 4, 11, "Swallows",
                        "Restore the interrupt", "    g.get();")));

        String html = Files.readString(HtmlReport.write(root.resolve("target/threadguard"), "levels", "1.0"));

        assertThat(html).contains("<div class=\"card warn\"><div class=\"value\">2</div><div class=\"label\">findings</div>")
                .doesNotContain("card bad");
    }

    @Test
    void nothingToShowWritesNothing() throws IOException {
        assertThat(HtmlReport.write(root.resolve("target/threadguard"), "empty", "1.0")).isNull();
    }
}
