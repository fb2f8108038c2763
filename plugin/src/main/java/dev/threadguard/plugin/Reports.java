package dev.threadguard.plugin;

import dev.threadguard.engine.AnalysisResult;
import dev.threadguard.report.html.HtmlReport;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/** What every goal does at its end: refresh the HTML report from all results present, and say where it is. */
final class Reports {

    private Reports() {
    }

    /**
     * True when {@code file} was written from exactly this result already: every file's findings came from the
     * analysis cache (same contents, same configuration, same threadguard), and the file is newer than the cache,
     * than the baseline and than the baseline's directory (whose time changes when a baseline is created or
     * deleted). Rewriting it would only cost time.
     */
    static boolean isCurrent(Path file, Path cacheFile, AnalysisResult result, Path baselineFile) {
        if (cacheFile == null || result.work().cached() != result.filesAnalysed() || !Files.isRegularFile(file)
                || !Files.isRegularFile(cacheFile)) {
            return false;
        }
        try {
            FileTime written = Files.getLastModifiedTime(file);
            return written.compareTo(Files.getLastModifiedTime(cacheFile)) >= 0
                    && isOlder(baselineFile, written) && isOlder(baselineFile.getParent(), written);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isOlder(Path path, FileTime than) throws IOException {
        return !Files.exists(path) || Files.getLastModifiedTime(path).compareTo(than) < 0;
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
