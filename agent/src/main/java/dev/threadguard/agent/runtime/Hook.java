package dev.threadguard.agent.runtime;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The agent's side of the injected {@code java.lang.ThreadguardHook}: its counters, read through the objects
 * its public fields hold. {@link #NONE} stands in when instrumentation failed: everything reads zero.
 */
public final class Hook {

    public static final Hook NONE = new Hook(null, new AtomicLong(), new AtomicLong(), new AtomicLong(),
            new AtomicLong());

    private final Class<?> hookClass;
    private final AtomicLong virtualStarted;
    private final AtomicLong virtualLive;
    private final AtomicLong virtualPeak;
    private final AtomicLong virtualWindowPeak;

    private Hook(Class<?> hookClass, AtomicLong started, AtomicLong live, AtomicLong peak, AtomicLong windowPeak) {
        this.hookClass = hookClass;
        this.virtualStarted = started;
        this.virtualLive = live;
        this.virtualPeak = peak;
        this.virtualWindowPeak = windowPeak;
    }

    public static Hook of(Class<?> hookClass) throws ReflectiveOperationException {
        return new Hook(hookClass, field(hookClass, "VIRTUAL_STARTED"), field(hookClass, "VIRTUAL_LIVE"),
                field(hookClass, "VIRTUAL_PEAK"), field(hookClass, "VIRTUAL_WINDOW_PEAK"));
    }

    private static AtomicLong field(Class<?> hookClass, String name) throws ReflectiveOperationException {
        return (AtomicLong) hookClass.getField(name).get(null);
    }

    void listen(Consumer<Thread> listener) throws ReflectiveOperationException {
        if (hookClass != null) {
            hookClass.getField("virtualStartListener").set(null, listener);
        }
    }

    void listenPlatform(Consumer<Thread> listener) throws ReflectiveOperationException {
        if (hookClass != null) {
            hookClass.getField("platformStartListener").set(null, listener);
        }
    }

    /** Makes application threads that start threads wait from now on (until the JVM halts). */
    void freeze() {
        try {
            if (hookClass != null) {
                hookClass.getMethod("freeze").invoke(null);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            dev.threadguard.agent.AgentLog.error("could not freeze thread creation", e);
        }
    }

    long virtualStarted() {
        return virtualStarted.get();
    }

    long virtualLive() {
        return Math.max(0, virtualLive.get());
    }

    long virtualPeak() {
        return virtualPeak.get();
    }

    /** The peak since the previous call; the next window starts at the live count. */
    long takeVirtualWindowPeak() {
        return Math.max(0, virtualWindowPeak.getAndSet(virtualLive()));
    }
}
