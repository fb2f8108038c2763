package dev.threadguard.report.runtime;

import dev.threadguard.agent.api.TestEvents;
import dev.threadguard.agent.config.LogFormat;
import dev.threadguard.report.model.LeakSite;
import dev.threadguard.report.model.SpawnSite;
import dev.threadguard.report.model.ThreadEntry;
import dev.threadguard.report.model.Timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the run and test-suite analyses both make of a recording: sites, thread entries, timelines, leak sites. */
final class ReportParts {

    static final int MAX_TIMELINE_POINTS = 2000;

    private ReportParts() {
    }

    /** Sites where threads were started, most started first. */
    static List<SpawnSite> spawnSites(Recording recording) {
        List<SpawnSite> sites = new ArrayList<>();
        for (Recording.Site site : recording.sites().values()) {
            if (site.started() > 0) {
                sites.add(new SpawnSite(site.frame(), site.stack(), site.started(), site.peakAlive(), site.kind(),
                        site.ownerKind() == null ? LogFormat.OWNER_THREAD : site.ownerKind(), site.owners()));
            }
        }
        sites.sort(BY_STARTED);
        return sites;
    }

    static final Comparator<SpawnSite> BY_STARTED = Comparator.comparingLong(SpawnSite::started).reversed()
            .thenComparing(SpawnSite::kind).thenComparing(SpawnSite::frame);

    /** A dumped thread as a report entry; its owner and test looked up in the recording. */
    static ThreadEntry entry(Recording recording, Recording.DumpedThread thread) {
        Recording.Site site = recording.site(thread.siteId());
        Recording.Scope scope = recording.scopes().get(thread.scopeId());
        List<String> made = !thread.creationStack().isEmpty() ? thread.creationStack()
                : creationStack(recording, site, thread.ownerId());
        ThreadEntry.Owner owner = site == null ? null : new ThreadEntry.Owner(
                thread.ownerKind() == null ? LogFormat.OWNER_THREAD : thread.ownerKind(), site.frame(), made);
        return new ThreadEntry(thread.name(), thread.id(), thread.state(), thread.daemon(),
                thread.baseline() || site == null, thread.lock(), thread.stack(), site == null ? null : site.frame(),
                made, owner, scope == null ? null : scope.test(),
                scope == null ? null : thread.attribution(), null, thread.idle());
    }

    /**
     * Where a thread's owner was made: a pool's or timer's own construction stack; for any other thread its site's
     * stack (the first seen there). A dumped plain thread carries its own start stack instead when it differs
     * ({@link Recording.DumpedThread#creationStack()}); a thread that ended after its test has only this.
     */
    static List<String> creationStack(Recording recording, Recording.Site site, int ownerId) {
        if (site == null) {
            return List.of();
        }
        Recording.Owner owner = recording.owners().get(ownerId);
        return owner == null ? site.stack() : owner.stackOr(site.stack());
    }

    /** A thread that ended after its test, as a report entry (its stack is gone). */
    static ThreadEntry entry(Recording recording, Recording.Ended thread) {
        Recording.Site site = recording.site(thread.siteId());
        Recording.Scope scope = recording.scopes().get(thread.scopeId());
        Recording.Owner owner = recording.owners().get(thread.ownerId());
        String kind = owner != null ? owner.kind() : site != null && site.ownerKind() != null ? site.ownerKind()
                : LogFormat.OWNER_THREAD;
        List<String> made = creationStack(recording, site, thread.ownerId());
        return new ThreadEntry(thread.name(), thread.threadId(), "TERMINATED", thread.daemon(), false, null,
                List.of(), site == null ? null : site.frame(), made,
                site == null ? null : new ThreadEntry.Owner(kind, site.frame(), made),
                scope == null ? null : scope.test(), thread.attribution(), null, false);
    }

    static Timeline timeline(Recording recording) {
        List<Timeline.Point> platform = new ArrayList<>();
        List<Timeline.Point> virtual = new ArrayList<>();
        for (Recording.Sample sample : recording.samples()) {
            if (sample.peak() > sample.live()) {
                platform.add(new Timeline.Point(sample.millis(), sample.peak()));
            }
            platform.add(new Timeline.Point(sample.millis(), sample.live()));
            if (sample.peakVirtual() > sample.liveVirtual()) {
                virtual.add(new Timeline.Point(sample.millis(), sample.peakVirtual()));
            }
            virtual.add(new Timeline.Point(sample.millis(), sample.liveVirtual()));
        }
        // a fail-fast halt can come before the sampler saw the count that broke the budget: the breach says it
        for (Recording.AgentBreach breach : recording.breaches()) {
            switch (breach.budget()) {
                case Budgets.MAX_THREADS, "runawayLimit" ->
                        platform.add(new Timeline.Point(breach.millis(), breach.observed()));
                case Budgets.MAX_VIRTUAL_THREADS -> virtual.add(new Timeline.Point(breach.millis(), breach.observed()));
                default -> {
                    // not a live count
                }
            }
        }
        platform.sort(Comparator.comparingLong(Timeline.Point::millis));
        virtual.sort(Comparator.comparingLong(Timeline.Point::millis));
        boolean anyVirtual = virtual.stream().anyMatch(point -> point.live() > 0);
        List<Timeline.Mark> marks = new ArrayList<>();
        for (Recording.Mark mark : recording.marks()) {
            marks.add(new Timeline.Mark(mark.millis(), mark.name()));
        }
        return new Timeline(downsample(platform), anyVirtual ? downsample(virtual) : List.of(), marks);
    }

    /** At most {@link #MAX_TIMELINE_POINTS} points: per time bucket, the highest count (peaks stay visible). */
    static List<Timeline.Point> downsample(List<Timeline.Point> points) {
        if (points.size() <= MAX_TIMELINE_POINTS) {
            return List.copyOf(points);
        }
        long last = points.get(points.size() - 1).millis();
        long bucket = Math.max(1, last / (MAX_TIMELINE_POINTS / 2) + 1);
        List<Timeline.Point> result = new ArrayList<>();
        long currentBucket = -1;
        Timeline.Point best = null;
        for (Timeline.Point point : points) {
            long index = point.millis() / bucket;
            if (index != currentBucket) {
                if (best != null) {
                    result.add(best);
                }
                currentBucket = index;
                best = new Timeline.Point(index * bucket, point.live());
            } else if (point.live() > best.live()) {
                best = new Timeline.Point(best.millis(), point.live());
            }
        }
        result.add(best);
        result.add(points.get(points.size() - 1));
        return result;
    }

    /** Groups leaked threads by owner site; {@code jvmOf} tells which JVM (recording) each came from. */
    static final class LeakSites {
        private final Map<String, Group> groups = new LinkedHashMap<>();

        private static final class Group {
            final String site;
            final String kind;
            final List<String> stack;
            long leaked;
            final Set<Object> jvms = new LinkedHashSet<>();
            final Set<String> tests = new LinkedHashSet<>();
            final Set<String> frameworks = new LinkedHashSet<>();
            String testFrame;
            boolean throughLibrary;
            /** The site's stack runs through another test's line than a leaking test's own. */
            boolean otherTestsFrame;
            /** A leak here whose owner's stack shows no test line (a library's own worker started it). */
            boolean withoutTestFrame;
            /** The fix for owners orphaned by a replaced singleton, and whether every leak here is one. */
            String replacedFix;
            boolean notReplaced;

            Group(String site, String kind, List<String> stack) {
                this.site = site;
                this.kind = kind;
                this.stack = stack;
            }
        }

        void add(ThreadEntry thread, Object jvm, String framework) {
            add(thread, jvm, framework, null, Set.of(), null);
        }

        /** A leak of an owner that a test orphaned by replacing a library's singleton; {@code fix} says so. */
        void addReplaced(ThreadEntry thread, Object jvm, String framework, String fix) {
            add(thread, jvm, framework, null, Set.of(), fix);
        }

        /**
         * A leak of an owner made at a library's site (not in the test sources).
         *
         * @param testFrame where the test sources made the owner, or null when its stack shows no test line
         * @param knownTests the tests of the thread's JVM ({@code pkg.Class#method})
         */
        void addAtLibrarySite(ThreadEntry thread, Object jvm, String framework, String testFrame,
                Set<String> knownTests) {
            Group group = add(thread, jvm, framework, testFrame, knownTests, null);
            // another leak here may name a test line: it is not this one's, so no one line is the fix
            group.withoutTestFrame |= testFrame == null;
        }

        private Group add(ThreadEntry thread, Object jvm, String framework, String testFrame, Set<String> knownTests,
                String replacedFix) {
            String site = thread.owner() == null ? "(unknown)" : thread.owner().site();
            String kind = thread.owner() == null ? LogFormat.OWNER_THREAD : thread.owner().kind();
            Group group = groups.computeIfAbsent(kind + " " + site, key -> new Group(site, kind,
                    thread.owner() == null ? List.of() : thread.owner().stack()));
            group.leaked++;
            group.jvms.add(jvm);
            if (replacedFix != null) {
                group.replacedFix = group.replacedFix == null ? replacedFix : group.replacedFix;
            } else {
                group.notReplaced = true;
            }
            if (thread.test() != null) {
                group.tests.add(thread.test());
            }
            if (framework != null) {
                group.frameworks.add(framework);
            }
            if (testFrame != null) {
                group.throughLibrary = true;
                if (madeBy(testFrame, thread.test(), knownTests)) {
                    if (group.testFrame != null && !group.testFrame.equals(testFrame)) {
                        group.otherTestsFrame = true; // tests made them at lines of their own: one fix cannot name all
                    }
                    group.testFrame = group.testFrame == null ? testFrame : group.testFrame;
                } else {
                    group.otherTestsFrame = true;
                }
            }
            return group;
        }

        List<LeakSite> sites() {
            List<LeakSite> sites = new ArrayList<>();
            for (Group group : groups.values()) {
                String framework = group.frameworks.isEmpty() ? null : group.frameworks.iterator().next();
                sites.add(new LeakSite(group.site, group.kind, group.leaked, group.jvms.size(),
                        List.copyOf(group.tests), group.stack, group.replacedFix != null && !group.notReplaced
                        ? group.replacedFix : !group.throughLibrary
                        ? fix(group.kind, group.site, framework, !group.tests.isEmpty())
                        : group.testFrame == null || group.otherTestsFrame || group.withoutTestFrame
                        ? fixThroughLibrary(group.kind, group.site, framework)
                        : fixThroughLibrary(group.kind, group.site, group.testFrame, framework)));
            }
            sites.sort(Comparator.comparingLong(LeakSite::leaked).reversed().thenComparing(LeakSite::site));
            return sites;
        }
    }

    /** How to fix a leak of this owner kind, with the framework's own clean-up hooks named. */
    static String fix(String kind, String site, String framework, boolean byTests) {
        String what = switch (kind) {
            case LogFormat.OWNER_POOL -> "shut the pool made at " + site + " down (shutdown(), then awaitTermination)";
            case LogFormat.OWNER_TIMER -> "cancel() the timer made at " + site;
            default -> "end the thread started at " + site + " (interrupt it or signal it to stop, then join it)";
        };
        if (!byTests) {
            return what + " before the work it served is done";
        }
        String hooks = hooks(framework);
        return what + " in " + hooks + ", or in a finally block of the test";
    }

    /**
     * How to fix a leak of an owner that a test orphaned: it replaced a library's singleton held in {@code field}
     * ({@code at}, the test's line where the replacement was made, may be null) without shutting the old one down.
     */
    static String fixReplaced(String kind, String site, String field, String at) {
        String stop = LogFormat.OWNER_TIMER.equals(kind) ? "cancel() it" : "shut it down (shutdown(), then "
                + "awaitTermination)";
        return "the test replaced the library's singleton " + field + (at == null ? "" : " at " + at)
                + " without shutting the old one down: " + stop + " before replacing it (the old " + kind
                + " was made at " + site + ")";
    }

    /**
     * How to fix a leak of an owner a library made for the test: the test cannot shut the library's pool down, it
     * must close what it made at {@code testFrame}.
     */
    static String fixThroughLibrary(String kind, String site, String testFrame, String framework) {
        return "close (or shut down) what the test made at " + testFrame + ", which owns the " + kind + " made at "
                + site + ", in " + hooks(framework) + ", or in a finally block of the test";
    }

    /**
     * The same fix when the line where the leaking tests made it is not known: the site's stack is one owner's, made
     * by another test (a library's monitor that several tests start, one of which closes its own).
     */
    static String fixThroughLibrary(String kind, String site, String framework) {
        return "close (or shut down), in " + hooks(framework) + " or in a finally block of the test, what each test "
                + "listed made that owns the " + kind + " made at " + site;
    }

    /**
     * Whether a line of the test sources in an owner's stack is the leaking test's own: a plain thread's stack is its
     * site's first, and an owner may have been made by another test than the one blamed, so the line may be another
     * test's. It is when it is in the test's class and is not another test
     * method of the JVM (a helper of the class is the test's too).
     */
    static boolean madeBy(String testFrame, String test, Set<String> knownTests) {
        if (test == null) {
            return true;
        }
        String method = dev.threadguard.agent.config.Frames.methodOf(testFrame);
        int dot = method.lastIndexOf('.');
        String frameTest = method.substring(0, Math.max(0, dot)) + "#" + method.substring(dot + 1);
        int hash = test.indexOf('#');
        String testClass = hash < 0 ? test : test.substring(0, hash);
        if (!testClass.equals(JvmLifetime.classOf(testFrame))) {
            return false;
        }
        return frameTest.equals(withoutParameters(test)) || !knownTests.contains(frameTest);
    }

    /** {@code pkg.Class#method} of a test id that may carry its parameters ({@code method(int)}, {@code method[1]}). */
    static String withoutParameters(String test) {
        int end = test.length();
        for (char c : new char[] {'(', '['}) {
            int at = test.indexOf(c, test.indexOf('#') + 1);
            end = at > 0 ? Math.min(end, at) : end;
        }
        return test.substring(0, end);
    }

    /** The innermost frame of the test sources in a stack, when the stack's site is not in them; else null. */
    static String testFrame(List<String> stack, java.util.function.Predicate<String> isTestClass) {
        if (stack.isEmpty()) {
            return null;
        }
        for (String frame : stack) {
            String type = JvmLifetime.classOf(frame);
            if (!dev.threadguard.agent.config.Frames.isJdk(type) && isTestClass.test(type)) {
                return frame;
            }
        }
        return null;
    }

    /** The framework's clean-up hooks: after each test, after the class. */
    static String hooks(String framework) {
        if (framework == null) {
            return "the test's clean-up (after each test, or after the class for a shared one)";
        }
        return switch (framework) {
            case TestEvents.TESTNG -> "@AfterMethod (or @AfterClass for one shared by the class)";
            case TestEvents.JUNIT4 -> "@After (or @AfterClass for one shared by the class)";
            default -> "@AfterEach (or @AfterAll for one shared by the class)";
        };
    }

    /** The framework of a scope: JUnit 4 and TestNG run on the JUnit Platform (Vintage, testng-engine) count as such. */
    static String framework(Recording.Scope scope) {
        if (scope == null) {
            return null;
        }
        String uniqueId = scope.uniqueId() == null ? "" : scope.uniqueId();
        if (uniqueId.contains("[engine:junit-vintage]")) {
            return TestEvents.JUNIT4;
        }
        if (uniqueId.contains("[engine:testng]")) {
            return TestEvents.TESTNG;
        }
        return scope.framework();
    }
}
