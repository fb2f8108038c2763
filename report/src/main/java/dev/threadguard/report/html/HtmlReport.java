package dev.threadguard.report.html;

import dev.threadguard.json.AtomicFiles;
import dev.threadguard.report.OutputFiles;
import dev.threadguard.report.ReportJson;
import dev.threadguard.report.model.RunReport;
import dev.threadguard.report.sarif.SarifReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code target/threadguard/report.html}: one self-contained page (inline CSS and SVG, no scripts, fonts
 * or styles from elsewhere, so CI artifacts open offline) with a section for each result found next to it —
 * static findings from {@code threadguard.sarif}, and the runtime reports of {@code run} and
 * {@code verify-budget}. Each goal calls {@link #write} at its end, so a build running several goals gets one
 * page with all of their sections.
 */
public final class HtmlReport {

    public static final String FILE = OutputFiles.HTML_REPORT;
    static final String SARIF = OutputFiles.SARIF;
    static final String RUN_REPORT = OutputFiles.RUN_REPORT;
    static final String TEST_REPORT = OutputFiles.TEST_REPORT;

    private HtmlReport() {
    }

    /**
     * Renders every result present in {@code outputDirectory} into {@code report.html} there.
     *
     * @param project a name for the page title, e.g. the artifact id
     * @return the report's path, or null when there was nothing to show
     */
    public static Path write(Path outputDirectory, String project, String toolVersion) throws IOException {
        Path target = outputDirectory.resolve(FILE);
        if (isNewerThanItsInputs(target, outputDirectory)) {
            return target; // nothing it shows has changed since it was written
        }
        List<Section> sections = new ArrayList<>();
        Path sarif = outputDirectory.resolve(SARIF);
        if (Files.isRegularFile(sarif)) {
            StaticSection section = StaticSection.of(SarifReport.read(sarif));
            sections.add(new Section("static", "Static analysis", section::render));
        }
        for (String[] runtime : new String[][] {{RUN_REPORT, "runtime-run", "Runtime: the application"},
                {TEST_REPORT, "runtime-tests", "Runtime: test suite (threadguard:verify-budget)"}}) {
            Path file = outputDirectory.resolve(runtime[0]);
            if (Files.isRegularFile(file)) {
                RunReport report = ReportJson.read(file, RunReport.class);
                String title = RUN_REPORT.equals(runtime[0]) && RunReport.MODE_SERVICE.equals(report.mode())
                        ? "Runtime: the service under load" : runtime[2];
                RuntimeSection section = new RuntimeSection(runtime[1], title, report);
                sections.add(new Section(section.id(), section.title(), section::render));
            }
        }
        if (sections.isEmpty()) {
            return null;
        }
        Html html = new Html();
        html.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
                + "<title>threadguard report: ").text(project).raw("</title><style>").raw(Styles.CSS)
                .raw("</style></head><body><header><h1>threadguard <span>").text(project).raw("</span></h1><p>")
                .text("Generated " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)
                        + " by threadguard " + toolVersion).raw("</p><nav>");
        for (Section section : sections) {
            html.raw("<a href=\"#").raw(section.id()).raw("\">").text(section.title()).raw("</a>");
        }
        html.raw("</nav></header><main>");
        for (Section section : sections) {
            section.renderer().accept(html);
        }
        html.raw("</main></body></html>\n");

        byte[] page = html.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(target, out -> out.write(page));
        return target;
    }

    private static boolean isNewerThanItsInputs(Path report, Path outputDirectory) throws IOException {
        if (!Files.isRegularFile(report)) {
            return false;
        }
        boolean anyInput = false;
        for (String input : List.of(SARIF, RUN_REPORT, TEST_REPORT)) {
            Path file = outputDirectory.resolve(input);
            if (Files.isRegularFile(file)) {
                anyInput = true;
                if (Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(report)) > 0) {
                    return false;
                }
            }
        }
        return anyInput;
    }

    private record Section(String id, String title, java.util.function.Consumer<Html> renderer) {
    }
}
