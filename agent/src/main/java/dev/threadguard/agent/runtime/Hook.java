package dev.threadguard.agent.runtime;

import dev.threadguard.agent.config.AgentLog;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The agent's side of the injected {@code java.lang.ThreadguardHook}: its virtual-thread counters, and its listener
 * fields, set by reflection (the hook lives in {@code java.base} and cannot name the agent's types). {@link #NONE}
 * stands in when instrumentation failed: everything reads zero and listening does nothing.
 */
public final class Hook {

    public static final Hook NONE = new Hook(null, new AtomicLong(), new AtomicLong(), new AtomicLong(),
            new AtomicLong(), null, null);

    private final Class<?> hookClass;
    private final AtomicLong virtualStarted;
    private final AtomicLong virtualLive;
    private final AtomicLong virtualPeak;
    private final AtomicLong virtualWindowPeak;
    private final Function<Throwable, Object> backtraces;
    private final ToLongFunction<Thread> threadIds;

    private Hook(Class<?> hookClass, AtomicLong started, AtomicLong live, AtomicLong peak, AtomicLong windowPeak,
            Function<Throwable, Object> backtraces, ToLongFunction<Thread> threadIds) {
        this.hookClass = hookClass;
        this.virtualStarted = started;
        this.virtualLive = live;
        this.virtualPeak = peak;
        this.virtualWindowPeak = windowPeak;
        this.backtraces = backtraces;
        this.threadIds = threadIds;
    }

    @SuppressWarnings("unchecked")
    public static Hook of(Class<?> hookClass) throws ReflectiveOperationException {
        return new Hook(hookClass, counter(hookClass, "VIRTUAL_STARTED"), counter(hookClass, "VIRTUAL_LIVE"),
                counter(hookClass, "VIRTUAL_PEAK"), counter(hookClass, "VIRTUAL_WINDOW_PEAK"),
                (Function<Throwable, Object>) hookClass.getField("BACKTRACES").get(null),
                (ToLongFunction<Thread>) hookClass.getField("THREAD_IDS").get(null));
    }

    /** Reads a throwable's backtrace as the JVM filled it (see {@code ThreadHook}); null without the hook. */
    Function<Throwable, Object> backtraces() {
        return backtraces;
    }

    /** Reads a thread's id without calling its {@code getId()} (see {@code ThreadHook}); null without the hook. */
    ToLongFunction<Thread> threadIds() {
        return threadIds;
    }

    private static AtomicLong counter(Class<?> hookClass, String name) throws ReflectiveOperationException {
        return (AtomicLong) hookClass.getField(name).get(null);
    }

    boolean installed() {
        return hookClass != null;
    }

    /** Sets one of the hook's listener fields (see {@code ThreadHook}); false if that failed. */
    boolean listen(String field, Object listener) {
        if (hookClass == null) {
            return false;
        }
        try {
            hookClass.getField(field).set(null, listener);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            AgentLog.error("could not listen to " + field, e);
            return false;
        }
    }

    /** Makes application threads that start threads wait from now on (until the JVM halts). */
    void freeze() {
        try {
            if (hookClass != null) {
                hookClass.getMethod("freeze").invoke(null);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            AgentLog.error("could not freeze thread creation", e);
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
