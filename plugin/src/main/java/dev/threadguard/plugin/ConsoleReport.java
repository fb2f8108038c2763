package dev.threadguard.plugin;

import dev.threadguard.api.Finding;
import dev.threadguard.api.Severity;
import dev.threadguard.engine.AnalysisResult;
import dev.threadguard.engine.SourceProblem;
import dev.threadguard.report.baseline.Baseline;
import dev.threadguard.report.baseline.BaselineComparison;
import org.apache.maven.plugin.logging.Log;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prints findings as {@code path:line:col: severity [rule-id] message — how to fix}, so terminals and IDEs make
 * them clickable, then one summary line. With a baseline, only new findings are printed (baselined ones too with
 * {@code showBaselined}), and baselined findings that are fixed are named.
 */
final class ConsoleReport {

    private final Log log;
    private final Path workingDirectory;

    ConsoleReport(Log log, Path workingDirectory) {
        this.log = log;
        this.workingDirectory = workingDirectory;
    }

    void findings(List<SourceProblem> problems, BaselineComparison checked, boolean showBaselined) {
        for (SourceProblem problem : problems) {
            log.warn(path(problem.file()) + ":" + problem.line() + ":" + problem.column() + ": warning "
                    + "[parse-error] " + problem.message());
        }
        for (BaselineComparison.Judged judged : checked.findings()) {
            Finding finding = judged.finding();
            if (judged.baselined()) {
                if (showBaselined) {
                    log.info(format(finding) + " (baselined)");
                }
                continue;
            }
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

    void summary(AnalysisResult result, BaselineComparison checked, Path sarif) {
        Map<Severity, Integer> counts = countsBySeverity(checked.newFindings());
        StringBuilder line = new StringBuilder("threadguard: ")
                .append(plural(result.filesAnalysed(), "file")).append(" analysed in ")
                .append(String.format(Locale.ROOT, "%.1f s", result.elapsed().toMillis() / 1000.0)).append(": ")
                .append(plural(counts.get(Severity.ERROR), "error")).append(", ")
                .append(plural(counts.get(Severity.WARNING), "warning")).append(", ")
                .append(plural(counts.get(Severity.INFO), "info"));
        if (checked.hasBaseline()) {
            line.append(" new, ").append(checked.baselinedFindings().size()).append(" baselined");
        }
        if (!result.problems().isEmpty()) {
            line.append("; ").append(plural(result.problems().size(), "file")).append(" could not be analysed");
        }
        AnalysisResult.Work work = result.work();
        line.append(" (").append(work.parsed()).append(" parsed, ").append(work.skipped())
                .append(" without the APIs the rules check, ").append(work.cached()).append(" unchanged since the last run)");
        line.append(". SARIF: ").append(path(sarif));
        log.info(line.toString());
    }

    /**
     * Says why info findings do not fail the build and how to make them, when there are new ones and the threshold
     * is above info: since levels follow measured precision, a finding a user may know as an error can be an info.
     */
    void infos(BaselineComparison checked, Severity threshold) {
        if (Severity.INFO.isAtLeast(threshold)) {
            return;
        }
        Map<String, Long> byRule = checked.newFindings().stream()
                .filter(finding -> finding.severity() == Severity.INFO)
                .collect(Collectors.groupingBy(Finding::ruleId, TreeMap::new, Collectors.counting()));
        if (byRule.isEmpty()) {
            return;
        }
        int count = byRule.values().stream().mapToInt(Long::intValue).sum();
        String rules = byRule.entrySet().stream().map(rule -> rule.getKey() + " " + rule.getValue())
                .collect(Collectors.joining(", "));
        String example = byRule.keySet().iterator().next();
        log.info("threadguard: " + plural(count, "info") + " (" + rules + ") " + (count == 1 ? "does" : "do")
                + " not fail the build, which fails at '" + threshold.label() + "': a rule is info by default when "
                + "fewer than 90 % of its findings judged on held-out code were true (docs/rules.md), or when "
                + "configured so. To fail the build on one: <rules><rule><id>" + example + "</id><severity>" + threshold.label()
                + "</severity></rule></rules>; on every finding: -Dthreadguard.failOnSeverity=info.");
    }

    /** Names the baselined findings that are fixed, and new findings that only moved with their file. */
    void baselineChanges(BaselineComparison checked, Path moduleDirectory) {
        if (!checked.fixed().isEmpty()) {
            log.info("threadguard: " + fixedSentence(checked.fixed().size()) + ":");
            for (Baseline.Entry fixed : checked.fixed()) {
                log.info("  " + path(moduleDirectory.resolve(fixed.file())) + ":" + fixed.line() + " ["
                        + fixed.rule() + "] " + fixed.message() + " (line when baselined)");
            }
        }
        for (BaselineComparison.Moved moved : checked.moved()) {
            log.warn("threadguard: " + plural(moved.findings(), "new finding") + " in "
                    + path(moduleDirectory.resolve(moved.to())) + (moved.findings() == 1 ? " looks" : " look")
                    + " like baselined ones of " + path(moduleDirectory.resolve(moved.from()))
                    + ", which no longer has them: the findings of a renamed or moved file are new. Run "
                    + "threadguard:baseline to accept the move.");
        }
    }

    /** "3 baselined findings are fixed — run threadguard:baseline to drop them". */
    static String fixedSentence(int fixed) {
        return fixed == 1 ? "1 baselined finding is fixed \u2014 run threadguard:baseline to drop it"
                : fixed + " baselined findings are fixed \u2014 run threadguard:baseline to drop them";
    }

    static String failureMessage(BaselineComparison checked, Severity threshold) {
        List<Finding> failing = atLeast(checked.newFindings(), threshold);
        long files = failing.stream().map(Finding::file).distinct().count();
        Map<Severity, Integer> counts = countsBySeverity(failing);
        StringBuilder breakdown = new StringBuilder();
        for (Severity severity : Severity.values()) {
            if (counts.get(severity) > 0) {
                breakdown.append(breakdown.isEmpty() ? "" : ", ").append(plural(counts.get(severity),
                        severity.label()));
            }
        }
        String found = checked.hasBaseline() ? plural(failing.size(), "new finding") : plural(failing.size(), "finding");
        String baselined = checked.hasBaseline() && !checked.baselinedFindings().isEmpty()
                ? " (" + checked.baselinedFindings().size() + " more are baselined and do not count)" : "";
        return "threadguard found " + found + " at or above '" + threshold.label()
                + "' (" + breakdown + ") in " + plural((int) files, "file") + baselined + ".\n"
                + "Fix them as each message above says, suppress one with @SuppressWarnings(\"threadguard:<rule-id>\")"
                + " or a // threadguard:ignore <rule-id> comment on its line, or set threadguard.failOnSeverity "
                + "or threadguard.failOnViolation=false to stop failing the build.";
    }

    static List<Finding> atLeast(List<Finding> findings, Severity threshold) {
        return findings.stream().filter(finding -> finding.severity().isAtLeast(threshold)).toList();
    }

    static Map<Severity, Integer> countsBySeverity(List<Finding> findings) {
        return AnalysisResult.countsBySeverity(findings);
    }

    String path(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(workingDirectory) ? workingDirectory.relativize(absolute).toString()
                : absolute.toString();
    }

    static String plural(int count, String noun) {
        if (noun.equals("info")) {
            return count + (count == 1 ? " info" : " infos");
        }
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
