package dev.threadguard.report.runtime;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one guarded run, written as {@code run-report.json}. Its JSON field names are a public contract
 * (see the README); add fields, never rename them.
 *
 * @param endedBy   what ended the JVM: {@code exit}, {@code breach}, {@code leak}, {@code timeout} (agent),
 *                  {@code killed} (the plugin's backstop) or {@code unknown} (no recording)
 * @param failures  why the verdict is "fail", one sentence each
 */
public record RunReport(
        String verdict,
        Integer exitCode,
        boolean timedOut,
        String endedBy,
        long durationMillis,
        String javaVersion,
        Map<String, Long> budgets,
        List<BudgetCheck.Measure> measures,
        List<BudgetCheck.Breach> breaches,
        List<String> failures,
        RunMeasurements measurements,
        List<String> recordings) {

    public static final String PASS = "pass";
    public static final String FAIL = "fail";

    public boolean passed() {
        return PASS.equals(verdict);
    }
}
