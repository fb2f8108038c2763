package dev.threadguard.engine;

import dev.threadguard.api.Finding;
import dev.threadguard.api.Rule;
import dev.threadguard.api.Severity;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What an analysis found.
 *
 * @param findings      every finding, sorted by file, line, column and rule
 * @param problems      files that could not be analysed completely, sorted by file
 * @param filesAnalysed number of source files read
 * @param rules         the rules that ran
 * @param elapsed       wall-clock time of the analysis
 * @param work          how the files were handled: parsed, skipped as irrelevant, or taken from the cache
 */
public record AnalysisResult(List<Finding> findings, List<SourceProblem> problems, int filesAnalysed,
                             List<Rule> rules, Duration elapsed, Work work) {

    /**
     * How the analysed files were handled.
     *
     * @param parsed  files parsed and checked
     * @param skipped files that mention none of the APIs the enabled rules look at, so cannot hold a finding
     * @param cached  unchanged files whose results came from the analysis cache
     */
    public record Work(int parsed, int skipped, int cached) {
        public static final Work NONE = new Work(0, 0, 0);
    }

    /** Number of findings per severity; every severity is present. */
    public Map<Severity, Integer> countsBySeverity() {
        return countsBySeverity(findings);
    }

    /** Number of these findings per severity; every severity is present. */
    public static Map<Severity, Integer> countsBySeverity(List<Finding> findings) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            counts.put(severity, 0);
        }
        for (Finding finding : findings) {
            counts.merge(finding.severity(), 1, Integer::sum);
        }
        return counts;
    }

    /** The findings at or above {@code threshold}. */
    public List<Finding> findingsAtLeast(Severity threshold) {
        return findings.stream().filter(finding -> finding.severity().isAtLeast(threshold)).toList();
    }
}
