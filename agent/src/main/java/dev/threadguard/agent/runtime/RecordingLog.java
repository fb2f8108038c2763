package dev.threadguard.agent.runtime;

import dev.threadguard.agent.config.AgentLog;
import dev.threadguard.agent.config.LogFormat;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * Writes the agent's recording ({@link LogFormat}). Any thread may {@link #add} a record; records are queued and
 * written, whole lines only, by {@link #flush}, which the sampler calls about once a second and the agent at the
 * end. A JVM killed between two flushes loses only the records queued since the last one.
 */
final class RecordingLog {

    private final Path file;
    /**
     * Records not yet written, under {@code pending}'s own lock: a list and a monitor cost the sampler, which adds a
     * record every 20 ms and runs mostly interpreted, far less than a lock-free queue's variable handles.
     */
    private final ArrayList<String> pending = new ArrayList<>();
    private final Object writeLock = new Object();
    private OutputStream out;
    private boolean failed;

    RecordingLog(Path file) throws IOException {
        this.file = file;
        this.out = new FileOutputStream(file.toFile(), false);
    }

    Path file() {
        return file;
    }

    void add(LogFormat.Line line) {
        String text = line.toString();
        synchronized (pending) {
            pending.add(text);
        }
    }

    /** Writes every queued record; never throws (a full disk is reported once and recording stops). */
    void flush() {
        synchronized (writeLock) {
            if (out == null) {
                return;
            }
            String[] lines;
            synchronized (pending) {
                lines = pending.toArray(new String[0]);
                pending.clear();
            }
            StringBuilder batch = new StringBuilder();
            for (String line : lines) {
                batch.append(line);
                if (batch.length() > 64 * 1024) {
                    write(batch);
                    batch.setLength(0);
                }
            }
            write(batch);
        }
    }

    private void write(StringBuilder batch) {
        if (batch.length() == 0 || failed) {
            return;
        }
        try {
            out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            failed = true;
            AgentLog.error("could not write the recording " + file + "; the report will miss what followed", e);
        }
    }

    /** Flushes and closes; later records are dropped. */
    void close() {
        synchronized (writeLock) {
            flush();
            try {
                if (out != null) {
                    out.close();
                }
            } catch (IOException e) {
                AgentLog.error("could not close the recording " + file, e);
            }
            out = null;
        }
    }
}
