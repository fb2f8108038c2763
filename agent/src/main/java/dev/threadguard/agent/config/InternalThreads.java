package dev.threadguard.agent.config;

/**
 * Threads of the JVM, of JFR and of threadguard itself that may start after the baseline was taken. They are
 * never counted as the application's.
 */
public final class InternalThreads {

    /** Prefix of every thread the agent starts. */
    public static final String AGENT_PREFIX = "threadguard-";

    private static final String[] EXACT = {
        "Reference Handler", "Finalizer", "Signal Dispatcher", "Attach Listener", "Notification Thread",
        "Common-Cleaner", "DestroyJavaVM", "Service Thread", "Monitor Deflation Thread", "Sweeper thread",
    };

    private InternalThreads() {
    }

    public static boolean isInternal(String name) {
        if (name == null) {
            return false;
        }
        if (name.startsWith(AGENT_PREFIX) || name.startsWith("JFR ")) {
            return true;
        }
        for (String exact : EXACT) {
            if (exact.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
