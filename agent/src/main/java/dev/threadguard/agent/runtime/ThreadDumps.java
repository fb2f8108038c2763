package dev.threadguard.agent.runtime;

import dev.threadguard.agent.config.Frames;
import dev.threadguard.agent.config.InternalThreads;
import dev.threadguard.agent.config.LogFormat;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes thread dumps into the recording: each thread with its state, stack and, for the application's threads,
 * its site, owner and test. With {@code locks} the JDK's management API adds what each thread waits on and who holds
 * it; it is loaded only then (a breach, a hang, a stop that times out), never on a clean exit, as it costs a
 * noticeable part of a second to start.
 */
final class ThreadDumps {

    private static final int DEPTH = 256;

    /** Frames where an idle worker of the JDK's pools or timers waits for its next task. */
    private static final String[] IDLE_FRAMES = {
        "java.util.concurrent.ThreadPoolExecutor.getTask(", "java.util.concurrent.ForkJoinPool.awaitWork(",
        "java.util.TimerThread.mainLoop(",
    };

    /**
     * Servers' own pools, whose workers the agent sees as plain threads: the frame where an idle worker waits for its
     * next task. Tomcat's pool (Spring Boot's default server) is a copy of the JDK's; Jetty's and JBoss Threads'
     * (Undertow, WildFly) are their own. Their lazily started and lingering idle workers are bounded by the pool.
     */
    private static final String[] SERVER_POOL_IDLE_FRAMES = {
        "org.apache.tomcat.util.threads.ThreadPoolExecutor.getTask(",
        "org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.idleJobPoll(",
        "org.eclipse.jetty.util.thread.QueuedThreadPool.idleJobPoll(",
        "org.eclipse.jetty.util.thread.ReservedThreadExecutor$ReservedThread.reservedWait(",
        "org.jboss.threads.EnhancedQueueExecutor$ThreadBody.run(",
    };

    /** The servers' pool and queue code, which may lie between the wait and those frames (Tomcat's TaskQueue). */
    private static final String[] SERVER_POOL_PACKAGES = {
        "org.apache.tomcat.util.threads.", "org.eclipse.jetty.util.", "org.jboss.threads.",
    };

    private final RecordingLog log;
    private final Clock clock;
    private final Tracker tracker;
    private final Set<Long> baselineIds;
    private final AtomicInteger dumpIds = new AtomicInteger();

    ThreadDumps(RecordingLog log, Clock clock, Tracker tracker, Set<Long> baselineIds) {
        this.log = log;
        this.clock = clock;
        this.tracker = tracker;
        this.baselineIds = baselineIds;
    }

    private record Entry(long id, String name, String state, boolean daemon, String lock, List<String> stack,
            Thread thread) {
    }

    /** Which dumped application threads are leaked. */
    interface LeakRule {
        boolean leaked(Tracker.Tracked thread, boolean idle);
    }

    /** Flags no thread. */
    static final LeakRule NONE = new LeakRule() {
        @Override
        public boolean leaked(Tracker.Tracked thread, boolean idle) {
            return false;
        }
    };

    /** Flags exactly the threads with these ids. */
    static LeakRule ids(Collection<Long> leaked) {
        return new LeakRule() {
            @Override
            public boolean leaked(Tracker.Tracked thread, boolean idle) {
                return leaked.contains(thread.id);
            }
        };
    }

    /** Flags the threads started since {@code windowStartMillis} that are not idle: a service's leaks. */
    static LeakRule busySince(long windowStartMillis) {
        return new LeakRule() {
            @Override
            public boolean leaked(Tracker.Tracked thread, boolean idle) {
                return thread.startMillis >= windowStartMillis && !idle;
            }
        };
    }

    /**
     * Dumps threads and returns how many were flagged leaked. {@code all}: every platform thread, the JVM's
     * included (else the application's only).
     */
    @SuppressWarnings("deprecation")
    int dump(String reason, boolean all, boolean locks, LeakRule leaked) {
        List<Entry> entries = locks ? withLocks() : plain();
        int dumpId = dumpIds.incrementAndGet();
        int leakedCount = 0;
        log.add(new LogFormat.Line(LogFormat.DUMP).add(dumpId).add(reason).add(clock.millis()));
        for (Entry entry : entries) {
            Tracker.Tracked tracked = entry.thread == null ? null : tracker.tracked(entry.thread);
            boolean baseline = tracked == null
                    && (baselineIds.contains(entry.id) || InternalThreads.isInternal(entry.name));
            if (!all && tracked == null) {
                continue;
            }
            boolean idle = tracked != null && isIdle(entry.state, entry.stack,
                    !LogFormat.OWNER_THREAD.equals(tracked.ownerKind()));
            boolean isLeaked = tracked != null && leaked.leaked(tracked, idle);
            leakedCount += isLeaked ? 1 : 0;
            log.add(new LogFormat.Line(LogFormat.THREAD).add(dumpId).add(entry.id).add(entry.name).add(entry.state)
                    .add(entry.daemon).add(isLeaked).add(baseline).add(entry.lock).add(entry.stack)
                    .add(tracked == null ? -1 : tracked.site.id)
                    .add(tracked == null || tracked.owner == null ? -1 : tracked.owner.id)
                    .add(tracked == null ? null : tracked.ownerKind())
                    .add(tracked == null || tracked.scope == null ? -1 : tracked.scope.id)
                    .add(tracked == null ? null : tracked.attribution)
                    .add(tracked == null ? -1 : tracked.startMillis).add(idle)
                    .add(tracked == null ? -1 : tracker.creationStackId(tracked)));
        }
        return leakedCount;
    }

    /** Whether a live thread is idle now, from its current stack. */
    static boolean isIdle(Tracker.Tracked tracked) {
        return isIdle(tracked.thread.getState().name(), format(tracked.thread.getStackTrace()),
                !LogFormat.OWNER_THREAD.equals(tracked.ownerKind()));
    }

    /**
     * A pool's or timer's worker waiting for its next task: parked in the pool's wait for work with nothing but the
     * JDK, the pool's task queue ({@code poll}, {@code take}) or a server pool's own code in between.
     *
     * @param pooled the agent knows the thread as a JDK pool's or timer's worker (else only a server pool's idle
     *               frames count: its workers look like plain threads)
     */
    static boolean isIdle(String state, List<String> stack, boolean pooled) {
        if (!"WAITING".equals(state) && !"TIMED_WAITING".equals(state)) {
            return false;
        }
        for (String frame : stack) {
            if (pooled && startsWithAny(frame, IDLE_FRAMES) || startsWithAny(frame, SERVER_POOL_IDLE_FRAMES)) {
                return true;
            }
            String method = Frames.methodOf(frame);
            boolean queueWait = method.endsWith(".poll") || method.endsWith(".take");
            if (!Frames.isJdk(method) && !queueWait && !startsWithAny(method, SERVER_POOL_PACKAGES)) {
                return false; // application code between the wait and the pool's loop: busy, not idle
            }
        }
        return false;
    }

    private static boolean startsWithAny(String text, String[] prefixes) {
        for (String prefix : prefixes) {
            if (text.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("deprecation")
    private static List<Entry> plain() {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            entries.add(new Entry(thread.getId(), thread.getName(), thread.getState().name(), thread.isDaemon(), null,
                    format(entry.getValue()), thread));
        }
        return entries;
    }

    @SuppressWarnings("deprecation")
    private static List<Entry> withLocks() {
        ThreadInfo[] infos = ManagementFactory.getThreadMXBean().dumpAllThreads(false, false, DEPTH);
        // listed after the dump: a thread that started meanwhile is in both
        Map<Long, Thread> threads = new HashMap<>();
        for (Thread thread : LiveThreads.list()) {
            threads.put(thread.getId(), thread);
        }
        List<Entry> entries = new ArrayList<>();
        for (ThreadInfo info : infos) {
            if (info == null) {
                continue;
            }
            LockInfo lock = info.getLockInfo();
            String lockText = lock == null ? null : lock + (info.getLockOwnerName() == null ? ""
                    : " held by " + info.getLockOwnerName()) + joined(lock, threads);
            entries.add(new Entry(info.getThreadId(), info.getThreadName(), info.getThreadState().name(),
                    info.isDaemon(), lockText, format(info.getStackTrace()), threads.get(info.getThreadId())));
        }
        return entries;
    }

    /**
     * A thread waiting on another thread's monitor is in {@code Thread.join}: names the thread it waits for, which
     * the lock alone ({@code java.lang.Thread@1b6d3586}) does not.
     */
    static String joined(LockInfo lock, Map<Long, Thread> threads) {
        for (Thread thread : threads.values()) {
            if (System.identityHashCode(thread) == lock.getIdentityHashCode()
                    && thread.getClass().getName().equals(lock.getClassName())) {
                return " (the thread \"" + thread.getName() + "\")";
            }
        }
        return "";
    }

    private static List<String> format(StackTraceElement[] frames) {
        List<String> stack = new ArrayList<>(frames.length);
        for (StackTraceElement frame : frames) {
            if (!frame.getClassName().contains("$$Lambda")) { // lambda proxies: hidden classes, no source of their own
                stack.add(Frames.format(frame));
            }
        }
        return stack;
    }
}
