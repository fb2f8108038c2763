package dev.threadguard.agent.runtime;

import dev.threadguard.agent.AgentLog;
import dev.threadguard.agent.AgentOptions;
import dev.threadguard.agent.events.SampleEvent;

import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

/**
 * Counts the application's threads every 5 ms while threads start or end (every 20 ms when quiet), writes {@code threadguard.Sample} events and checks
 * the budgets (with fail-fast off, a breach is only recorded). The JVM's peak counter is read and reset each time, so a burst that comes and goes between two
 * samples is still seen. A suspected breach is confirmed from the live thread list (and, with creation-frame
 * ignores, from the recorded creation stacks) before it counts, so ignored threads never halt a run.
 */
final class Sampler implements Runnable {

    private static final long SAMPLE_EVENT_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /**
     * After a suspicion the recording did not confirm (ignored or JVM threads), wait this long before reading it
     * again, doubling up to {@link #MAX_CONFIRM_BACKOFF_NANOS}: a run hovering at its budget must not pay for a
     * snapshot every few milliseconds.
     */
    private static final long CONFIRM_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long MAX_CONFIRM_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int REAP_EVERY_TICKS = 10;
    /** While no thread starts or ends, sample this often: the JVM's peak counter still catches every peak. */
    private static final long IDLE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** How long after the last change sampling stays at full speed. */
    private static final long ACTIVE_FOR_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Guard guard;
    private final AgentOptions options;
    private final ThreadMXBean threads;

    private int lastLive = -1;
    private int lastPeak = -1;
    private long lastStarted = -1;
    private long lastVirtualLive = -1;
    private long lastEventNanos;
    private long nextLiveConfirmNanos;
    private long nextStartedConfirmNanos;
    private long liveBackoffNanos = CONFIRM_BACKOFF_NANOS;
    private long startedBackoffNanos = CONFIRM_BACKOFF_NANOS;
    private long lastVirtualStarted = -1;
    private long lastChangeNanos;

    Sampler(Guard guard, AgentOptions options) {
        this.guard = guard;
        this.options = options;
        this.threads = guard.threadBean();
    }

    @Override
    public void run() {
        long intervalNanos = TimeUnit.MILLISECONDS.toNanos(options.sampleMillis());
        long tick = 0;
        while (!guard.isTerminating()) {
            try {
                sample();
                if (++tick % REAP_EVERY_TICKS == 0 && guard.virtualStarts() != null) {
                    guard.virtualStarts().reapEnded();
                }
            } catch (Throwable e) {
                AgentLog.error("sampling failed, trying again", e);
                sleep(TimeUnit.SECONDS.toNanos(1));
            }
            // full speed while threads come and go (fail-fast reacts within one interval), slower when quiet
            boolean active = System.nanoTime() - lastChangeNanos < ACTIVE_FOR_NANOS;
            sleep(active ? intervalNanos : Math.max(intervalNanos, IDLE_INTERVAL_NANOS));
        }
    }

    private void sample() {
        int live = Math.max(0, threads.getThreadCount() - guard.baselineCount());
        int peak = Math.max(live, threads.getPeakThreadCount() - guard.baselineCount());
        threads.resetPeakThreadCount();
        long started = Math.max(0, threads.getTotalStartedThreadCount() - guard.baselineStarted());
        guard.measured(live, peak, started);

        boolean virtualCounted = guard.virtualStarts() != null;
        long virtualLive = virtualCounted && guard.virtualExact() ? guard.hook().virtualLive() : 0;
        long virtualPeak = virtualCounted && guard.virtualExact() ? guard.hook().takeVirtualWindowPeak() : 0;
        long virtualStarted = virtualCounted ? guard.hook().virtualStarted() : 0;

        long now = System.nanoTime();
        if (started != lastStarted || live != lastLive || virtualStarted != lastVirtualStarted) {
            lastChangeNanos = now;
            lastVirtualStarted = virtualStarted;
        }
        if (live != lastLive || peak != lastPeak || started != lastStarted || virtualLive != lastVirtualLive
                || virtualPeak != virtualLive || now - lastEventNanos >= SAMPLE_EVENT_EVERY_NANOS) {
            SampleEvent event = new SampleEvent();
            event.liveThreads = live;
            event.peakThreads = peak;
            event.threadsStarted = started;
            event.liveVirtualThreads = virtualLive;
            event.peakVirtualThreads = virtualPeak;
            event.virtualThreadsStarted = virtualStarted;
            event.commit();
            lastLive = live;
            lastPeak = peak;
            lastStarted = started;
            lastVirtualLive = virtualLive;
            lastEventNanos = now;
        }
        checkBudgets(live, started, now);
    }

    private void checkBudgets(int live, long started, long now) {
        long runaway = options.runawayLimit();
        if (runaway != AgentOptions.UNSET && live > runaway && !guard.breached(AgentOptions.RUNAWAY_LIMIT)) {
            int confirmed = guard.applicationThreads().size();
            if (confirmed > runaway) {
                guard.runaway(runaway, confirmed);
            }
        }
        long maxThreads = options.maxThreads();
        if (maxThreads != AgentOptions.UNSET && live > maxThreads && now >= nextLiveConfirmNanos
                && !guard.breached("maxThreads")) {
            int confirmed = guard.withoutIgnoredFrames(guard.applicationThreads()).size();
            if (confirmed > maxThreads) {
                guard.breach("maxThreads", maxThreads, confirmed);
            } else if (guard.hasIgnores()) {
                // without ignores the check is a cheap walk of the thread list; with them it may read the recording
                nextLiveConfirmNanos = now + liveBackoffNanos;
                liveBackoffNanos = Math.min(MAX_CONFIRM_BACKOFF_NANOS, liveBackoffNanos * 2);
            }
        }
        long maxStarted = options.maxThreadsStarted();
        if (maxStarted != AgentOptions.UNSET && started > maxStarted && now >= nextStartedConfirmNanos
                && !guard.breached("maxThreadsStarted")) {
            long confirmed;
            try {
                confirmed = guard.confirmedStarted();
            } catch (Exception e) {
                AgentLog.error("could not confirm maxThreadsStarted from the recording", e);
                confirmed = 0;
            }
            if (confirmed > maxStarted) {
                guard.breach("maxThreadsStarted", maxStarted, confirmed);
            } else {
                nextStartedConfirmNanos = now + startedBackoffNanos;
                startedBackoffNanos = Math.min(MAX_CONFIRM_BACKOFF_NANOS, startedBackoffNanos * 2);
            }
        }
        long maxVirtual = options.maxVirtualThreads();
        if (maxVirtual != AgentOptions.UNSET && guard.virtualStarts() != null && guard.virtualExact()
                && !guard.hasIgnores() && guard.hook().virtualPeak() > maxVirtual
                && !guard.breached("maxVirtualThreads")) {
            guard.breach("maxVirtualThreads", maxVirtual, guard.hook().virtualPeak());
        }
    }

    private static void sleep(long nanos) {
        long deadline = System.nanoTime() + nanos;
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                // the agent's threads are never interrupted on purpose; keep the rhythm
            }
        }
    }
}
