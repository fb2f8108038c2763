package dev.threadguard.report.runtime;

import dev.threadguard.agent.Frames;
import dev.threadguard.agent.events.EventNames;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads threadguard recordings with {@code jdk.jfr.consumer.RecordingFile}: one file per JVM, so a test suite's
 * forked JVMs give one {@link RunRecording} each. Only event names are matched, never the agent's classes.
 */
public final class RecordingReader {

    /** Reads each file; the order of the result follows the order given. */
    public List<RunRecording> readAll(Collection<Path> files) throws IOException {
        List<RunRecording> recordings = new ArrayList<>();
        for (Path file : files) {
            recordings.add(read(file));
        }
        return recordings;
    }

    public RunRecording read(Path file) throws IOException {
        RunRecording.Baseline baseline = null;
        Map<Long, StartBuilder> platform = new LinkedHashMap<>();
        Map<Long, Instant> platformEnds = new HashMap<>();
        List<RunRecording.VirtualStart> virtualStarts = new ArrayList<>();
        Map<Long, Instant> virtualEnds = new HashMap<>();
        List<Instant> jdkVirtualStarts = new ArrayList<>();
        List<Instant> jdkVirtualEnds = new ArrayList<>();
        List<RunRecording.Sample> samples = new ArrayList<>();
        List<RunRecording.DumpedThread> dump = new ArrayList<>();
        List<RunRecording.AgentBreach> breaches = new ArrayList<>();
        RunRecording.Summary summary = null;
        Instant summaryTime = Instant.MIN;
        boolean dataLoss = false;
        Instant start = null;
        Instant end = null;
        String dumpReason = null;
        List<RunRecording.TestEvent> testEvents = new ArrayList<>();
        List<RunRecording.ThreadStarting> threadStartings = new ArrayList<>();
        long sequence = 0;

        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                sequence++;
                Instant time = event.getStartTime();
                start = start == null || time.isBefore(start) ? time : start;
                end = end == null || time.isAfter(end) ? time : end;
                switch (event.getEventType().getName()) {
                    case EventNames.BASELINE -> baseline = new RunRecording.Baseline(event.getInt("baselineThreads"),
                            lines(event.getString("threadNames")), ids(event.getString("threadIds")),
                            event.getLong("mainThreadId"), event.getString("javaVersion"),
                            event.getString("virtualThreads"), event.getString("options"));
                    case EventNames.JDK_THREAD_START -> {
                        RecordedThread thread = event.getThread("thread");
                        if (thread != null) {
                            RecordedThread parent = event.getThread("parentThread");
                            platform.put(thread.getJavaThreadId(), new StartBuilder(thread.getJavaThreadId(),
                                    thread.getJavaName(), parent == null ? null : parent.getJavaName(), time,
                                    frames(event.getStackTrace())));
                        }
                    }
                    case EventNames.JDK_THREAD_END -> {
                        RecordedThread thread = event.getThread("thread");
                        if (thread != null) {
                            platformEnds.put(thread.getJavaThreadId(), time);
                        }
                    }
                    case EventNames.VIRTUAL_THREAD_START -> virtualStarts.add(new RunRecording.VirtualStart(
                            event.getLong("threadId"), event.getString("threadName"), time, event.getInt("weight"),
                            frames(event.getStackTrace())));
                    case EventNames.VIRTUAL_THREAD_END -> virtualEnds.put(event.getLong("threadId"), time);
                    case EventNames.JDK_VIRTUAL_THREAD_START -> jdkVirtualStarts.add(time);
                    case EventNames.JDK_VIRTUAL_THREAD_END -> jdkVirtualEnds.add(time);
                    case EventNames.SAMPLE -> samples.add(new RunRecording.Sample(time, event.getInt("liveThreads"),
                            event.getInt("peakThreads"), event.getLong("threadsStarted"),
                            event.getLong("liveVirtualThreads"), event.getLong("peakVirtualThreads"),
                            event.getLong("virtualThreadsStarted")));
                    case EventNames.THREAD_DUMP -> {
                        String reason = event.getString("reason");
                        if (dumpReason != null && !dumpReason.equals(reason)) {
                            dump.clear(); // keep the last dump only (e.g. exit after a failFast=false breach)
                        }
                        dumpReason = reason;
                        dump.add(new RunRecording.DumpedThread(reason, event.getLong("threadId"),
                                event.getString("threadName"), event.getString("state"), event.getBoolean("daemon"),
                                event.getBoolean("leaked"), event.getBoolean("baseline"), event.getString("lock"),
                                lines(event.getString("stack"))));
                    }
                    case EventNames.BREACH -> breaches.add(new RunRecording.AgentBreach(event.getString("budget"),
                            event.getLong("limit"), event.getLong("observed"), event.getBoolean("failFast"), time));
                    case EventNames.RUN_SUMMARY -> {
                        if (!time.isBefore(summaryTime)) {
                            summaryTime = time;
                            summary = new RunRecording.Summary(event.getString("endReason"), event.getInt("exitCode"),
                                    event.getBoolean("mainEnded"), event.getInt("peakThreads"),
                                    event.getLong("threadsStarted"), event.getString("virtualThreads"),
                                    event.getLong("peakVirtualThreads"), event.getLong("virtualThreadsStarted"),
                                    event.getInt("leakedThreads"));
                        }
                    }
                    case EventNames.JDK_DATA_LOSS -> dataLoss = true;
                    case EventNames.TEST_STARTED, EventNames.TEST_FINISHED -> {
                        RecordedThread thread = event.getThread();
                        if (thread != null) {
                            boolean started = event.getEventType().getName().equals(EventNames.TEST_STARTED);
                            testEvents.add(new RunRecording.TestEvent(time, sequence, thread.getJavaThreadId(),
                                    started, event.getString("uniqueId"), event.getString("test"),
                                    started && event.getBoolean("container")));
                        }
                    }
                    case EventNames.THREAD_STARTING -> {
                        RecordedThread starter = event.getThread();
                        if (starter != null) {
                            threadStartings.add(new RunRecording.ThreadStarting(time, sequence,
                                    starter.getJavaThreadId(), event.getLong("threadId"),
                                    event.getString("threadName"), event.getBoolean("framework"),
                                    event.getString("stackTest")));
                        }
                    }
                    default -> {
                        // other events (a user's own settings may add some) are not threadguard's business
                    }
                }
            }
        }
        List<RunRecording.StartedThread> threads = new ArrayList<>();
        for (StartBuilder started : platform.values()) {
            threads.add(new RunRecording.StartedThread(started.id, started.name, started.parent, started.time,
                    platformEnds.get(started.id), started.stack));
        }
        threads.sort(Comparator.comparing(RunRecording.StartedThread::started));
        virtualStarts.sort(Comparator.comparing(RunRecording.VirtualStart::started));
        samples.sort(Comparator.comparing(RunRecording.Sample::time));
        Comparator<RunRecording.TestEvent> testOrder = Comparator.comparing(RunRecording.TestEvent::time);
        testEvents.sort(testOrder.thenComparingLong(RunRecording.TestEvent::sequence));
        Comparator<RunRecording.ThreadStarting> startOrder = Comparator.comparing(RunRecording.ThreadStarting::time);
        threadStartings.sort(startOrder.thenComparingLong(RunRecording.ThreadStarting::sequence));
        return new RunRecording(file, baseline, threads, virtualStarts, virtualEnds, jdkVirtualStarts, jdkVirtualEnds,
                samples, dump, breaches, summary, dataLoss, start, end, testEvents, threadStartings);
    }

    private record StartBuilder(long id, String name, String parent, Instant time, List<String> stack) {
    }

    /**
     * Java frames of a JFR stack, formatted, innermost first, without threadguard's own hook frames and without
     * frames of hidden classes (lambda proxies).
     */
    static List<String> frames(RecordedStackTrace stack) {
        List<String> frames = new ArrayList<>();
        if (stack == null) {
            return frames;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            if (!frame.isJavaFrame()) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            if (frames.isEmpty() && isHookFrame(type) || frame.getMethod().isHidden()) {
                // lambda proxies and other hidden classes: Java's own stack traces leave them out too
                continue;
            }
            frames.add(Frames.format(type, frame.getMethod().getName(), null, frame.getLineNumber()));
        }
        return frames;
    }

    private static boolean isHookFrame(String type) {
        return type.startsWith("dev.threadguard.agent.") || type.equals("java.lang.ThreadguardHook");
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private static List<Long> ids(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).map(Long::parseLong).toList();
    }
}
