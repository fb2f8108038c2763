package dev.threadguard.agent.boot;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What the instrumented JDK classes call. The agent defines a copy of this one class, renamed
 * {@code java.lang.ThreadguardHook}, inside {@code java.base} (see {@code HookInjector}), so JDK code links to it
 * like to its own, whatever class loader the calling code has; it uses only {@code java.base} and never throws into
 * the JDK. The agent reads and sets its public fields by reflection.
 *
 * <p>Every call site is cheap when nobody listens: one volatile read and a null check. The listeners are the
 * agent's objects, seen here only through JDK interfaces:
 * <ul>
 *   <li>platform threads: {@link #platformStarting} at the entry of {@code Thread.start} (in the starter thread),
 *       {@link #platformStartFailed} when that start throws, {@link #platformExiting} when a thread terminates
 *       ({@code Thread.exit}, in the ending thread);</li>
 *   <li>owners: {@link #ownerCreated} when a {@code ThreadPoolExecutor} or {@code ForkJoinPool} has been
 *       constructed; {@link #poolStarting}/{@link #poolStarted} around {@code ThreadPoolExecutor.addWorker}, so the
 *       start of a worker knows its pool;</li>
 *   <li>tasks (test mode): {@link #taskSubmitted} when a task is handed to a pool, {@link #taskRunning} when a worker
 *       is about to run one, so a thread a task starts is blamed on the test that submitted the task;</li>
 *   <li>test frameworks without a listener of their own (JUnit 4): {@link #testEvent};</li>
 *   <li>virtual threads (JDK 21+): counted exactly here.</li>
 * </ul>
 * Once a fail-fast breach {@linkplain #freeze() freezes} thread creation, application threads that start threads
 * park, so that a runaway spawner stops while the agent writes its dump.
 *
 * <p>It also reads, for the agent, the backtrace the JVM records in a {@code Throwable} ({@link #BACKTRACES}): being in
 * {@code java.base}, it may, and nothing has to be opened to the application for it.
 */
public final class ThreadHook implements Function<Throwable, Object>, ToLongFunction<Thread> {

    private static final String AGENT_THREAD_PREFIX = "threadguard-";

    public static final AtomicLong VIRTUAL_STARTED = new AtomicLong();
    public static final AtomicLong VIRTUAL_LIVE = new AtomicLong();
    public static final AtomicLong VIRTUAL_PEAK = new AtomicLong();
    /** The peak since the sampler last took it; the sampler resets it to the live count. */
    public static final AtomicLong VIRTUAL_WINDOW_PEAK = new AtomicLong();

    public static volatile Consumer<Thread> platformStartListener;
    public static volatile Consumer<Thread> platformStartFailedListener;
    public static volatile Consumer<Thread> platformExitListener;
    public static volatile Consumer<Object> ownerListener;
    /** Called with the pool on entry of {@code addWorker}, with null when it returns or throws. */
    public static volatile Consumer<Object> poolWorkerListener;
    public static volatile Consumer<Object> taskSubmitListener;
    public static volatile Consumer<Object> taskRunListener;
    /** {@code Object[] {kind, source}}: kind 0 test started, 1 test finished, 2 class started, 3 class finished. */
    public static volatile Consumer<Object[]> testListener;
    /** Called in the creator thread for every virtual-thread start, after counting. */
    public static volatile Consumer<Thread> virtualStartListener;

    /**
     * A throwable's {@code backtrace} field, as the JVM filled it (the agent's {@code Backtraces} reads it), or null
     * when it cannot be read on this JVM.
     */
    public static final Function<Throwable, Object> BACKTRACES = new ThreadHook();

    /**
     * A thread's id ({@code Thread.tid}, read without calling {@code getId()}, which a subclass may override), for the
     * agent's tables of threads: hashing a thread by identity inside {@code Thread.start}, which holds the thread's
     * monitor, would make the JVM inflate that monitor at every start. Where the field cannot be read, the identity
     * hash, so that a thread always hashes alike.
     */
    public static final ToLongFunction<Thread> THREAD_IDS = new ThreadHook();

    private static final Field TID = threadIdField();

    private static volatile boolean frozen;
    private static volatile Field backtrace;
    private static volatile boolean backtraceUnreadable;

    private ThreadHook() {
    }

    private static Field threadIdField() {
        try {
            Field field = Thread.class.getDeclaredField("tid");
            if (field.getType() != long.class) {
                return null;
            }
            field.setAccessible(true);
            return field;
        } catch (Throwable e) {
            return null;
        }
    }

    @Override
    public long applyAsLong(Thread thread) {
        Field field = TID;
        if (field != null) {
            try {
                return field.getLong(thread);
            } catch (IllegalAccessException e) {
                // not after setAccessible; the identity hash below
            }
        }
        return System.identityHashCode(thread);
    }

    @Override
    public Object apply(Throwable throwable) {
        if (backtraceUnreadable) {
            return null;
        }
        try {
            Field field = backtrace;
            if (field == null) {
                field = Throwable.class.getDeclaredField("backtrace");
                field.setAccessible(true);
                backtrace = field;
            }
            return field.get(throwable);
        } catch (Throwable e) {
            backtraceUnreadable = true;
            return null;
        }
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

    /** When {@code Thread.start} throws: the thread never ran (out of native threads, started twice). */
    public static void platformStartFailed(Thread thread) {
        notify(platformStartFailedListener, thread);
    }

    /** At the entry of {@code Thread.exit}, which the JVM calls in a platform thread that is terminating. */
    public static void platformExiting(Thread thread) {
        Consumer<Thread> listener = platformExitListener;
        if (listener != null) {
            try {
                listener.accept(thread);
            } catch (Throwable ignored) {
                // never let the agent break the end of a thread
            }
        }
    }

    /** At the end of a pool's constructor: the pool is ready, and the constructing stack is its owner site. */
    public static void ownerCreated(Object owner) {
        notify(ownerListener, owner);
    }

    /** At the entry of {@code ThreadPoolExecutor.addWorker}: the thread started next belongs to this pool. */
    public static void poolStarting(Object pool) {
        Consumer<Object> listener = poolWorkerListener;
        if (listener != null) {
            try {
                listener.accept(pool);
            } catch (Throwable ignored) {
                // never let the agent break the pool
            }
        }
    }

    /** When {@code addWorker} returns or throws. */
    public static void poolStarted(Object pool) {
        Consumer<Object> listener = poolWorkerListener;
        if (listener != null) {
            try {
                listener.accept(null);
            } catch (Throwable ignored) {
                // never let the agent break the pool
            }
        }
    }

    /** A task handed to a pool ({@code execute}, a scheduled task queued, a fork-join task made). */
    public static void taskSubmitted(Object task) {
        Consumer<Object> listener = taskSubmitListener;
        if (listener != null) {
            try {
                listener.accept(task);
            } catch (Throwable ignored) {
                // never let the agent break the pool
            }
        }
    }

    /** A worker is about to run the task. */
    public static void taskRunning(Object task) {
        Consumer<Object> listener = taskRunListener;
        if (listener != null) {
            try {
                listener.accept(task);
            } catch (Throwable ignored) {
                // never let the agent break the pool
            }
        }
    }

    /** A JUnit 4 runner or notifier event, in the thread that runs the test. */
    public static void testEvent(Object source, int kind) {
        Consumer<Object[]> listener = testListener;
        if (listener != null) {
            try {
                listener.accept(new Object[] {kind, source});
            } catch (Throwable ignored) {
                // never let the agent break the test framework
            }
        }
    }

    public static void testStarted(Object description) {
        testEvent(description, 0);
    }

    public static void testFinished(Object description) {
        testEvent(description, 1);
    }

    public static void classStarted(Object runner) {
        testEvent(runner, 2);
    }

    public static void classFinished(Object runner) {
        testEvent(runner, 3);
    }

    /**
     * For the rare hooks. The frequent ones call their listener themselves: a call site of its own sees one receiver
     * class, which the JIT inlines without compiling every other listener into it.
     */
    private static <T> void notify(Consumer<T> listener, T value) {
        if (listener != null) {
            try {
                listener.accept(value);
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
