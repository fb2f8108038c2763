package dev.threadguard.agent.runtime;

import dev.threadguard.agent.api.TestEvents;
import dev.threadguard.agent.config.AgentLog;
import dev.threadguard.agent.config.AgentOptions;
import dev.threadguard.agent.config.ExitCodes;
import dev.threadguard.agent.config.LogFormat;
import dev.threadguard.agent.config.ProcessId;
import dev.threadguard.agent.config.TextPattern;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The agent's state for one JVM: the recording, the tracker, the budgets, and the two ways a JVM under the agent
 * ends — by itself ({@link #exit}, a shutdown hook) or ended by the agent ({@link #terminate}, the only place that
 * halts). The sampler, the leak watcher, the watchdog and the service control report to it.
 */
public final class Guard implements Tracker.Limits {

    private final AgentOptions options;
    private final Clock clock = new Clock();
    private final RecordingLog log;
    private final Sites sites;
    private final TestScopes scopes;
    private final Tracker tracker;
    private final Hook hook;
    private final String virtualMode;
    private final boolean virtualExact;
    private final VirtualStarts virtualStarts;
    private final Thread mainThread;
    private final Set<String> breaches = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean terminating = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Runnable jfrDump;
    private final StaticHolders holders;

    private ThreadDumps dumps;
    private Sampler sampler;
    private volatile Thread samplerThread;
    private volatile Termination pending;
    private volatile boolean mainEnded;

    private record Termination(String reason, int code, Collection<Long> leaked, String why) {
    }

    /**
     * @param jfrDump writes the JFR recording now (before a halt), or null when none is kept
     * @param fields  reads static fields at a test JVM's end (which pools a static field holds), or null
     */
    public Guard(AgentOptions options, Hook hook, String virtualMode, boolean virtualExact, Thread mainThread,
            Runnable jfrDump, StaticHolders.Fields fields) throws IOException {
        this.options = options;
        this.hook = hook;
        this.virtualMode = virtualMode;
        this.virtualExact = virtualExact;
        this.mainThread = mainThread;
        this.jfrDump = jfrDump;
        this.log = new RecordingLog(options.file().toAbsolutePath());
        this.sites = new Sites(log);
        List<TextPattern> ignoreNames = compile(options.ignoreThreadNames());
        List<TextPattern> ignoreFrames = compile(options.ignoreCreationFrames());
        this.scopes = options.testMode() ? new TestScopes(log, clock) : null;
        Backtraces backtraces = new Backtraces(hook.backtraces(), sites);
        if (hook.installed() && !backtraces.usable()) {
            note("this JVM's exception backtraces cannot be read, so each thread start walks its stack to find its "
                    + "creation site: counts and sites are the same, a start costs a few microseconds more");
        }
        this.tracker = new Tracker(log, clock, sites, backtraces, hook.threadIds(), ignoreNames, ignoreFrames,
                scopes, this);
        this.holders = fields == null || !options.testMode() ? null : new StaticHolders(fields, log);
        this.virtualStarts = LogFormat.VIRTUAL_INSTRUMENTED.equals(virtualMode) ? new VirtualStarts(sites, backtraces,
                options.virtualSampleAll(), options.virtualSampleEvery(), ignoreNames, ignoreFrames) : null;
    }

    private static List<TextPattern> compile(List<String> patterns) {
        List<TextPattern> compiled = new ArrayList<>();
        for (String pattern : patterns) {
            compiled.add(TextPattern.compile(pattern));
        }
        return compiled;
    }

    /** Writes the header and baseline, starts listening, then starts the agent's threads. */
    @SuppressWarnings("deprecation")
    public void start() {
        sampler = new Sampler(this, options);
        Thread samplerThread = daemon("threadguard-sampler", sampler);
        this.samplerThread = samplerThread;
        Thread leakWatcher = options.testMode() ? null : options.serviceMode()
                ? daemon("threadguard-main-watcher", new MainWatcher(this, mainThread, options.controlDir()))
                : daemon("threadguard-leak-watcher", new LeakWatcher(this, tracker, mainThread, options));
        Thread watchdog = options.timeoutSeconds() > 0
                ? daemon("threadguard-watchdog", new Watchdog(this, options.timeoutSeconds())) : null;

        Set<Long> baselineIds = new HashSet<>();
        StringBuilder ids = new StringBuilder();
        List<String> names = new ArrayList<>();
        List<Thread> baseline = new ArrayList<>(List.of(LiveThreads.list()));
        for (Thread agentThread : new Thread[] {samplerThread, leakWatcher, watchdog}) {
            if (agentThread != null) {
                baseline.add(agentThread);
            }
        }
        for (Thread thread : baseline) {
            if (baselineIds.add(thread.getId())) {
                ids.append(ids.length() == 0 ? "" : ",").append(thread.getId());
                names.add(thread.getName());
            }
        }
        dumps = new ThreadDumps(log, clock, tracker, Set.copyOf(baselineIds));
        log.add(new LogFormat.Line(LogFormat.HEADER).add(LogFormat.VERSION).add(ProcessId.current())
                .add(System.getProperty("java.version")).add(clock.originEpochMillis()).add(virtualMode)
                .add(options.format()));
        log.add(new LogFormat.Line(LogFormat.BASELINE).add(baselineIds.size()).add(ids.toString()).add(names)
                .add(mainThread.getId()));
        log.flush();

        listen();
        Runtime.getRuntime().addShutdownHook(new Thread(new ExitHook(this), "threadguard-exit"));
        samplerThread.start();
        if (leakWatcher != null) {
            leakWatcher.start();
        }
        if (watchdog != null) {
            watchdog.start();
        }
    }

    private void listen() {
        hook.listen("platformExitListener", new Exiting(tracker));
        hook.listen("platformStartFailedListener", new StartFailed(tracker));
        hook.listen("ownerListener", new OwnerCreated(tracker));
        hook.listen("poolWorkerListener", new PoolWorker(tracker));
        if (scopes != null) {
            hook.listen("taskSubmitListener", new TaskSubmitted(tracker));
            hook.listen("taskRunListener", new TaskRunning(tracker));
            hook.listen("testListener", scopes.junit4());
            TestEvents.install(scopes);
        }
        if (virtualStarts != null) {
            hook.listen("virtualStartListener", virtualStarts);
        }
        // last: from here on every start is counted, and every end it needs is heard
        if (!hook.listen("platformStartListener", new Starting(tracker))) {
            note("thread starts cannot be seen on this JVM: counts and creation sites are missing");
        }
    }

    /**
     * What the hook calls: one small class per listener field (the hook's fields are JDK interfaces), so that each
     * hook's call site sees one receiver and the JIT compiles into it only what that hook does. No lambdas or method
     * references in the agent, whose bootstrap costs a JVM tens of milliseconds (see StackWalks).
     */
    private abstract static class Listener implements Consumer<Object> {
        final Tracker tracker;

        Listener(Tracker tracker) {
            this.tracker = tracker;
        }
    }

    private static final class Starting extends Listener {
        Starting(Tracker tracker) {
            super(tracker);
        }

        @Override
        public void accept(Object thread) {
            tracker.starting((Thread) thread);
        }
    }

    private static final class StartFailed extends Listener {
        StartFailed(Tracker tracker) {
            super(tracker);
        }

        @Override
        public void accept(Object thread) {
            tracker.startFailed((Thread) thread);
        }
    }

    private static final class Exiting extends Listener {
        Exiting(Tracker tracker) {
            super(tracker);
        }

        @Override
        public void accept(Object thread) {
            tracker.exiting((Thread) thread);
        }
    }

    private static final class OwnerCreated extends Listener {
        OwnerCreated(Tracker tracker) {
            super(tracker);
        }

        @Override
        public void accept(Object pool) {
            tracker.ownerCreated(pool);
        }
    }

    private static final class PoolWorker extends Listener {
        PoolWorker(Tracker tracker) {
            super(tracker);
        }

        @Override
        public void accept(Object pool) {
            tracker.poolWorker(pool);
        }
    }

    private static final class TaskSubmitted extends Listener {
        TaskSubmitted(Tracker tracker) {
            super(tracker);
        }

        @Override
        public void accept(Object task) {
            tracker.taskSubmitted(task);
        }
    }

    private static final class TaskRunning extends Listener {
        TaskRunning(Tracker tracker) {
            super(tracker);
        }

        @Override
        public void accept(Object task) {
            tracker.taskRunning(task);
        }
    }

    /** The shutdown hook. */
    private static final class ExitHook implements Runnable {
        private final Guard guard;

        ExitHook(Guard guard) {
            this.guard = guard;
        }

        @Override
        public void run() {
            guard.exit();
        }
    }

    /** Runs an agent thread's body, reporting a failure in one line instead of a stack trace. */
    private static final class Guarded implements Runnable {
        private final String name;
        private final Runnable body;

        Guarded(String name, Runnable body) {
            this.name = name;
            this.body = body;
        }

        @Override
        public void run() {
            try {
                body.run();
            } catch (Throwable e) {
                AgentLog.error(name + " stopped", e);
            }
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(null, new Guarded(name, body), name, 256 * 1024);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        return thread;
    }

    // ---- what the parts share

    RecordingLog log() {
        return log;
    }

    Clock clock() {
        return clock;
    }

    Sites sites() {
        return sites;
    }

    Tracker tracker() {
        return tracker;
    }

    ThreadDumps dumps() {
        return dumps;
    }

    Hook hook() {
        return hook;
    }

    String virtualMode() {
        return virtualMode;
    }

    boolean virtualExact() {
        return virtualExact;
    }

    VirtualStarts virtualStarts() {
        return virtualStarts;
    }

    boolean hasIgnores() {
        return !options.ignoreThreadNames().isEmpty() || !options.ignoreCreationFrames().isEmpty();
    }

    void mainEnded() {
        mainEnded = true;
    }

    void note(String text) {
        log.add(new LogFormat.Line(LogFormat.NOTE).add(clock.millis()).add(text));
    }

    void mark(String name) {
        log.add(new LogFormat.Line(LogFormat.MARK).add(clock.millis()).add(name));
    }

    // ---- budgets

    /** Called at every counted start, in the starter thread. */
    @Override
    public void started(long live, long started) {
        long maxThreads = options.maxThreads();
        if (maxThreads != AgentOptions.UNSET && live > maxThreads) {
            breach("maxThreads", maxThreads, live, options.failFast());
        }
        long runaway = options.runawayLimit();
        if (runaway != AgentOptions.UNSET && live > runaway) {
            breach(AgentOptions.RUNAWAY_LIMIT, runaway, live, true);
        }
        long maxStarted = options.maxThreadsStarted();
        if (maxStarted != AgentOptions.UNSET && started > maxStarted) {
            breach("maxThreadsStarted", maxStarted, started, options.failFast());
        }
    }

    /** Records a breach once per budget; with {@code halt}, freezes thread creation and has the JVM ended. */
    void breach(String budget, long limit, long observed, boolean halt) {
        if (!breaches.add(budget)) {
            return;
        }
        log.add(new LogFormat.Line(LogFormat.BREACH).add(clock.millis()).add(budget).add(limit).add(observed)
                .add(halt));
        if (halt) {
            hook.freeze();
            requestTermination(LogFormat.REASON_BREACH, ExitCodes.BREACH, List.of(),
                    budget + " budget breached: " + observed + " > " + limit);
        } else {
            AgentLog.info(budget + " budget breached: " + observed + " > " + limit
                    + " (failFast is off, the run goes on)");
        }
    }

    boolean breached(String budget) {
        return breaches.contains(budget);
    }

    /** Has the sampler end the JVM (the caller may be an application thread inside {@code Thread.start}). */
    void requestTermination(String reason, int code, Collection<Long> leaked, String why) {
        if (pending == null) {
            pending = new Termination(reason, code, leaked, why);
        }
        Thread thread = samplerThread;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** The sampler's turn: ends the JVM if someone asked. */
    void terminateIfRequested() {
        Termination request = pending;
        if (request != null) {
            terminate(request.reason, request.code, request.leaked, request.why);
        }
    }

    boolean isTerminating() {
        return terminating.get();
    }

    // ---- the end

    /**
     * Dumps every thread into the recording, writes the summary and halts the JVM with {@code code}. Called once; a
     * second caller waits for the halt.
     */
    void terminate(String reason, int code, Collection<Long> leaked, String why) {
        if (!terminating.compareAndSet(false, true)) {
            parkForever();
            return;
        }
        if (ExitCodes.BREACH == code) {
            hook.freeze();
        }
        try {
            dumps.dump(reason, true, true, ThreadDumps.ids(leaked));
            finish(reason, code, leaked.size());
        } catch (Throwable e) {
            AgentLog.error("could not write the recording " + log.file(), e);
        }
        try {
            if (jfrDump != null) {
                jfrDump.run();
            }
            AgentLog.info(why + "; thread dump and recording written to " + log.file() + "; halting the JVM with exit "
                    + "code " + code);
            System.out.flush();
            System.err.flush();
        } finally {
            Runtime.getRuntime().halt(code);
        }
    }

    /** The JVM is shutting down by itself (main ended, {@code System.exit}, a signal). */
    void exit() {
        if (terminating.get()) {
            return;
        }
        try {
            int leaked;
            if (scopes != null) {
                List<Tracker.Tracked> alive = settle();
                if (!alive.isEmpty() && holders != null) {
                    try {
                        holders.record(alive, tracker.pools(), tracker); // not a method reference, whose bootstrap costs at exit
                    } catch (Throwable e) {
                        AgentLog.error("could not tell which pools and threads static fields hold", e);
                    }
                }
                Set<Long> ids = new HashSet<>();
                for (Tracker.Tracked thread : alive) {
                    ids.add(thread.id);
                }
                // the management API only when someone leaked: a clean exit stays cheap
                leaked = ids.isEmpty() ? 0 : dumps.dump(LogFormat.REASON_EXIT, false, true, ThreadDumps.ids(ids));
            } else {
                leaked = 0;
                dumps.dump(LogFormat.REASON_EXIT, !options.serviceMode(), false, ThreadDumps.NONE);
            }
            finish(LogFormat.REASON_EXIT, -1, leaked);
        } catch (Throwable e) {
            AgentLog.error("could not write the run summary", e);
        }
    }

    /**
     * Test mode, at exit: gives the threads that tests started up to {@code settleMillis} to end (a pool shut down
     * as the last test returns is not a leak), and returns those still alive.
     */
    private List<Tracker.Tracked> settle() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.settleMillis());
        while (true) {
            List<Tracker.Tracked> alive = tracker.alive();
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

    /** Site counts, the summary, and the file closed; once. */
    private void finish(String reason, int exitCode, int leaked) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        sites.writeCounts(true);
        boolean exact = virtualStarts != null && virtualExact && !hasIgnores();
        log.add(new LogFormat.Line(LogFormat.END).add(clock.millis()).add(reason).add(exitCode).add(mainEnded)
                .add(tracker.peak()).add(tracker.live()).add(tracker.started()).add(virtualMode)
                .add(virtualStarts == null ? -1 : exact ? hook.virtualPeak() : virtualStarts.estimatedPeak())
                .add(virtualStarts == null ? -1 : exact ? hook.virtualLive() : virtualStarts.estimatedLive())
                .add(virtualStarts == null ? -1 : exact ? hook.virtualStarted() : virtualStarts.estimatedStarted())
                .add(leaked).add(tracker.ignoredStarted()));
        if (options.serviceMode() && !terminating.get()) {
            // a service's shutdown hooks may hang: the plugin then asks for a dump, written after the end
            log.flush();
        } else {
            log.close();
        }
    }

    private static void parkForever() {
        while (true) {
            LockSupport.park();
            Thread.interrupted();
        }
    }
}
