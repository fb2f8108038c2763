package dev.threadguard.rules;

import dev.threadguard.api.Finding;
import dev.threadguard.api.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IgnoredFutureRuleTest {

    private final RuleTester tester = RuleTester.of(new IgnoredFutureRule());

    @Test
    void aSubmitToAScheduledExecutorIsNotAdvisedToUseExecuteWhichLosesTheExceptionThereToo() {
        List<Finding> findings = tester.findings("""
                import java.util.concurrent.*;
                class C {
                    void go(ExecutorService pool, ScheduledExecutorService timer, ScheduledThreadPoolExecutor stpe,
                            Runnable task) {
                        pool.submit(task);
                        timer.submit(task);
                        stpe.submit(task);
                    }
                }
                """);
        assertThat(findings).extracting(Finding::line).containsExactly(5, 6, 7);
        assertThat(findings.get(0).fix()).contains("use execute()");
        assertThat(findings.subList(1, 3)).allSatisfy(finding -> assertThat(finding.fix())
                .doesNotContain("use execute()").startsWith("Keep the future and check it, or catch and log"));
    }

    @Test
    void reportsDiscardedFuturesAtTheCallWarningForScheduledAndInfoForSubmitted() {
        String source = """
                import java.util.List;
                import java.util.concurrent.*;
                class C {
                    void go(ExecutorService pool, ScheduledExecutorService timer, Runnable task, List<Runnable> tasks) {
                        pool.submit(task);
                        timer.scheduleAtFixedRate(task, 1, 1, TimeUnit.SECONDS);
                        timer.schedule(task, 1, TimeUnit.SECONDS);
                        CompletableFuture.runAsync(task);
                        CompletableFuture.supplyAsync(() -> "x");
                        tasks.forEach(t -> pool.submit(t));
                        new Thread(() -> pool.submit(task)).start();
                    }
                }
                """;
        assertThat(tester.positions(source)).containsExactly("ignored-future@5:9", "ignored-future@6:9",
                "ignored-future@7:9", "ignored-future@8:9", "ignored-future@9:9", "ignored-future@10:28",
                "ignored-future@11:26");
        List<Finding> findings = tester.findings(source);
        // each finding at its kind's default, which follows that kind's measured precision
        Severity scheduled = IgnoredFutureRule.METADATA.kind(IgnoredFutureRule.SCHEDULED).defaultSeverity();
        Severity submitted = IgnoredFutureRule.METADATA.kind(IgnoredFutureRule.SUBMITTED).defaultSeverity();
        assertThat(findings).extracting(Finding::severity).containsExactly(submitted, scheduled, scheduled, submitted,
                submitted, submitted, submitted);
        assertThat(findings.get(0).message()).isEqualTo("The `Future` of `pool.submit(task)` is discarded: the task's "
                + "exception is lost, and the task can be neither cancelled nor awaited on its own");
        assertThat(findings.get(1).message()).isEqualTo("The `ScheduledFuture` of `timer.scheduleAtFixedRate(..)` "
                + "is discarded: an exception thrown by the task ends it silently, with nothing to report it; and the "
                + "task cannot be cancelled on its own when its owner stops: only shutting down the whole executor "
                + "would stop it");
    }

    @Test
    void ignoresKeptFuturesExecuteAndLookalikes() {
        assertThat(tester.positions("""
                import java.util.*;
                import java.util.concurrent.*;
                class C {
                    private Future<?> running;
                    Future<?> go(ExecutorService pool, Runnable task, Timer timer, TimerTask timerTask,
                            ExecutorCompletionService<String> completion, Scheduler custom, List<Future<?>> all) {
                        Future<?> kept = pool.submit(task);
                        running = pool.submit(task);
                        all.add(pool.submit(task));
                        pool.execute(task);
                        timer.schedule(timerTask, 100);
                        completion.submit(() -> "x");
                        custom.schedule(task);
                        unknown.submit(task);
                        CompletableFuture.runAsync(task).whenComplete((v, e) -> { });
                        Runnable later = () -> pool.submit(task);
                        Callable<Future<?>> nested = () -> pool.submit(task);
                        return pool.submit(task);
                    }
                }
                """)).isEmpty();
    }

    @Test
    void aConfiguredSeverityOverridesBothDefaults() {
        RuleTester errors = RuleTester.of(new IgnoredFutureRule()).severity("ignored-future", Severity.ERROR);
        assertThat(errors.findings("""
                import java.util.concurrent.*;
                class C {
                    void go(ExecutorService pool, ScheduledExecutorService timer, Runnable task) {
                        pool.submit(task);
                        timer.schedule(task, 1, TimeUnit.SECONDS);
                    }
                }
                """)).extracting(Finding::severity).containsExactly(Severity.ERROR, Severity.ERROR);
    }

    @Test
    void leavesTheFutureOfAnExecutorKeptNowhereToExecutorNotShutdown() {
        String source = """
                import java.util.concurrent.*;
                class Notifier {
                    static {
                        Executors.newSingleThreadScheduledExecutor().scheduleAtFixedRate(Notifier::tick, 1, 1,
                                TimeUnit.SECONDS);
                    }
                    static void tick() {
                    }
                    void later(Runnable task) {
                        Executors.newSingleThreadExecutor().submit(task);
                        (Executors.newSingleThreadScheduledExecutor()).schedule(task, 1, TimeUnit.SECONDS);
                    }
                }
                """;
        // the pool of the static initializer is made once for the application: only its future is reported
        assertThat(tester.positions(source)).containsExactly("ignored-future@4:9");
        assertThat(RuleTester.of(new ExecutorNotShutdownRule()).positions(source))
                .containsExactly("executor-not-shutdown@10:9", "executor-not-shutdown@11:10");
    }

    @Test
    void ignoresPeriodicTasksThatCatchEverythingOnASchedulerTheComponentCreatesAndShutsDown() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Reporter {
                    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
                    private final ScheduledExecutorService scheduler;
                    private final Collector collector = new Collector();
                    Reporter() {
                        scheduler = newScheduler();
                    }
                    void start() {
                        timer.scheduleAtFixedRate(collector, 0, 60, TimeUnit.SECONDS);
                        timer.scheduleWithFixedDelay(this::publish, 1, 1, TimeUnit.HOURS);
                        scheduler.schedule(new Retry(), 5, TimeUnit.SECONDS);
                        scheduler.scheduleAtFixedRate(() -> {
                            long started = System.nanoTime();
                            try {
                                send();
                            } catch (Throwable t) {
                                System.err.println(t);
                            }
                        }, 1, 1, TimeUnit.SECONDS);
                    }
                    void stop() {
                        timer.shutdown();
                        scheduler.shutdownNow();
                    }
                    private static ScheduledExecutorService newScheduler() {
                        return new ScheduledThreadPoolExecutor(1);
                    }
                    void publish() {
                        if (LOG.isDebugEnabled()) {
                            LOG.debug("publishing");
                        }
                        try {
                            send();
                        } catch (Exception e) {
                            System.err.println(e);
                        }
                    }
                    void send() { }
                    static final System.Logger LOG = null;
                    class Collector implements Runnable {
                        @Override public void run() {
                            try { send(); } catch (Throwable t) { }
                        }
                    }
                    abstract class Monitor implements Runnable {
                        @Override public final void run() {
                            try { check(); } catch (Throwable t) { }
                        }
                        abstract void check();
                    }
                    class Retry extends Monitor {
                        @Override void check() { send(); }
                    }
                }
                """)).isEmpty();
    }

    @Test
    void reportsWhatIsReallyLostWhenTheTaskLetsExceptionsOutOrTheSchedulerIsNotTheComponents() {
        List<Finding> findings = tester.findings("""
                import java.util.concurrent.*;
                class Refresher {
                    private final ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor();
                    private final ScheduledExecutorService shared;
                    Refresher(ScheduledExecutorService shared) {
                        this.shared = shared;
                    }
                    void start() {
                        own.scheduleWithFixedDelay(this::refresh, 1, 1, TimeUnit.MINUTES);
                        shared.scheduleWithFixedDelay(() -> {
                            try { refresh(); } catch (IllegalStateException e) { }
                        }, 1, 1, TimeUnit.MINUTES);
                        shared.schedule(() -> {
                            try { refresh(); } catch (Throwable t) { }
                        }, 1, TimeUnit.MINUTES);
                    }
                    void stop() {
                        own.shutdown();
                    }
                    void refresh() { }
                }
                """);
        assertThat(findings).extracting(Finding::line).containsExactly(9, 10, 13);
        assertThat(findings.get(0).message()).endsWith("is discarded: an exception thrown by the task ends it "
                + "silently, with nothing to report it");
        assertThat(findings.get(1).message()).contains("ends it silently").contains("cannot be cancelled");
        assertThat(findings.get(2).message()).endsWith("is discarded: the task cannot be cancelled on its own when "
                + "its owner stops: only shutting down the whole executor would stop it");
    }

    @Test
    void theMessageSaysOnlyWhatTheFileShowsOfWhoOwnsTheScheduler() {
        List<Finding> findings = tester.findings("""
                import java.util.concurrent.*;
                class Monitor {
                    private final ScheduledExecutorService mine = Executors.newSingleThreadScheduledExecutor();
                    private ScheduledExecutorService made;
                    void init() {
                        made = Pools.createScheduler("monitor");
                        mine.scheduleAtFixedRate(() -> {
                            try { check(); } catch (Throwable t) { }
                        }, 1, 1, TimeUnit.MINUTES);
                        made.scheduleAtFixedRate(this::check, 1, 1, TimeUnit.MINUTES);
                        made.scheduleAtFixedRate(() -> {
                            try { check(); } catch (Throwable t) { }
                        }, 1, 1, TimeUnit.MINUTES);
                    }
                    void shutdown() {
                        if (made != null && !made.isShutdown()) {
                            made.shutdown();
                        }
                    }
                    void check() { }
                }
                """);
        // created here and never shut down: the message says so, rather than that the class does not own it
        assertThat(findings).extracting(Finding::line).containsExactly(7, 10);
        assertThat(findings.get(0).message()).endsWith("is discarded: the task cannot be cancelled on its own when its "
                + "owner stops: only shutting down the whole executor would stop it, and this class, which creates "
                + "it, never shuts it down");
        // made by a factory elsewhere but shut down here: stopping the class stops the task; only the exception is
        // lost, and a task that catches everything loses nothing (line 11)
        assertThat(findings.get(1).message()).endsWith("is discarded: an exception thrown by the task ends it "
                + "silently, with nothing to report it");
    }

    @Test
    void aShutdownAppliedToTheFieldThroughAnOptionalOrABoundReferenceCounts() {
        List<Finding> findings = tester.findings("""
                import java.util.Optional;
                import java.util.concurrent.*;
                class Collector {
                    private ScheduledThreadPoolExecutor collecting = new ScheduledThreadPoolExecutor(1);
                    private ScheduledThreadPoolExecutor reporting = new ScheduledThreadPoolExecutor(1);
                    private ScheduledExecutorService hooked = Executors.newSingleThreadScheduledExecutor();
                    void start() {
                        collecting.scheduleWithFixedDelay(this::collect, 1, 1, TimeUnit.SECONDS);
                        reporting.scheduleWithFixedDelay(() -> {
                            try { collect(); } catch (Exception e) { }
                        }, 1, 1, TimeUnit.SECONDS);
                        hooked.scheduleWithFixedDelay(this::collect, 1, 1, TimeUnit.SECONDS);
                        Runtime.getRuntime().addShutdownHook(new Thread(hooked::shutdownNow));
                    }
                    void destroy() {
                        Optional.ofNullable(collecting).ifPresent(each -> each.shutdown());
                        Optional.ofNullable(reporting).ifPresent(ScheduledThreadPoolExecutor::shutdown);
                    }
                    void collect() { }
                }
                """);
        // the class shuts all three down: what is lost is the exception only, and the catch-all task loses nothing
        assertThat(findings).extracting(Finding::line).containsExactly(8, 12);
        assertThat(findings).extracting(Finding::message).allSatisfy(message -> assertThat(message)
                .endsWith("is discarded: an exception thrown by the task ends it silently, with nothing to report it"));
    }

    @Test
    void anOptionalOfAnotherValueOrALambdaThatDoesNotShutTheFieldDownIsNoShutdown() {
        List<Finding> findings = tester.findings("""
                import java.util.Optional;
                import java.util.concurrent.*;
                class Collector {
                    private ScheduledExecutorService collecting = Executors.newSingleThreadScheduledExecutor();
                    private ScheduledExecutorService checked = Executors.newSingleThreadScheduledExecutor();
                    private ScheduledExecutorService other;
                    void start(ExecutorService elsewhere) {
                        collecting.scheduleWithFixedDelay(this::collect, 1, 1, TimeUnit.SECONDS);
                        checked.scheduleWithFixedDelay(this::collect, 1, 1, TimeUnit.SECONDS);
                        Optional.ofNullable(other).ifPresent(each -> each.shutdown());
                        Optional.ofNullable(checked).ifPresent(each -> elsewhere.shutdown());
                        Optional.ofNullable(checked).ifPresent(each -> System.out.println(each.isShutdown()));
                    }
                    void collect() { }
                }
                """);
        assertThat(findings).extracting(Finding::line).containsExactly(8, 9);
        assertThat(findings).extracting(Finding::message).allSatisfy(message -> assertThat(message)
                .endsWith("and this class, which creates it, never shuts it down"));
    }

    @Test
    void aForkJoinTaskTheCallerKeepsIsItsOwnFutureButOtherTasksOnAForkJoinPoolAreNot() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Router {
                    static class PathSearch extends RecursiveTask<String> {
                        protected String compute() { return "path"; }
                    }
                    private final ForkJoinPool pool = new ForkJoinPool(4);
                    private PathSearch current;
                    PathSearch route(Runnable step, Callable<String> job) {
                        PathSearch search = new PathSearch();
                        pool.submit(search);
                        current = new PathSearch();
                        pool.submit(this.current);
                        RecursiveAction action = new RecursiveAction() { protected void compute() { } };
                        ForkJoinPool.commonPool().submit(action);
                        pool.submit(step);
                        pool.submit(job);
                        pool.submit(new PathSearch());
                        return search;
                    }
                    void plain(ExecutorService other, PathSearch search) {
                        other.submit((Runnable) search::join);
                    }
                    void given(PathSearch search, Runnable step) {
                        pool.submit(search);
                        pool.submit(step);
                    }
                }
                """)).containsExactly("ignored-future@15:9", "ignored-future@16:9", "ignored-future@17:9",
                "ignored-future@21:9", "ignored-future@25:9");
    }

    @Test
    void aForkJoinTaskSubmittingItselfHoldsItsFutureButARunnableOrAnAnonymousRunnableInsideATaskDoesNot() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                abstract class Resumable<V> extends ForkJoinTask<V> {
                    void resume(ForkJoinPool pool) {
                        if (ForkJoinTask.getPool() == pool) {
                            fork();
                        } else {
                            pool.submit(this);
                        }
                    }
                }
                class Crawl extends Resumable<Void> {
                    void later(ForkJoinPool pool, Executor timer) {
                        timer.execute(() -> pool.submit(this));
                        timer.execute(new Runnable() {
                            public void run() {
                                pool.submit(Crawl.this);
                                pool.submit(this);
                            }
                        });
                    }
                }
                class Poller implements Runnable {
                    public void run() { }
                    void start(ForkJoinPool pool) {
                        pool.submit(this);
                    }
                }
                """)).containsExactly("ignored-future@17:17", "ignored-future@25:9");
    }

    @Test
    void anExecutorFieldAlsoSetToNullIsStillTheComponentsWhenItCreatesAndShutsItDown() {
        List<Finding> findings = tester.findings("""
                import java.util.concurrent.*;
                class Log {
                    private ScheduledExecutorService readExecutor;
                    private ScheduledExecutorService lent;
                    Log() {
                        readExecutor = null;
                        lent = null;
                    }
                    synchronized void register(ScheduledExecutorService shared) {
                        readExecutor = new ScheduledThreadPoolExecutor(1);
                        readExecutor.scheduleWithFixedDelay(this::pull, 1, 1, TimeUnit.SECONDS);
                        readExecutor.scheduleWithFixedDelay(() -> {
                            try { pull(); } catch (Throwable t) { System.err.println(t); }
                        }, 1, 1, TimeUnit.SECONDS);
                        lent = shared;
                        lent.schedule(() -> {
                            try { pull(); } catch (Throwable t) { System.err.println(t); }
                        }, 1, TimeUnit.SECONDS);
                    }
                    void pull() { }
                    void close() {
                        if (readExecutor != null) readExecutor.shutdown();
                        if (lent != null) lent.shutdown();
                    }
                }
                """);
        assertThat(findings).extracting(Finding::line).containsExactly(11, 16);
        assertThat(findings.get(0).message()).endsWith("is discarded: an exception thrown by the task ends it "
                + "silently, with nothing to report it");
        assertThat(findings.get(1).message()).contains("cannot be cancelled on its own");
    }

    @Test
    void ignoresSubmittedTasksThatCatchEverythingSuchAsAnAdapterCompletingItsOwnFuture() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                import java.util.function.Supplier;
                class Adapter {
                    static <T> CompletableFuture<T> submit(ExecutorService executor, Supplier<T> task) {
                        CompletableFuture<T> result = new CompletableFuture<>();
                        executor.submit(() -> {
                            try {
                                return result.complete(task.get());
                            } catch (Throwable t) {
                                return result.completeExceptionally(t);
                            }
                        });
                        return result;
                    }
                    static <T> CompletableFuture<T> unguarded(ExecutorService executor, Supplier<T> task) {
                        CompletableFuture<T> result = new CompletableFuture<>();
                        executor.submit(() -> result.complete(task.get()));
                        CompletableFuture.runAsync(() -> {
                            try { task.get(); } catch (Exception e) { result.completeExceptionally(e); }
                        });
                        return result;
                    }
                }
                """)).containsExactly("ignored-future@17:9");
    }
    @Test
    void ignoresADelayedCompletionOfTheFutureTheMethodReturnsOnTheCallersScheduler() {
        // the task's only effect is to complete the future the caller receives: it cannot fail, and cancelling that
        // future makes the late completion a no-op
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Limiter {
                    CompletableFuture<Boolean> acquire(ScheduledExecutorService scheduler, long nanos) {
                        try {
                            if (nanos == 0) {
                                return CompletableFuture.completedFuture(true);
                            }
                            CompletableFuture<Boolean> granted = new CompletableFuture<>();
                            Runnable grant = () -> granted.complete(true);
                            scheduler.schedule(grant, nanos, TimeUnit.NANOSECONDS);
                            return granted;
                        } catch (Throwable t) {
                            return CompletableFuture.failedFuture(t);
                        }
                    }
                    <T> CompletableFuture<T> later(ScheduledExecutorService scheduler, T value, long millis) {
                        var result = new CompletableFuture<T>();
                        scheduler.schedule(() -> result.complete(value), millis, TimeUnit.MILLISECONDS);
                        return result;
                    }
                    CompletableFuture<Void> deadline(ScheduledExecutorService scheduler) {
                        CompletableFuture<Void> expiry = new CompletableFuture<>();
                        scheduler.schedule(() -> {
                            expiry.completeExceptionally(new TimeoutException("expired"));
                        }, 1, TimeUnit.SECONDS);
                        return expiry;
                    }
                    CompletableFuture<Void> anonymous(ScheduledExecutorService scheduler) {
                        CompletableFuture<Void> done = new CompletableFuture<>();
                        scheduler.schedule(new Runnable() {
                            @Override
                            public void run() {
                                done.complete(null);
                            }
                        }, 1, TimeUnit.SECONDS);
                        return done;
                    }
                    CompletableFuture<Boolean> afterReservation(CompletableFuture<Long> reservation,
                                                                ScheduledExecutorService scheduler) {
                        CompletableFuture<Boolean> result = new CompletableFuture<>();
                        reservation.whenComplete((nanos, error) -> {
                            if (error != null) {
                                result.completeExceptionally(error);
                                return;
                            }
                            try {
                                Runnable delayed = () -> result.complete(true);
                                scheduler.schedule(delayed, nanos, TimeUnit.NANOSECONDS);
                            } catch (Throwable t) {
                                result.completeExceptionally(t);
                            }
                        });
                        return result;
                    }
                }
                """)).isEmpty();
    }

    @Test
    void reportsACompletingTaskWhoseFutureTheMethodDoesNotReturnRightAfterOrThatDoesMoreThanComplete() {
        List<Finding> findings = tester.findings("""
                import java.util.concurrent.*;
                import static java.util.concurrent.TimeUnit.SECONDS;
                class Limiter {
                    private CompletableFuture<Boolean> pending;
                    private Runnable completion;
                    void stored(ScheduledExecutorService scheduler) {
                        CompletableFuture<Boolean> result = new CompletableFuture<>();
                        scheduler.schedule(() -> result.complete(true), 1, TimeUnit.SECONDS);
                        pending = result;
                    }
                    CompletableFuture<Boolean> somePaths(ScheduledExecutorService scheduler, boolean keep) {
                        CompletableFuture<Boolean> result = new CompletableFuture<>();
                        scheduler.schedule(() -> result.complete(true), 1, TimeUnit.SECONDS);
                        if (keep) {
                            return result;
                        }
                        return null;
                    }
                    CompletableFuture<Boolean> notRightAfter(ScheduledExecutorService scheduler) {
                        CompletableFuture<Boolean> result = new CompletableFuture<>();
                        scheduler.schedule(() -> result.complete(true), 1, TimeUnit.SECONDS);
                        audit();
                        return result;
                    }
                    CompletableFuture<Boolean> computed(ScheduledExecutorService scheduler) {
                        CompletableFuture<Boolean> result = new CompletableFuture<>();
                        scheduler.schedule(() -> result.complete(compute()), 1, TimeUnit.SECONDS);
                        return result;
                    }
                    CompletableFuture<Boolean> more(ScheduledExecutorService scheduler) {
                        CompletableFuture<Boolean> result = new CompletableFuture<>();
                        scheduler.schedule(() -> { audit(); result.complete(true); }, 1, TimeUnit.SECONDS);
                        return result;
                    }
                    CompletableFuture<Boolean> periodic(ScheduledExecutorService scheduler) {
                        CompletableFuture<Boolean> result = new CompletableFuture<>();
                        scheduler.scheduleAtFixedRate(() -> result.complete(true), 1, 1, TimeUnit.SECONDS);
                        return result;
                    }
                    CompletableFuture<Boolean> reassigned(ScheduledExecutorService scheduler, Runnable other) {
                        CompletableFuture<Boolean> result = new CompletableFuture<>();
                        Runnable task = () -> result.complete(true);
                        if (other != null) {
                            task = other;
                        }
                        scheduler.schedule(task, 1, TimeUnit.SECONDS);
                        return result;
                    }
                    CompletableFuture<Boolean> handedOn(ScheduledExecutorService scheduler) {
                        CompletableFuture<Boolean> result = new CompletableFuture<>();
                        Runnable task = () -> result.complete(true);
                        completion = task;
                        scheduler.schedule(task, 1, TimeUnit.SECONDS);
                        return result;
                    }
                    CompletableFuture<Boolean> another(ScheduledExecutorService scheduler, CompletableFuture<?> other) {
                        CompletableFuture<Boolean> result = new CompletableFuture<>();
                        scheduler.schedule(() -> other.complete(null), 1, TimeUnit.SECONDS);
                        return result;
                    }
                    CompletableFuture<Boolean> field(ScheduledExecutorService scheduler) {
                        CompletableFuture<Boolean> result = new CompletableFuture<>();
                        scheduler.schedule(completion, 1, TimeUnit.SECONDS);
                        return result;
                    }
                    CompletableFuture<Void> projectException(ScheduledExecutorService scheduler) {
                        CompletableFuture<Void> result = new CompletableFuture<>();
                        scheduler.schedule(() -> result.completeExceptionally(new Expired("late")), 1, SECONDS);
                        return result;
                    }
                    CompletableFuture<Boolean> subclass(ScheduledExecutorService scheduler) {
                        Guarded<Boolean> result = new Guarded<>();
                        scheduler.schedule(() -> result.complete(true), 1, TimeUnit.SECONDS);
                        return result;
                    }
                    CompletableFuture<Boolean> callbackNotRightAfter(CompletableFuture<Long> reservation,
                                                                     ScheduledExecutorService scheduler) {
                        CompletableFuture<Boolean> result = new CompletableFuture<>();
                        reservation.thenAccept(nanos -> {
                            scheduler.schedule(() -> result.complete(true), nanos, TimeUnit.NANOSECONDS);
                        });
                        audit();
                        return result;
                    }
                    CompletableFuture<Void> cause(ScheduledExecutorService scheduler, Throwable cause) {
                        CompletableFuture<Void> result = new CompletableFuture<>();
                        scheduler.schedule(() -> result.completeExceptionally(cause), 1, TimeUnit.SECONDS);
                        return result;
                    }
                    boolean compute() { return true; }
                    void audit() { }
                }
                class Expired extends RuntimeException {
                    Expired(String message) { super(message + Limiter.class.getName()); }
                }
                class Guarded<T> extends CompletableFuture<T> {
                    @Override
                    public boolean complete(T value) {
                        if (value == null) throw new IllegalArgumentException();
                        return super.complete(value);
                    }
                }
                """);
        assertThat(findings).extracting(Finding::line).containsExactly(8, 13, 21, 27, 32, 37, 46, 53, 58, 63, 68,
                73, 80, 87);
        String cancel = "the task cannot be cancelled on its own when its owner stops: only shutting down the whole "
                + "executor would stop it";
        String lost = "an exception thrown by the task is lost with it; and " + cancel;
        // a task that only completes a future with a literal or a name cannot fail: no exception is claimed lost;
        // completeExceptionally(cause) throws when the cause is null
        assertThat(findings).extracting(finding -> finding.message().substring(finding.message().indexOf(": ") + 2))
                .containsExactly(cancel, cancel, cancel, lost, lost, cancel, lost, lost, cancel, lost, lost, lost,
                        cancel, lost);
    }

    @Test
    void aTaskThatOnlyCompletesAFutureWithWhatCannotThrowCountsAsOneThatCatchesEverything() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Relay {
                    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
                    private final CompletableFuture<String> ready = new CompletableFuture<>();
                    void relay(ExecutorService pool, String value) {
                        pool.submit(() -> ready.complete(value));
                        CompletableFuture.runAsync(() -> ready.completeExceptionally(new CancellationException()));
                        timer.schedule(() -> ready.complete(value), 1, TimeUnit.SECONDS);
                        pool.submit(() -> ready.complete(value.trim()));
                        timer.schedule(() -> ready.complete(value.trim()), 1, TimeUnit.SECONDS);
                    }
                    void stop() {
                        timer.shutdownNow();
                    }
                }
                """)).containsExactly("ignored-future@9:9", "ignored-future@10:9");
    }

    @Test
    void ignoresAnAdapterWhoseWrapperOfAnotherFileForwardsTheOutcomeIntoTheFutureItReturns() {
        // the wrapper saves the caller's context class loader, completes the future it was given with the task's
        // result or exception, and rethrows: the submit's own future is dropped, the returned one holds the outcome
        String forwarding = """
                import java.util.concurrent.*;
                public class Forwarding<V> implements Callable<V>, Runnable {
                    private final Callable<V> task;
                    private final CompletableFuture<V> future;
                    Forwarding(Callable<V> task, CompletableFuture<V> future) {
                        this.task = task;
                        this.future = future;
                    }
                    @Override
                    public V call() throws Exception {
                        final ClassLoader previous = Thread.currentThread().getContextClassLoader();
                        try {
                            Thread.currentThread().setContextClassLoader(task.getClass().getClassLoader());
                            final V value = task.call();
                            future.complete(value);
                            return value;
                        } catch (final Throwable t) {
                            future.completeExceptionally(t);
                            throw t;
                        } finally {
                            Thread.currentThread().setContextClassLoader(previous);
                        }
                    }
                    @Override
                    public void run() {
                        try {
                            future.complete(task.call());
                        } catch (Throwable t) {
                            future.completeExceptionally(t);
                        }
                    }
                }
                """;
        String partial = """
                import java.util.concurrent.*;
                public class Partial<V> implements Callable<V> {
                    private final Callable<V> task;
                    private final CompletableFuture<V> future;
                    Partial(Callable<V> task, CompletableFuture<V> future) {
                        this.task = task;
                        this.future = future;
                    }
                    @Override
                    public V call() throws Exception {
                        try {
                            V value = task.call();
                            future.complete(value);
                            return value;
                        } catch (RuntimeException e) {
                            future.completeExceptionally(e);
                            throw e;
                        }
                    }
                }
                """;
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class ManagedExecutor {
                    private final ExecutorService pool;
                    ManagedExecutor(ExecutorService pool) {
                        this.pool = pool;
                    }
                    <T> CompletableFuture<T> submit(Callable<T> task) {
                        CompletableFuture<T> result = new CompletableFuture<>();
                        pool.submit((Callable<T>) new Forwarding<>(task, result));
                        return result;
                    }
                    <T> CompletableFuture<T> submit(Callable<T> task, T ignored) {
                        CompletableFuture<T> result = new CompletableFuture<>();
                        pool.submit((Runnable) new Forwarding<>(task, result), ignored);
                        return result;
                    }
                    <T> CompletableFuture<T> submitChecked(Callable<T> task) {
                        CompletableFuture<T> result = new CompletableFuture<>();
                        pool.submit(new Partial<>(task, result));
                        return result;
                    }
                }
                """, forwarding, partial)).containsExactly("ignored-future@19:9");
    }

    @Test
    void ignoresATaskThatReschedulesItselfCatchingEverythingOnASchedulerShutDownThroughAHelper() {
        List<Finding> findings = tester.findings("""
                import java.util.concurrent.*;
                class Watcher {
                    private final ScheduledExecutorService executor = new ScheduledThreadPoolExecutor(2);
                    private final ScheduledExecutorService lent = new ScheduledThreadPoolExecutor(1);
                    private volatile boolean cancelled;
                    void watch(String key) {
                        executor.schedule(new Poll(key), 1, TimeUnit.SECONDS);
                        executor.schedule(new Retry(), 1, TimeUnit.SECONDS);
                        lent.schedule(new Poll(key), 1, TimeUnit.SECONDS);
                    }
                    void shutdown() {
                        Pools.shutdownThreadPool(executor, System.err);
                        Pools.register(lent);
                    }
                    class Poll implements Runnable {
                        private final String key;
                        Poll(String key) {
                            this.key = key;
                        }
                        @Override
                        public void run() {
                            long delay = 1000;
                            try {
                                System.out.println(key);
                            } catch (Throwable t) {
                                delay = 5000;
                            } finally {
                                if (!cancelled) {
                                    executor.schedule(this, delay, TimeUnit.MILLISECONDS);
                                }
                            }
                        }
                    }
                    class Retry implements Runnable {
                        @Override
                        public void run() {
                            System.out.println("retry");
                            executor.schedule(this, 1, TimeUnit.SECONDS);
                        }
                    }
                }
                """);
        assertThat(findings).extracting(Finding::line).containsExactly(8, 9, 38);
        assertThat(findings.get(0).message()).endsWith("is discarded: an exception thrown by the task is lost with it");
        assertThat(findings.get(1).message()).contains("cannot be cancelled on its own");
        assertThat(findings.get(2).message()).endsWith("is discarded: an exception thrown by the task is lost with it");
    }

    /** A base task of another file whose run() logs every failure of the work its subclasses do. */
    private static final String LOGGING_TASK = """
            abstract class LoggingTask implements Runnable {
                static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("tasks");
                @Override
                public void run() {
                    try {
                        doRun();
                    } catch (Throwable t) {
                        LOG.severe("task failed: " + t);
                    }
                }
                protected abstract void doRun() throws Exception;
            }
            """;

    /** A task of another file whose run() does not catch, and a detector whose detect() does, after a guard. */
    private static final String OTHER_TASKS = """
            class PlainTask implements Runnable {
                @Override
                public void run() {
                    System.out.println("work");
                }
            }
            class Detector {
                private volatile boolean enabled;
                boolean isEnabled() { return enabled; }
                void detect() {
                    if (!isEnabled()) return;
                    boolean found = false;
                    long started = System.nanoTime();
                    try {
                        System.out.println(started);
                    } catch (Exception e) {
                        found = true;
                    }
                }
                void leak() {
                    System.out.println("may throw");
                }
            }
            """;

    @Test
    void ignoresTasksWhoseCatchAllRunIsInheritedFromOrDeclaredInAnotherFile() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Service {
                    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
                    private final Detector detector = new Detector();
                    void start(ExecutorService pool) {
                        scheduler.scheduleAtFixedRate(new LoggingTask() {
                            @Override protected void doRun() { System.out.println("tick"); }
                        }, 1, 1, TimeUnit.SECONDS);
                        scheduler.schedule(new Puller(), 1, TimeUnit.SECONDS);
                        scheduler.schedule(() -> detector.detect(), 1, TimeUnit.SECONDS);
                        scheduler.schedule(detector::detect, 1, TimeUnit.SECONDS);
                        pool.submit(new Puller());
                        pool.submit(new PlainTask());
                        pool.submit(() -> detector.leak());
                        pool.submit(detector::leak);
                        scheduler.schedule(new PlainTask(), 1, TimeUnit.SECONDS);
                    }
                    void stop() {
                        scheduler.shutdownNow();
                    }
                    private static class Puller extends LoggingTask {
                        @Override protected void doRun() { System.out.println("pull"); }
                    }
                }
                """, LOGGING_TASK, OTHER_TASKS)).containsExactly("ignored-future@13:9", "ignored-future@14:9",
                "ignored-future@15:9", "ignored-future@16:9");
    }

    @Test
    void reportsATaskOfAnotherFileThatOverridesTheCatchAllRunOrWhoseMethodIsOverridden() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Service {
                    void start(ExecutorService pool, Detector detector) {
                        pool.submit(new Careless());
                        pool.submit(() -> detector.detect());
                    }
                }
                """, LOGGING_TASK, OTHER_TASKS, """
                class Careless extends LoggingTask {
                    @Override public void run() { System.out.println("no catch"); }
                    @Override protected void doRun() { }
                }
                class LoudDetector extends Detector {
                    @Override void detect() { System.out.println("no catch"); }
                }
                """)).containsExactly("ignored-future@4:9", "ignored-future@5:9");
    }

    @Test
    void ignoresATaskMadeOfConsecutiveStepsEachInItsOwnCatchAllTry() {
        assertThat(tester.positions("""
                import java.io.IOException;
                import java.util.concurrent.*;
                class Flusher {
                    private volatile long flushed;
                    void go(ExecutorService pool) {
                        pool.submit(() -> {
                            try {
                                flushIndex();
                            } catch (Throwable t) {
                                System.err.println("index flush failed: " + t);
                            }
                            flushed = System.nanoTime();
                            try {
                                flushData();
                            } catch (Exception e) {
                                System.err.println("data flush failed: " + e);
                            } finally {
                                flushed = 0;
                            }
                        });
                        pool.submit(() -> {
                            try {
                                flushIndex();
                            } catch (Throwable t) {
                                System.err.println(t);
                            }
                            try {
                                flushData();
                            } catch (IOException e) {
                                System.err.println(e);
                            }
                        });
                        pool.submit(() -> {
                            try {
                                flushIndex();
                            } catch (Throwable t) {
                                System.err.println(t);
                            }
                            flushData();
                        });
                        pool.submit(() -> {
                            try { flushIndex(); } catch (Throwable t) { }
                            flushed = compute();
                            try { flushData(); } catch (Throwable t) { }
                        });
                    }
                    void flushIndex() { }
                    void flushData() throws IOException { }
                    long compute() { return 1; }
                }
                """)).containsExactly("ignored-future@21:9", "ignored-future@33:9", "ignored-future@41:9");
    }

    @Test
    void followsATaskThatIsOneCallOfAMethodOfTheFileWhoseBodyCatchesEverythingBehindHarmlessStatements() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Reconnector {
                    private static final Object LOCK = new Object();
                    private volatile boolean reconnecting;
                    private State state = new State();
                    void go(ExecutorService pool) {
                        pool.submit(this::reconnect);
                        pool.submit(new Runnable() {
                            @Override public void run() { process(); }
                        });
                        pool.submit(this::locked);
                        pool.submit(this::afterGetters);
                        pool.submit(this::afterWork);
                        pool.submit(this::guardWithElse);
                    }
                    private void reconnect() {
                        if (!reconnecting) {
                            reconnecting = true;
                            try {
                                connect();
                            } catch (Exception e) {
                                System.err.println(e);
                            } finally {
                                reconnecting = false;
                            }
                        }
                    }
                    private void process() {
                        try { connect(); } catch (Throwable t) { System.err.println(t); }
                    }
                    private void locked() {
                        synchronized (LOCK) {
                            try { connect(); } catch (Throwable t) { System.err.println(t); }
                        }
                    }
                    private void afterGetters() {
                        if (!state.isRunning()) return;
                        State current = getState();
                        int attempts = 0;
                        try { connect(); } catch (Exception e) { attempts = -1; }
                    }
                    private void afterWork() {
                        connect();
                        try { connect(); } catch (Exception e) { }
                    }
                    private void guardWithElse() {
                        if (reconnecting) {
                            try { connect(); } catch (Exception e) { }
                        } else {
                            connect();
                        }
                    }
                    State getState() { return state; }
                    void connect() { }
                    static class State { boolean isRunning() { return true; } }
                }
                """)).containsExactly("ignored-future@13:9", "ignored-future@14:9");
    }

    @Test
    void aGuardWhoseElseOnlyLogsStillWrapsACatchAllInThisFileAndInAnother() {
        String publisher = """
                import java.util.concurrent.atomic.AtomicBoolean;
                class Publisher {
                    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Publisher.class);
                    final AtomicBoolean busy = new AtomicBoolean();
                    public void publishUnlessBusy() {
                        if (busy.compareAndSet(false, true)) {
                            try { send(); } catch (Throwable t) { log.warn("failed", t); } finally { busy.set(false); }
                        } else {
                            log.debug("still publishing");
                            log.warn("skipped");
                        }
                    }
                    public void publishOrFail() {
                        if (busy.compareAndSet(false, true)) {
                            try { send(); } catch (Throwable t) { log.warn("failed", t); } finally { busy.set(false); }
                        } else {
                            log.warn("skipped");
                            send();
                        }
                    }
                    public void publishOrElseIf() {
                        if (busy.compareAndSet(false, true)) {
                            try { send(); } catch (Throwable t) { log.warn("failed", t); }
                        } else if (busy.get()) {
                            log.warn("skipped");
                        }
                    }
                    void send() { }
                }
                """;
        String source = """
                import java.util.concurrent.*;
                class Registry {
                    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Registry.class);
                    private volatile boolean running;
                    void start(ExecutorService pool, Publisher publisher) {
                        pool.submit(this::publishIfRunning);
                        pool.submit(publisher::publishUnlessBusy);
                        pool.submit(publisher::publishOrFail);
                        pool.submit(publisher::publishOrElseIf);
                    }
                    private void publishIfRunning() {
                        if (running) {
                            try { flush(); } catch (Exception e) { log.warn("failed", e); }
                        } else log.info("not running");
                    }
                    void flush() { }
                }
                """;
        // an else that calls anything but the logger, or that is another if, may throw and is still reported
        List<String> expected = List.of("ignored-future@8:9", "ignored-future@9:9");
        assertThat(tester.positions(source, publisher)).containsExactlyElementsOf(expected);
        assertThat(tester.positions(source + publisher.replace("import java.util.concurrent.atomic.AtomicBoolean;",
                "").replace("AtomicBoolean", "java.util.concurrent.atomic.AtomicBoolean")))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void renamingTheThreadAndNewCollectionsBeforeTheCatchAllCannotThrow() {
        assertThat(tester.positions("""
                import com.google.common.collect.*;
                import java.util.*;
                import java.util.concurrent.*;
                class Checker {
                    private final Map<String, String> byUser = new ConcurrentHashMap<>();
                    private final List<String> pending = new ArrayList<>();
                    private final String id = "a";
                    void start(ExecutorService pool) {
                        pool.submit(() -> {
                            Thread.currentThread().setName("checker-" + id);
                            try { check(); } catch (Exception e) { }
                        });
                        pool.submit(this::sweep);
                        pool.submit(() -> {
                            Thread.currentThread().setName(nextName());
                            try { check(); } catch (Exception e) { }
                        });
                        pool.submit(() -> {
                            List<String> loaded = new ArrayList<>(load());
                            try { check(); } catch (Exception e) { }
                        });
                        pool.submit(() -> {
                            Set<String> unique = Set.of(id, id);
                            try { check(); } catch (Exception e) { }
                        });
                        pool.submit(() -> {
                            List<String> copy = new ArrayList<>(pending) { };
                            try { check(); } catch (Exception e) { }
                        });
                        pool.submit(() -> {
                            Thread.currentThread().setName("checker");
                            check();
                        });
                    }
                    private void sweep() {
                        List<String> users = Lists.newArrayList(byUser.values());
                        Map<String, Integer> counts = Maps.newHashMap();
                        Set<String> seen = Sets.newHashSet();
                        List<String> copy = new ArrayList<>(pending);
                        Map<String, String> snapshot = new java.util.HashMap<>(byUser);
                        List<String> fixed = List.of(id, "b");
                        try { check(); } catch (Throwable t) { }
                    }
                    String nextName() { return "n"; }
                    List<String> load() { return pending; }
                    void check() { }
                }
                """)).containsExactly("ignored-future@14:9", "ignored-future@18:9", "ignored-future@22:9",
                "ignored-future@26:9", "ignored-future@30:9");
    }

    @Test
    void renamingTheThreadAndNewCollectionsBeforeTheCatchAllCannotThrowInAnotherFileEither() {
        String sweeper = """
                import com.google.common.collect.*;
                import java.util.*;
                class Sweeper {
                    private final Map<String, String> byUser = new HashMap<>();
                    private final List<String> pending = new ArrayList<>();
                    private String id;
                    public void sweep() {
                        Thread.currentThread().setName("sweeper-" + id);
                        List<String> users = Lists.newArrayList(byUser.values());
                        Map<String, Integer> counts = Maps.newHashMap();
                        Set<String> seen = Sets.newHashSet();
                        List<String> copy = new java.util.ArrayList<>(pending);
                        Map<String, List<String>> sized = new HashMap<>(16);
                        List<String> fixed = List.of(id, "b");
                        try { check(); } catch (Throwable t) { }
                    }
                    public void renameByCall() {
                        Thread.currentThread().setName(nextName());
                        try { check(); } catch (Throwable t) { }
                    }
                    public void copyOfCall() {
                        List<String> loaded = new ArrayList<>(load());
                        try { check(); } catch (Throwable t) { }
                    }
                    public void distinct() {
                        Set<String> unique = Set.of(id, "b");
                        try { check(); } catch (Throwable t) { }
                    }
                    String nextName() { return "n"; }
                    List<String> load() { return pending; }
                    void check() { }
                }
                """;
        String source = """
                import java.util.concurrent.*;
                class Janitor {
                    void start(ExecutorService pool, Sweeper sweeper) {
                        pool.submit(sweeper::sweep);
                        pool.submit(sweeper::renameByCall);
                        pool.submit(sweeper::copyOfCall);
                        pool.submit(sweeper::distinct);
                    }
                }
                """;
        List<String> expected = List.of("ignored-future@5:9", "ignored-future@6:9", "ignored-future@7:9");
        // Sweeper's bodies are judged from their tokens, as a file of the project other than the one checked
        assertThat(tester.positions(source, sweeper)).containsExactlyElementsOf(expected);
    }

    /** Singletons whose methods catch everything or not, a subtype that overrides one, and an interface's. */
    private static final String SINGLETONS = """
            class Heartbeat {
                private static final Heartbeat INSTANCE = new Heartbeat();
                public static Heartbeat getInstance() { return INSTANCE; }
                public void keepAlive() {
                    try {
                        System.out.println("beat");
                    } catch (Throwable t) {
                        System.err.println(t);
                    }
                }
                public void leak() { System.out.println("may throw"); }
            }
            class Pulse {
                static final Pulse PULSE = new LoudPulse();
                static Pulse get() { return PULSE; }
                void beat() { try { System.out.println("beat"); } catch (Exception e) { } }
            }
            class LoudPulse extends Pulse {
                @Override void beat() { System.out.println("may throw"); }
            }
            interface Reporter {
                static Reporter instance() { return null; }
                void report();
            }
            """;

    @Test
    void followsATaskThatIsOneCallOnASingletonOrThatAThreadWrapsForItsRun() {
        String source = """
                import java.util.concurrent.*;
                class Manager {
                    private final ScheduledExecutorService ses = Executors.newScheduledThreadPool(1);
                    class Beat implements Runnable {
                        @Override public void run() { Heartbeat.getInstance().keepAlive(); }
                    }
                    class Leak implements Runnable {
                        @Override public void run() { Heartbeat.getInstance().leak(); }
                    }
                    void start(ExecutorService pool, ThreadGroup group) {
                        ses.scheduleAtFixedRate(new Beat(), 0, 1, TimeUnit.SECONDS);
                        Runnable wrapped = new Thread(new Beat(), "HeartBeat");
                        ses.scheduleAtFixedRate(wrapped, 0, 1, TimeUnit.SECONDS);
                        ses.schedule(new Thread(() -> Heartbeat.getInstance().keepAlive()), 1, TimeUnit.SECONDS);
                        pool.submit(new Thread(group, new Beat(), "in a group"));
                        pool.submit(new Thread(null, new Beat(), "default group", 0));
                        pool.submit(new Thread(new Beat()) { });
                        ses.schedule(new Thread(new Leak(), "leak"), 1, TimeUnit.SECONDS);
                        pool.submit(new Thread(new Beat()) { @Override public void run() { System.out.println(); } });
                        pool.submit(new Thread("no target"));
                        pool.submit(() -> Heartbeat.getInstance().leak());
                        pool.submit(() -> Pulse.get().beat());
                        pool.submit(() -> Reporter.instance().report());
                    }
                    void stop() { ses.shutdown(); }
                }
                """;
        List<String> expected = List.of("ignored-future@18:9", "ignored-future@19:9", "ignored-future@20:9",
                "ignored-future@21:9", "ignored-future@22:9", "ignored-future@23:9");
        assertThat(tester.positions(source, SINGLETONS)).containsExactlyElementsOf(expected);
        assertThat(tester.positions(source + SINGLETONS)).containsExactlyElementsOf(expected);
    }

    @Test
    void ignoresAnExecutorShuttingItselfDownAfterItsQueuedTasks() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Psync {
                    private final ExecutorService psync = Executors.newSingleThreadExecutor();
                    private final ExecutorService other = Executors.newSingleThreadExecutor();
                    void close() {
                        psync.submit(psync::shutdown);
                        psync.submit(() -> psync.shutdownNow());
                        psync.submit(other::shutdown);
                    }
                }
                """)).containsExactly("ignored-future@8:9");
    }

    @Test
    void judgesARunBodyTheSameWhetherItsClassIsInTheFileOrInAnotherOne() {
        List<String> bodies = List.of(
                "try { work(); } catch (Throwable t) { LOG.severe(\"x\"); }",
                "try { work(); } catch (java.io.UncheckedIOException | RuntimeException e) { } "
                        + "catch (Exception e) { } finally { busy = false; }",
                "if (!isRunning() || busy) return; if (LOG.getLevel() == null) { LOG.fine(\"run\"); return; } "
                        + "boolean found = false; long now = System.nanoTime(); Object state = getState(); "
                        + "busy = true; LOG.info(\"start\"); try { work(); } catch (final Exception e) { found = true; }",
                "synchronized (this) { try { work(); } catch (Throwable t) { } }",
                "if (!busy) { busy = true; try { work(); } catch (Exception e) { } finally { busy = false; } }",
                "work(); try { work(); } catch (Throwable t) { }",
                // in a run(), which can throw no checked exception, RuntimeException is everything Exception is
                "try { work(); } catch (RuntimeException e) { }",
                "try { work(); } catch (IllegalStateException e) { }",
                "try { work(); } catch (Throwable t) { } work();",
                "Object o = new Object(); try { work(); } catch (Throwable t) { }",
                "if (check(busy)) return; try { work(); } catch (Throwable t) { }",
                "if (busy) { try { work(); } catch (Exception e) { } } else { work(); }",
                "synchronized (this) { try { work(); } catch (Throwable t) { } } work();",
                // a chain of getters, as a context class loader is saved before the work and restored after it
                "final ClassLoader previous = Thread.currentThread().getContextClassLoader(); try { work(); } "
                        + "catch (final Throwable t) { } "
                        + "finally { Thread.currentThread().setContextClassLoader(previous); }",
                "Object state = (this.getState()); java.util.Map<String, ?> none = null; this.busy = next.busy; "
                        + "Class<?> type = java.lang.Thread.currentThread().getClass(); try { work(); } "
                        + "catch (Throwable t) { }",
                "Object name = getState().toString(); try { work(); } catch (Throwable t) { }",
                "next.busy = true; try { work(); } catch (Throwable t) { }",
                "names[0] = null; try { work(); } catch (Throwable t) { }",
                "Object state = new Task().getState(); try { work(); } catch (Throwable t) { }",
                "Class<?> type = Task.class; try { work(); } catch (Throwable t) { }",
                // consecutive steps, each in its own catch-all try
                "try { work(); } catch (Throwable t) { LOG.severe(\"a\"); } boolean done = true; "
                        + "try (java.io.StringReader in = new java.io.StringReader(\"\")) { work(); } "
                        + "catch (final Exception e) { } finally { busy = false; }",
                "try { work(); } catch (Throwable t) { } synchronized (this) { try { work(); } catch (Exception e) { } }",
                "try { work(); } catch (RuntimeException e) { } try { work(); } catch (Throwable t) { }",
                "try { work(); } catch (Throwable t) { } work(); try { work(); } catch (Throwable t) { }",
                "try { work(); } catch (Throwable t) { } try { work(); } catch (Throwable t) { } busy = check(true);");
        String members = """
                    static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("t");
                    volatile boolean busy;
                    Task next;
                    String[] names = new String[1];
                    boolean isRunning() { return true; }
                    Object getState() { return null; }
                    boolean check(boolean b) { return b; }
                    void work() { }
                """;
        String user = "class User { void go(java.util.concurrent.ExecutorService pool) { pool.submit(new Task()); } }\n";
        for (String body : bodies) {
            String task = "class Task implements Runnable {\n" + members + "    public void run() { " + body + " }\n}\n";
            assertThat(tester.positions(user, task)).as(body).isEqualTo(tester.positions(user + task));
        }
        assertThat(bodies.stream().filter(body -> tester.positions(user, "class Task implements Runnable {\n"
                + members + "    public void run() { " + body + " }\n}\n").isEmpty())).hasSize(11);
    }

    /**
     * Task bodies that branch or loop around catch-all bodies, each with whether it catches everything: judged alike
     * in the file that submits the task (on the tree) and in another file of the project (on the tokens).
     */
    private static final List<Object[]> BRANCHING_BODIES = List.of(
            // an if/else over a null check whose branches are catch-alls: one per item in a loop over a copy
            new Object[] {"if (pending == null) { try { work(); } catch (Exception e) { } } else { "
                    + "for (Job job : new java.util.ArrayList<>(pending)) { try { job.run(); } catch (Exception e) { } } }",
                    true},
            new Object[] {"if (busy && getState() != null) { try { work(); } catch (Exception e) { } } "
                    + "else if (next == null) { try { work(); } catch (Throwable t) { } } else { LOG.info(\"idle\"); }",
                    true},
            new Object[] {"if (busy) { LOG.info(\"busy\"); } else { try { work(); } catch (Exception e) { } }", true},
            new Object[] {"java.util.List<Job> copy = new java.util.ArrayList<>(pending); "
                    + "for (final Job job : copy) { try { job.run(); } catch (Exception e) { } }", true},
            new Object[] {"java.util.Map<String, Job> byName = new java.util.HashMap<>(jobs); "
                    + "for (Job job : byName.values()) { if (job == null) { try { work(); } catch (Exception e) { } } "
                    + "else { try { job.run(); } catch (Throwable t) { } } }", true},
            new Object[] {"while (!stopped) { try { work(); } catch (Throwable t) { } }", true},
            new Object[] {"do { try { work(); } catch (Exception e) { } } while (isRunning());", true},
            new Object[] {"while (iterator.hasNext()) { try { iterator.next().run(); } catch (Exception e) { } }", true},
            new Object[] {"busy = true; while (busy) { try { work(); } catch (Exception e) { } } "
                    + "try { work(); } catch (Throwable t) { }", true},
            // a branch that does not catch everything
            new Object[] {"if (pending == null) { try { work(); } catch (Exception e) { } } else { work(); }", false},
            new Object[] {"if (pending == null) { try { work(); } catch (IllegalStateException e) { } } "
                    + "else { try { work(); } catch (Exception e) { } }", false},
            new Object[] {"if (pending == null) { try { work(); } catch (RuntimeException e) { } } "
                    + "else { try { work(); } catch (Exception e) { } }", true},
            new Object[] {"if (busy) { try { work(); } catch (Exception e) { } } else if (stopped) { work(); }", false},
            // a condition that calls a method with arguments, or reads an array element
            new Object[] {"if (check(busy)) { try { work(); } catch (Exception e) { } } "
                    + "else { try { work(); } catch (Exception e) { } }", false},
            new Object[] {"while (names[0] != null) { try { work(); } catch (Exception e) { } }", false},
            // a loop over what another thread may change or a call may fail to give: a field, a call's result
            new Object[] {"for (Job job : pending) { try { job.run(); } catch (Exception e) { } }", false},
            new Object[] {"for (Job job : load()) { try { job.run(); } catch (Exception e) { } }", false},
            new Object[] {"for (Job job : new java.util.ArrayList<>(load())) { try { job.run(); } catch (Exception e) { } }",
                    false},
            // a copy the loop itself changes (ConcurrentModificationException), or hands on
            new Object[] {"java.util.List<Job> copy = new java.util.ArrayList<>(pending); "
                    + "for (Job job : copy) { try { copy.remove(job); } catch (Exception e) { } }", false},
            new Object[] {"java.util.List<Job> copy = new java.util.ArrayList<>(pending); "
                    + "try { keep(copy); } catch (Exception e) { } "
                    + "for (Job job : copy) { try { job.run(); } catch (Exception e) { } }", false},
            // each element unboxed: a null one throws
            new Object[] {"for (int count : new java.util.ArrayList<>(counts)) { try { work(); } catch (Exception e) { } }",
                    false},
            // a do/while on a condition that may throw, a basic for loop, the next element read outside the try
            new Object[] {"do { try { work(); } catch (Exception e) { } } while (check(busy));", false},
            new Object[] {"for (int i = 0; i < 3; i++) { try { work(); } catch (Exception e) { } }", false},
            new Object[] {"while (iterator.hasNext()) { Job job = iterator.next(); try { job.run(); } "
                    + "catch (Exception e) { } }", false},
            new Object[] {"while (!stopped) { try { work(); } catch (Throwable t) { } work(); }", false});

    @Test
    void branchesAndLoopsAroundCatchAllBodiesCatchEverythingInTheFileAndInAnotherFile() {
        String members = """
                    static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("t");
                    interface Job { void run() throws Exception; }
                    volatile boolean busy;
                    volatile boolean stopped;
                    Task next;
                    String[] names = new String[1];
                    java.util.List<Job> pending = new java.util.ArrayList<>();
                    java.util.List<Integer> counts = new java.util.ArrayList<>();
                    java.util.Map<String, Job> jobs = new java.util.HashMap<>();
                    java.util.Iterator<Job> iterator = pending.iterator();
                    boolean isRunning() { return true; }
                    Object getState() { return null; }
                    boolean check(boolean b) { return b; }
                    java.util.List<Job> load() { return pending; }
                    void keep(java.util.List<Job> jobs) { }
                    void work() { }
                """;
        String user = "class User { void go(java.util.concurrent.ExecutorService pool) { pool.submit(new Task()); } }\n";
        for (Object[] body : BRANCHING_BODIES) {
            String task = "class Task implements Runnable {\n" + members + "    public void run() { " + body[0] + " }\n}\n";
            List<String> expected = (Boolean) body[1] ? List.of() : List.of("ignored-future@1:67");
            assertThat(tester.positions(user + task)).as("in the file: %s", body[0]).isEqualTo(expected);
            assertThat(tester.positions(user, task)).as("in another file: %s", body[0]).isEqualTo(expected);
        }
    }

    /**
     * A base task of another file whose run() either starts the work or consumes each item of a copy of what it was
     * given, each step in its own catch-all, and one that consumes the iterator it was handed, the next item read
     * outside the catch-all (which a change of the collection behind it makes throw).
     */
    private static final String ITEM_TASKS = """
            import java.util.*;
            public abstract class ItemTask<V> implements Runnable {
                private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ItemTask.class);
                private final Collection<V> items;
                protected ItemTask(Collection<V> items) { this.items = items; }
                public void start() { }
                public void consume(V item) { }
                @Override
                public void run() {
                    if (items == null) {
                        try {
                            start();
                        } catch (Exception e) {
                            log.error("failed", e);
                        }
                    } else {
                        List<V> copy = new ArrayList<>(items);
                        for (V item : copy) {
                            try {
                                consume(item);
                            } catch (Exception e) {
                                log.error("failed on {}", item, e);
                            }
                        }
                    }
                }
            }
            abstract class GeneratorTask<V> implements Runnable {
                private Iterator<V> generator;
                protected GeneratorTask(Iterator<V> generator) { this.generator = generator; }
                public void consume(V item) { }
                @Override
                public void run() {
                    if (generator == null) {
                        try {
                            consume(null);
                        } catch (Exception e) {
                            System.err.println(e);
                        }
                    } else {
                        while (generator.hasNext()) {
                            V item = generator.next();
                            try {
                                consume(item);
                            } catch (Exception e) {
                                System.err.println(e);
                            }
                        }
                    }
                }
            }
            """;

    @Test
    void ignoresATaskWhoseInheritedRunOfAnotherFileBranchesToCatchAllBodiesButNotOneThatReadsItsIteratorOutside() {
        assertThat(tester.positions("""
                import java.util.*;
                import java.util.concurrent.*;
                class Sweeper {
                    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
                    void sweep(ExecutorService pool, List<String> names) {
                        pool.submit(new DeleteJob(names));
                        scheduler.scheduleAtFixedRate(new CleanJob(), 1, 1, TimeUnit.MINUTES);
                        pool.submit(new GeneratorTask<String>(names.iterator()) { });
                    }
                    void stop() {
                        scheduler.shutdownNow();
                    }
                    private static class DeleteJob extends ItemTask<String> {
                        DeleteJob(List<String> names) { super(names); }
                        @Override public void consume(String name) { System.out.println("delete " + name); }
                    }
                    private static class CleanJob extends ItemTask<Object> {
                        CleanJob() { super(null); }
                        @Override public void start() { System.out.println("clean"); }
                    }
                }
                """, ITEM_TASKS)).containsExactly("ignored-future@8:9");
    }

    @Test
    void ignoresSubmitsToAProjectExecutorWhoseAfterExecuteReadsTheFinishedFuture() {
        String pools = """
                import java.util.concurrent.*;
                class LoggingPool extends ThreadPoolExecutor {
                    LoggingPool(int threads) {
                        super(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                    }
                    @Override
                    protected void afterExecute(Runnable task, Throwable thrown) {
                        super.afterExecute(task, thrown);
                        if (thrown == null && task instanceof Future<?> future && future.isDone()) {
                            try {
                                future.get();
                            } catch (ExecutionException e) {
                                System.err.println("task failed: " + e.getCause());
                            } catch (CancellationException | InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                }
                class NamedPool extends LoggingPool {
                    NamedPool() { super(2); }
                }
                class QuietPool extends ThreadPoolExecutor {
                    QuietPool() {
                        super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                    }
                    @Override
                    protected void afterExecute(Runnable task, Throwable thrown) {
                        System.err.println("done: " + thrown);
                    }
                }
                class GuardedPool extends ThreadPoolExecutor {
                    GuardedPool() {
                        super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                    }
                    @Override
                    protected void afterExecute(Runnable task, Throwable thrown) {
                        try {
                            super.afterExecute(task, thrown);
                        } catch (Exception e) {
                            System.err.println("after " + task + ": " + e);
                        }
                    }
                }
                class UncheckedPool extends ThreadPoolExecutor {
                    UncheckedPool() {
                        super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                    }
                    @Override
                    protected void afterExecute(Runnable task, Throwable thrown) {
                        try {
                            super.afterExecute(task, thrown);
                        } catch (RuntimeException e) {
                            System.err.println("after " + task + ": " + e);
                        }
                    }
                }
                """;
        String user = """
                import java.util.concurrent.*;
                class Flusher {
                    private final ExecutorService pool = new LoggingPool(2);
                    private final LoggingPool typed;
                    private final ExecutorService quiet = new QuietPool();
                    Flusher(LoggingPool typed) { this.typed = typed; }
                    void flush(Runnable task, NamedPool named, GuardedPool guarded, UncheckedPool unchecked) {
                        pool.submit(task);
                        typed.submit(task);
                        named.submit(task);
                        quiet.submit(task);
                        // an afterExecute that catches everything but reads no future is not one that reports
                        guarded.submit(task);
                        unchecked.submit(task);
                    }
                }
                """;
        List<String> expected = List.of("ignored-future@11:9", "ignored-future@13:9", "ignored-future@14:9");
        assertThat(tester.positions(user, pools)).as("in another file").isEqualTo(expected);
        assertThat(tester.positions(user + pools)).as("in the file").isEqualTo(expected);
    }

    @Test
    void aCatchOfRuntimeExceptionCatchesEverythingInARunnableBodyThatCanThrowNoCheckedException() {
        assertThat(tester.positions("""
                import java.io.IOException;
                import java.util.concurrent.*;
                class Reporter {
                    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
                    private volatile boolean stopped;
                    void start(ExecutorService pool) {
                        scheduler.scheduleAtFixedRate(() -> {
                            try { report(); } catch (RuntimeException e) { System.err.println(e); }
                        }, 1, 1, TimeUnit.MINUTES);
                        pool.submit(() -> {
                            try { load(); } catch (IOException | RuntimeException e) { System.err.println(e); }
                        });
                        pool.submit(() -> {
                            if (stopped) return;
                            try { report(); } catch (RuntimeException e) { }
                        });
                        pool.submit(() -> {
                            while (!Thread.currentThread().isInterrupted()) {
                                try { report(); } catch (RuntimeException e) { }
                            }
                        });
                        pool.submit(new Runnable() {
                            @Override public void run() {
                                try { report(); } catch (RuntimeException e) { }
                            }
                        });
                        Runnable task = () -> {
                            try { report(); } catch (RuntimeException e) { }
                        };
                        pool.submit(task);
                        scheduler.schedule(this::refresh, 1, TimeUnit.MINUTES);
                        pool.submit(() -> refresh());
                    }
                    void stop() {
                        scheduler.shutdownNow();
                    }
                    private void refresh() {
                        try { load(); } catch (IOException e) { } catch (RuntimeException e) { }
                    }
                    void report() { }
                    Object load() throws IOException { return null; }
                }
                """)).isEmpty();
    }

    @Test
    void aCatchOfRuntimeExceptionIsNoCatchAllWhereTheBodyMayThrowACheckedExceptionOrLetsOneOut() {
        assertThat(tester.positions("""
                import java.io.IOException;
                import java.util.concurrent.*;
                class Reporter {
                    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
                    void start(ExecutorService pool) {
                        pool.submit(() -> {
                            try { return load(); } catch (RuntimeException e) { return null; }
                        });
                        pool.submit(() -> {
                            while (true) {
                                try { load(); } catch (RuntimeException e) { }
                            }
                        });
                        pool.submit(new Callable<Object>() {
                            @Override public Object call() throws Exception {
                                try { return load(); } catch (RuntimeException e) { return null; }
                            }
                        });
                        pool.submit(this::reload);
                        pool.submit(new Runnable() {
                            @lombok.SneakyThrows @Override public void run() {
                                try { load(); } catch (RuntimeException e) { }
                            }
                        });
                        scheduler.scheduleAtFixedRate(() -> {
                            try { report(); } catch (IllegalArgumentException e) { }
                        }, 1, 1, TimeUnit.MINUTES);
                        scheduler.scheduleAtFixedRate(() -> {
                            report();
                            try { report(); } catch (RuntimeException e) { }
                        }, 1, 1, TimeUnit.MINUTES);
                    }
                    void stop() {
                        scheduler.shutdownNow();
                    }
                    private Object reload() throws IOException {
                        try { return load(); } catch (RuntimeException e) { return null; }
                    }
                    void report() { }
                    Object load() throws IOException { return null; }
                }
                """)).containsExactly("ignored-future@6:9", "ignored-future@9:9", "ignored-future@14:9",
                "ignored-future@19:9", "ignored-future@20:9", "ignored-future@25:9", "ignored-future@28:9");
    }

    /** Tasks of another file catching {@code RuntimeException}: in a body that can throw a checked exception or not. */
    private static final String UNCHECKED_TASKS = """
            import java.io.IOException;
            import java.util.concurrent.Callable;
            class ReportTask implements Runnable {
                @Override
                public void run() {
                    try {
                        Reports.send();
                    } catch (RuntimeException e) {
                        System.err.println("report failed: " + e);
                    }
                }
            }
            class ReloadTask implements Callable<Object> {
                @Override
                public Object call() throws Exception {
                    try {
                        return Reports.load();
                    } catch (RuntimeException e) {
                        return null;
                    }
                }
            }
            class NarrowTask implements Runnable {
                @Override
                public void run() {
                    try {
                        Reports.send();
                    } catch (IllegalStateException e) {
                        System.err.println("report failed: " + e);
                    }
                }
            }
            class SneakyTask implements Runnable {
                @Override
                @lombok.SneakyThrows
                public void run() {
                    try {
                        Reports.load();
                    } catch (RuntimeException e) {
                        System.err.println("load failed: " + e);
                    }
                }
            }
            class Reports {
                static void send() { }
                static Object load() throws IOException { return null; }
                void refresh() {
                    try {
                        load();
                    } catch (IOException | RuntimeException e) {
                        System.err.println("refresh failed: " + e);
                    }
                }
            }
            """;

    @Test
    void aCatchOfRuntimeExceptionInABodyOfAnotherFileCountsOnlyWhereItCanThrowNoCheckedException() {
        String user = """
                import java.util.concurrent.*;
                class Service {
                    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
                    void start(ExecutorService pool, Reports reports) {
                        pool.submit(new ReportTask());
                        scheduler.scheduleWithFixedDelay(new ReportTask(), 1, 1, TimeUnit.MINUTES);
                        pool.submit(() -> reports.refresh());
                        scheduler.schedule(reports::refresh, 1, TimeUnit.MINUTES);
                        pool.submit(new ReloadTask());
                        pool.submit(new NarrowTask());
                        pool.submit(new SneakyTask());
                    }
                    void stop() {
                        scheduler.shutdownNow();
                    }
                }
                """;
        List<String> expected = List.of("ignored-future@9:9", "ignored-future@10:9", "ignored-future@11:9");
        assertThat(tester.positions(user, UNCHECKED_TASKS)).as("in another file").isEqualTo(expected);
        assertThat(tester.positions(user + UNCHECKED_TASKS.replace("import java.io.IOException;\n", "")
                .replace("import java.util.concurrent.Callable;\n", "").replace("IOException", "java.io.IOException")))
                .as("in the file").isEqualTo(expected);
    }
}
