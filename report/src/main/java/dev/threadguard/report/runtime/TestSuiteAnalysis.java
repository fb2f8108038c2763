package dev.threadguard.report.runtime;

import dev.threadguard.agent.AgentOptions;
import dev.threadguard.agent.TextPattern;
import dev.threadguard.agent.events.EventNames;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A test suite's recordings (one per forked test JVM) turned into one {@link RunReport}, written as
 * {@code test-report.json}: each recording is measured as a run is, threads are attributed to tests
 * ({@link TestAttribution}), and the leaks found by the {@link LeakScope}. Peaks are the highest of any one test JVM
 * (each JVM has its own threads); threads started and leaked are added up over all of them.
 */
public final class TestSuiteAnalysis {

    /**
     * JDK threads that the whole JVM shares and some test happens to start first: the common pool's workers, the
     * process reaper, the HTTP keep-alive timers. They are never a test's leak.
     */
    static final List<TextPattern> SHARED_JVM_THREADS = List.of(TextPattern.compile("ForkJoinPool.commonPool-worker-*"),
            TextPattern.compile("process reaper"), TextPattern.compile("Keep-Alive-Timer"),
            TextPattern.compile("Keep-Alive-SocketCleaner"));

    public record Request(Budgets budgets, Ignores ignores, LeakScope leakScope) {
    }

    private final Request request;

    public TestSuiteAnalysis(Request request) {
        this.request = request;
    }

    /**
     * @param unreadable one sentence per recording that could not be read, reported as notes
     */
    public RunReport analyse(List<RunRecording> recordings, List<String> unreadable) {
        List<String> notes = new ArrayList<>(unreadable);
        List<String> failures = new ArrayList<>();
        Map<List<String>, RunMeasurements.SpawnSite> sites = new LinkedHashMap<>();
        List<RunMeasurements.ThreadEntry> leaked = new ArrayList<>();
        List<RunMeasurements.ThreadEntry> alive = new ArrayList<>();
        int peak = 0;
        long started = 0;
        Long peakVirtual = null;
        Long virtualStarted = null;
        RunMeasurements.Timeline timeline = new RunMeasurements.Timeline(List.of(), List.of());
        RunMeasurements first = null;
        Instant start = null;
        Instant end = null;
        String javaVersion = null;
        String endedBy = "exit";
        Set<String> tests = new TreeSet<>();
        int aliveNotByTests = 0;

        for (RunRecording recording : recordings) {
            TestAttribution attribution = TestAttribution.of(recording);
            RunMeasurements run = new RunAnalysis(request.ignores(), attribution.frameworkThreads()).analyse(recording);
            first = first == null ? run : first;
            if (run.peakThreads() >= peak) {
                timeline = run.timeline();
            }
            peak = Math.max(peak, run.peakThreads());
            started += run.threadsStarted();
            peakVirtual = max(peakVirtual, run.peakVirtualThreads());
            virtualStarted = sum(virtualStarted, run.virtualThreadsStarted());
            for (RunMeasurements.SpawnSite site : run.spawnSites()) {
                sites.merge(key(site), site, (a, b) -> new RunMeasurements.SpawnSite(a.kind(), a.frame(), a.stack(),
                        a.started() + b.started(), Math.max(a.peakAlive(), b.peakAlive())));
            }
            start = recording.start() == null ? start : start == null || recording.start().isBefore(start)
                    ? recording.start() : start;
            end = recording.end() == null ? end : end == null || recording.end().isAfter(end) ? recording.end() : end;
            if (javaVersion == null && recording.baseline() != null) {
                javaVersion = recording.baseline().javaVersion();
            }
            for (TestAttribution.Scope scope : attribution.scopes()) {
                if (!scope.container()) {
                    tests.add(scope.test());
                }
            }
            endedBy = worse(endedBy, recording, failures);

            // leaks
            Set<Long> leakedIds = new HashSet<>();
            for (RunMeasurements.ThreadEntry thread : run.leakedThreads()) {
                TestAttribution.Owner owner = attribution.owner(thread.id());
                if (owner == null || shared(thread.name())) {
                    aliveNotByTests++;
                    continue;
                }
                leaked.add(thread.withTest(owner.test(), owner.attribution()));
                leakedIds.add(thread.id());
            }
            if (request.leakScope() == LeakScope.TEST) {
                leaked.addAll(outlivedTheirTest(recording, run, attribution, leakedIds));
            }
            for (RunMeasurements.ThreadEntry thread : run.threadDump()) {
                if (!thread.baseline() && !attribution.startedByFramework(thread.id())) {
                    TestAttribution.Owner owner = attribution.owner(thread.id());
                    alive.add(owner == null ? thread : thread.withTest(owner.test(), owner.attribution()));
                }
            }
        }

        int byListener = 0;
        int byStack = 0;
        for (RunMeasurements.ThreadEntry thread : leaked) {
            if (TestAttribution.BY_LISTENER.equals(thread.attribution())) {
                byListener++;
            } else {
                byStack++;
            }
        }
        if (recordings.size() > 1) {
            notes.add(recordings.size() + " test JVMs recorded: peaks are the highest of any one of them, threads "
                    + "started and leaked are added up; the chart shows the JVM with the highest peak");
        }
        if (!recordings.isEmpty()) {
            notes.add(tests.size() + (tests.size() == 1 ? " test" : " tests") + " seen by the JUnit Platform listener"
                    + (tests.isEmpty() ? " (none: threads are attributed to tests by their creation stacks)" : ""));
        }
        if (byStack > 0 && byListener > 0) {
            notes.add(byStack + " leaked threads attributed by their creation stack, not by the test listener");
        }
        if (aliveNotByTests > 0) {
            notes.add(aliveNotByTests + " threads still alive at the end of a test JVM were not started by a test "
                    + "(the framework's, the JVM's shared threads, or started outside any test): not counted as leaks");
        }

        leaked.sort(Comparator.comparing(RunMeasurements.ThreadEntry::test)
                .thenComparing(RunMeasurements.ThreadEntry::name));
        alive.sort(Comparator.comparing(RunMeasurements.ThreadEntry::name));
        List<RunMeasurements.SpawnSite> spawnSites = new ArrayList<>(sites.values());
        spawnSites.sort(Comparator.comparingLong(RunMeasurements.SpawnSite::started).reversed()
                .thenComparing(RunMeasurements.SpawnSite::kind));
        RunMeasurements merged = new RunMeasurements(
                first == null ? 0 : first.baselineThreads(),
                first == null ? List.of() : first.baselineThreadNames(),
                peak, started,
                first == null ? EventNames.VIRTUAL_UNSUPPORTED : first.virtualThreads(),
                peakVirtual, virtualStarted, spawnSites, leaked, recordings.isEmpty() ? null : EventNames.REASON_EXIT,
                alive, timeline, endedBy, false, notes);

        BudgetCheck check = BudgetCheck.forTests(request.budgets());
        List<BudgetCheck.Breach> breaches = check.breaches(merged);
        for (BudgetCheck.Breach breach : breaches) {
            failures.add(breach.budget() + " budget breached: " + breach.observed() + " > limit " + breach.limit());
        }
        long duration = start == null || end == null ? 0 : Duration.between(start, end).toMillis();
        List<String> files = recordings.stream().map(recording -> recording.file().toString()).toList();
        return new RunReport(failures.isEmpty() ? RunReport.PASS : RunReport.FAIL, null, false, endedBy, duration,
                javaVersion, request.budgets().asMap(), check.measures(merged), breaches, failures, merged, files);
    }

    /**
     * {@code leakScope=test}: threads still alive a settle time after the test that started them finished, also
     * those that ended later, before the JVM did. Needs the listener, which tells when a test finished.
     */
    private List<RunMeasurements.ThreadEntry> outlivedTheirTest(RunRecording recording, RunMeasurements run,
            TestAttribution attribution, Set<Long> alreadyLeaked) {
        Duration settle = Duration.ofMillis(settleMillis(recording));
        Map<Long, RunMeasurements.ThreadEntry> dumped = new HashMap<>();
        for (RunMeasurements.ThreadEntry thread : run.threadDump()) {
            dumped.put(thread.id(), thread);
        }
        Set<Long> baselineIds = recording.baseline() == null ? Set.of() : new HashSet<>(recording.baseline().threadIds());
        List<RunMeasurements.ThreadEntry> result = new ArrayList<>();
        for (RunRecording.StartedThread thread : recording.threads()) {
            TestAttribution.Owner owner = attribution.owner(thread.id());
            if (owner == null || owner.scope() == null || owner.scope().finished() == null
                    || alreadyLeaked.contains(thread.id()) || baselineIds.contains(thread.id())
                    || shared(thread.name()) || request.ignores().ignores(thread.name(), thread.creationStack())) {
                continue;
            }
            Instant ended = thread.ended();
            if (ended == null && !dumped.containsKey(thread.id())) {
                ended = recording.end(); // ended while the JVM shut down, after its last events
            }
            Instant deadline = owner.scope().finished().plus(settle);
            if (ended != null && !ended.isAfter(deadline)) {
                continue;
            }
            RunMeasurements.ThreadEntry entry = dumped.get(thread.id());
            if (entry == null) {
                entry = new RunMeasurements.ThreadEntry(thread.id(), thread.name(), "TERMINATED", false, false, null,
                        List.of(), RunAnalysis.firstApplicationFrame(thread.creationStack()), thread.creationStack());
            }
            result.add(entry.withTest(owner.test(), owner.attribution()));
        }
        return result;
    }

    static long settleMillis(RunRecording recording) {
        if (recording.baseline() != null && recording.baseline().options() != null) {
            try {
                return AgentOptions.parse(recording.baseline().options()).settleMillis();
            } catch (IllegalArgumentException e) {
                // a recording of another agent version: the default
            }
        }
        return new AgentOptions().settleMillis();
    }

    static boolean shared(String threadName) {
        return TextPattern.any(SHARED_JVM_THREADS, threadName);
    }

    /** The worst way any test JVM ended: halted by the agent beats an ordinary exit. */
    private static String worse(String current, RunRecording recording, List<String> failures) {
        RunRecording.Summary summary = recording.summary();
        if (summary == null) {
            return current.equals("exit") ? "unknown" : current;
        }
        String reason = summary.endReason();
        if (EventNames.REASON_BREACH.equals(reason)) {
            for (RunRecording.AgentBreach breach : recording.breaches()) {
                if (breach.failFast()) {
                    failures.add("the agent halted a test JVM (" + recording.file().getFileName() + "): " + breach.budget()
                            + " " + breach.observed() + " > " + breach.limit() + " live threads");
                    break;
                }
            }
            return EventNames.REASON_BREACH;
        }
        return current;
    }

    private static List<String> key(RunMeasurements.SpawnSite site) {
        List<String> key = new ArrayList<>(site.stack());
        key.add(site.kind());
        return key;
    }

    private static Long max(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
    }

    private static Long sum(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(a + b);
    }
}
