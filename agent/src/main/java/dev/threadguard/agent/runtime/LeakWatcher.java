package dev.threadguard.agent.runtime;

import dev.threadguard.agent.AgentOptions;
import dev.threadguard.agent.ExitCodes;
import dev.threadguard.agent.events.EventNames;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Waits for {@code main} to end. If non-daemon application threads are still alive a grace period later, they
 * are the leak: the agent dumps them and ends the JVM, which they would otherwise keep alive for ever.
 */
final class LeakWatcher implements Runnable {

    private static final long POLL_MILLIS = 50;
    /** How many leaked threads the one-line message names; the report lists them all. */
    private static final int NAMES_SHOWN = 5;

    private final Guard guard;
    private final Thread mainThread;
    private final AgentOptions options;

    LeakWatcher(Guard guard, Thread mainThread, AgentOptions options) {
        this.guard = guard;
        this.mainThread = mainThread;
        this.options = options;
    }

    @Override
    @SuppressWarnings("deprecation")
    public void run() {
        joinUninterruptibly(mainThread);
        guard.mainEnded(true);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.leakGraceMillis());
        while (true) {
            List<Thread> remaining = nonDaemon(guard.applicationThreads());
            if (remaining.isEmpty() || guard.isTerminating()) {
                return; // the JVM ends by itself (or is being ended)
            }
            if (System.nanoTime() - deadline >= 0) {
                List<Thread> leaked = guard.withoutIgnoredFrames(remaining);
                List<Long> ids = new ArrayList<>();
                StringBuilder names = new StringBuilder();
                for (Thread thread : leaked) {
                    ids.add(thread.getId());
                    if (ids.size() <= NAMES_SHOWN) {
                        names.append(names.length() == 0 ? "" : ", ").append('"').append(thread.getName()).append('"');
                    }
                }
                if (leaked.size() > NAMES_SHOWN) {
                    names.append(", and ").append(leaked.size() - NAMES_SHOWN).append(" more");
                }
                String why = leaked.isEmpty()
                        ? "main returned " + options.leakGraceMillis() + " ms ago and only ignored non-daemon threads "
                                + "keep the JVM alive: ending it"
                        : "main returned " + options.leakGraceMillis() + " ms ago but " + leaked.size()
                                + (leaked.size() == 1 ? " non-daemon thread still keeps" : " non-daemon threads still keep") + " the JVM alive ("
                                + names + ")";
                guard.terminate(EventNames.REASON_LEAK, ExitCodes.LEAK, ids, why);
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                // keep watching
            }
        }
    }

    private static List<Thread> nonDaemon(List<Thread> threads) {
        List<Thread> result = new ArrayList<>();
        for (Thread thread : threads) {
            if (!thread.isDaemon() && thread.isAlive()) {
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
