package dev.threadguard.agent.runtime;

import dev.threadguard.agent.config.Frames;
import dev.threadguard.agent.config.InternalThreads;
import dev.threadguard.agent.config.LogFormat;
import dev.threadguard.agent.config.TextPattern;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * Counts and knows the application's platform threads, told by the instrumented JDK: every start (in the starter
 * thread), every failed start, every end (in the ending thread), every pool built. Each thread gets an owner — the
 * pool or timer whose worker it is, or itself — and a site: where its owner was made. Counts are exact: a thread is
 * live from its start to its end, ignored threads are never counted, and budgets are checked at the start that
 * breaks them.
 */
final class Tracker implements StaticHolders.Starts {

    private static final String TIMER_THREAD = "java.util.TimerThread";

    /** What the tracker tells about budgets; the guard decides. */
    interface Limits {
        void started(long live, long started);
    }

    /** A pool (or timer) that owns threads. */
    static final class Owner {
        final int id;
        final String kind;
        final Sites.Site site;
        final boolean staticInit;
        final TestScopes.Scope scope;
        final boolean framework;
        final List<String> stack;
        /**
         * The classes whose static fields may hold it (the code that made it, up to its site), held weakly: an owner
         * must not keep an undeployed application's classes alive.
         */
        final List<WeakReference<Class<?>>> holders;

        Owner(int id, String kind, Sites.Site site, boolean staticInit, TestScopes.Scope scope, boolean framework,
                List<String> stack, List<Class<?>> holders) {
            this.id = id;
            this.kind = kind;
            this.site = site;
            this.staticInit = staticInit;
            this.scope = scope;
            this.framework = framework;
            this.stack = stack;
            List<WeakReference<Class<?>>> refs = new ArrayList<>(holders.size());
            for (Class<?> holder : holders) {
                refs.add(new WeakReference<>(holder));
            }
            this.holders = refs;
        }
    }

    /** A live application thread. */
    static final class Tracked {
        final Thread thread;
        final long id;
        final String name;
        final Sites.Site site;
        final Owner owner;
        final TestScopes.Scope scope;
        final String attribution;
        final long startMillis;
        final boolean daemon;
        /**
         * A plain thread's own start, as a throwable made there (its stack is only read if the thread is dumped or
         * leaked); null for a pool's or timer's worker, which have their owner's stack.
         */
        final Throwable creation;

        @SuppressWarnings("deprecation")
        Tracked(Thread thread, Sites.Site site, Owner owner, TestScopes.Blame blame, long startMillis,
                Throwable creation) {
            this.creation = creation;
            this.thread = thread;
            this.id = thread.getId();
            this.name = thread.getName();
            this.site = site;
            this.owner = owner;
            this.scope = blame == null ? null : blame.scope();
            this.attribution = blame == null ? null : blame.attribution();
            this.startMillis = startMillis;
            this.daemon = thread.isDaemon();
        }

        String ownerKind() {
            return owner != null ? owner.kind : site.ownerKind;
        }
    }

    private final RecordingLog log;
    private final Clock clock;
    private final Sites sites;
    private final Backtraces backtraces;
    private final List<TextPattern> ignoreNames;
    private final List<TextPattern> ignoreFrames;
    private final TestScopes scopes;
    private final Limits limits;

    /** By identity, and allocating nothing at a thread's end (see {@link ThreadTable}). */
    private final ThreadTable<Tracked> live;
    /** Ignored threads still alive: not counted, but they keep a JVM alive as much as any other. */
    private final ThreadTable<Thread> ignoredLive;
    private final WeakIdentityMap<Object, Owner> pools = new WeakIdentityMap<>();
    private final ThreadLocal<Object> startingPool = new ThreadLocal<>();
    private final AtomicInteger ownerIds = new AtomicInteger();
    private final AtomicLong liveCount = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong windowPeak = new AtomicLong();
    private final AtomicLong ignoredStarted = new AtomicLong();
    private final AtomicLong frameworkStarted = new AtomicLong();

    /** {@code threadIds}: the hook's reader of a thread's id, or null to hash threads by identity. */
    Tracker(RecordingLog log, Clock clock, Sites sites, Backtraces backtraces, ToLongFunction<Thread> threadIds,
            List<TextPattern> ignoreNames, List<TextPattern> ignoreFrames, TestScopes scopes, Limits limits) {
        this.live = new ThreadTable<>(threadIds);
        this.ignoredLive = new ThreadTable<>(threadIds);
        this.log = log;
        this.clock = clock;
        this.sites = sites;
        this.backtraces = backtraces;
        this.ignoreNames = ignoreNames;
        this.ignoreFrames = ignoreFrames;
        this.scopes = scopes;
        this.limits = limits;
    }

    // ---- told by the hook

    /** {@code Thread.start}, in the starter. */
    void starting(Thread thread) {
        if (thread == null) {
            return;
        }
        String name = thread.getName();
        if (InternalThreads.isInternal(name)) {
            return;
        }
        Object pool = startingPool.get();
        if (pool == null && thread instanceof ForkJoinWorkerThread worker) {
            pool = worker.getPool();
        }
        Owner owner = pool == null ? null : pools.get(pool);
        Sites.Site site;
        boolean framework;
        List<String> fullStack = null;
        TestScopes.Blame blame = null;
        StackWalks.TestFinder stackTest = null;
        Throwable creation = null;
        if (owner != null) {
            site = owner.site;
            framework = owner.framework;
        } else {
            boolean plain = thread.getClass() == Thread.class;
            String kind = !plain && TIMER_THREAD.equals(thread.getClass().getName()) ? LogFormat.OWNER_TIMER
                    : LogFormat.OWNER_THREAD;
            if (scopes != null) {
                blame = currentBlame();
                if (blame == null && !scopes.listenerSeen()) {
                    stackTest = new StackWalks.TestFinder(); // the site's walk reads the test from the stack too
                }
            }
            // the cheap way first; the walk when the JVM's record cannot be read or names no application frame
            creation = new Throwable();
            site = backtraces.site(creation, kind, false, stackTest);
            if (site == null) {
                if (stackTest != null) {
                    stackTest = new StackWalks.TestFinder();
                }
                site = sites.site(kind, false, StackWalks.startSite(stackTest), StackWalks.FULL);
            }
            framework = site.framework || (!plain && Sites.isFramework(thread.getClass().getName()));
        }
        if (scopes != null && framework) {
            frameworkStarted.incrementAndGet();
            return; // the test framework's own threads are not the tests'
        }
        if (TextPattern.any(ignoreNames, name) || (!ignoreFrames.isEmpty()
                && ignoredByFrame(owner != null ? owner.stack : (fullStack = StackWalks.fullStack())))) {
            if (ignoredLive.putIfAbsent(thread, thread) == null) { // else started twice: start() throws
                ignoredStarted.incrementAndGet();
            }
            return;
        }
        if (scopes != null) {
            if (owner != null) {
                blame = owner.scope != null ? new TestScopes.Blame(owner.scope, LogFormat.BY_OWNER)
                        : currentBlame();
            }
            if (blame == null && !scopes.listenerSeen()) {
                blame = stackTest != null ? scopes.fromStack(stackTest)
                        : scopes.fromStack(fullStack != null ? fullStack : StackWalks.fullStack());
            }
        }
        boolean ownsItself = owner == null;
        if (ownsItself && LogFormat.OWNER_TIMER.equals(site.ownerKind)) {
            owner = timerOwner(site, framework, blame, fullStack); // timers are few: each keeps its own stack
        }
        // a plain thread keeps the stack that started it (a pool's or timer's workers have their owner's)
        Tracked tracked = new Tracked(thread, site, owner, blame, clock.millis(), owner == null ? creation : null);
        if (live.putIfAbsent(thread, tracked) != null) {
            return; // started twice: start() throws, nothing more to count
        }
        if (ownsItself) {
            site.owners.incrementAndGet();
        }
        site.started(1);
        long total = started.incrementAndGet();
        long now = liveCount.incrementAndGet();
        raise(peak, now);
        raise(windowPeak, now);
        limits.started(now, total);
    }

    /** {@code Thread.start} threw: the thread never ran. */
    void startFailed(Thread thread) {
        if (!ignoredLive.isEmpty() && ignoredLive.remove(thread) != null) {
            ignoredStarted.decrementAndGet();
            return;
        }
        Tracked tracked = live.remove(thread);
        if (tracked == null || thread.isAlive()) {
            if (tracked != null) {
                live.putIfAbsent(thread, tracked); // started twice: the first start stands
            }
            return;
        }
        tracked.site.undoStart();
        if (tracked.owner == null || LogFormat.OWNER_TIMER.equals(tracked.owner.kind)) {
            tracked.site.owners.decrementAndGet();
        }
        started.decrementAndGet();
        liveCount.decrementAndGet();
    }

    /** {@code Thread.exit}, in the ending thread. */
    void exiting(Thread thread) {
        if (!ignoredLive.isEmpty() && ignoredLive.remove(thread) != null) {
            return;
        }
        Tracked tracked = live.remove(thread);
        if (tracked == null) {
            return;
        }
        liveCount.decrementAndGet();
        tracked.site.ended(1);
        TestScopes.Scope scope = tracked.scope;
        if (scope != null && scope.ended()) {
            log.add(new LogFormat.Line(LogFormat.ENDED).add(tracked.id).add(tracked.name).add(tracked.site.id)
                    .add(tracked.owner == null ? -1 : tracked.owner.id).add(scope.id).add(tracked.attribution)
                    .add(tracked.startMillis).add(clock.millis()).add(tracked.daemon));
        }
    }

    /** The end of a pool's constructor, in the thread that builds it. */
    void ownerCreated(Object pool) {
        if (pool == null || pools.containsKey(pool)) {
            return; // ForkJoinPool's constructors call each other
        }
        List<String> stack = StackWalks.fullStack();
        StackWalks.Construction construction = StackWalks.construction(pool.getClass());
        String frame = construction.frame;
        String formatted = frame != null ? frame : "(built by the JDK) " + pool.getClass().getName();
        String method = Frames.methodOf(formatted);
        int dot = method.lastIndexOf('.');
        Sites.Site site = sites.site(LogFormat.OWNER_POOL, dot < 0 ? method : method.substring(0, dot),
                dot < 0 ? "" : method.substring(dot + 1), line(formatted), formatted, stack);
        TestScopes.Blame blame = scopes == null ? null : currentBlame();
        if (blame == null && scopes != null) {
            // made outside every test: TestNG builds test instances, and so their fields' pools, before any test
            // runs; such a pool is its test class's, not the test that happens to start its first worker
            blame = scopes.fromStack(stack);
        }
        boolean framework = site.framework || Sites.isFramework(pool.getClass().getName());
        Owner owner = new Owner(ownerIds.incrementAndGet(), LogFormat.OWNER_POOL, site,
                StackWalks.hasStaticInit(stack), blame == null ? null : blame.scope(), framework, stack,
                construction.classes);
        pools.put(pool, owner);
        site.owners.incrementAndGet();
        site.dirty = true;
        written(owner, pool.getClass().getName());
    }

    /**
     * The test the current thread works for: its listener's or its task's, else the one its own starter worked for
     * (the current thread's record is looked up only then: a start inside a test reported by a listener skips it).
     */
    private TestScopes.Blame currentBlame() {
        TestScopes.Blame blame = scopes.current();
        return blame != null ? blame : TestScopes.inherited(live.get(Thread.currentThread()));
    }

    /** A timer, known by its thread's start (in {@code Timer}'s constructor): an owner with its own stack. */
    private Owner timerOwner(Sites.Site site, boolean framework, TestScopes.Blame blame, List<String> fullStack) {
        List<String> stack = fullStack != null ? fullStack : StackWalks.fullStack();
        Class<?> holder = StackWalks.firstApplicationClass();
        Owner owner = new Owner(ownerIds.incrementAndGet(), LogFormat.OWNER_TIMER, site,
                StackWalks.hasStaticInit(stack), blame == null ? null : blame.scope(), framework, stack,
                holder == null ? List.of() : List.of(holder));
        written(owner, "java.util.Timer");
        return owner;
    }

    private void written(Owner owner, String type) {
        int stackId = sites.ownerStack(owner.site, owner.stack);
        log.add(new LogFormat.Line(LogFormat.OWNER).add(owner.id).add(owner.kind).add(type).add(owner.site.id)
                .add(owner.staticInit).add(owner.scope == null ? -1 : owner.scope.id).add(clock.millis())
                .add(stackId));
    }

    /** Entering ({@code pool}) and leaving ({@code null}) {@code ThreadPoolExecutor.addWorker}. */
    void poolWorker(Object pool) {
        if (pool == null) {
            startingPool.remove();
        } else {
            startingPool.set(pool);
        }
    }

    void taskSubmitted(Object task) {
        if (scopes != null) {
            scopes.submitted(task, live.get(Thread.currentThread()));
        }
    }

    void taskRunning(Object task) {
        if (scopes != null) {
            scopes.running(task);
        }
    }

    // ---- read by the sampler, the leak watcher and the exit

    long live() {
        return liveCount.get();
    }

    long started() {
        return started.get();
    }

    long peak() {
        return peak.get();
    }

    long ignoredStarted() {
        return ignoredStarted.get();
    }

    long frameworkStarted() {
        return frameworkStarted.get();
    }

    /** The peak since the previous call; the next window starts at the live count. */
    long takeWindowPeak() {
        return Math.max(0, windowPeak.getAndSet(liveCount.get()));
    }

    Tracked tracked(Thread thread) {
        return live.get(thread);
    }

    /** The application's classes in a plain thread's start stack (at most {@code max}; none for a pool's worker). */
    @Override
    public List<Class<?>> startClasses(Tracked tracked, int max) {
        return backtraces.classes(tracked.creation, max);
    }

    /**
     * The id of a plain thread's own creation stack, written to the recording once ({@code STACK}), or -1 when it is
     * its site's stack (the first seen there) or not known. For dumped threads only: it formats the whole stack.
     */
    int creationStackId(Tracked tracked) {
        if (tracked.creation == null) {
            return -1;
        }
        List<String> stack = StackWalks.stackOf(tracked.creation);
        return stack.isEmpty() ? -1 : sites.ownerStack(tracked.site, stack);
    }

    /** The pools still known, with their owners (strongly held by the copy: for the end of the JVM only). */
    IdentityHashMap<Object, Owner> pools() {
        return pools.snapshot();
    }

    /** The application threads alive now. */
    List<Tracked> alive() {
        List<Tracked> result = new ArrayList<>();
        for (Tracked tracked : live.values()) {
            if (tracked.thread.isAlive()) {
                result.add(tracked);
            }
        }
        return result;
    }

    /** Ignored threads alive now that keep the JVM alive (non-daemon). */
    List<Thread> ignoredNonDaemon() {
        List<Thread> result = new ArrayList<>();
        for (Thread thread : ignoredLive.threads()) {
            if (thread.isAlive() && !thread.isDaemon()) {
                result.add(thread);
            }
        }
        return result;
    }

    private boolean ignoredByFrame(List<String> stack) {
        for (String frame : stack) {
            if (TextPattern.any(ignoreFrames, Frames.methodOf(frame))) {
                return true;
            }
        }
        return false;
    }

    private static int line(String formattedFrame) {
        int colon = formattedFrame.lastIndexOf(':');
        int paren = formattedFrame.lastIndexOf(')');
        if (colon < 0 || paren < colon) {
            return -1;
        }
        try {
            return Integer.parseInt(formattedFrame.substring(colon + 1, paren));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void raise(AtomicLong value, long candidate) {
        long current;
        while (candidate > (current = value.get()) && !value.compareAndSet(current, candidate)) {
            // retry
        }
    }
}
