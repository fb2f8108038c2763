package dev.threadguard.report.runtime;

import dev.threadguard.agent.config.LogFormat;
import dev.threadguard.report.model.Breach;
import dev.threadguard.report.model.LoadSummary;
import dev.threadguard.report.model.RunReport;
import dev.threadguard.report.model.ThreadEntry;
import dev.threadguard.report.model.Timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One application run's recording turned into its {@link RunReport}: counts, sites, leaks and the last thread dump,
 * checked against the budgets. A {@code main} run's leaks are the non-daemon threads alive after {@code main}
 * returned and the grace period; a {@code service}'s are the threads started in the load window that were neither
 * ended nor idle after the load and the grace period, less those kept for the JVM's life.
 */
public final class RunAnalysis {

    /**
     * How the JVM ended, as the plugin saw it.
     *
     * @param exitCode    null when the JVM was stopped by the plugin and its code says nothing
     * @param killed      the plugin killed it (backstop, or a stop that timed out)
     * @param stopped     the plugin stopped the service (SIGTERM), as planned
     * @param readyMillis service: how long the application took to get ready
     */
    public record Outcome(String mode, Integer exitCode, boolean killed, boolean stopped, long durationMillis,
            Long readyMillis, String javaVersion, LoadSummary load, boolean failOnNonZeroExit, long timeoutSeconds,
            List<String> failures, List<String> notes) {
    }

    private final Budgets budgets;
    private final Allowances allowances;

    public RunAnalysis(Budgets budgets, Allowances allowances) {
        this.budgets = budgets;
        this.allowances = allowances;
    }

    /** @param recording null when the agent wrote none (the JVM never started, or died at once) */
    public RunReport analyse(Recording recording, Outcome outcome) {
        List<String> failures = new ArrayList<>(outcome.failures());
        List<String> notes = new ArrayList<>(outcome.notes());
        String endedBy = endedBy(outcome, recording);
        boolean timedOut = endedBy.equals(LogFormat.REASON_TIMEOUT) || (endedBy.equals("killed")
                && !outcome.stopped());
        if (recording == null) {
            List<Breach> breaches = BudgetCheck.breaches(BudgetCheck.measures(budgets, outcome.mode(), 0, null, 0, 0,
                    0));
            if (timedOut) {
                failures.add("the run did not end within its timeout of " + outcome.timeoutSeconds() + " s");
            }
            return new RunReport(RunReport.FAIL, outcome.mode(), outcome.exitCode(), timedOut, endedBy,
                    outcome.durationMillis(), outcome.readyMillis(), outcome.javaVersion(), 0, null, 0, null,
                    LogFormat.VIRTUAL_UNSUPPORTED, 0, List.of(), budgets.asMap(), breaches, failures, List.of(),
                    List.of(), List.of(), List.of(), List.of(), null, List.of(), Timeline.EMPTY, outcome.load(), notes,
                    List.of());
        }
        notes.addAll(recording.problems());
        notes.addAll(recording.notes());

        Counts counts = Counts.of(recording);
        notes.addAll(counts.notes());

        // leaks
        boolean service = RunReport.MODE_SERVICE.equals(outcome.mode());
        Recording.Dump leakDump = recording.lastDump(service ? LogFormat.REASON_SNAPSHOT : LogFormat.REASON_LEAK);
        List<ThreadEntry> leaked = new ArrayList<>();
        List<ThreadEntry> lifetime = new ArrayList<>();
        List<ThreadEntry> allowed = new ArrayList<>();
        ReportParts.LeakSites leakSites = new ReportParts.LeakSites();
        Allowances.PerJvm allowance = allowances.perJvm();
        if (leakDump != null) {
            JvmLifetime lifetimes = new JvmLifetime(recording, type -> false);
            for (Recording.DumpedThread thread : leakDump.threads()) {
                if (!thread.leaked()) {
                    continue;
                }
                ThreadEntry entry = ReportParts.entry(recording, thread);
                String why = service ? lifetimes.reason(thread) : null;
                if (why != null) {
                    lifetime.add(entry.withReason(why));
                } else if (entry.owner() != null && allowance.allows(entry.owner().site())) {
                    allowed.add(entry.withReason(allowance.describe(entry.owner().site())));
                } else {
                    leaked.add(entry);
                    leakSites.add(entry, recording.file(), null);
                }
            }
        } else if (service && outcome.stopped()) {
            notes.add("no leak snapshot was taken (the application ended before it was stopped)");
        }
        if (!allowed.isEmpty()) {
            notes.add(allowed.size() + " leaked " + (allowed.size() == 1 ? "thread is" : "threads are")
                    + " allowed by allowedLeaks");
        }

        // the last dump: what was alive when the JVM ended (or was ended)
        Recording.Dump last = recording.lastDump();
        List<ThreadEntry> dump = new ArrayList<>();
        if (last != null) {
            for (Recording.DumpedThread thread : last.threads()) {
                dump.add(ReportParts.entry(recording, thread));
            }
        }
        dump.sort(Comparator.comparing(ThreadEntry::baseline).thenComparing(ThreadEntry::name));

        List<BudgetCheck.Measure> measures = BudgetCheck.measures(budgets, outcome.mode(), counts.peak(),
                counts.peakVirtual(), counts.started(), leaked.size(), lifetime.size());
        List<Breach> breaches = BudgetCheck.breaches(measures);
        for (Breach breach : breaches) {
            failures.add(breach.budget() + " budget breached: " + breach.observed() + " > limit " + breach.limit());
        }
        if (timedOut) {
            failures.add("the run did not end within its timeout of " + outcome.timeoutSeconds() + " s");
        }
        if (endedBy.equals(LogFormat.REASON_ORPHANED)) {
            failures.add("the application was ended because the build that started it was gone");
        }
        boolean byItself = endedBy.equals("exit") || endedBy.equals("unknown");
        // a service that ends by itself fails whatever its code: the caller says so, with its last output
        if (byItself && !service && outcome.exitCode() != null && outcome.exitCode() != 0 && outcome.failOnNonZeroExit()) {
            failures.add("the application exited with code " + outcome.exitCode());
        }
        Recording.Baseline baseline = recording.baseline();
        return new RunReport(failures.isEmpty() ? RunReport.PASS : RunReport.FAIL, outcome.mode(), outcome.exitCode(),
                timedOut, endedBy, outcome.durationMillis(), outcome.readyMillis(),
                outcome.javaVersion() != null ? outcome.javaVersion()
                        : recording.header() == null ? null : recording.header().javaVersion(),
                counts.peak(), counts.peakVirtual(), counts.started(), counts.virtualStarted(), counts.virtualMode(),
                baseline == null ? 0 : baseline.threads(), baseline == null ? List.of() : baseline.threadNames(),
                budgets.asMap(), breaches, failures, ReportParts.spawnSites(recording), leaked, leakSites.sites(),
                lifetime, allowed, last == null ? null : last.reason(), dump, ReportParts.timeline(recording),
                outcome.load(), notes, List.of(recording.file().toString()));
    }

    /** What ended the JVM: the plugin's kill or stop, else the agent's reason when the exit code is the agent's. */
    static String endedBy(Outcome outcome, Recording recording) {
        String agentReason = recording == null || recording.end() == null ? null : recording.end().endReason();
        boolean agentEnded = agentReason != null && !agentReason.equals(LogFormat.REASON_EXIT)
                && outcome.exitCode() != null && recording.end().exitCode() == outcome.exitCode();
        if (agentEnded) {
            return agentReason.toLowerCase(Locale.ROOT);
        }
        if (outcome.killed()) {
            return "killed"; // also a service that did not stop in time
        }
        if (outcome.stopped()) {
            return "stopped";
        }
        return recording == null ? "unknown" : "exit";
    }

    /** The run's counts, with the agent's own breach observations as a floor. */
    record Counts(long peak, long started, Long peakVirtual, Long virtualStarted, String virtualMode,
            List<String> notes) {

        static Counts of(Recording recording) {
            List<String> notes = new ArrayList<>();
            Recording.End end = recording.end();
            long peak = end == null ? 0 : end.peak();
            long started = end == null ? 0 : end.started();
            long peakVirtual = end == null ? -1 : end.peakVirtual();
            long virtualStarted = end == null ? -1 : end.virtualStarted();
            for (Recording.Sample sample : recording.samples()) {
                peak = Math.max(peak, sample.peak());
                started = Math.max(started, sample.started());
                peakVirtual = Math.max(peakVirtual, sample.peakVirtual());
                virtualStarted = Math.max(virtualStarted, sample.virtualStarted());
            }
            for (Recording.AgentBreach breach : recording.breaches()) {
                switch (breach.budget()) {
                    case Budgets.MAX_THREADS, "runawayLimit" -> peak = Math.max(peak, breach.observed());
                    case Budgets.MAX_THREADS_STARTED -> started = Math.max(started, breach.observed());
                    case Budgets.MAX_VIRTUAL_THREADS -> peakVirtual = Math.max(peakVirtual, breach.observed());
                    default -> {
                        // not a count
                    }
                }
            }
            String mode = recording.header() == null ? LogFormat.VIRTUAL_UNSUPPORTED
                    : recording.header().virtualThreads();
            Long virtualPeak = null;
            Long virtualStart = null;
            if (LogFormat.VIRTUAL_INSTRUMENTED.equals(mode)) {
                virtualPeak = Math.max(0, peakVirtual);
                virtualStart = Math.max(0, virtualStarted);
                if (recording.header().options() != null && (recording.header().options().contains("ignoreThreadName=")
                        || recording.header().options().contains("ignoreCreationFrame="))) {
                    notes.add("virtual-thread counts are estimates from sampled starts, as ignore patterns are set");
                }
            } else if (LogFormat.VIRTUAL_UNAVAILABLE.equals(mode)) {
                notes.add("virtual threads could not be counted on this JDK (its virtual-thread start was not found)");
            }
            return new Counts(peak, started, virtualPeak, virtualStart, mode, notes);
        }
    }
}
