package dev.threadguard.agent.runtime;

import dev.threadguard.agent.events.VirtualThreadEndEvent;
import dev.threadguard.agent.events.VirtualThreadStartEvent;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Records virtual-thread creation sites, called by the boot hook in the creator thread so that JFR captures the
 * creator's stack. The first starts are all recorded; then one in {@code every}, at random (so that alternating
 * call sites cannot alias with the sampling), with that weight. Sampled threads are tracked until they end, which
 * gives the per-site peak.
 */
final class VirtualStarts implements Consumer<Thread> {

    private final long recordAll;
    private final int every;
    private final AtomicLong seen = new AtomicLong();
    private final ConcurrentLinkedQueue<Thread> tracked = new ConcurrentLinkedQueue<>();

    VirtualStarts(long recordAll, long every) {
        this.recordAll = recordAll;
        this.every = (int) Math.min(Integer.MAX_VALUE, Math.max(1, every));
    }

    @Override
    @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+, and the agent runs on 17
    public void accept(Thread thread) {
        int weight;
        if (seen.incrementAndGet() <= recordAll) {
            weight = 1;
        } else if (every == 1 || ThreadLocalRandom.current().nextInt(every) == 0) {
            weight = every;
        } else {
            return;
        }
        VirtualThreadStartEvent event = new VirtualThreadStartEvent();
        if (!event.isEnabled()) {
            return;
        }
        event.threadId = thread.getId();
        event.threadName = thread.getName();
        event.weight = weight;
        event.commit();
        tracked.add(thread);
    }

    /** Writes an end event for each sampled virtual thread that has terminated since the last call. */
    @SuppressWarnings("deprecation")
    void reapEnded() {
        for (Iterator<Thread> it = tracked.iterator(); it.hasNext(); ) {
            Thread thread = it.next();
            // not !isAlive(): a thread is recorded before its state leaves NEW
            if (thread.getState() == Thread.State.TERMINATED) {
                it.remove();
                VirtualThreadEndEvent event = new VirtualThreadEndEvent();
                event.threadId = thread.getId();
                event.commit();
            }
        }
    }
}
