package dev.threadguard.rules;

import dev.threadguard.api.Finding;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutorNotShutdownRuleTest {

    private final RuleTester tester = RuleTester.of(new ExecutorNotShutdownRule());

    @Test
    void reportsLocalExecutorsThatAreNeverShutDownAtTheirCreation() {
        String source = """
                import java.util.concurrent.*;
                class C {
                    void a(Runnable task) {
                        ExecutorService pool = Executors.newFixedThreadPool(4);
                        pool.submit(task);
                    }
                    void b(Runnable task) throws InterruptedException {
                        var pool = new ThreadPoolExecutor(1, 2, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(8));
                        pool.execute(task);
                        pool.awaitTermination(1, TimeUnit.SECONDS);
                    }
                    void c(Runnable task) {
                        ScheduledExecutorService timer;
                        timer = Executors.newSingleThreadScheduledExecutor();
                        timer.schedule(task, 1, TimeUnit.SECONDS);
                    }
                }
                """;
        assertThat(tester.positions(source)).containsExactly("executor-not-shutdown@4:32",
                "executor-not-shutdown@8:20", "executor-not-shutdown@14:17");
        assertThat(tester.findings(source).get(0).message()).isEqualTo("`Executors.newFixedThreadPool(..)` in local "
                + "`pool` is never shut down: its threads outlive the method");
    }

    @Test
    void ignoresExecutorsThatAreShutDownClosedOrHandedOn() {
        assertThat(tester.positions("""
                import java.util.*;
                import java.util.concurrent.*;
                class C {
                    private ExecutorService field;
                    private final List<ExecutorService> pools = new ArrayList<>();
                    void a(Runnable r) {
                        ExecutorService pool = Executors.newFixedThreadPool(2);
                        try { pool.execute(r); } finally { pool.shutdown(); }
                    }
                    void b(Runnable r) {
                        ExecutorService pool = Executors.newCachedThreadPool();
                        pool.execute(r);
                        pool.shutdownNow();
                    }
                    void c(Runnable r) {
                        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) { pool.execute(r); }
                        ExecutorService other = Executors.newSingleThreadExecutor();
                        try (other) { other.execute(r); }
                        ExecutorService closed = Executors.newSingleThreadExecutor();
                        closed.execute(r);
                        closed.close();
                    }
                    ExecutorService d() {
                        ExecutorService pool = Executors.newFixedThreadPool(2);
                        return pool;
                    }
                    void e() {
                        ExecutorService pool = Executors.newFixedThreadPool(2);
                        this.field = pool;
                        ExecutorService listed = Executors.newFixedThreadPool(2);
                        pools.add(listed);
                        ExecutorService wrapped = Executors.newFixedThreadPool(2);
                        new Holder(wrapped);
                        ExecutorService alias = Executors.newFixedThreadPool(2);
                        ExecutorService same = alias;
                        ExecutorService hooked = Executors.newFixedThreadPool(2);
                        Runtime.getRuntime().addShutdownHook(new Thread(hooked::shutdown));
                        ExecutorService lambda = Executors.newFixedThreadPool(2);
                        Runtime.getRuntime().addShutdownHook(new Thread(() -> lambda.shutdown()));
                    }
                    record Holder(ExecutorService pool) { }
                }
                """)).isEmpty();
    }

    @Test
    void ignoresFieldsTimersUnknownFactoriesAndExecutorsNotStoredInALocal() {
        assertThat(tester.positions("""
                import java.util.Timer;
                import java.util.concurrent.*;
                class C {
                    private final ExecutorService pool = Executors.newFixedThreadPool(2);
                    void go(Runnable r) {
                        Timer timer = new Timer();
                        Object other = com.acme.Executors.newFixedThreadPool(2);
                        ExecutorService decorated = Decorators.listening(Executors.newFixedThreadPool(2));
                        decorated.execute(r);
                        ExecutorService fromElsewhere = Pools.shared();
                        fromElsewhere.execute(r);
                    }
                }
                """)).isEmpty();
    }

    @Test
    void reportsAnExecutorUsedInlineAndKeptNowhere() {
        String source = """
                import java.util.concurrent.*;
                class Notifier {
                    void notifyLater(Runnable task) {
                        Executors.newSingleThreadExecutor().execute(task);
                    }
                    Future<String> fetch(Callable<String> call) {
                        return Executors.newFixedThreadPool(2).submit(call);
                    }
                    String now(Callable<String> call) throws Exception {
                        return (new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>()))
                                .submit(call).get();
                    }
                    CompletableFuture<String> async(java.util.function.Supplier<String> supplier) {
                        return CompletableFuture.supplyAsync(supplier, Executors.newCachedThreadPool());
                    }
                    void tick(Runnable task) {
                        Executors.newSingleThreadScheduledExecutor().schedule(task, 1, TimeUnit.SECONDS);
                    }
                }
                """;
        assertThat(tester.positions(source)).containsExactly("executor-not-shutdown@4:9",
                "executor-not-shutdown@7:16", "executor-not-shutdown@10:17", "executor-not-shutdown@14:56",
                "executor-not-shutdown@17:9");
        Finding first = tester.findings(source).get(0);
        assertThat(first.message()).isEqualTo("`Executors.newSingleThreadExecutor(..)` is used once, by "
                + "`.execute(..)`, and kept nowhere: nothing can shut it down, so each call leaves another pool "
                + "whose threads outlive it");
        assertThat(tester.findings(source).get(3).message()).contains("passed to `CompletableFuture.supplyAsync(..)`, "
                + "which never shuts it down");
    }

    @Test
    void ignoresInlineExecutorsRunOncePerApplicationOrWithoutIdleThreads() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Boot {
                    static final Future<?> WARM_UP = Executors.newSingleThreadExecutor().submit(Boot::load);
                    static {
                        Executors.newSingleThreadExecutor().execute(Boot::load);
                    }
                    static void load() {
                    }
                    void perTask(Runnable task) {
                        Executors.newVirtualThreadPerTaskExecutor().execute(task);
                    }
                    void shutDownRightAway() {
                        Executors.newFixedThreadPool(1).shutdown();
                    }
                    Executor handedOn() {
                        return wrap(Executors.newFixedThreadPool(2));
                    }
                    Executor wrap(ExecutorService pool) {
                        return pool;
                    }
                }
                """)).isEmpty();
    }

    @Test
    void reportsALocalShutDownOnlyOnTheNormalPath() {
        String source = """
                import java.util.*;
                import java.util.concurrent.*;
                class Batch {
                    List<String> run(List<Callable<String>> tasks) throws Exception {
                        ExecutorService pool = Executors.newFixedThreadPool(4);
                        List<String> results = new ArrayList<>();
                        for (Future<String> future : pool.invokeAll(tasks)) {
                            results.add(future.get());
                        }
                        pool.shutdown();
                        return results;
                    }
                    void early(List<Runnable> tasks) {
                        ExecutorService pool = Executors.newFixedThreadPool(4);
                        if (tasks.isEmpty()) {
                            return;
                        }
                        tasks.forEach(pool::execute);
                        pool.shutdown();
                    }
                    void rethrows(Callable<String> task) {
                        ExecutorService pool = Executors.newSingleThreadExecutor();
                        Future<String> future = pool.submit(task);
                        try {
                            future.get();
                        } catch (InterruptedException | ExecutionException e) {
                            throw new IllegalStateException(e);
                        }
                        pool.shutdownNow();
                    }
                    void joins(Runnable task) {
                        ExecutorService pool = Executors.newSingleThreadExecutor();
                        CompletableFuture.runAsync(task, pool).join();
                        pool.shutdown();
                    }
                    void perItem(List<Callable<String>> tasks) throws Exception {
                        for (Callable<String> task : tasks) {
                            ExecutorService pool = Executors.newSingleThreadExecutor();
                            if (task == null) {
                                continue;
                            }
                            pool.submit(task);
                            pool.shutdown();
                        }
                    }
                }
                """;
        assertThat(tester.positions(source)).containsExactly("executor-not-shutdown@5:32",
                "executor-not-shutdown@14:32", "executor-not-shutdown@22:32", "executor-not-shutdown@32:32",
                "executor-not-shutdown@38:36");
        assertThat(tester.findings(source).get(0).message()).isEqualTo("`Executors.newFixedThreadPool(..)` in local "
                + "`pool` is shut down only on the normal path: when `pool.invokeAll(tasks)` at line 7 throws, the "
                + "method leaves before `pool.shutdown()` at line 10, and the pool's threads outlive the method");
        assertThat(tester.findings(source).get(1).message()).contains("the `return` at line 16 leaves before "
                + "`pool.shutdown()` at line 19");
    }

    @Test
    void aNormalPathShutdownIsFineWhenNothingBeforeItCanLeave() {
        assertThat(tester.positions("""
                import java.util.*;
                import java.util.concurrent.*;
                class Batch {
                    void finallyBlock(List<Callable<String>> tasks) throws Exception {
                        ExecutorService pool = Executors.newFixedThreadPool(4);
                        try {
                            for (Future<String> future : pool.invokeAll(tasks)) {
                                future.get();
                            }
                        } finally {
                            pool.shutdown();
                        }
                    }
                    void submitThenShutDownThenWait(List<Callable<String>> tasks) throws Exception {
                        ExecutorService pool = Executors.newFixedThreadPool(4);
                        List<Future<String>> futures = new ArrayList<>();
                        for (Callable<String> task : tasks) {
                            futures.add(pool.submit(task));
                        }
                        pool.shutdown();
                        for (Future<String> future : futures) {
                            future.get();
                        }
                    }
                    void caught(Callable<String> task) {
                        ExecutorService pool = Executors.newSingleThreadExecutor();
                        try {
                            pool.submit(task).get();
                        } catch (Exception e) {
                            System.err.println(e);
                        }
                        pool.shutdown();
                    }
                    void caughtInsideTheLoop(List<Future<String>> futures) {
                        ExecutorService pool = Executors.newSingleThreadExecutor();
                        for (Future<String> future : futures) {
                            try {
                                future.get(1, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                break;
                            } catch (ExecutionException | TimeoutException e) {
                                continue;
                            }
                        }
                        pool.shutdown();
                    }
                    void throwInsideALambda(List<Runnable> tasks) {
                        ExecutorService pool = Executors.newSingleThreadExecutor();
                        pool.execute(() -> {
                            throw new IllegalStateException();
                        });
                        pool.shutdown();
                    }
                    void caughtSeparately(Callable<String> task) throws Exception {
                        ExecutorService pool = Executors.newSingleThreadExecutor();
                        try {
                            pool.submit(task).get();
                        } catch (ExecutionException e) {
                            pool.shutdownNow();
                            throw e;
                        }
                        pool.shutdown();
                    }
                    void nestedShutdown(Runnable task, boolean quick) throws Exception {
                        ExecutorService pool = Executors.newSingleThreadExecutor();
                        pool.submit(task).get();
                        if (quick) {
                            pool.shutdownNow();
                        } else {
                            pool.shutdown();
                        }
                    }
                }
                """)).isEmpty();
    }

    @Test
    void reportsAFieldExecutorThatTheClassesLifecycleNeverShutsDown() {
        String source = """
                import java.util.concurrent.*;
                class Poller implements AutoCloseable {
                    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
                    private ScheduledFuture<?> polling;
                    void start(Runnable poll) {
                        polling = scheduler.scheduleAtFixedRate(poll, 0, 1, TimeUnit.SECONDS);
                    }
                    @Override
                    public void close() {
                        polling.cancel(false);
                    }
                }
                class Fetcher {
                    private final ExecutorService io = Executors.newFixedThreadPool(8);
                    CompletableFuture<String> get(java.util.function.Supplier<String> s) {
                        return CompletableFuture.supplyAsync(s, io);
                    }
                    public void stop() {
                    }
                }
                class Worker {
                    private ExecutorService workers;
                    void start() {
                        workers = Executors.newFixedThreadPool(4);
                    }
                    void submit(Runnable task) {
                        workers.execute(task);
                    }
                    @jakarta.annotation.PreDestroy
                    void onShutdown() {
                        workers = null;
                    }
                }
                """;
        assertThat(tester.positions(source)).containsExactly("executor-not-shutdown@3:56",
                "executor-not-shutdown@14:40", "executor-not-shutdown@24:19");
        assertThat(tester.findings(source).get(0).message()).isEqualTo(
                "`Executors.newSingleThreadScheduledExecutor(..)` in field `scheduler` is never shut down: `close()` "
                + "ends a `Poller` but leaves the executor's threads running, so every instance leaks them");
    }

    @Test
    void ignoresFieldExecutorsThatAreStoppedInjectedHandedOutStaticOrOwnedByNoLifecycle() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Stopped implements AutoCloseable {
                    private final ExecutorService pool = Executors.newFixedThreadPool(2);
                    public void close() { shutdownQuietly(); }
                    private void shutdownQuietly() { pool.shutdownNow(); }
                }
                class Injected {
                    private final ExecutorService pool;
                    private ExecutorService other = Executors.newFixedThreadPool(2);
                    Injected(ExecutorService pool) { this.pool = pool; }
                    void setOther(ExecutorService other) { this.other = other; }
                    void stop() { }
                }
                class HandedOut {
                    private final ExecutorService pool = Executors.newFixedThreadPool(2);
                    private final ExecutorService passed = Executors.newFixedThreadPool(2);
                    ExecutorService pool() { return pool; }
                    void register(java.util.List<ExecutorService> all) { all.add(passed); }
                    void stop() { }
                }
                class Shared {
                    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
                    void stop() { }
                }
                class NoLifecycle {
                    private final ExecutorService pool = Executors.newFixedThreadPool(2);
                    void run(Runnable task) { pool.execute(task); }
                }
                class NotPrivate {
                    protected final ExecutorService pool = Executors.newFixedThreadPool(2);
                    void stop() { }
                }
                class IdleThreadsEnd {
                    private final ExecutorService cached = Executors.newCachedThreadPool();
                    private final ExecutorService coreZero =
                            new ThreadPoolExecutor(0, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                    private final ThreadPoolExecutor timesOut =
                            new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                    private final ExecutorService forkJoin = new ForkJoinPool(4);
                    private final ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
                    IdleThreadsEnd() { timesOut.allowCoreThreadTimeOut(true); }
                    void close() { }
                }
                class AliasedInClose implements AutoCloseable {
                    private ExecutorService pool = Executors.newFixedThreadPool(2);
                    public void close() {
                        ExecutorService old = pool;
                        pool = null;
                        old.shutdown();
                    }
                }
                class UsedByCompletableFutures implements AutoCloseable {
                    private final ExecutorService pool = Executors.newFixedThreadPool(2);
                    CompletableFuture<Void> run(Runnable task) { return CompletableFuture.runAsync(task, pool); }
                    public void close() { pool.shutdown(); }
                }
                """)).isEmpty();
    }

    @Test
    void theFixOffersTryWithResourcesOnlyWhereExecutorServiceIsAutoCloseable() {
        String source = """
                import java.util.concurrent.*;
                class Once {
                    void go(Runnable task) {
                        ExecutorService pool = Executors.newFixedThreadPool(2);
                        pool.execute(task);
                    }
                }
                """;
        assertThat(tester.languageLevel("17").findings(source).get(0).fix()).isEqualTo("Shut it down when done: "
                + "try { .. } finally { pool.shutdown(); }.");
        assertThat(tester.languageLevel("21").findings(source).get(0).fix()).isEqualTo("Shut it down when done: "
                + "try { .. } finally { pool.shutdown(); }, or declare it in try-with-resources (an ExecutorService "
                + "is AutoCloseable since Java 19; close() waits for its tasks).");
    }

    @Test
    void ignoresExecutorsThatStartAThreadPerTask() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class PerTask {
                    void go(Runnable task, ThreadFactory factory) {
                        ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
                        virtual.execute(task);
                        ExecutorService platform = Executors.newThreadPerTaskExecutor(factory);
                        platform.execute(task);
                    }
                }
                """)).isEmpty();
    }

    @Test
    void aTestClassWhoseTearDownForgetsItsExecutorLeaksOnePerTest() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class ClientTest {
                    private final ExecutorService callbacks = Executors.newFixedThreadPool(2);
                    @org.junit.jupiter.api.Test
                    void notifies() {
                        callbacks.execute(() -> System.out.println("notified"));
                    }
                    @org.junit.jupiter.api.AfterEach
                    void closeClient() {
                    }
                }
                """)).containsExactly("executor-not-shutdown@3:47");
    }

    @Test
    void leavesFieldsAloneWhoseLifecycleIsInASuperclassOfTheProject() {
        assertThat(tester.positions("""
                package com.acme;
                import java.util.concurrent.*;
                public abstract class Service implements AutoCloseable {
                    protected ExecutorService executor;
                    protected abstract void onClose();
                    @Override
                    public void close() {
                        onClose();
                        if (executor != null) {
                            executor.shutdown();
                        }
                    }
                }
                """, """
                package com.acme;
                import java.util.concurrent.*;
                class Ingest extends Service {
                    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
                    Ingest() {
                        executor = Executors.newFixedThreadPool(4);
                    }
                    @Override
                    protected void onClose() {
                        poller.shutdownNow();
                    }
                }
                class Metrics extends Service {
                    private final ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
                    @Override
                    protected void onClose() {
                    }
                }
                """)).isEmpty();
    }
    @Test
    void aPrivateMethodWithParametersIsAStepOfTheClassesOwnWorkNotItsLifecycle() {
        String source = """
                import java.util.concurrent.*;
                class NodeState {
                    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
                    private final ExecutorService stopper = Executors.newSingleThreadExecutor();
                    public void requestShutdown(Object state) {
                        executor.schedule(() -> shutdown(state), 1, TimeUnit.SECONDS);
                    }
                    private void shutdown(Object expected) {
                        terminate();
                    }
                    private void terminate() {
                        stopper.submit(() -> System.exit(0));
                    }
                }
                class Server {
                    private final ExecutorService pool = Executors.newFixedThreadPool(2);
                    void handle(Runnable task) { pool.execute(task); }
                    private void stop(boolean force) { }
                    public void close() { }
                }
                class Client {
                    private final ExecutorService pool = Executors.newFixedThreadPool(2);
                    void handle(Runnable task) { pool.execute(task); }
                    public void shutdown(long timeout, TimeUnit unit) { }
                }
                """;
        java.util.List<Finding> findings = tester.findings(source);
        assertThat(findings).extracting(Finding::line).containsExactly(16, 22);
        assertThat(findings.get(0).message()).contains(": `close()` ends a `Server`");
        assertThat(findings.get(1).message()).contains(": `shutdown(..)` ends a `Client`");
        assertThat(findings.get(1).fix()).startsWith("Shut the executor down in shutdown(..): pool.shutdown()");
    }

    @Test
    void ignoresAFieldStoppedThroughItsOwnTypesLifecycleMethodOrNeverUsed() {
        assertThat(tester.positions("""
                package com.acme;
                import java.util.concurrent.*;
                public class JobPool extends ScheduledThreadPoolExecutor {
                    public JobPool(int threads) {
                        super(threads);
                    }
                    public void stop(java.time.Duration wait) throws InterruptedException {
                        shutdown();
                        awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
                """, """
                package com.acme;
                import java.util.concurrent.*;
                class JobServer {
                    private JobPool housekeeping;
                    void start(Runnable sweep) {
                        housekeeping = new JobPool(5);
                        housekeeping.scheduleWithFixedDelay(sweep, 0, 1, TimeUnit.SECONDS);
                    }
                    void stop() throws InterruptedException {
                        housekeeping.stop(java.time.Duration.ofSeconds(10));
                        housekeeping = null;
                    }
                }
                class Client {
                    private final ScheduledExecutorService neverUsed = Executors.newSingleThreadScheduledExecutor();
                    private ScheduledExecutorService assignedOnly;
                    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
                    void start(Runnable beat) {
                        assignedOnly = Executors.newScheduledThreadPool(2);
                        heartbeat.scheduleAtFixedRate(beat, 0, 1, TimeUnit.SECONDS);
                    }
                    public void shutdown() {
                    }
                }
                """)).containsExactly("executor-not-shutdown@17:56");
    }

    @Test
    void ignoresALocalNeverGivenATaskButNotOneGivenOneAfterAStateCheck() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Probe {
                    boolean idle() {
                        ExecutorService pool = Executors.newFixedThreadPool(2);
                        return pool.isShutdown();
                    }
                    void unused() {
                        ScheduledExecutorService spare = Executors.newSingleThreadScheduledExecutor();
                    }
                    void busy(Runnable task) {
                        ExecutorService pool = Executors.newFixedThreadPool(2);
                        if (pool.isShutdown()) {
                            return;
                        }
                        pool.execute(task);
                    }
                }
                """)).containsExactly("executor-not-shutdown@11:32");
    }
    private static final String ONCE_STARTS = """
            import java.util.concurrent.*;
            import java.util.concurrent.atomic.AtomicBoolean;
            class Monitor {
                private static ScheduledFuture<?> SCANNER;
                void start() {
                    if (SCANNER == null) {
                        SCANNER = Executors.newSingleThreadScheduledExecutor()
                                .scheduleAtFixedRate(Monitor::scan, 1, 200, TimeUnit.MILLISECONDS);
                    }
                }
                static void scan() { }
            }
            class Sweeper {
                public static final Sweeper INSTANCE = new Sweeper();
                private final AtomicBoolean started = new AtomicBoolean(false);
                private Sweeper() { }
                void ensureStarted() {
                    if (started.compareAndSet(false, true)) {
                        ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor();
                        exec.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
                    }
                }
                void sweep() { }
            }
            enum Timer {
                INSTANCE;
                boolean isStarted = false;
                void start() {
                    if (!isStarted) {
                        Executors.newSingleThreadScheduledExecutor()
                                .scheduleWithFixedDelay(this::save, 5, 5, TimeUnit.SECONDS);
                        this.isStarted = true;
                    }
                }
                void save() { }
            }
            """;

    @Test
    void ignoresAnExecutorStartedAtMostOncePerJvmByAGuardedLazyStartOnStaticOrSingletonState() {
        assertThat(tester.positions(ONCE_STARTS)).isEmpty();
    }

    @Test
    void reportsAGuardedStartWhoseGuardIsPerInstanceOrNeverSet() {
        assertThat(tester.positions(ONCE_STARTS.replace("private static ScheduledFuture<?> SCANNER;",
                "private ScheduledFuture<?> SCANNER;")))
                .as("an instance field: every Monitor starts one")
                .containsExactly("executor-not-shutdown@7:23");
        assertThat(tester.positions(ONCE_STARTS.replace("SCANNER = Executors", "Object made = Executors")))
                .as("the branch never sets the static field it checks")
                .containsExactly("executor-not-shutdown@7:27");
        assertThat(tester.positions(ONCE_STARTS.replace("private Sweeper() { }", "Sweeper() { }")))
                .as("not a singleton: each Sweeper has its own flag")
                .containsExactly("executor-not-shutdown@19:45");
        assertThat(tester.positions(ONCE_STARTS.replace("INSTANCE;\n", "INSTANCE, OTHER;\n")))
                .containsExactly("executor-not-shutdown@30:13");
        assertThat(tester.positions(ONCE_STARTS.replace("this.isStarted = true;", "System.out.println();")))
                .as("the flag is never set: every start() starts another")
                .containsExactly("executor-not-shutdown@30:13");
        assertThat(tester.positions(ONCE_STARTS.replace("if (started.compareAndSet(false, true)) {",
                "if (started.get()) {")))
                .containsExactly("executor-not-shutdown@19:45");
    }

    /**
     * Executors made once per JVM by construction: a clock made by its initialization-on-demand holder, whose private
     * constructor starts its ticks through a private method; a journal made by a double-checked lazy getter, whose
     * private constructor starts its flusher; a census whose static synchronized announce() returns early once its
     * static flag is set.
     */
    private static final String ONE_INSTANCE = """
            import java.util.concurrent.*;
            class Ticker {
                private final long period;
                private volatile long now;
                private static class Holder {
                    static final Ticker CLOCK = new Ticker(5);
                }
                private Ticker(long period) {
                    this.period = period;
                    startTicking();
                }
                static long now() { return Holder.CLOCK.now; }
                private void startTicking() {
                    ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
                    ticks.scheduleAtFixedRate(() -> now = System.nanoTime(), period, period, TimeUnit.MILLISECONDS);
                }
            }
            class Journal {
                private static Journal instance;
                private static final Object LOCK = new Object();
                private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
                static Journal get() {
                    if (instance == null) {
                        synchronized (LOCK) {
                            if (instance == null) {
                                instance = new Journal();
                            }
                        }
                    }
                    return instance;
                }
                private Journal() {
                    Executors.newSingleThreadScheduledExecutor().scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
                }
                void flush() { lines.clear(); }
            }
            class Census {
                private static boolean reporting = false;
                static Census connect(String target) {
                    announce(target);
                    return new Census();
                }
                private static synchronized void announce(String target) {
                    if (reporting) {
                        return;
                    }
                    reporting = true;
                    Executors.newSingleThreadScheduledExecutor()
                            .scheduleAtFixedRate(() -> System.out.println(target), 0, 1, TimeUnit.MINUTES);
                }
            }
            """;

    @Test
    void ignoresAnExecutorMadeByTheConstructionOfAClassMadeOncePerJvmOrAfterAnEarlyReturnOnAStaticFlag() {
        assertThat(tester.positions(ONE_INSTANCE)).isEmpty();
        assertThat(tester.positions(ONE_INSTANCE.replace("private static boolean reporting = false;",
                "private static final java.util.concurrent.atomic.AtomicBoolean reporting = "
                        + "new java.util.concurrent.atomic.AtomicBoolean();")
                .replace("if (reporting) {", "if (!reporting.compareAndSet(false, true)) {")
                .replace("        reporting = true;\n", "")))
                .as("the early return of a failed compareAndSet(false, true)")
                .isEmpty();
    }

    @Test
    void reportsAnExecutorOfAClassThatCanHaveMoreInstancesOrBehindAGuardNeverSet() {
        assertThat(tester.positions(ONE_INSTANCE.replace("private Ticker(long period)", "Ticker(long period)")))
                .as("a constructor other code may call")
                .containsExactly("executor-not-shutdown@14:42");
        assertThat(tester.positions(ONE_INSTANCE.replace("static long now()",
                "static Ticker fresh() { return new Ticker(1); }\n    static long now()")))
                .as("the class makes a second instance")
                .containsExactly("executor-not-shutdown@15:42");
        assertThat(tester.positions(ONE_INSTANCE.replace("static long now()",
                "void restart() { startTicking(); }\n    static long now()")))
                .as("the private method is also called outside the constructor")
                .containsExactly("executor-not-shutdown@15:42");
        assertThat(tester.positions(ONE_INSTANCE.replace("instance = new Journal();", "return new Journal();")))
                .as("the lazy getter never keeps the instance it makes")
                .containsExactly("executor-not-shutdown@33:9");
        assertThat(tester.positions(ONE_INSTANCE.replace("private Journal()", "public Journal()")))
                .containsExactly("executor-not-shutdown@33:9");
        assertThat(tester.positions(ONE_INSTANCE.replace("        reporting = true;\n", "")))
                .as("the guard is never set: every connect() starts another")
                .containsExactly("executor-not-shutdown@47:9");
        assertThat(tester.positions(ONE_INSTANCE.replace("private static boolean reporting = false;",
                "private boolean reporting = false;").replace("private static synchronized void announce",
                "synchronized void announce").replace("announce(target);\n        return new Census();",
                "Census census = new Census();\n        census.announce(target);\n        return census;")))
                .as("a per-instance guard of a class with many instances")
                .containsExactly("executor-not-shutdown@49:9");
        assertThat(tester.positions(ONE_INSTANCE.replace("private static boolean reporting = false;",
                "private static final java.util.concurrent.atomic.AtomicBoolean reporting = "
                        + "new java.util.concurrent.atomic.AtomicBoolean();")
                .replace("if (reporting) {", "if (reporting.get()) {")
                .replace("        reporting = true;\n", "")))
                .as("a flag read but never set by the method")
                .containsExactly("executor-not-shutdown@47:9");
    }
}
