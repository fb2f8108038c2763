package dev.threadguard.agent.runtime;

import dev.threadguard.agent.config.AgentLog;
import dev.threadguard.agent.config.AgentOptions;
import dev.threadguard.agent.config.ExitCodes;
import dev.threadguard.agent.config.LogFormat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The agent's one busy thread. Every 20 ms while threads come and go (every 100 ms when none did for a while) it
 * writes a {@code SAMPLE} when a count changed (the tracker's exact live count and the peak since the last sample,
 * so the chart misses no burst), counts virtual-thread ends, checks the virtual-thread budget, and ends the JVM when
 * a breach asked for it. About once a second it writes the changed site counts and flushes the recording. It also
 * serves the plugin's requests in service mode and ends the JVM when the build that started it is gone.
 */
final class Sampler implements Runnable {

    private static final long ACTIVE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long IDLE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How long after the last change sampling stays at full speed. */
    private static final long ACTIVE_FOR_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long FLUSH_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long SAMPLE_AT_LEAST_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long PARENT_CHECK_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final Guard guard;
    private final AgentOptions options;
    private final ServiceControl control;

    private long lastLive = -1;
    private long lastStarted = -1;
    private long lastVirtualLive = -1;
    private long lastVirtualStarted = -1;
    private long lastSampleNanos;
    private long lastChangeNanos;
    private long lastFlushNanos;
    private long lastParentCheckNanos;
    private Optional<ProcessHandle> parent;

    Sampler(Guard guard, AgentOptions options) {
        this.guard = guard;
        this.options = options;
        this.control = options.serviceMode() && options.controlDir() != null
                ? new ServiceControl(guard, options.controlDir()) : null;
    }

    @Override
    public void run() {
        long tick = 0;
        while (!guard.isTerminating()) {
            long now = System.nanoTime();
            try {
                sample(now);
            } catch (Throwable e) {
                AgentLog.error("sampling failed, trying again", e);
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
            // after the sample: the breach that asked for the end is then in the timeline, whenever it came
            guard.terminateIfRequested();
            try {
                if (++tick % 5 == 0 && guard.virtualStarts() != null) {
                    guard.virtualStarts().reapEnded();
                }
                checkVirtualBudget();
                if (control != null) {
                    control.poll();
                }
                watchParent(now);
                if (now - lastFlushNanos >= FLUSH_EVERY_NANOS) {
                    lastFlushNanos = now;
                    guard.sites().writeCounts(false);
                    guard.log().flush();
                }
            } catch (Throwable e) {
                AgentLog.error("sampling failed, trying again", e);
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
            boolean active = now - lastChangeNanos < ACTIVE_FOR_NANOS;
            LockSupport.parkNanos(active ? ACTIVE_INTERVAL_NANOS : IDLE_INTERVAL_NANOS);
        }
    }

    private void sample(long now) {
        Tracker tracker = guard.tracker();
        long live = tracker.live();
        long peak = Math.max(live, tracker.takeWindowPeak());
        long started = tracker.started();
        Hook hook = guard.hook();
        boolean virtual = guard.virtualStarts() != null;
        boolean exact = virtual && guard.virtualExact() && !guard.hasIgnores();
        long virtualLive = !virtual ? 0 : exact ? hook.virtualLive() : guard.virtualStarts().estimatedLive();
        long virtualPeak = !virtual ? 0 : exact ? Math.max(virtualLive, hook.takeVirtualWindowPeak()) : virtualLive;
        long virtualStarted = !virtual ? 0 : exact ? hook.virtualStarted() : guard.virtualStarts().estimatedStarted();
        boolean changed = live != lastLive || peak != live || started != lastStarted || virtualLive != lastVirtualLive
                || virtualPeak != virtualLive || virtualStarted != lastVirtualStarted;
        if (changed) {
            lastChangeNanos = now;
        }
        if (changed || now - lastSampleNanos >= SAMPLE_AT_LEAST_EVERY_NANOS) {
            guard.log().add(new LogFormat.Line(LogFormat.SAMPLE).add(guard.clock().millis()).add(live).add(peak)
                    .add(started).add(virtualLive).add(virtualPeak).add(virtualStarted));
            lastSampleNanos = now;
            lastLive = live;
            lastStarted = started;
            lastVirtualLive = virtualLive;
            lastVirtualStarted = virtualStarted;
        }
    }

    private void checkVirtualBudget() {
        long maxVirtual = options.maxVirtualThreads();
        Hook hook = guard.hook();
        if (maxVirtual != AgentOptions.UNSET && guard.virtualStarts() != null && guard.virtualExact()
                && !guard.hasIgnores() && hook.virtualPeak() > maxVirtual && !guard.breached("maxVirtualThreads")) {
            guard.breach("maxVirtualThreads", maxVirtual, hook.virtualPeak(), options.failFast());
        }
    }

    /** Ends the JVM when the process that started it (the build) is gone: a forked app must not outlive it. */
    private void watchParent(long now) {
        if (options.parentPid() == AgentOptions.UNSET || now - lastParentCheckNanos < PARENT_CHECK_EVERY_NANOS) {
            return;
        }
        lastParentCheckNanos = now;
        if (parent == null) {
            parent = ProcessHandle.of(options.parentPid());
        }
        if (parent.isEmpty() || !parent.get().isAlive()) {
            guard.note("the build that started this JVM (process " + options.parentPid() + ") is gone");
            guard.terminate(LogFormat.REASON_ORPHANED, ExitCodes.ORPHANED, List.of(),
                    "the build that started this application (process " + options.parentPid() + ") is gone");
        }
    }
}
