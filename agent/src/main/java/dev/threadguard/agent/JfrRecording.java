package dev.threadguard.agent;

import dev.threadguard.agent.config.AgentLog;
import dev.threadguard.agent.config.AgentOptions;
import jdk.jfr.Recording;

import java.nio.file.Path;

/**
 * {@code recording=jfr}: a JFR recording of the JDK's thread events (starts with the starter's stack, ends, virtual
 * threads, parks and monitor waits) for JDK Mission Control, next to the agent's own recording. Off by default: an
 * empty JFR recording alone costs a JVM a few tenths of a second and thread churn about a fifth more time. Loaded
 * only when asked for, so the agent never touches JFR otherwise.
 */
final class JfrRecording {

    private JfrRecording() {
    }

    /** Starts the recording; returns what writes it now (before the agent halts the JVM), or null if it failed. */
    static Runnable start(AgentOptions options) {
        try {
            Path file = options.jfrFile().toAbsolutePath();
            Recording recording = new Recording();
            recording.setName("threadguard");
            recording.setToDisk(true);
            recording.setDestination(file); // written when the JVM exits
            recording.enable("jdk.ThreadStart").withStackTrace();
            recording.enable("jdk.ThreadEnd");
            recording.enable("jdk.VirtualThreadStart").withStackTrace();
            recording.enable("jdk.VirtualThreadEnd");
            recording.enable("jdk.ThreadPark").withStackTrace();
            recording.enable("jdk.JavaMonitorWait").withStackTrace();
            recording.enable("jdk.JavaMonitorEnter").withStackTrace();
            recording.start();
            return () -> {
                try {
                    recording.dump(file);
                } catch (Exception e) {
                    AgentLog.error("could not write the JFR recording " + file, e);
                }
            };
        } catch (Throwable e) {
            AgentLog.error("could not start the JFR recording (recording=jfr); the agent's own recording is written",
                    e);
            return null;
        }
    }
}
