package dev.threadguard.agent.runtime;

import dev.threadguard.agent.config.AgentOptions;
import dev.threadguard.agent.config.ExitCodes;
import dev.threadguard.agent.config.LogFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Main mode: waits for {@code main} to end. If non-daemon threads are still alive a grace period later, the
 * application's among them are the leak: the agent dumps them and ends the JVM, which they would otherwise keep
 * alive for ever.
 */
final class LeakWatcher implements Runnable {

    private static final long POLL_MILLIS = 50;
    /** How many leaked threads the one-line message names; the report lists them all. */
    private static final int NAMES_SHOWN = 5;

    private final Guard guard;
    private final Tracker tracker;
    private final Thread mainThread;
    private final AgentOptions options;

    LeakWatcher(Guard guard, Tracker tracker, Thread mainThread, AgentOptions options) {
        this.guard = guard;
        this.tracker = tracker;
        this.mainThread = mainThread;
        this.options = options;
    }

    @Override
    public void run() {
        joinUninterruptibly(mainThread);
        guard.mainEnded();
        guard.mark("main-returned");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.leakGraceMillis());
        while (true) {
            List<Tracker.Tracked> leaked = nonDaemon(tracker.alive());
            boolean ignoredRemain = !tracker.ignoredNonDaemon().isEmpty();
            if ((leaked.isEmpty() && !ignoredRemain) || guard.isTerminating()) {
                return; // the JVM ends by itself (or is being ended)
            }
            if (System.nanoTime() - deadline >= 0) {
                List<Long> ids = new ArrayList<>();
                StringBuilder names = new StringBuilder();
                for (Tracker.Tracked thread : leaked) {
                    ids.add(thread.id);
                    if (ids.size() <= NAMES_SHOWN) {
                        names.append(names.length() == 0 ? "" : ", ").append('"').append(thread.name).append('"');
                    }
                }
                if (leaked.size() > NAMES_SHOWN) {
                    names.append(", and ").append(leaked.size() - NAMES_SHOWN).append(" more");
                }
                String why = leaked.isEmpty()
                        ? "main returned " + options.leakGraceMillis() + " ms ago and only ignored non-daemon threads "
                                + "keep the JVM alive: ending it"
                        : "main returned " + options.leakGraceMillis() + " ms ago but " + leaked.size()
                                + (leaked.size() == 1 ? " non-daemon thread still keeps" : " non-daemon threads still keep")
                                + " the JVM alive (" + names + ")";
                guard.terminate(LogFormat.REASON_LEAK, ExitCodes.LEAK, ids, why);
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                // keep watching
            }
        }
    }

    private static List<Tracker.Tracked> nonDaemon(List<Tracker.Tracked> threads) {
        List<Tracker.Tracked> result = new ArrayList<>();
        for (Tracker.Tracked thread : threads) {
            if (!thread.daemon) {
                result.add(thread);
            }
        }
        return result;
    }

    private static void joinUninterruptibly(Thread thread) {
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                // keep waiting for main
            }
        }
    }
}
