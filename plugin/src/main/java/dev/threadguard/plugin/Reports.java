package dev.threadguard.plugin;

import dev.threadguard.engine.AnalysisResult;
import dev.threadguard.report.html.HtmlReport;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What every goal does at its end: refresh the HTML report from all results present, and say where it is. */
final class Reports {

    private Reports() {
    }

    /**
     * True when {@code file} was written from exactly this result already: every file's findings came from the
     * analysis cache (same contents, same configuration, same threadguard) and the file is newer than the cache.
     * Rewriting it would only cost time.
     */
    static boolean isCurrent(Path file, Path cacheFile, AnalysisResult result) {
        if (cacheFile == null || result.work().cached() != result.filesAnalysed() || !Files.isRegularFile(file)
                || !Files.isRegularFile(cacheFile)) {
            return false;
        }
        try {
            return Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(cacheFile)) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    static void writeHtml(Path outputDirectory, MavenProject project, String toolVersion, Log log) {
        try {
            Path report = HtmlReport.write(outputDirectory, project.getArtifactId(), toolVersion);
            if (report != null) {
                log.info("threadguard: report " + report.toUri() + " (open it in a browser)");
            }
        } catch (IOException | RuntimeException e) {
            // the report is a convenience: the console and the machine-readable files already hold the results
            log.warn("threadguard: could not write the HTML report (" + e + "); the results are in "
                    + outputDirectory);
        }
    }
}
