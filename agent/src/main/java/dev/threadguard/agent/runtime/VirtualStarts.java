package dev.threadguard.agent.runtime;

import dev.threadguard.agent.config.Frames;
import dev.threadguard.agent.config.LogFormat;
import dev.threadguard.agent.config.TextPattern;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Virtual-thread creation sites, called by the boot hook in the creator thread. The first starts are all recorded;
 * then one in {@code every}, at random (so that alternating call sites cannot alias with the sampling), with that
 * weight. Recorded threads are tracked until they end, which gives each site's peak. With ignore patterns, the
 * estimated live count of the threads not ignored (and its peak) stands in for the exact one.
 */
final class VirtualStarts implements Consumer<Thread> {

    private record Sampled(Thread thread, Sites.Site site, long weight) {
    }

    private final Sites sites;
    private final Backtraces backtraces;
    private final long recordAll;
    private final int every;
    private final List<TextPattern> ignoreNames;
    private final List<TextPattern> ignoreFrames;
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong estimatedLive = new AtomicLong();
    private final AtomicLong estimatedPeak = new AtomicLong();
    private final AtomicLong estimatedStarted = new AtomicLong();
    private final ConcurrentLinkedQueue<Sampled> tracked = new ConcurrentLinkedQueue<>();

    VirtualStarts(Sites sites, Backtraces backtraces, long recordAll, long every, List<TextPattern> ignoreNames,
            List<TextPattern> ignoreFrames) {
        this.sites = sites;
        this.backtraces = backtraces;
        this.recordAll = recordAll;
        this.every = (int) Math.min(Integer.MAX_VALUE, Math.max(1, every));
        this.ignoreNames = ignoreNames;
        this.ignoreFrames = ignoreFrames;
    }

    @Override
    public void accept(Thread thread) {
        long weight;
        if (seen.incrementAndGet() <= recordAll) {
            weight = 1;
        } else if (every == 1 || ThreadLocalRandom.current().nextInt(every) == 0) {
            weight = every;
        } else {
            return;
        }
        if (TextPattern.any(ignoreNames, thread.getName())) {
            return;
        }
        if (!ignoreFrames.isEmpty()) {
            for (String frame : StackWalks.fullStack()) {
                if (TextPattern.any(ignoreFrames, Frames.methodOf(frame))) {
                    return;
                }
            }
        }
        Sites.Site site = backtraces.site(new Throwable(), LogFormat.OWNER_THREAD, true, null);
        if (site == null) {
            site = sites.site(LogFormat.OWNER_THREAD, true, StackWalks.firstApplicationFrame(), StackWalks.FULL);
        }
        site.owners.addAndGet(weight);
        site.started(weight);
        estimatedStarted.addAndGet(weight);
        long live = estimatedLive.addAndGet(weight);
        long current;
        while (live > (current = estimatedPeak.get()) && !estimatedPeak.compareAndSet(current, live)) {
            // retry
        }
        tracked.add(new Sampled(thread, site, weight));
    }

    /** Counts the end of each recorded virtual thread that has terminated since the last call. */
    void reapEnded() {
        for (Iterator<Sampled> it = tracked.iterator(); it.hasNext(); ) {
            Sampled sampled = it.next();
            // not !isAlive(): a thread is recorded before its state leaves NEW
            if (sampled.thread.getState() == Thread.State.TERMINATED) {
                it.remove();
                sampled.site.ended(sampled.weight);
                estimatedLive.addAndGet(-sampled.weight);
            }
        }
    }

    long estimatedPeak() {
        return estimatedPeak.get();
    }

    long estimatedLive() {
        return estimatedLive.get();
    }

    long estimatedStarted() {
        return estimatedStarted.get();
    }
}
