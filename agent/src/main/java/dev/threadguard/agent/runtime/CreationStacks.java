package dev.threadguard.agent.runtime;

import dev.threadguard.agent.Frames;
import dev.threadguard.agent.events.EventNames;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Creation stacks of the platform threads started so far, read back from a JFR snapshot: the agent needs them
 * only to confirm a suspected breach when creation-frame ignores are configured, so it pays the cost (a dump and
 * a parse) rarely.
 */
final class CreationStacks {

    /** A thread-start event: thread id, name and the starter's frames formatted, innermost first. */
    record Started(long threadId, String name, List<String> frames) {
    }

    private CreationStacks() {
    }

    static Map<Long, Started> read(Path directory) throws IOException {
        Path snapshotFile = Files.createTempFile(directory, "threadguard-snapshot-", ".jfr");
        try (Recording snapshot = FlightRecorder.getFlightRecorder().takeSnapshot()) {
            snapshot.dump(snapshotFile);
            Map<Long, Started> started = new HashMap<>();
            try (RecordingFile file = new RecordingFile(snapshotFile)) {
                while (file.hasMoreEvents()) {
                    RecordedEvent event = file.readEvent();
                    if (!event.getEventType().getName().equals(EventNames.JDK_THREAD_START)) {
                        continue;
                    }
                    RecordedThread thread = event.getThread("thread");
                    if (thread == null) {
                        continue;
                    }
                    started.put(thread.getJavaThreadId(),
                            new Started(thread.getJavaThreadId(), thread.getJavaName(), frames(event)));
                }
            }
            return started;
        } finally {
            Files.deleteIfExists(snapshotFile);
        }
    }

    static List<String> frames(RecordedEvent event) {
        RecordedStackTrace stack = event.getStackTrace();
        List<String> frames = new ArrayList<>();
        if (stack != null) {
            for (RecordedFrame frame : stack.getFrames()) {
                if (frame.isJavaFrame()) {
                    frames.add(Frames.format(frame.getMethod().getType().getName(), frame.getMethod().getName(), null,
                            frame.getLineNumber()));
                }
            }
        }
        return frames;
    }
}
