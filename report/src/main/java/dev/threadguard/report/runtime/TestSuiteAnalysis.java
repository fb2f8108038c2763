package dev.threadguard.report.runtime;

import dev.threadguard.agent.api.TestEvents;
import dev.threadguard.agent.config.AgentOptions;
import dev.threadguard.agent.config.LogFormat;
import dev.threadguard.report.model.Breach;
import dev.threadguard.report.model.RunReport;
import dev.threadguard.report.model.SpawnSite;
import dev.threadguard.report.model.ThreadEntry;
import dev.threadguard.report.model.Timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A test suite's recordings (one per forked test JVM) turned into one {@link RunReport}, written as
 * {@code test-report.json}. The agent blamed each thread on a test as it started; here each JVM's threads still alive
 * at its end are judged: kept for the JVM's life ({@link JvmLifetime}), allowed ({@link Allowances}), or leaked by
 * their test, and with {@code leakScope=test} or {@code class} also threads that ended too late. Leaks are grouped by
 * owner site over all JVMs, so one static leak run in 27 forks is one site with 27 threads, not 27 entries. Peaks
 * are the highest of any one JVM; threads started and leaked are added up over all of them.
 */
public final class TestSuiteAnalysis {

    /**
     * @param isTestClass whether a class is one of the project's test sources (a singleton made there is the
     *                    tests', not a library's)
     */
    public record Request(Budgets budgets, LeakScope leakScope, Allowances allowances, Predicate<String> isTestClass) {
    }

    private final Request request;

    public TestSuiteAnalysis(Request request) {
        this.request = request;
    }

    /** @param unreadable one sentence per recording that could not be read, reported as notes */
    public RunReport analyse(List<Recording> recordings, List<String> unreadable) {
        List<String> notes = new ArrayList<>(unreadable);
        List<String> failures = new ArrayList<>();
        Map<String, SpawnSite> sites = new LinkedHashMap<>();
        List<ThreadEntry> leaked = new ArrayList<>();
        List<ThreadEntry> lifetime = new ArrayList<>();
        List<ThreadEntry> allowed = new ArrayList<>();
        List<ThreadEntry> alive = new ArrayList<>();
        ReportParts.LeakSites leakSites = new ReportParts.LeakSites();
        long peak = 0;
        long started = 0;
        Long peakVirtual = null;
        Long virtualStarted = null;
        String virtualMode = LogFormat.VIRTUAL_UNSUPPORTED;
        Timeline timeline = Timeline.EMPTY;
        long timelinePeak = -1;
        long duration = 0;
        long firstStart = Long.MAX_VALUE;
        long lastEnd = Long.MIN_VALUE;
        String javaVersion = null;
        String endedBy = "exit";
        List<String> baselineNames = List.of();
        int baselineThreads = 0;
        TreeSet<String> tests = new TreeSet<>();
        int notByTests = 0;
        int killed = 0;
        Map<String, Integer> attributions = new LinkedHashMap<>();

        for (Recording recording : recordings) {
            RunAnalysis.Counts counts = RunAnalysis.Counts.of(recording);
            if (counts.peak() > timelinePeak) {
                timelinePeak = counts.peak();
                timeline = ReportParts.timeline(recording);
            }
            peak = Math.max(peak, counts.peak());
            started += counts.started();
            peakVirtual = max(peakVirtual, counts.peakVirtual());
            virtualStarted = sum(virtualStarted, counts.virtualStarted());
            virtualMode = recording.header() == null ? virtualMode : recording.header().virtualThreads();
            duration = Math.max(duration, recording.durationMillis());
            if (recording.header() != null) {
                // from the first test JVM's start to the last one's end: the suite's time, not one JVM's
                firstStart = Math.min(firstStart, recording.header().startEpochMillis());
                lastEnd = Math.max(lastEnd, recording.header().startEpochMillis() + recording.durationMillis());
            }
            for (SpawnSite site : ReportParts.spawnSites(recording)) {
                sites.merge(site.kind() + " " + site.ownerKind() + " " + site.frame(), site, (a, b) -> new SpawnSite(
                        a.frame(), a.stack(), a.started() + b.started(), Math.max(a.peakAlive(), b.peakAlive()),
                        a.kind(), a.ownerKind(), a.owners() + b.owners()));
            }
            if (javaVersion == null && recording.header() != null) {
                javaVersion = recording.header().javaVersion();
            }
            if (recording.baseline() != null && baselineNames.isEmpty()) {
                baselineNames = recording.baseline().threadNames();
                baselineThreads = recording.baseline().threads();
            }
            for (Recording.Scope scope : recording.scopes().values()) {
                if (!scope.container() && !scope.uniqueId().startsWith("stack:")) {
                    tests.add(scope.test());
                }
            }
            for (String problem : recording.problems()) {
                notes.add(recording.file().getFileName() + ": " + problem);
            }
            if (recording.end() == null) {
                killed++;
            } else if (LogFormat.REASON_BREACH.equals(recording.end().endReason())) {
                endedBy = LogFormat.REASON_BREACH;
                for (Recording.AgentBreach breach : recording.breaches()) {
                    if (breach.failFast()) {
                        failures.add("the agent halted a test JVM (" + recording.file().getFileName() + "): "
                                + breach.budget() + " " + breach.observed() + " > " + breach.limit()
                                + " live threads");
                        break;
                    }
                }
            }

            // the threads alive at the end, and those that outlived their test
            Allowances.PerJvm allowance = request.allowances().perJvm();
            Recording.Dump exit = recording.lastDump(LogFormat.REASON_EXIT);
            JvmLifetime lifetimes = new JvmLifetime(recording, request.isTestClass());
            if (exit != null) {
                // in the order they started: an allowance takes the first threads of its site, whatever the dump's order
                List<Recording.DumpedThread> threads = new ArrayList<>(exit.threads());
                threads.sort(Comparator.comparingLong(Recording.DumpedThread::startMillis)
                        .thenComparingLong(Recording.DumpedThread::id));
                for (Recording.DumpedThread thread : threads) {
                    if (!thread.application()) {
                        continue;
                    }
                    ThreadEntry entry = ReportParts.entry(recording, thread);
                    alive.add(entry);
                    if (!thread.leaked()) {
                        continue;
                    }
                    Recording.Scope scope = recording.scopes().get(thread.scopeId());
                    if (scope == null) {
                        notByTests++;
                        continue;
                    }
                    String why = lifetimes.reason(thread);
                    JvmLifetime.Replacement replaced = why == null ? lifetimes.replacement(thread) : null;
                    if (why != null) {
                        lifetime.add(entry.withReason(why));
                    } else if (replaced != null) {
                        // orphaned when a test replaced the library's singleton: that test's leak
                        Recording.Scope by = replaced.scope() != null ? replaced.scope() : scope;
                        judge(replaced.scope() != null ? entry.withTest(by.test(), LogFormat.BY_REPLACEMENT) : entry,
                                by, recording, allowance, leaked, allowed, leakSites, attributions, replaced);
                    } else {
                        judge(entry, scope, recording, allowance, leaked, allowed, leakSites, attributions, null);
                    }
                }
            }
            if (request.leakScope() != LeakScope.JVM) {
                long settle = settleMillis(recording);
                for (Recording.Ended thread : recording.ended()) {
                    Recording.Scope scope = recording.scopes().get(thread.scopeId());
                    if (scope == null || lifetimes.reason(thread) != null) {
                        continue; // its owner is kept for the JVM's life: an idle worker that timed out leaked nothing
                    }
                    // a thread of a test class (made in @BeforeAll/@BeforeClass) may live as long as the class
                    long finished = request.leakScope() == LeakScope.CLASS || scope.container()
                            ? classEnd(recording, scope) : scope.endMillis();
                    if (finished >= 0 && thread.endMillis() > finished + settle) {
                        judge(ReportParts.entry(recording, thread), scope, recording, allowance, leaked, allowed,
                                leakSites, attributions, null);
                    }
                }
            }
        }

        if (recordings.size() > 1) {
            notes.add(recordings.size() + " test JVMs recorded: peaks are the highest of any one of them, threads "
                    + "started and leaked are added up; the chart shows the JVM with the highest peak");
        }
        if (!recordings.isEmpty()) {
            notes.add(tests.size() + (tests.size() == 1 ? " test" : " tests") + " seen by the test listeners"
                    + (tests.isEmpty() ? " (none: threads are attributed to tests by their creation stacks)" : ""));
        }
        if (killed > 0) {
            notes.add(killed + (killed == 1 ? " test JVM" : " test JVMs") + " ended without the agent's summary "
                    + "(killed or crashed): their threads alive at the end could not be judged");
        }
        if (notByTests > 0) {
            notes.add(notByTests + " threads still alive at the end of a test JVM were not started during a test "
                    + "(started by the framework or outside any test): not counted as leaks");
        }
        if (!lifetime.isEmpty()) {
            notes.add(lifetime.size() + (lifetime.size() == 1 ? " thread is" : " threads are") + " kept for the JVM's "
                    + "life (singletons, static initializers): not counted as leaks; maxJvmLifetimeThreads limits them");
        }
        if (!allowed.isEmpty()) {
            notes.add(allowed.size() + " leaked " + (allowed.size() == 1 ? "thread is" : "threads are")
                    + " allowed by allowedLeaks");
        }
        attributions.remove(LogFormat.BY_LISTENER);
        for (Map.Entry<String, Integer> other : attributions.entrySet()) {
            notes.add(other.getValue() + " leaked threads attributed by " + describe(other.getKey()));
        }

        leaked.sort(Comparator.comparing((ThreadEntry e) -> e.test() == null ? "" : e.test())
                .thenComparing(ThreadEntry::name));
        alive.sort(Comparator.comparing(ThreadEntry::name));
        List<SpawnSite> spawnSites = new ArrayList<>(sites.values());
        spawnSites.sort(ReportParts.BY_STARTED);
        List<BudgetCheck.Measure> measures = BudgetCheck.measures(request.budgets(), RunReport.MODE_TEST, peak,
                peakVirtual, started, leaked.size(), lifetime.size());
        List<Breach> breaches = BudgetCheck.breaches(measures);
        for (Breach breach : breaches) {
            failures.add(breach.budget() + " budget breached: " + breach.observed() + " > limit " + breach.limit());
        }
        List<String> files = recordings.stream().map(recording -> recording.file().toString()).toList();
        return new RunReport(failures.isEmpty() ? RunReport.PASS : RunReport.FAIL, RunReport.MODE_TEST, null, false,
                recordings.isEmpty() ? "unknown" : endedBy, lastEnd > firstStart ? lastEnd - firstStart : duration, null,
                javaVersion, peak, peakVirtual, started,
                virtualStarted, virtualMode, baselineThreads, baselineNames, request.budgets().asMap(), breaches,
                failures, spawnSites, leaked, leakSites.sites(), lifetime, allowed,
                recordings.isEmpty() ? null : LogFormat.REASON_EXIT, alive, timeline, null, notes, files);
    }

    private void judge(ThreadEntry entry, Recording.Scope scope, Recording recording,
            Allowances.PerJvm allowance, List<ThreadEntry> leaked, List<ThreadEntry> allowed,
            ReportParts.LeakSites leakSites, Map<String, Integer> attributions, JvmLifetime.Replacement replaced) {
        java.util.function.Predicate<String> isTestClass = request.isTestClass();
        if (entry.owner() != null && allowance.allows(entry.owner().site())) {
            allowed.add(entry.withReason(allowance.describe(entry.owner().site())));
            return;
        }
        leaked.add(entry);
        if (entry.attribution() != null) {
            attributions.merge(entry.attribution(), 1, Integer::sum);
        }
        if (replaced != null && entry.owner() != null) {
            leakSites.addReplaced(entry, recording.file(), ReportParts.framework(scope), ReportParts.fixReplaced(
                    entry.owner().kind(), entry.owner().site(), replaced.field(),
                    ReportParts.testFrame(replaced.stack(), isTestClass)));
            return;
        }
        if (entry.owner() == null || isTestClass.test(JvmLifetime.classOf(entry.owner().site()))) {
            leakSites.add(entry, recording.file(), ReportParts.framework(scope));
            return;
        }
        String testFrame = ReportParts.testFrame(entry.owner().stack(), isTestClass);
        // the JVM's tests matter only to a library site's test line
        leakSites.addAtLibrarySite(entry, recording.file(), ReportParts.framework(scope), testFrame,
                testFrame == null ? Set.of() : testsOf(recording));
    }

    /** The tests a JVM ran, as {@code pkg.Class#method}. */
    private static Set<String> testsOf(Recording recording) {
        Set<String> tests = new HashSet<>();
        for (Recording.Scope scope : recording.scopes().values()) {
            if (scope.test() != null) {
                tests.add(ReportParts.withoutParameters(scope.test()));
            }
        }
        return tests;
    }

    /**
     * When the test class of a scope finished: the end of the class's container that spans it (JUnit Platform,
     * JUnit 4), else of the class's last method. TestNG reports no class container: each configuration method
     * ({@code @BeforeClass}, {@code @AfterMethod}, ...) is a container of its own, so there the class ends with its
     * last test or configuration method ({@code @AfterClass}), not with the {@code @BeforeClass} that made a thread.
     */
    static long classEnd(Recording recording, Recording.Scope scope) {
        String type = classOf(scope.test());
        long last = -1;
        for (Recording.Scope other : recording.scopes().values()) {
            if (!classOf(other.test()).equals(type)) {
                continue;
            }
            if (spansClass(other) && other.startMillis() <= scope.startMillis()
                    && (other.endMillis() < 0 || other.endMillis() >= scope.endMillis())) {
                return other.endMillis();
            }
            last = Math.max(last, other.endMillis());
        }
        return last;
    }

    /** A container that is a whole test class; TestNG's containers are single configuration methods. */
    private static boolean spansClass(Recording.Scope scope) {
        return scope.container() && !TestEvents.TESTNG.equals(scope.framework());
    }

    private static String classOf(String test) {
        int hash = test.indexOf('#');
        return hash < 0 ? test : test.substring(0, hash);
    }

    static long settleMillis(Recording recording) {
        if (recording.header() != null && recording.header().options() != null) {
            try {
                return AgentOptions.parse(recording.header().options()).settleMillis();
            } catch (IllegalArgumentException e) {
                // a recording of another agent version: the default
            }
        }
        return new AgentOptions().settleMillis();
    }

    private static String describe(String attribution) {
        return switch (attribution) {
            case LogFormat.BY_TASK -> "the test that submitted the task that started them";
            case LogFormat.BY_OWNER -> "the test that made their pool";
            case LogFormat.BY_PARENT -> "the test of the thread that started them";
            case LogFormat.BY_CREATION_STACK -> "their creation stack, not by a test listener";
            case LogFormat.BY_REPLACEMENT -> "the test during which the singleton that replaced their pool or timer "
                    + "was made";
            default -> attribution;
        };
    }

    private static Long max(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
    }

    private static Long sum(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(a + b);
    }
}
