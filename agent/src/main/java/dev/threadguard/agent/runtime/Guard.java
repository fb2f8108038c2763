package dev.threadguard.agent.runtime;

import dev.threadguard.agent.AgentLog;
import dev.threadguard.agent.AgentOptions;
import dev.threadguard.agent.ExitCodes;
import dev.threadguard.agent.Frames;
import dev.threadguard.agent.InternalThreads;
import dev.threadguard.agent.TextPattern;
import dev.threadguard.agent.events.BaselineEvent;
import dev.threadguard.agent.events.BreachEvent;
import dev.threadguard.agent.events.EventNames;
import dev.threadguard.agent.events.RunSummaryEvent;
import dev.threadguard.agent.events.ThreadDumpEvent;
import jdk.jfr.Recording;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent's state for one JVM: the baseline, the budgets and the recording, and the one way the agent ends a
 * JVM ({@link #terminate}). The sampler, the leak watcher and the watchdog report to it.
 */
public final class Guard {

    private static final int DUMP_DEPTH = 256;

    private final AgentOptions options;
    private final Recording recording;
    private final Path file;
    private final Thread mainThread;
    private final String virtualMode;
    private final boolean virtualExact;
    private final Hook hook;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<TextPattern> ignoreNames = new ArrayList<>();
    private final List<TextPattern> ignoreFrames = new ArrayList<>();
    private final VirtualStarts virtualStarts;
    private final AtomicBoolean terminating = new AtomicBoolean();
    private final Set<String> breachesRecorded = new HashSet<>();
    private final TestThreads testThreads;

    private Set<Long> baselineIds = Set.of();
    private int baselineCount;
    private long baselineStarted;

    private volatile String endReason = "running";
    private volatile int exitCode = -1;
    private volatile boolean mainEnded;
    private volatile int leakedThreads;
    private volatile boolean exitDumped;
    private volatile int peakThreads;
    private volatile int liveThreads;
    private volatile long threadsStarted;

    public Guard(AgentOptions options, Recording recording, Thread mainThread, Hook hook, String virtualMode,
            boolean virtualExact) {
        this.hook = hook;
        this.options = options;
        this.recording = recording;
        this.file = options.file().toAbsolutePath();
        this.mainThread = mainThread;
        this.virtualMode = virtualMode;
        this.virtualExact = virtualExact;
        for (String pattern : options.ignoreThreadNames()) {
            ignoreNames.add(TextPattern.compile(pattern));
        }
        for (String pattern : options.ignoreCreationFrames()) {
            ignoreFrames.add(TextPattern.compile(pattern));
        }
        this.virtualStarts = EventNames.VIRTUAL_INSTRUMENTED.equals(virtualMode)
                ? new VirtualStarts(options.virtualSampleAll(), options.virtualSampleEvery()) : null;
        this.testThreads = options.testMode() ? new TestThreads() : null;
    }

    /** Starts the agent's threads, then takes the baseline (which includes them), then lets them work. */
    @SuppressWarnings("deprecation")
    public void start() {
        Sampler sampler = new Sampler(this, options);
        Thread samplerThread = daemon("threadguard-sampler", sampler);
        // in a test JVM main is the test framework's: leaks are judged at exit instead (endOfChunk)
        Thread leakThread = options.testMode() ? null
                : daemon("threadguard-leak-watcher", new LeakWatcher(this, mainThread, options));
        Thread watchdog = options.timeoutSeconds() > 0
                ? daemon("threadguard-watchdog", new Watchdog(this, options.timeoutSeconds())) : null;

        Set<Long> ids = new HashSet<>();
        StringBuilder names = new StringBuilder();
        StringBuilder idText = new StringBuilder();
        Thread[] live = LiveThreads.list();
        for (Thread thread : live) {
            ids.add(thread.getId());
            names.append(names.length() == 0 ? "" : "\n").append(thread.getName());
            idText.append(idText.length() == 0 ? "" : ",").append(thread.getId());
        }
        for (Thread agentThread : new Thread[] {samplerThread, leakThread, watchdog}) {
            if (agentThread != null && ids.add(agentThread.getId())) {
                names.append('\n').append(agentThread.getName());
                idText.append(',').append(agentThread.getId());
            }
        }
        baselineIds = Set.copyOf(ids);
        baselineCount = ids.size();
        // the agent's threads are about to start: count them in
        baselineStarted = threads.getTotalStartedThreadCount() + 1 + (leakThread == null ? 0 : 1)
                + (watchdog == null ? 0 : 1);

        BaselineEvent baseline = new BaselineEvent();
        baseline.baselineThreads = baselineCount;
        baseline.threadNames = names.toString();
        baseline.threadIds = idText.toString();
        baseline.mainThreadId = mainThread.getId();
        baseline.javaVersion = System.getProperty("java.version");
        baseline.virtualThreads = virtualMode;
        baseline.options = options.format();
        baseline.sampleMillis = options.sampleMillis();
        baseline.commit();

        if (virtualStarts != null) {
            try {
                hook.listen(virtualStarts);
            } catch (ReflectiveOperationException e) {
                AgentLog.error("could not record virtual-thread creation sites", e);
            }
        }
        if (testThreads != null) {
            try {
                hook.listenPlatform(testThreads);
            } catch (ReflectiveOperationException e) {
                AgentLog.error("could not record which test starts each thread", e);
            }
        }
        samplerThread.start();
        if (leakThread != null) {
            leakThread.start();
        }
        if (watchdog != null) {
            watchdog.start();
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(null, () -> {
            try {
                body.run();
            } catch (Throwable e) {
                AgentLog.error(name + " stopped", e);
            }
        }, name, 256 * 1024);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        return thread;
    }

    // ---- what the sampler measures

    ThreadMXBean threadBean() {
        return threads;
    }

    int baselineCount() {
        return baselineCount;
    }

    long baselineStarted() {
        return baselineStarted;
    }

    Hook hook() {
        return hook;
    }

    VirtualStarts virtualStarts() {
        return virtualStarts;
    }

    boolean virtualExact() {
        return virtualExact;
    }

    boolean hasIgnores() {
        return !ignoreNames.isEmpty() || !ignoreFrames.isEmpty();
    }

    void measured(int live, int peak, long started) {
        liveThreads = live;
        threadsStarted = started;
        if (peak > peakThreads) {
            peakThreads = peak;
        }
    }

    boolean isTerminating() {
        return terminating.get();
    }

    boolean mainEnded() {
        return mainEnded;
    }

    void mainEnded(boolean ended) {
        mainEnded = ended;
    }

    // ---- which threads are the application's

    /** Application platform threads alive now: not baseline, not internal, not ignored by name. */
    @SuppressWarnings("deprecation")
    List<Thread> applicationThreads() {
        List<Thread> result = new ArrayList<>();
        for (Thread thread : LiveThreads.list()) {
            if (!baselineIds.contains(thread.getId()) && !InternalThreads.isInternal(thread.getName())
                    && !TextPattern.any(ignoreNames, thread.getName())) {
                result.add(thread);
            }
        }
        return result;
    }

    /** Drops the threads whose creation stack has a frame matching a creation-frame ignore. */
    @SuppressWarnings("deprecation")
    List<Thread> withoutIgnoredFrames(List<Thread> candidates) {
        if (ignoreFrames.isEmpty() || candidates.isEmpty()) {
            return candidates;
        }
        Map<Long, CreationStacks.Started> stacks;
        try {
            stacks = CreationStacks.read(file.getParent());
        } catch (Exception e) {
            AgentLog.error("could not read creation stacks to apply ignoreCreationFrames", e);
            return List.of();
        }
        List<Thread> result = new ArrayList<>();
        for (Thread thread : candidates) {
            CreationStacks.Started started = stacks.get(thread.getId());
            if (started == null || !ignoredByFrame(started.frames())) {
                result.add(thread);
            }
        }
        return result;
    }

    /** Threads started since the baseline, not internal and not ignored, from a JFR snapshot. */
    long confirmedStarted() throws Exception {
        long count = 0;
        for (CreationStacks.Started started : CreationStacks.read(file.getParent()).values()) {
            if (!baselineIds.contains(started.threadId()) && !InternalThreads.isInternal(started.name())
                    && !TextPattern.any(ignoreNames, started.name()) && !ignoredByFrame(started.frames())) {
                count++;
            }
        }
        return count;
    }

    private boolean ignoredByFrame(List<String> frames) {
        for (String frame : frames) {
            if (TextPattern.any(ignoreFrames, Frames.methodOf(frame))) {
                return true;
            }
        }
        return false;
    }

    // ---- breaches and the end of the JVM

    boolean breached(String budget) {
        synchronized (breachesRecorded) {
            return breachesRecorded.contains(budget);
        }
    }

    /** Records a breach once per budget; with fail-fast on, ends the JVM. */
    void breach(String budget, long limit, long observed) {
        breach(budget, limit, observed, options.failFast());
    }

    /**
     * Test mode's safety net: live application threads above {@code runawayLimit} end the JVM even with fail-fast
     * off, so that a runaway spawner in a test cannot exhaust the machine.
     */
    void runaway(long limit, long observed) {
        breach(AgentOptions.RUNAWAY_LIMIT, limit, observed, true);
    }

    private void breach(String budget, long limit, long observed, boolean halt) {
        synchronized (breachesRecorded) {
            if (!breachesRecorded.add(budget)) {
                return;
            }
        }
        BreachEvent event = new BreachEvent();
        event.budget = budget;
        event.limit = limit;
        event.observed = observed;
        event.failFast = halt;
        event.commit();
        if (halt) {
            terminate(EventNames.REASON_BREACH, ExitCodes.BREACH, Set.of(),
                    budget + " budget breached: " + observed + " > " + limit);
        } else {
            AgentLog.info(budget + " budget breached: " + observed + " > " + limit
                    + " (failFast is off, the run goes on)");
        }
    }

    /**
     * Dumps every thread into the recording, writes the recording and halts the JVM with {@code code}. Called once;
     * a second caller waits for the halt.
     */
    @SuppressWarnings("deprecation")
    void terminate(String reason, int code, Collection<Long> leakedIds, String why) {
        if (!terminating.compareAndSet(false, true)) {
            parkForever();
            return;
        }
        if (ExitCodes.BREACH == code) {
            hook.freeze();
        }
        try {
            endReason = reason;
            exitCode = code;
            leakedThreads = leakedIds.size();
            dumpThreads(reason, leakedIds);
            commitSummary();
            recording.dump(file);
        } catch (Throwable e) {
            AgentLog.error("could not write the recording " + file, e);
        }
        try {
            AgentLog.info(why + "; thread dump and recording written to " + file + "; halting the JVM with exit code "
                    + code);
            System.out.flush();
            System.err.flush();
        } finally {
            Runtime.getRuntime().halt(code);
        }
    }

    private static void parkForever() {
        while (true) {
            java.util.concurrent.locks.LockSupport.park();
            Thread.interrupted();
        }
    }

    private void dumpThreads(String reason, Collection<Long> leakedIds) {
        ThreadInfo[] infos = threads.dumpAllThreads(false, false, DUMP_DEPTH);
        for (ThreadInfo info : infos) {
            if (info == null) {
                continue;
            }
            ThreadDumpEvent event = new ThreadDumpEvent();
            event.reason = reason;
            event.threadId = info.getThreadId();
            event.threadName = info.getThreadName();
            event.state = info.getThreadState().name();
            event.daemon = info.isDaemon();
            event.leaked = leakedIds.contains(info.getThreadId());
            event.baseline = baselineIds.contains(info.getThreadId())
                    || InternalThreads.isInternal(info.getThreadName());
            LockInfo lock = info.getLockInfo();
            event.lock = lock == null ? null : lock.toString()
                    + (info.getLockOwnerName() == null ? "" : " held by " + info.getLockOwnerName());
            StringBuilder stack = new StringBuilder();
            for (StackTraceElement frame : info.getStackTrace()) {
                stack.append(stack.length() == 0 ? "" : "\n").append(Frames.format(frame));
            }
            event.stack = stack.toString();
            event.commit();
        }
    }

    /**
     * JFR calls this at the end of every chunk: when the recording is dumped and when JFR's own shutdown hook
     * stops it. At shutdown it first dumps the threads still alive (after {@code System.exit} they may be many).
     * Running inside JFR's stop is what makes the summary land in the file without racing JFR's shutdown hook.
     */
    public void endOfChunk() {
        try {
            if (!exitDumped && !terminating.get() && shuttingDown()) {
                exitDumped = true;
                endReason = EventNames.REASON_EXIT;
                Collection<Long> alive = testThreads == null ? Set.of() : settle();
                leakedThreads = alive.size();
                dumpThreads(EventNames.REASON_EXIT, alive);
            }
            commitSummary();
        } catch (Throwable e) {
            AgentLog.error("could not write the run summary", e);
        }
    }

    /**
     * Test mode, at exit: gives the threads that test code started up to {@code settleMillis} to end (a pool shut
     * down just before the JVM ends is not a leak), and returns the ids of those still alive.
     */
    @SuppressWarnings("deprecation")
    private Collection<Long> settle() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(options.settleMillis());
        while (true) {
            Set<Long> alive = new HashSet<>();
            for (Thread thread : applicationThreads()) {
                if (thread.isAlive() && testThreads.isCandidate(thread.getId())) {
                    alive.add(thread.getId());
                }
            }
            if (alive.isEmpty() || System.nanoTime() - deadline >= 0) {
                return alive;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return alive;
            }
        }
    }

    private void commitSummary() {
        RunSummaryEvent event = new RunSummaryEvent();
        event.endReason = endReason;
        event.exitCode = exitCode;
        event.mainEnded = mainEnded;
        event.peakThreads = peakThreads;
        event.liveThreads = liveThreads;
        event.threadsStarted = threadsStarted;
        event.virtualThreads = virtualMode;
        if (EventNames.VIRTUAL_INSTRUMENTED.equals(virtualMode)) {
            event.virtualThreadsStarted = hook.virtualStarted();
            event.peakVirtualThreads = virtualExact ? hook.virtualPeak() : -1;
            event.liveVirtualThreads = virtualExact ? hook.virtualLive() : -1;
        } else {
            event.virtualThreadsStarted = -1;
            event.peakVirtualThreads = -1;
            event.liveVirtualThreads = -1;
        }
        event.leakedThreads = leakedThreads;
        event.commit();
    }

    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { }, "threadguard-shutdown-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
