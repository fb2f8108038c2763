package dev.threadguard.agent.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This JVM's process id, without {@code ProcessHandle} where the system tells it otherwise: asking
 * {@code ProcessHandle} initialises the JDK's process machinery (and builds its reaper pool) before {@code main},
 * which the agent must not do to the application it watches.
 */
public final class ProcessId {

    private ProcessId() {
    }

    public static long current() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).getFileName().toString());
        } catch (Exception | LinkageError e) {
            return ProcessHandle.current().pid();
        }
    }
}
