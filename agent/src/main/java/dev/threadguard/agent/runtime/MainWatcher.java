package dev.threadguard.agent.runtime;

import dev.threadguard.agent.config.AgentLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Service mode: a server's {@code main} often returns once its threads serve; that is its readiness when it has no
 * URL or port to ask. Marks it in the recording and tells the plugin with a file {@code main-returned} in the
 * control directory.
 */
final class MainWatcher implements Runnable {

    static final String MAIN_RETURNED = "main-returned";

    private final Guard guard;
    private final Thread mainThread;
    private final Path controlDir;

    MainWatcher(Guard guard, Thread mainThread, Path controlDir) {
        this.guard = guard;
        this.mainThread = mainThread;
        this.controlDir = controlDir;
    }

    @Override
    public void run() {
        while (mainThread.isAlive()) {
            try {
                mainThread.join();
            } catch (InterruptedException e) {
                // keep waiting for main
            }
        }
        guard.mainEnded();
        guard.mark(MAIN_RETURNED);
        guard.log().flush();
        if (controlDir != null) {
            try {
                Files.createDirectories(controlDir);
                Files.write(controlDir.resolve(MAIN_RETURNED), new byte[0]);
            } catch (IOException e) {
                AgentLog.error("could not tell the plugin that main returned", e);
            }
        }
    }
}
