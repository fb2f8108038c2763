package dev.threadguard.agent.boot;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * What the instrumented {@code java.lang.Thread} and {@code java.lang.VirtualThread} call. The agent defines a
 * copy of this one class, renamed {@code java.lang.ThreadguardHook}, inside {@code java.base} (see
 * {@code HookInjector}), so JDK code links to it like to its own; it uses only {@code java.base} and never throws
 * into the JDK. The agent reads its public fields by reflection.
 *
 * <p>Virtual threads are counted exactly here (started, live, peak). Platform-thread starts pass through
 * {@link #platformStarting}, which does nothing until a fail-fast breach {@linkplain #freeze() freezes} thread
 * creation, so that a runaway spawner stops spawning while the agent writes its dump.
 */
public final class ThreadHook {

    private static final String AGENT_THREAD_PREFIX = "threadguard-";

    public static final AtomicLong VIRTUAL_STARTED = new AtomicLong();
    public static final AtomicLong VIRTUAL_LIVE = new AtomicLong();
    public static final AtomicLong VIRTUAL_PEAK = new AtomicLong();
    /** The peak since the sampler last took it; the sampler resets it to the live count. */
    public static final AtomicLong VIRTUAL_WINDOW_PEAK = new AtomicLong();

    /** Called in the starter thread at every platform-thread start, in test mode only; set by the agent. */
    public static volatile Consumer<Thread> platformStartListener;

    /** Called in the creator thread for every virtual-thread start, after counting; set by the agent. */
    public static volatile Consumer<Thread> virtualStartListener;

    private static volatile boolean frozen;

    private ThreadHook() {
    }

    /** At the entry of {@code Thread.start}: parks application threads once creation is frozen. */
    public static void platformStarting(Thread thread) {
        if (frozen) {
            hold();
        }
        Consumer<Thread> listener = platformStartListener;
        if (listener != null) {
            try {
                listener.accept(thread);
            } catch (Throwable ignored) {
                // never let the agent break thread creation
            }
        }
    }

    /** At the entry of {@code VirtualThread.start}, in the creator thread. */
    public static void virtualStarting(Thread thread) {
        if (frozen) {
            hold();
        }
        try {
            VIRTUAL_STARTED.incrementAndGet();
            long live = VIRTUAL_LIVE.incrementAndGet();
            raise(VIRTUAL_PEAK, live);
            raise(VIRTUAL_WINDOW_PEAK, live);
            Consumer<Thread> listener = virtualStartListener;
            if (listener != null) {
                listener.accept(thread);
            }
        } catch (Throwable ignored) {
            // never let the agent break thread creation
        }
    }

    /** When {@code VirtualThread.start} throws: the thread never ran. */
    public static void virtualStartFailed(Thread thread) {
        VIRTUAL_STARTED.decrementAndGet();
        VIRTUAL_LIVE.decrementAndGet();
    }

    /** When a virtual thread's body has finished ({@code VirtualThread.run(Runnable)} returns or throws). */
    public static void virtualEnded(Thread thread) {
        VIRTUAL_LIVE.decrementAndGet();
    }

    /** From now on, application threads that start a thread wait until the JVM is halted. */
    public static void freeze() {
        frozen = true;
    }

    private static void raise(AtomicLong peak, long value) {
        long current;
        while (value > (current = peak.get())) {
            if (peak.compareAndSet(current, value)) {
                return;
            }
        }
    }

    private static void hold() {
        Thread current = Thread.currentThread();
        if (current.getName().startsWith(AGENT_THREAD_PREFIX)) {
            return;
        }
        while (true) {
            LockSupport.park(ThreadHook.class);
            Thread.interrupted(); // an interrupt must not turn the wait into a spin
        }
    }
}
