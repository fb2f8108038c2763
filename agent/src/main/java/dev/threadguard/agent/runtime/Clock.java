package dev.threadguard.agent.runtime;

/** Milliseconds since the agent started, the time base of every record. */
final class Clock {

    private final long originNanos = System.nanoTime();
    private final long originEpochMillis = System.currentTimeMillis();

    long millis() {
        return (System.nanoTime() - originNanos) / 1_000_000;
    }

    long originEpochMillis() {
        return originEpochMillis;
    }
}
