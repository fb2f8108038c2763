package dev.threadguard.agent.runtime;

import dev.threadguard.agent.config.AgentLog;
import dev.threadguard.agent.config.LogFormat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Service mode: the plugin's requests, as files in the control directory (no socket, no port, nothing the
 * application could see). The plugin writes {@code <seq>-<request>.req} (atomically, by renaming); the sampler
 * handles each once, in name order, flushes the recording, deletes the request and answers with
 * {@code <seq>-<request>.done}. Requests:
 * <ul>
 *   <li>{@code mark-<name>}: a {@code MARK} in the recording ({@code ready}, {@code load-start}, {@code load-end},
 *       {@code stop}); the load window starts at {@code load-start} (or {@code ready} without one);</li>
 *   <li>{@code snapshot-<graceMillis>}: the leak snapshot — threads started in the load window get up to the grace
 *       period to end or to go idle (a pool's worker waiting for its next task); those still busy or blocked are
 *       leaked, dumped with reason {@code snapshot};</li>
 *   <li>{@code dump}: every thread with its locks (a stop that takes too long: who blocks the shutdown).</li>
 * </ul>
 */
final class ServiceControl {

    static final String REQUEST = ".req";
    static final String DONE = ".done";

    private final Guard guard;
    private final Path directory;
    private long windowStartMillis = -1;

    ServiceControl(Guard guard, Path directory) {
        this.guard = guard;
        this.directory = directory;
    }

    void poll() {
        List<Path> requests = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + REQUEST)) {
            for (Path file : files) {
                requests.add(file);
            }
        } catch (IOException e) {
            return; // not there yet, or gone: nothing asked
        }
        Collections.sort(requests);
        for (Path request : requests) {
            String name = request.getFileName().toString();
            String command = name.substring(name.indexOf('-') + 1, name.length() - REQUEST.length());
            try {
                handle(command);
            } catch (RuntimeException e) {
                AgentLog.error("could not serve the request " + name, e);
            }
            guard.sites().writeCounts(false);
            guard.log().flush();
            try {
                Files.deleteIfExists(request);
                Files.createFile(request.resolveSibling(name.substring(0, name.length() - REQUEST.length()) + DONE));
            } catch (IOException e) {
                AgentLog.error("could not answer the request " + name, e);
            }
        }
    }

    private void handle(String command) {
        if (command.startsWith("mark-")) {
            String mark = command.substring("mark-".length());
            guard.mark(mark);
            if (LogFormat.MARK_LOAD_START.equals(mark)
                    || (LogFormat.MARK_READY.equals(mark) && windowStartMillis < 0)) {
                windowStartMillis = guard.clock().millis();
            }
        } else if (command.startsWith("snapshot-")) {
            snapshot(Long.parseLong(command.substring("snapshot-".length())));
        } else if (command.equals("dump")) {
            guard.dumps().dump(LogFormat.REASON_STOP_TIMEOUT, true, true, ThreadDumps.NONE);
        } else {
            guard.note("unknown request from the plugin: " + command);
        }
    }

    /** Waits up to {@code graceMillis} for the load window's threads to end or go idle, then dumps the rest. */
    private void snapshot(long graceMillis) {
        long windowStart = Math.max(0, windowStartMillis);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        while (System.nanoTime() - deadline < 0 && !busy(windowStart).isEmpty()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                break;
            }
        }
        guard.dumps().dump(LogFormat.REASON_SNAPSHOT, false, false, ThreadDumps.busySince(windowStart));
    }

    private List<Tracker.Tracked> busy(long windowStart) {
        List<Tracker.Tracked> busy = new ArrayList<>();
        for (Tracker.Tracked thread : guard.tracker().alive()) {
            if (thread.startMillis >= windowStart && !ThreadDumps.isIdle(thread)) {
                busy.add(thread);
            }
        }
        return busy;
    }
}
