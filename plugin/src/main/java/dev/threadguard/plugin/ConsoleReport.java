package dev.threadguard.plugin;

import dev.threadguard.api.Finding;
import dev.threadguard.api.Severity;
import dev.threadguard.engine.AnalysisResult;
import dev.threadguard.engine.SourceProblem;
import org.apache.maven.plugin.logging.Log;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Prints findings as {@code path:line:col: severity [rule-id] message — how to fix}, so terminals and IDEs make
 * them clickable, then one summary line.
 */
final class ConsoleReport {

    private final Log log;
    private final Path workingDirectory;

    ConsoleReport(Log log, Path workingDirectory) {
        this.log = log;
        this.workingDirectory = workingDirectory;
    }

    void findings(AnalysisResult result) {
        for (SourceProblem problem : result.problems()) {
            log.warn(path(problem.file()) + ":" + problem.line() + ":" + problem.column() + ": warning "
                    + "[parse-error] " + problem.message());
        }
        for (Finding finding : result.findings()) {
            String line = format(finding);
            switch (finding.severity()) {
                case ERROR -> log.error(line);
                case WARNING -> log.warn(line);
                case INFO -> log.info(line);
            }
        }
    }

    String format(Finding finding) {
        return path(finding.file()) + ":" + finding.line() + ":" + finding.column() + ": "
                + finding.severity().label() + " [" + finding.ruleId() + "] " + finding.message() + " \u2014 "
                + finding.fix();
    }

    void summary(AnalysisResult result, Path sarif) {
        Map<Severity, Integer> counts = result.countsBySeverity();
        StringBuilder line = new StringBuilder("threadguard: ")
                .append(plural(result.filesAnalysed(), "file")).append(" analysed in ")
                .append(String.format(Locale.ROOT, "%.1f s", result.elapsed().toMillis() / 1000.0)).append(": ")
                .append(plural(counts.get(Severity.ERROR), "error")).append(", ")
                .append(plural(counts.get(Severity.WARNING), "warning")).append(", ")
                .append(plural(counts.get(Severity.INFO), "info"));
        if (!result.problems().isEmpty()) {
            line.append("; ").append(plural(result.problems().size(), "file")).append(" could not be analysed");
        }
        AnalysisResult.Work work = result.work();
        line.append(" (").append(work.parsed()).append(" parsed, ").append(work.skipped())
                .append(" without the APIs the rules check, ").append(work.cached()).append(" unchanged since the last run)");
        line.append(". SARIF: ").append(path(sarif));
        log.info(line.toString());
    }

    static String failureMessage(AnalysisResult result, Severity threshold) {
        long failing = result.findingsAtLeast(threshold).size();
        long files = result.findingsAtLeast(threshold).stream().map(Finding::file).distinct().count();
        Map<Severity, Integer> counts = result.countsBySeverity();
        StringBuilder breakdown = new StringBuilder();
        for (Severity severity : Severity.values()) {
            if (severity.isAtLeast(threshold) && counts.get(severity) > 0) {
                breakdown.append(breakdown.isEmpty() ? "" : ", ").append(plural(counts.get(severity),
                        severity.label()));
            }
        }
        return "threadguard found " + plural((int) failing, "finding") + " at or above '" + threshold.label()
                + "' (" + breakdown + ") in " + plural((int) files, "file") + ".\n"
                + "Fix them as each message above says, suppress one with @SuppressWarnings(\"threadguard:<rule-id>\")"
                + " or a // threadguard:ignore <rule-id> comment on its line, or set threadguard.failOnSeverity "
                + "or threadguard.failOnViolation=false to stop failing the build.";
    }

    private String path(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(workingDirectory) ? workingDirectory.relativize(absolute).toString()
                : absolute.toString();
    }

    private static String plural(int count, String noun) {
        if (noun.equals("info")) {
            return count + (count == 1 ? " info" : " infos");
        }
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
