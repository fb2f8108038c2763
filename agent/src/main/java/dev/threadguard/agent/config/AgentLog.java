package dev.threadguard.agent.config;

/** The agent's only output: single lines on stderr, prefixed {@code [threadguard]}. */
public final class AgentLog {

    public static final String PREFIX = "[threadguard] ";

    private AgentLog() {
    }

    public static void info(String message) {
        System.err.println(PREFIX + message);
    }

    public static void warn(String message) {
        System.err.println(PREFIX + "warning: " + message);
    }

    /** An agent bug or an environment problem: one line, and the application goes on. */
    public static void error(String message, Throwable cause) {
        try {
            System.err.println(PREFIX + "error: " + message + ": " + cause);
        } catch (Throwable ignored) {
            // stderr is gone; nothing more to do
        }
    }
}
