package dev.threadguard.agent.runtime;

import dev.threadguard.agent.config.ExitCodes;
import dev.threadguard.agent.config.LogFormat;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Ends a run that is still going after its timeout, with a dump of every thread showing where it was stuck. */
final class Watchdog implements Runnable {

    private final Guard guard;
    private final long timeoutSeconds;

    Watchdog(Guard guard, long timeoutSeconds) {
        this.guard = guard;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public void run() {
        // measured from the agent's start, which is the JVM's within milliseconds; the plugin's backstop comes later
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds)
                - TimeUnit.MILLISECONDS.toNanos(guard.clock().millis());
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                // keep the deadline
            }
        }
        guard.terminate(LogFormat.REASON_TIMEOUT, ExitCodes.TIMEOUT, List.of(),
                "the run did not end within its timeout of " + timeoutSeconds + " s");
    }
}
