package dev.threadguard.report.runtime;

import dev.threadguard.agent.AgentOptions;
import dev.threadguard.agent.Frames;
import dev.threadguard.agent.InternalThreads;
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

/**
 * Turns a {@link RunRecording} into {@link RunMeasurements}. Platform-thread counts come from the recorded start
 * and end of every thread, so they are exact with ignores applied; the agent's samples only fill gaps when JFR
 * reports lost data. Virtual-thread counts are the agent's exact counters, or, when ignores are configured, the
 * weighted sample of creation events.
 */
public final class RunAnalysis {

    static final int MAX_TIMELINE_POINTS = 2000;

    private final Ignores ignores;
    private final Set<Long> excludedIds;

    public RunAnalysis(Ignores ignores) {
        this(ignores, Set.of());
    }

    /** @param excludedIds threads not counted either: in a test JVM, those the test framework started */
    public RunAnalysis(Ignores ignores, Set<Long> excludedIds) {
        this.ignores = ignores;
        this.excludedIds = excludedIds;
    }

    public RunMeasurements analyse(RunRecording recording) {
        List<String> notes = new ArrayList<>();
        RunRecording.Baseline baseline = recording.baseline();
        Set<Long> baselineIds = baseline == null ? Set.of() : new HashSet<>(baseline.threadIds());
        Instant origin = recording.start() == null ? Instant.EPOCH : recording.start();

        // platform threads: one sweep over starts and ends gives the global and per-site peaks
        Map<List<String>, SiteCounter> sites = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        Map<Long, RunRecording.StartedThread> byId = new HashMap<>();
        long started = 0;
        for (RunRecording.StartedThread thread : recording.threads()) {
            byId.put(thread.id(), thread);
            if (!isApplication(thread.id(), thread.name(), thread.creationStack(), baselineIds)) {
                continue;
            }
            started++;
            SiteCounter site = sites.computeIfAbsent(thread.creationStack(), stack -> new SiteCounter("platform", stack));
            site.started++;
            steps.add(new Step(thread.started(), 1, site));
            if (thread.ended() != null) {
                steps.add(new Step(thread.ended().isBefore(thread.started()) ? thread.started() : thread.ended(), -1,
                        site));
            }
        }
        List<RunMeasurements.Point> platformLine = new ArrayList<>();
        int peakThreads = (int) sweep(steps, origin, platformLine);
        if (recording.dataLoss()) {
            int sampled = recording.samples().stream().mapToInt(RunRecording.Sample::peakThreads).max().orElse(0);
            if (sampled > peakThreads) {
                notes.add("JFR lost events in this run: the peak comes from the agent's samples");
                peakThreads = sampled;
            }
        }
        for (RunRecording.AgentBreach breach : recording.breaches()) {
            // the agent confirmed what it saw from the live thread list; never report less
            if (breach.budget().equals("maxThreads") || breach.budget().equals(AgentOptions.RUNAWAY_LIMIT)) {
                peakThreads = (int) Math.max(peakThreads, breach.observed());
            } else if (breach.budget().equals("maxThreadsStarted")) {
                started = Math.max(started, breach.observed());
            }
        }

        // virtual threads
        String virtualMode = baseline == null ? EventNames.VIRTUAL_UNSUPPORTED : baseline.virtualThreads();
        Long peakVirtual = null;
        Long virtualStarted = null;
        List<RunMeasurements.Point> virtualLine = new ArrayList<>();
        if (EventNames.VIRTUAL_INSTRUMENTED.equals(virtualMode)) {
            List<Step> virtualSteps = new ArrayList<>();
            Map<Long, SiteCounter> siteOf = new HashMap<>();
            long weighted = 0;
            for (RunRecording.VirtualStart start : recording.virtualStarts()) {
                if (ignores.ignores(start.name(), start.creationStack())) {
                    continue;
                }
                SiteCounter site = sites.computeIfAbsent(start.creationStack(),
                        stack -> new SiteCounter("virtual", stack));
                site.started += start.weight();
                weighted += start.weight();
                siteOf.put(start.id(), site);
                virtualSteps.add(new Step(start.started(), start.weight(), site));
            }
            for (RunRecording.VirtualStart start : recording.virtualStarts()) {
                Instant ended = recording.virtualEnds().get(start.id());
                SiteCounter site = siteOf.get(start.id());
                if (ended != null && site != null) {
                    virtualSteps.add(new Step(ended, -start.weight(), site));
                }
            }
            long sampledPeak = sweep(virtualSteps, origin, ignores.isEmpty() ? new ArrayList<>() : virtualLine);
            RunRecording.Summary summary = recording.summary();
            if (ignores.isEmpty()) {
                long exactPeak = recording.samples().stream().mapToLong(RunRecording.Sample::peakVirtualThreads)
                        .max().orElse(0);
                long exactStarted = recording.samples().stream()
                        .mapToLong(RunRecording.Sample::virtualThreadsStarted).max().orElse(0);
                if (summary != null) {
                    exactPeak = Math.max(exactPeak, summary.peakVirtualThreads());
                    exactStarted = Math.max(exactStarted, summary.virtualThreadsStarted());
                }
                for (RunRecording.AgentBreach breach : recording.breaches()) {
                    if (breach.budget().equals("maxVirtualThreads")) {
                        exactPeak = Math.max(exactPeak, breach.observed());
                    }
                }
                peakVirtual = exactPeak;
                virtualStarted = exactStarted;
                for (RunRecording.Sample sample : recording.samples()) {
                    virtualLine.add(new RunMeasurements.Point(millis(origin, sample.time()),
                            sample.liveVirtualThreads()));
                }
            } else {
                peakVirtual = sampledPeak;
                virtualStarted = weighted;
                if (weighted > recording.virtualStarts().size()) {
                    notes.add("virtual-thread counts are estimates from sampled starts, as ignore patterns are set");
                }
            }
        } else if (EventNames.VIRTUAL_COUNTS_ONLY.equals(virtualMode)) {
            List<Step> virtualSteps = new ArrayList<>();
            SiteCounter unknown = new SiteCounter("virtual", List.of());
            recording.jdkVirtualStarts().forEach(time -> virtualSteps.add(new Step(time, 1, unknown)));
            recording.jdkVirtualEnds().forEach(time -> virtualSteps.add(new Step(time, -1, unknown)));
            peakVirtual = sweep(virtualSteps, origin, virtualLine);
            virtualStarted = (long) recording.jdkVirtualStarts().size();
            notes.add("virtual-thread creation sites are not available on this JDK; counts come from JFR events");
        }

        List<RunMeasurements.SpawnSite> spawnSites = new ArrayList<>();
        for (SiteCounter site : sites.values()) {
            spawnSites.add(new RunMeasurements.SpawnSite(site.kind, firstApplicationFrame(site.stack), site.stack,
                    site.started, site.peak));
        }
        spawnSites.sort(Comparator.comparingLong(RunMeasurements.SpawnSite::started).reversed()
                .thenComparing(RunMeasurements.SpawnSite::kind));

        // the dump, with creation sites joined by thread id
        List<RunMeasurements.ThreadEntry> dump = new ArrayList<>();
        List<RunMeasurements.ThreadEntry> leaked = new ArrayList<>();
        String dumpReason = null;
        for (RunRecording.DumpedThread thread : recording.dump()) {
            dumpReason = thread.reason();
            RunRecording.StartedThread start = byId.get(thread.id());
            List<String> creation = start == null ? List.of() : start.creationStack();
            boolean isBaseline = thread.baseline() || start == null;
            RunMeasurements.ThreadEntry entry = new RunMeasurements.ThreadEntry(thread.id(), thread.name(),
                    thread.state(), thread.daemon(), isBaseline, thread.lock(), thread.stack(),
                    isBaseline ? null : firstApplicationFrame(creation), creation);
            dump.add(entry);
            if (thread.leaked() && !ignores.ignores(thread.name(), creation)) {
                leaked.add(entry);
            }
        }
        dump.sort(Comparator.comparing(RunMeasurements.ThreadEntry::baseline)
                .thenComparing(RunMeasurements.ThreadEntry::name));

        RunRecording.Summary summary = recording.summary();
        return new RunMeasurements(
                baseline == null ? 0 : baseline.threads(),
                baseline == null ? List.of() : baseline.threadNames(),
                peakThreads, started, virtualMode, peakVirtual, virtualStarted, spawnSites, leaked, dumpReason, dump,
                new RunMeasurements.Timeline(downsample(platformLine), downsample(virtualLine)),
                summary == null ? null : summary.endReason(),
                summary != null && summary.mainEnded(),
                notes);
    }

    private boolean isApplication(long id, String name, List<String> creationStack, Set<Long> baselineIds) {
        return !baselineIds.contains(id) && !excludedIds.contains(id) && !InternalThreads.isInternal(name)
                && !ignores.ignores(name, creationStack);
    }

    /** The first frame outside the JDK, where the application asked for the thread; else the innermost frame. */
    public static String firstApplicationFrame(List<String> stack) {
        for (String frame : stack) {
            String method = Frames.methodOf(frame);
            int dot = method.lastIndexOf('.');
            if (!Frames.isJdk(dot < 0 ? method : method.substring(0, dot))) {
                return frame;
            }
        }
        return stack.isEmpty() ? "(unknown)" : stack.get(0);
    }

    private static final class SiteCounter {
        final String kind;
        final List<String> stack;
        long started;
        long alive;
        long peak;

        SiteCounter(String kind, List<String> stack) {
            this.kind = kind;
            this.stack = stack;
        }
    }

    private record Step(Instant time, long delta, SiteCounter site) {
    }

    /** Applies the steps in time order (ends before starts at equal times); returns the peak of the total. */
    private static long sweep(List<Step> steps, Instant origin, List<RunMeasurements.Point> line) {
        steps.sort(Comparator.comparing(Step::time).thenComparingLong(Step::delta));
        long live = 0;
        long peak = 0;
        for (Step step : steps) {
            live += step.delta;
            step.site.alive += step.delta;
            step.site.peak = Math.max(step.site.peak, step.site.alive);
            peak = Math.max(peak, live);
            line.add(new RunMeasurements.Point(millis(origin, step.time), live));
        }
        return peak;
    }

    private static long millis(Instant origin, Instant time) {
        return Math.max(0, Duration.between(origin, time).toMillis());
    }

    /** At most {@link #MAX_TIMELINE_POINTS} points: per time bucket, the highest count (peaks stay visible). */
    static List<RunMeasurements.Point> downsample(List<RunMeasurements.Point> points) {
        if (points.size() <= MAX_TIMELINE_POINTS) {
            return List.copyOf(points);
        }
        long last = points.get(points.size() - 1).millis();
        long bucket = Math.max(1, last / (MAX_TIMELINE_POINTS / 2) + 1);
        List<RunMeasurements.Point> result = new ArrayList<>();
        long currentBucket = -1;
        RunMeasurements.Point best = null;
        for (RunMeasurements.Point point : points) {
            long index = point.millis() / bucket;
            if (index != currentBucket) {
                if (best != null) {
                    result.add(best);
                }
                currentBucket = index;
                best = new RunMeasurements.Point(index * bucket, point.live());
            } else if (point.live() > best.live()) {
                best = new RunMeasurements.Point(best.millis(), point.live());
            }
        }
        result.add(best);
        result.add(points.get(points.size() - 1));
        return result;
    }
}
