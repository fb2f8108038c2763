package dev.threadguard.report.html;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RuntimeSectionTest {

    @TempDir
    Path output;

    @Test
    void showsLimitsChartSitesAndGroupedThreadsWithHostileNamesEscaped() throws IOException {
        RuntimeReports.write(output.resolve("run-report.json"), 60);
        String html = Files.readString(HtmlReport.write(output, "demo", "1.0"));

        assertThat(html).contains("id=\"runtime-run\"").contains("class=\"fail\">FAIL");
        assertThat(html).contains("<svg class=\"chart\"").contains("class=\"series\"").contains("class=\"budget\"")
                .contains("class=\"breach\"").contains("maxThreads breached at");
        assertThat(html).contains("<code>com.acme.Server.accept(Server.java:42)</code>")
                .contains("<td class=\"num\">58</td>");
        // 60 dumped threads in two distinct stacks, 2 leaked threads in one
        assertThat(html).contains("60 threads, 2 distinct stacks").contains("2 threads, 1 distinct stack<")
                .contains("<strong>30</strong>");
        assertThat(html).contains("Started during {com.acme.JobsTest#leaks=2}");
        assertThat(html).contains("Leaks by owner site").contains("shut the pool made at com.acme.Jobs.run(Jobs.java:7)")
                .contains("Threads kept for the JVM&#39;s life").contains("its timer was made in a static initializer")
                .contains("class=\"mark\"").contains(">ready</text>");
        assertThat(html).doesNotContain(RuntimeReports.HOSTILE).contains("&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void tenThousandThreadsStayAShortPage() throws IOException {
        RuntimeReports.write(output.resolve("run-report.json"), 10_000);
        Path report = HtmlReport.write(output, "big", "1.0");
        String html = Files.readString(report);
        assertThat(html).contains("10000 threads, 2 distinct stacks");
        assertThat(html).doesNotContain("conn-9999");
        assertThat(Files.size(report)).isLessThan(400_000);
    }
}
