package dev.threadguard.report.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * {@code run-report.json} and {@code test-report.json}: the outcome of one guarded run, or of a test suite's JVMs
 * merged. The JSON field names are a public contract (see docs/reports.md): add fields, never rename them.
 *
 * @param mode     {@code main} (an application whose {@code main} returns), {@code service} (a server under the
 *                 plugin's start/stop or built-in load) or {@code test} (a test suite)
 * @param endedBy  what ended the JVM: {@code exit}, {@code breach}, {@code leak}, {@code timeout} (the agent),
 *                 {@code stopped} (the plugin stopped a service), {@code killed} (the plugin's backstop, or a service that did not stop within
 *                 {@code stopTimeout}),
 *                 {@code orphaned} (the build was gone) or {@code unknown} (no recording)
 * @param failures why the verdict is "fail", one sentence each
 */
@JsonPropertyOrder({"verdict", "mode", "exitCode", "timedOut", "endedBy", "durationMillis", "readyMillis",
        "javaVersion", "peakThreads", "peakVirtualThreads", "threadsStarted", "virtualThreadsStarted", "virtualThreads",
        "baselineThreads", "baselineThreadNames", "budgets", "breaches", "failures", "spawnSites", "leakedThreads",
        "leakSites", "jvmLifetimeThreads", "allowedThreads", "threadDumpReason", "threadDump", "timeline", "load",
        "notes", "recordings"})
public record RunReport(
        String verdict,
        String mode,
        Integer exitCode,
        boolean timedOut,
        String endedBy,
        long durationMillis,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long readyMillis,
        String javaVersion,
        long peakThreads,
        Long peakVirtualThreads,
        long threadsStarted,
        Long virtualThreadsStarted,
        String virtualThreads,
        int baselineThreads,
        List<String> baselineThreadNames,
        Map<String, Long> budgets,
        List<Breach> breaches,
        List<String> failures,
        List<SpawnSite> spawnSites,
        List<ThreadEntry> leakedThreads,
        List<LeakSite> leakSites,
        List<ThreadEntry> jvmLifetimeThreads,
        List<ThreadEntry> allowedThreads,
        String threadDumpReason,
        List<ThreadEntry> threadDump,
        Timeline timeline,
        @JsonInclude(JsonInclude.Include.NON_NULL) LoadSummary load,
        List<String> notes,
        List<String> recordings) {

    public static final String PASS = "pass";
    public static final String FAIL = "fail";
    public static final String MODE_MAIN = "main";
    public static final String MODE_SERVICE = "service";
    public static final String MODE_TEST = "test";

    @JsonIgnore
    public boolean passed() {
        return PASS.equals(verdict);
    }

    @JsonIgnore
    public boolean isTestSuite() {
        return MODE_TEST.equals(mode);
    }
}
