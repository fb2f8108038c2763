package dev.threadguard.agent.config;

/**
 * The exit codes with which the agent ends a JVM. They are distinct from the codes applications commonly use,
 * and the recording says which one the agent used, so an application exiting with the same number is not
 * mistaken for the agent.
 */
public final class ExitCodes {

    /** A budget was breached with fail-fast on: the agent dumped the threads and halted the JVM. */
    public static final int BREACH = 85;
    /** {@code main} returned but non-daemon threads kept the JVM alive past the grace period. */
    public static final int LEAK = 86;
    /** The run did not end within its timeout. */
    public static final int TIMEOUT = 87;
    /** The build that started the application is gone (Maven was killed): the application must not outlive it. */
    public static final int ORPHANED = 88;

    private ExitCodes() {
    }

    /** What ended the JVM, for messages: "budget breach", "leaked threads", "timeout", or null. */
    public static String describe(int exitCode) {
        return switch (exitCode) {
            case BREACH -> "budget breach";
            case LEAK -> "leaked threads";
            case TIMEOUT -> "timeout";
            case ORPHANED -> "build gone";
            default -> null;
        };
    }
}
