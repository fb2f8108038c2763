package dev.threadguard.agent.runtime;

import dev.threadguard.agent.ExitCodes;
import dev.threadguard.agent.events.EventNames;

import java.lang.management.ManagementFactory;
import java.util.Set;
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
        // measured from JVM start, as the plugin's backstop is
        long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds)
                - TimeUnit.MILLISECONDS.toNanos(uptimeMillis);
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                // keep the deadline
            }
        }
        guard.terminate(EventNames.REASON_TIMEOUT, ExitCodes.TIMEOUT, Set.of(),
                "the run did not end within its timeout of " + timeoutSeconds + " s");
    }
}
