package dev.threadguard.report.html;

import dev.threadguard.api.Finding;
import dev.threadguard.api.Severity;
import dev.threadguard.report.baseline.Baseline;
import dev.threadguard.report.baseline.BaselineUpdate;
import dev.threadguard.report.baseline.Fingerprints;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders a report with every kind of section in a real browser, headless Chromium (Debian's {@code chromium}
 * package; {@code .ci/run} installs it when missing), and checks what the browser made of the page: the chart,
 * the tables, no element smuggled in through user data. Skipped, saying why, where no Chromium can be found.
 */
class HtmlReportBrowserTest {

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable");

    @TempDir
    static Path root;

    private static Path browser;
    private static Path report;

    @BeforeAll
    static void writeReport() throws IOException {
        browser = BROWSERS.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        Path output = root.resolve("target/threadguard");
        Path source = root.resolve("src/A.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class A {\n  void go(java.util.List<Runnable> rs) {\n"
                + "    for (Runnable r : rs) new Thread(r).start();\n  }\n}\n");
        List<Finding> findings = new ArrayList<>();
        findings.add(new Finding("thread-in-loop", Severity.ERROR, source, 3, 41, 3, 45,
                "Thread started " + RuntimeReports.HOSTILE, "Use a pool", "    for (Runnable r : rs) new Thread(r).start();"));
        // a second finding that the module's baseline holds: folded away below the new one
        Finding known = new Finding("unbounded-executor", Severity.WARNING, source, 2, 3, 2, 10, "Known " + RuntimeReports.HOSTILE,
                "Bound it", "  void go(java.util.List<Runnable> rs) {", "A", "go(List<Runnable>)", "known()");
        Baseline baseline = BaselineUpdate.of(null, List.of(known), Fingerprints.of(List.of(known), root), Set.of())
                .baseline();
        findings.add(known);
        StaticReports.write(output.resolve("threadguard.sarif"), root, findings, baseline);
        RuntimeReports.write(output.resolve("run-report.json"), 120);
        RuntimeReports.write(output.resolve("test-report.json"), 60);
        report = HtmlReport.write(output, "browser-check", "test");
    }

    private static String run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--user-data-dir=" + root.resolve("profile-" + System.nanoTime())));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void chromiumRendersTheChartTablesAndEscapedUserData() throws Exception {
        Assumptions.assumeTrue(browser != null, "No Chromium found (looked for " + BROWSERS + "): install Debian's "
                + "chromium package (apt-get install chromium) to run the browser check of the HTML report");

        String dom = run("--dump-dom", report.toUri().toString());

        assertThat(dom).contains("<section id=\"static\">", "<section id=\"runtime-run\">",
                "<section id=\"runtime-tests\">");
        assertThat(dom).contains("<svg class=\"chart\"", "<polyline class=\"series\"", "<line class=\"budget\"",
                "<circle class=\"breach\"");
        assertThat(dom).contains("<table class=\"by-rule\">", "<table class=\"limits\">", "<table class=\"sites\">");
        assertThat(dom).contains("<h3 id=\"baselined\">1 baselined finding</h3><details class=\"baselined\"><summary>");
        // what the user wrote is text in the browser, never an element
        assertThat(dom).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;");

        Path screenshot = root.resolve("report.png");
        run("--window-size=1280,1600", "--screenshot=" + screenshot, report.toUri().toString());
        assertThat(screenshot).isRegularFile();
        assertThat(Files.size(screenshot)).as("a screenshot with content").isGreaterThan(30_000);
    }
}
