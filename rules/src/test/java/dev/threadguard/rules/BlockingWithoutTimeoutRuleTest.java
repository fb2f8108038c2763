package dev.threadguard.rules;

import dev.threadguard.api.AnalysisSettings;
import dev.threadguard.api.Finding;
import dev.threadguard.api.MethodPattern;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BlockingWithoutTimeoutRuleTest {

    private final RuleTester tester = RuleTester.of(new BlockingWithoutTimeoutRule());

    @Test
    void aFutureAlreadyAwaitedOnEveryPathBeforeIsComplete() {
        // eventmesh S3SourceConnector (a timed get, then get()); ambry ConcurrencyTestTool (get() in an if's
        // condition, again in its message)
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class C {
                    Object timedFirst(Future<Object> f) throws Exception {
                        f.get(5, TimeUnit.SECONDS);
                        return f.get();
                    }
                    void inTheCondition(Future<Integer> f, int expected) throws Exception {
                        if (expected != f.get()) {
                            throw new IllegalStateException("got " + f.get());
                        }
                    }
                    Object timeoutCaught(Future<Object> f) throws Exception {
                        try {
                            f.get(5, TimeUnit.SECONDS);
                        } catch (TimeoutException e) {
                            System.err.println("still waiting");
                        }
                        return f.get();
                    }
                    Object inABranch(Future<Object> f, boolean quick) throws Exception {
                        if (quick) {
                            f.get(5, TimeUnit.SECONDS);
                        }
                        return f.get();
                    }
                    Object inALambda(Future<Object> f, ExecutorService pool) throws Exception {
                        pool.execute(() -> { try { f.get(1, TimeUnit.SECONDS); } catch (Exception e) { } });
                        return f.get();
                    }
                    Object reassigned(Future<Object> f, Future<Object> g) throws Exception {
                        Future<Object> h = f;
                        h.get(5, TimeUnit.SECONDS);
                        h = g;
                        return h.get();
                    }
                }
                """)).containsExactly("blocking-without-timeout@8:27", "blocking-without-timeout@18:18",
                "blocking-without-timeout@24:18", "blocking-without-timeout@28:18",
                "blocking-without-timeout@34:18");
    }

    @Test
    void reportsUntimedFutureWaitsAtTheCallWithTheTimedAlternative() {
        String source = """
                import java.util.concurrent.*;
                class C {
                    Object go(ExecutorService pool, Callable<String> task) throws Exception {
                        Future<String> future = pool.submit(task);
                        String a = future.get();
                        var b = pool.submit(task).get();
                        CompletableFuture<String> cf = CompletableFuture.supplyAsync(() -> "x");
                        cf.get();
                        return CompletableFuture.supplyAsync(() -> "y").thenApply(String::trim).join();
                    }
                }
                """;
        assertThat(tester.positions(source)).containsExactly("blocking-without-timeout@5:27",
                "blocking-without-timeout@6:35", "blocking-without-timeout@8:12", "blocking-without-timeout@9:81");
        List<Finding> findings = tester.findings(source);
        assertThat(findings.get(0).message()).isEqualTo("`future.get()` waits forever if the task never completes");
        assertThat(findings.get(0).fix()).isEqualTo("Use `get(timeout, unit)` and decide what to do on "
                + "TimeoutException.");
        assertThat(findings.get(0).severity()).isEqualTo(BlockingWithoutTimeoutRule.METADATA.defaultSeverity());
        assertThat(findings.get(1).message()).startsWith("`Future.get()` waits forever");
        assertThat(findings.get(3).message()).startsWith("`CompletableFuture.join()` waits forever if the future");
    }

    @Test
    void reportsEveryUntimedSynchronizerQueueAndThreadWait() {
        assertThat(tester.positions("""
                import java.util.*;
                import java.util.concurrent.*;
                import java.util.concurrent.locks.*;
                import static java.util.concurrent.locks.LockSupport.park;
                class C {
                    private final Object lock = new Object();
                    void go(Thread t, CountDownLatch latch, CyclicBarrier barrier, Semaphore permits,
                            ArrayBlockingQueue<String> queue, BlockingDeque<String> deque, Condition ready,
                            Exchanger<String> exchanger, Phaser phaser, ExecutorService pool,
                            List<Callable<String>> tasks, CompletionService<String> done) throws Exception {
                        t.join();
                        latch.await();
                        barrier.await();
                        permits.acquire();
                        permits.acquire(2);
                        queue.take();
                        queue.put("x");
                        deque.takeFirst(); deque.takeLast(); deque.putFirst("a"); deque.putLast("b");
                        ready.await();
                        synchronized (lock) { lock.wait(); }
                        exchanger.exchange("x");
                        phaser.awaitAdvance(phaser.arrive());
                        pool.invokeAll(tasks);
                        pool.invokeAny(tasks);
                        done.take();
                        LockSupport.park();
                        park(this);
                    }
                    synchronized void waitHere() throws InterruptedException { while (true) wait(); }
                }
                """)).containsExactly("blocking-without-timeout@11:11", "blocking-without-timeout@12:15",
                "blocking-without-timeout@13:17", "blocking-without-timeout@14:17", "blocking-without-timeout@15:17",
                "blocking-without-timeout@16:15", "blocking-without-timeout@17:15", "blocking-without-timeout@18:15",
                "blocking-without-timeout@18:34", "blocking-without-timeout@18:52", "blocking-without-timeout@18:73",
                "blocking-without-timeout@19:15", "blocking-without-timeout@20:36", "blocking-without-timeout@21:19",
                "blocking-without-timeout@22:16", "blocking-without-timeout@23:14", "blocking-without-timeout@24:14",
                "blocking-without-timeout@25:14", "blocking-without-timeout@26:21", "blocking-without-timeout@27:9",
                "blocking-without-timeout@29:77");
    }

    @Test
    void aThreadThatParksInItsOwnLoopUntilUnparkedIsIdleNotStuck() {
        assertThat(tester.positions("""
                import java.util.concurrent.locks.LockSupport;
                class TickThread extends Thread {
                    private volatile boolean stop;
                    @Override public void run() {
                        while (!stop) {
                            tick();
                            LockSupport.park(this);
                        }
                    }
                    void tick() { }
                    void startTick() { LockSupport.unpark(this); }
                    void shutdown() { stop = true; LockSupport.unpark(this); }
                }
                class Once {
                    boolean done;
                    void waitHere() { LockSupport.park(); done = true; }
                    void task() { new Thread(() -> LockSupport.park(this)).start(); }
                }
                """)).as("the tick thread's park is its idle state (as a worker's take()); a park outside such a "
                        + "loop still waits forever if no one unparks it")
                .containsExactly("blocking-without-timeout@16:35", "blocking-without-timeout@17:48");
    }

    @Test
    void reportsMethodReferencesThatJoin() {
        assertThat(tester.positions("""
                import java.util.List;
                import java.util.concurrent.CompletableFuture;
                class C {
                    List<String> all(List<CompletableFuture<String>> futures) {
                        return futures.stream().map(CompletableFuture::join).toList();
                    }
                }
                """)).containsExactly("blocking-without-timeout@5:37");
    }

    @Test
    void ignoresLookalikesOnOtherTypesOptionalMapListStringAndUserClasses() {
        assertThat(tester.positions("""
                import java.util.*;
                import java.util.function.Supplier;
                class Pool { Object take() { return null; } void join() {} void put(Object o) {} }
                class C {
                    void go(Optional<String> o, Map<String, String> m, List<String> l, Pool pool, Supplier<String> s,
                            Deque<String> deque, Queue<String> q, Thread.Builder builder) {
                        o.get();
                        m.get("k");
                        l.get(0);
                        String.join(",", l);
                        pool.take();
                        pool.join();
                        pool.put("x");
                        s.get();
                        deque.takeFirst();
                        q.poll();
                        m.put("k", "v");
                    }
                }
                """)).isEmpty();
    }

    @Test
    void staysSilentWhereTheReceiverTypeCannotBeTold() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class C extends Base {
                    void go(Object o, Service service) throws Exception {
                        inheritedFuture.get();
                        service.lookup().get();
                        unknown().join();
                        ((Worker) o).join();
                        java.util.function.Function<Object, Object> f = Worker::join;
                    }
                }
                """)).isEmpty();
    }

    @Test
    void knowsTheTypesOfFieldsInheritedFromTheProjectsOwnClasses() {
        String base = """
                package app.base;
                import java.util.concurrent.*;
                public abstract class Service {
                    protected final CountDownLatch started = new CountDownLatch(1);
                    protected Future<String> pending;
                    protected final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
                    protected final Object lock = new Object();
                }
                """;
        String service = """
                package app;
                import app.base.Service;
                class Mailer extends Service {
                    String next;
                    void send() throws Exception {
                        started.await();
                        this.started.await();
                        next = pending.get();
                        inbox.put("sent");
                        synchronized (lock) { lock.notifyAll(); }
                    }
                    class Retry extends Thread {
                        public void run() {
                            try { started.await(); } catch (InterruptedException e) { interrupt(); }
                        }
                    }
                }
                class Sub extends Mailer {
                    void again() throws Exception { started.await(); super.started.await(); }
                }
                """;
        assertThat(tester.positions(base, service))
                .as("the inbox is created in another file: its capacity is unknown, so put() is not reported")
                .containsExactly("blocking-without-timeout@6:17", "blocking-without-timeout@7:22",
                        "blocking-without-timeout@8:24", "blocking-without-timeout@14:27",
                        "blocking-without-timeout@19:45", "blocking-without-timeout@19:68");
    }

    @Test
    void anInheritedFieldGivesWayToALocalAFieldOfTheClassAndAFieldOfAnInnerClassesOwnSuperclass() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Base { protected CountDownLatch latch = new CountDownLatch(1); }
                class Holder { protected Object latch = new Object(); }
                class Own extends Base {
                    private final Object latch = new Object();
                    void go() throws Exception { latch.wait(1000); }
                }
                class Shadow extends Base {
                    void go(Object latch) throws Exception { latch.wait(1000); }
                    void local() throws Exception { Object latch = new Object(); latch.wait(1000); }
                    class Inner extends Holder {
                        void go() throws Exception { synchronized (latch) { latch.wait(1000); } }
                    }
                    class Other {
                        void go() throws Exception { latch.await(); System.out.println(); }
                    }
                }
                """)).as("only Other, an inner class without a superclass, sees Shadow's inherited latch")
                .containsExactly("blocking-without-timeout@15:44");
    }

    @Test
    void ignoresTheJoinOfAThreadInterruptedJustBeforeOnEveryPath() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class C {
                    private final Thread worker = new Thread(() -> { });
                    private Thread poller;
                    private final Object log = new Object();
                    void local(Thread t) throws InterruptedException {
                        t.interrupt();
                        t.join();
                        System.out.println("stopped");
                    }
                    void field() throws InterruptedException {
                        this.worker.interrupt();
                        log.notifyAll();
                        try {
                            worker.join();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    void nonFinalField() throws InterruptedException {
                        poller.interrupt();
                        log.hashCode();
                        poller.join();
                    }
                    void notInterrupted(Thread t) throws InterruptedException {
                        t.join();
                        System.out.println("stopped");
                    }
                    void anotherThread(Thread t, Thread u) throws InterruptedException {
                        u.interrupt();
                        t.join();
                    }
                    void interruptInAnIf(Thread t, boolean stop) throws InterruptedException {
                        if (stop) {
                            t.interrupt();
                        }
                        t.join();
                    }
                    void mayReturnBetween(Thread t, boolean quick) throws InterruptedException {
                        t.interrupt();
                        if (quick) {
                            return;
                        }
                        t.join();
                    }
                    void reassigned(Thread t, Thread u) throws InterruptedException {
                        t.interrupt();
                        t = u;
                        t.join();
                    }
                    void restartedBetween() throws InterruptedException {
                        poller.interrupt();
                        restart();
                        poller.join();
                    }
                    void restart() { poller = new Thread(() -> { }); }
                    void afterTheJoin(Thread t) throws InterruptedException {
                        t.join();
                        t.interrupt();
                    }
                }
                """)).containsExactly("blocking-without-timeout@26:11", "blocking-without-timeout@31:11",
                "blocking-without-timeout@37:11", "blocking-without-timeout@44:11", "blocking-without-timeout@49:11",
                "blocking-without-timeout@54:16", "blocking-without-timeout@58:11");
    }

    @Test
    void ignoresAJoinInAPrivateHelperEveryCallOfWhichFollowsTheInterruptOfItsArgument() {
        String helper = """
                    private void tillDead(Thread thread) {
                        boolean dead = false;
                        do {
                            try {
                                thread.join();
                                dead = true;
                            } catch (InterruptedException e) {
                            }
                        } while (!dead);
                    }
                """;
        assertThat(tester.positions("""
                class C {
                    private Thread timer;
                    void stop(java.util.List<Thread> launchers) {
                        timer.interrupt();
                        tillDead(timer);
                        timer = null;
                        for (Thread launcher : launchers) {
                            launcher.interrupt();
                            tillDead(launcher);
                        }
                    }
                """ + helper + "}\n")).isEmpty();
        assertThat(tester.positions("""
                class C {
                    private Thread timer;
                    void stop(Thread other) {
                        timer.interrupt();
                        tillDead(timer);
                        tillDead(other);
                    }
                """ + helper + "}\n")).as("one call waits for a thread nobody interrupted")
                .containsExactly("blocking-without-timeout@12:24");
        assertThat(tester.positions("""
                class C {
                    private Thread timer;
                    void stop() {
                        timer.interrupt();
                        tillDead(timer);
                    }
                    Runnable later() { return () -> tillDead(timer); }
                """ + helper + "}\n")).as("a call as a lambda's expression is no statement after an interrupt")
                .containsExactly("blocking-without-timeout@12:24");
    }

    @Test
    void thisDotANameIsTheFieldNotALocalOrParameterOfTheSameName() {
        // an AtomicReference field holding a future, read into a local future of the same name: this.future.get()
        // is the reference's get(), which does not wait; the parameter's get() does, and this.worker is the field
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                import java.util.concurrent.atomic.AtomicReference;
                class C {
                    private final AtomicReference<CompletableFuture<String>> future =
                            new AtomicReference<>(new CompletableFuture<>());
                    private final Thread worker = new Thread(() -> { });
                    private final Future<String> pending = null;
                    void local() throws Exception {
                        CompletableFuture<String> future = this.future.get();
                        System.out.println(future.getNow("none"));
                    }
                    void parameter(Future<String> future) throws Exception {
                        System.out.println(future.get());
                        this.future.get();
                    }
                    void fieldThatWaits(AtomicReference<Future<String>> pending, Runnable worker) throws Exception {
                        this.pending.get();
                        this.worker.join();
                        pending.get();
                        new Object() {
                            final AtomicReference<Thread> worker = new AtomicReference<>();
                            void go() throws Exception { this.worker.get(); }
                        };
                    }
                }
                """)).containsExactly("blocking-without-timeout@13:35",
                "blocking-without-timeout@17:22", "blocking-without-timeout@18:21");
    }

    @Test
    void ignoresTimedWaits() {
        assertThat(tester.positions("""
                import java.time.Duration;
                import java.util.concurrent.*;
                class C {
                    void go(Future<String> f, Thread t, CountDownLatch latch, BlockingQueue<String> q, Semaphore s,
                            ExecutorService pool, java.util.List<Callable<String>> tasks) throws Exception {
                        f.get(1, TimeUnit.SECONDS);
                        t.join(1000);
                        t.join(Duration.ofSeconds(1));
                        latch.await(1, TimeUnit.SECONDS);
                        q.poll(1, TimeUnit.SECONDS);
                        q.offer("x", 1, TimeUnit.SECONDS);
                        s.tryAcquire(1, TimeUnit.SECONDS);
                        pool.invokeAll(tasks, 1, TimeUnit.SECONDS);
                        synchronized (this) { wait(100); }
                    }
                }
                """)).isEmpty();
    }

    @Test
    void ignoresCompletableFuturesBoundedByOrTimeoutOrCompleteOnTimeout() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class C {
                    private CompletableFuture<String> field = new CompletableFuture<String>().orTimeout(1, TimeUnit.SECONDS);
                    String go(CompletableFuture<String> a, CompletableFuture<String> b) throws Exception {
                        a.orTimeout(5, TimeUnit.SECONDS).thenApply(String::trim).join();
                        var bounded = b.completeOnTimeout("none", 5, TimeUnit.SECONDS);
                        bounded.get();
                        CompletableFuture<String> c = new CompletableFuture<>();
                        c.orTimeout(1, TimeUnit.SECONDS);
                        c.join();
                        return field.join();
                    }
                }
                """)).isEmpty();
    }

    @Test
    void ignoresFuturesKnownToBeCompleteWhereTheyAreRead() {
        assertThat(tester.positions("""
                import java.util.List;
                import java.util.concurrent.*;
                class C {
                    Object done(Future<String> f) throws Exception {
                        if (f.isDone()) {
                            return f.get();
                        }
                        return null;
                    }
                    CompletableFuture<List<String>> all(List<CompletableFuture<String>> futures) {
                        return CompletableFuture.allOf(futures.toArray(new CompletableFuture[0]))
                                .thenApply(v -> futures.stream().map(CompletableFuture::join).toList());
                    }
                    CompletableFuture<String> both(CompletableFuture<String> a, CompletableFuture<String> b) {
                        return CompletableFuture.allOf(a, b).thenApply(v -> a.join() + b.join());
                    }
                    List<String> after(List<CompletableFuture<String>> futures) {
                        CompletableFuture.allOf(futures.toArray(new CompletableFuture[0])).get(1, TimeUnit.SECONDS);
                        return futures.stream().map(CompletableFuture::join).toList();
                    }
                    void own(CompletableFuture<String> f) {
                        f.whenComplete((value, error) -> System.out.println(f.join()));
                    }
                }
                """)).isEmpty();
    }

    @Test
    void reportsALocalFutureThatHidesAFieldCheckedDone() {
        String source = """
                import java.util.concurrent.*;
                class C {
                    private Future<String> future;
                    String read(ExecutorService pool) throws Exception {
                        if (this.future.isDone()) {
                            Future<String> future = pool.submit(() -> "x");
                            return future.get();
                        }
                        return null;
                    }
                    String field() throws Exception {
                        if (future.isDone()) {
                            return this.future.get();
                        }
                        return null;
                    }
                    String local(ExecutorService pool) throws Exception {
                        Future<String> future = pool.submit(() -> "x");
                        if (future.isDone()) {
                            return future.get();
                        }
                        return this.future.get();
                    }
                }
                """;
        assertThat(tester.positions(source))
                .as("the local is another future than the field checked done; the field and the local each read "
                        + "where they were checked are complete, the field read after the local's check is not")
                .containsExactly("blocking-without-timeout@7:27", "blocking-without-timeout@22:28");
    }

    @Test
    void ignoresPutIntoQueuesWithoutACapacityLimit() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class C {
                    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
                    private final PriorityBlockingQueue<String> sorted;
                    C(PriorityBlockingQueue<String> sorted) { this.sorted = sorted; }
                    void go(String s) throws InterruptedException {
                        events.put(s);
                        sorted.put(s);
                        BlockingDeque<String> deque = new LinkedBlockingDeque<>();
                        deque.putLast(s);
                        BlockingQueue<String> huge = new LinkedBlockingQueue<>(Integer.MAX_VALUE);
                        huge.put(s);
                    }
                }
                """)).isEmpty();
    }

    @Test
    void reportsPutIntoABoundedQueue() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class C {
                    private final BlockingQueue<String> events = new LinkedBlockingQueue<>(100);
                    void go(String s) throws InterruptedException {
                        events.put(s);
                        System.out.println("queued " + s);
                    }
                }
                """)).containsExactly("blocking-without-timeout@5:16");
    }

    @Test
    void ignoresMethodsThatForwardTheSameUntimedWaitToTheirCallers() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Forwarding<V> implements Future<V> {
                    private final Future<V> delegate;
                    Forwarding(Future<V> delegate) { this.delegate = delegate; }
                    public V get() throws InterruptedException, ExecutionException { return delegate.get(); }
                    public V get(long t, TimeUnit u) throws Exception { return delegate.get(t, u); }
                    public boolean cancel(boolean b) { return delegate.cancel(b); }
                    public boolean isCancelled() { return delegate.isCancelled(); }
                    public boolean isDone() { return delegate.isDone(); }
                }
                class Latch {
                    private final CountDownLatch latch = new CountDownLatch(1);
                    void await() throws InterruptedException { latch.await(); }
                }
                """)).isEmpty();
    }

    @Test
    void ignoresASamePackageClassThatShadowsTheJdkName() {
        String shadow = """
                package app;
                class CountDownLatch { void await() {} }
                """;
        String user = """
                package app;
                class Use {
                    void go(CountDownLatch latch) { latch.await(); }
                }
                """;
        assertThat(tester.positions(shadow, user)).isEmpty();
    }

    @Test
    void reportsUserConfiguredBlockingMethodsLikeTheBuiltInOnes() {
        RuleTester configured = RuleTester.of(new BlockingWithoutTimeoutRule()).settings(new AnalysisSettings(
                List.of(), List.of(MethodPattern.parse("com.acme.Bus#await()", "blockingMethods"))));
        String source = """
                import com.acme.Bus;
                class C {
                    void go(Bus bus, Object other) {
                        bus.await();
                        bus.await(5);
                        other.await();
                        inherited.await();
                    }
                }
                class LocalBus extends Bus {
                    void await() { super.await(); }
                    void drain() { if (isOpen()) await(); }
                }
                """;
        assertThat(configured.positions(source)).containsExactly("blocking-without-timeout@4:13",
                "blocking-without-timeout@12:34");
        Finding finding = configured.findings(source).get(0);
        assertThat(finding.message()).isEqualTo("`bus.await()` is one of the configured blockingMethods "
                + "(com.acme.Bus#await()) and waits without a time limit");
        assertThat(finding.fix()).isEqualTo("Use a variant that takes a timeout, or bound the wait another way.");
        assertThat(tester.positions(source)).isEmpty();
    }

    @Test
    void ignoresACheckedIsDoneOnACastReceiverAndFuturesTakenFromACompletionService() {
        // found in hadoop-common ExecutorHelper (JDK-8071638 workaround) and the usual invokeAny pattern
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class C {
                    void afterExecute(Runnable r, Throwable t) throws Exception {
                        if (t == null && r instanceof Future<?> && ((Future<?>) r).isDone()) {
                            ((Future<?>) r).get();
                        }
                    }
                    Object first(ExecutorCompletionService<Object> service) throws Exception {
                        Future<Object> done = service.take();
                        done.get();
                        return service.take().get();
                    }
                }
                """)).as("only the untimed take() waits").containsExactly("blocking-without-timeout@9:39",
                "blocking-without-timeout@11:24");
    }

    @Test
    void judgesATypeOfTheFileByItsOwnImplementation() {
        // guava ImmediateFuture.get(timeout, unit) calls its own non-blocking get(); hadoop's ValueQueue puts into a
        // LinkedBlockingQueue subclass whose put() only calls super.put() on an unbounded queue
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                abstract class ImmediateFuture<V> implements Future<V> {
                    private V value;
                    public V get() { return value; }
                    public V get(long timeout, TimeUnit unit) { return get(); }
                }
                class Keys {
                    private final UniqueQueue queue = new UniqueQueue();
                    void add(Runnable r) throws InterruptedException { queue.put(r); }
                    private static class UniqueQueue extends LinkedBlockingQueue<Runnable> {
                        @Override public synchronized void put(Runnable e) throws InterruptedException { super.put(e); }
                    }
                }
                """)).isEmpty();
    }

    @Test
    void reportsACallOfTheFilesOwnImplementationWhenThatWaits() {
        // jetty FutureCallback.block() calls its own get(), which awaits a latch without a timeout; block() only
        // forwards that wait, so its caller is reported
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                abstract class Callback implements Future<Void> {
                    private final CountDownLatch latch = new CountDownLatch(1);
                    public Void get() throws InterruptedException { latch.await(); return null; }
                    void block() throws Exception { get(); }
                    void start() throws Exception { block(); System.out.println("started"); }
                }
                """)).containsExactly("blocking-without-timeout@6:37");
    }

    @Test
    void ignoresImplementationsAndHelpersWhoseContractIsTheUntimedWait() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Promise<T> implements Future<T> {
                    private final CountDownLatch latch = new CountDownLatch(1);
                    public T get() throws InterruptedException { latch.await(); return null; }
                    public static <V> V get(Future<V> future) throws Exception { return future.get(); }
                    public static <V> V getUninterruptibly(Future<V> future) throws ExecutionException {
                        while (true) {
                            try { return future.get(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                        }
                    }
                    public static void awaitUninterruptibly(CountDownLatch latch) throws InterruptedException {
                        latch.await();
                    }
                }
                """)).isEmpty();
    }

    @Test
    void ignoresAWorkerLoopWaitingForItsNextItemButNotOtherTakes() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Worker extends Thread {
                    private final BlockingQueue<Runnable> jobs = new ArrayBlockingQueue<>(10);
                    private volatile boolean running = true;
                    @Override public void run() {
                        try {
                            while (running) { jobs.take().run(); }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    void start(ExecutorService pool, BlockingQueue<String> q) {
                        pool.submit(() -> { for (;;) { System.out.println(q.take()); } });
                    }
                    Runnable next() throws InterruptedException { return jobs.take(); }
                    void drain() throws InterruptedException { while (running) { jobs.take().run(); } }
                }
                """)).as("next() only forwards take(), and no code calls it")
                .containsExactly("blocking-without-timeout@16:71");
    }

    @Test
    void ignoresJoinsInsideAContinuationOfAnotherFutureTypesAllOf() {
        // kafka-clients: KafkaFuture.allOf(..).thenApply(..) reads the combined futures
        String kafkaFuture = """
                package org.apache.kafka.common;
                public abstract class KafkaFuture<T> implements java.util.concurrent.Future<T> {
                    public static KafkaFuture<Void> allOf(KafkaFuture<?>... futures) { return null; }
                }
                """;
        String user = """
                import java.util.List;
                import org.apache.kafka.common.KafkaFuture;
                class Result {
                    Object all(List<KafkaFuture<String>> futures) {
                        return KafkaFuture.allOf(futures.toArray(new KafkaFuture[0])).thenApply(v -> {
                            for (KafkaFuture<String> f : futures) { try { f.get(); } catch (Exception e) { } }
                            return null;
                        });
                    }
                    // DeleteAclsResult.all(): the futures are read by a private method called only in the continuation
                    Object bindings(List<KafkaFuture<String>> futures) {
                        return KafkaFuture.allOf(futures.toArray(new KafkaFuture[0])).thenApply(v -> collect(futures));
                    }
                    private Object collect(List<KafkaFuture<String>> futures) {
                        for (KafkaFuture<String> f : futures) { try { f.get(); } catch (Exception e) { } }
                        return null;
                    }
                    private Object elsewhere(KafkaFuture<String> f) throws Exception { return f.get(); }
                    Object caller(KafkaFuture<String> f) throws Exception { Object value = elsewhere(f); return value; }
                }
                """;
        assertThat(tester.positions(kafkaFuture, user)).as("elsewhere(..) only forwards its get()")
                .containsExactly("blocking-without-timeout@19:76");
    }

    @Test
    void reportsInvokeAllOnceAndNotTheGetOfTheFuturesItReturns() {
        assertThat(tester.positions("""
                import java.util.*;
                import java.util.concurrent.*;
                class Batch {
                    List<String> all(ExecutorService pool, List<Callable<String>> tasks) throws Exception {
                        List<String> results = new ArrayList<>();
                        for (Future<String> done : pool.invokeAll(tasks)) {
                            results.add(done.get());
                        }
                        List<Future<String>> futures = pool.invokeAll(tasks, 1, TimeUnit.MINUTES);
                        for (int i = 0; i < futures.size(); i++) {
                            Future<String> future = futures.get(i);
                            results.add(future.get());
                            results.add(futures.get(i).get());
                        }
                        List<Future<String>> submitted = new ArrayList<>();
                        for (Callable<String> task : tasks) {
                            submitted.add(pool.submit(task));
                        }
                        for (Future<String> pending : submitted) {
                            results.add(pending.get());
                        }
                        return results;
                    }
                }
                """)).containsExactly("blocking-without-timeout@6:41", "blocking-without-timeout@20:33");
    }

    @Test
    void ignoresWaitsInPrivateHelpersOfABlockingPrimitivesOwnImplementation() {
        assertThat(tester.positions("""
                import java.util.*;
                import java.util.concurrent.*;
                import java.util.concurrent.locks.*;
                abstract class BatchQueue<E> extends AbstractQueue<E> implements BlockingQueue<E> {
                    private final Lock lock = new ReentrantLock();
                    private final Condition notEmpty = lock.newCondition();
                    private final Deque<E> items = new ArrayDeque<>();
                    @Override
                    public E take() throws InterruptedException {
                        return takeAll().get(0);
                    }
                    private List<E> takeAll() throws InterruptedException {
                        awaitItems();
                        return new ArrayList<>(items);
                    }
                    private void awaitItems() throws InterruptedException {
                        while (items.isEmpty()) {
                            notEmpty.await();
                        }
                    }
                    public List<E> drainSome() throws InterruptedException {
                        notEmpty.await();
                        return new ArrayList<>(items);
                    }
                }
                class Lazy implements ForkJoinPool.ManagedBlocker {
                    private volatile Object value;
                    @Override
                    public boolean block() throws InterruptedException {
                        return waitForValue();
                    }
                    private synchronized boolean waitForValue() throws InterruptedException {
                        while (value == null) {
                            wait();
                        }
                        return true;
                    }
                    @Override
                    public boolean isReleasable() {
                        return value != null;
                    }
                    synchronized void reset() throws InterruptedException {
                        helper();
                        value = null;
                    }
                    private void helper() throws InterruptedException {
                        wait();
                    }
                }
                """)).as("reset() is no blocking method: its call of helper(), which only forwards wait(), is reported")
                .containsExactly("blocking-without-timeout@22:18", "blocking-without-timeout@43:9");
    }

    @Test
    void ignoresTheIdleTakeOfAWorkerReachedThroughAPrivateHelperButNotOneCalledFromElsewhere() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class EditLog implements Runnable {
                    private final BlockingQueue<String> pending = new ArrayBlockingQueue<>(16);
                    private volatile boolean running = true;
                    @Override
                    public void run() {
                        while (running) {
                            write(next());
                        }
                    }
                    private String next() throws InterruptedException {
                        return pending.take();
                    }
                    private void drainLoop() throws InterruptedException {
                        while (running) {
                            write(pending.take());
                        }
                    }
                    void start(ExecutorService executor) {
                        executor.execute(() -> {
                            try { drainLoop(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                        });
                    }
                    private String peekBlocking() throws InterruptedException {
                        return pending.take();
                    }
                    String first() throws InterruptedException {
                        String first = peekBlocking();
                        return first.trim();
                    }
                    void write(String edit) { }
                }
                """)).as("peekBlocking() only forwards take(): its caller outside the worker loop is reported")
                .containsExactly("blocking-without-timeout@28:24");
    }

    @Test
    void ignoresTheGetOfAFutureCheckedToHaveFailed() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Failures {
                    static Throwable cause(CompletableFuture<?> future) throws InterruptedException {
                        if (!future.isCompletedExceptionally()) {
                            throw new IllegalArgumentException("not failed");
                        }
                        try {
                            future.get();
                            return null;
                        } catch (ExecutionException e) {
                            return e.getCause();
                        }
                    }
                }
                """)).isEmpty();
    }

    @Test
    void ignoresAGuardedWaitOnTheClassesOwnStateThatEveryWriterSignals() {
        assertThat(tester.positions("""
                import java.util.concurrent.locks.*;
                abstract class Scanner extends Thread {
                    private final ReentrantLock pauseLock = new ReentrantLock();
                    private final Condition resumed = pauseLock.newCondition();
                    private boolean paused;
                    private volatile boolean running = true;
                    void setPaused(boolean paused) {
                        pauseLock.lock();
                        try {
                            this.paused = paused;
                            if (!this.paused) {
                                resumed.signalAll();
                            }
                        } finally {
                            pauseLock.unlock();
                        }
                    }
                    void stopScan() {
                        setPaused(false);
                        running = false;
                    }
                    protected void checkPausedAndWait() {
                        pauseLock.lock();
                        try {
                            while (paused) {
                                resumed.awaitUninterruptibly();
                                resumed.await();
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            pauseLock.unlock();
                        }
                    }
                    @Override public void run() {
                        while (running) {
                            checkPausedAndWait();
                            scanNext();
                        }
                    }
                    abstract void scanNext();
                }
                class Dispatcher {
                    private int pending;
                    private boolean closed;
                    Dispatcher() {
                        pending = 0;
                    }
                    synchronized void submit() {
                        pending++;
                        notifyAll();
                    }
                    synchronized void close() {
                        closed = true;
                        this.notifyAll();
                    }
                    synchronized void next() throws InterruptedException {
                        while (pending == 0 && !closed) {
                            wait();
                        }
                        if (!closed) {
                            pending--;
                            notifyAll();
                        }
                    }
                }
                """)).isEmpty();
    }

    @Test
    void ignoresAWorkersIdleWaitOnItsEmptyQueueThatEveryAddNotifiesAlsoThroughAPrivateHelper() {
        assertThat(tester.positions("""
                import java.util.*;
                import java.util.concurrent.locks.*;
                class Relay {
                    private final ArrayDeque<Runnable> jobs = new ArrayDeque<>();
                    private boolean closed;
                    private long idleMillis;
                    Relay() {
                        jobs.add(() -> { });
                    }
                    synchronized void enqueue(Runnable job) {
                        jobs.add(job);
                        notifyAll();
                    }
                    synchronized void close() {
                        closed = true;
                        notifyAll();
                    }
                    private void idle(long millis) {
                        try {
                            if (millis == 0) {
                                wait();
                            } else {
                                wait(millis);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    class Pump implements Runnable {
                        public void run() {
                            while (true) {
                                Runnable job;
                                synchronized (Relay.this) {
                                    while (jobs.size() == 0) {
                                        if (closed) {
                                            return;
                                        }
                                        idle(idleMillis);
                                    }
                                    job = jobs.poll();
                                }
                                job.run();
                            }
                        }
                    }
                }
                class Spooler extends Thread {
                    private final List<String> lines = new ArrayList<>();
                    private final ReentrantLock lock = new ReentrantLock();
                    private final Condition filled = lock.newCondition();
                    private volatile boolean running = true;
                    void print(String line) {
                        lock.lock();
                        try {
                            lines.add(line);
                            filled.signal();
                        } finally {
                            lock.unlock();
                        }
                    }
                    @Override public void run() {
                        while (running) {
                            String line;
                            lock.lock();
                            try {
                                while (lines.isEmpty()) {
                                    filled.await();
                                }
                                line = lines.remove(0);
                            } catch (InterruptedException e) {
                                return;
                            } finally {
                                lock.unlock();
                            }
                            System.out.println(line);
                        }
                    }
                }
                """)).isEmpty();
    }

    @Test
    void reportsAnEmptyQueueWaitThatAnAddLeavesUnnotifiedOrThatIsNoWorkersIdleTime() {
        assertThat(tester.positions("""
                import java.util.*;
                class Inbox {
                    private final ArrayDeque<String> mail = new ArrayDeque<>();
                    private final ArrayDeque<String> replies = new ArrayDeque<>();
                    private final ArrayDeque<String> notes = new ArrayDeque<>();
                    synchronized void deliver(String letter) {
                        mail.add(letter);
                        notifyAll();
                    }
                    synchronized void deliverQuietly(String letter) {
                        mail.offer(letter);
                    }
                    synchronized void reply(String letter) {
                        replies.add(letter);
                        notifyAll();
                    }
                    synchronized void note(String text) {
                        notes.add(text);
                        notifyAll();
                    }
                    synchronized String awaitReply() throws InterruptedException {
                        while (replies.isEmpty()) {
                            wait();
                        }
                        return replies.poll();
                    }
                    void idle() throws InterruptedException {
                        wait();
                    }
                    private void sleepUntilMail() throws InterruptedException {
                        wait();
                    }
                    private void sleepUntilReply() throws InterruptedException {
                        wait();
                    }
                    class Sorter implements Runnable {
                        public void run() {
                            try {
                                while (true) {
                                    synchronized (Inbox.this) {
                                        while (mail.isEmpty()) {
                                            sleepUntilMail();
                                        }
                                        mail.poll();
                                    }
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                    class FirstReply implements Runnable {
                        public void run() {
                            try {
                                synchronized (Inbox.this) {
                                    while (replies.size() == 0) {
                                        sleepUntilReply();
                                    }
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                    class Reader implements Runnable {
                        public void run() {
                            try {
                                while (true) {
                                    synchronized (Inbox.this) {
                                        while (notes.isEmpty()) {
                                            idle();
                                        }
                                        notes.poll();
                                    }
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                }
                class Ticker {
                    private final ArrayDeque<Long> ticks = new ArrayDeque<>();
                    synchronized void tick(long at) {
                        ticks.add(at);
                        notifyAll();
                    }
                    private void rest() {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    void restLater(java.util.concurrent.Executor executor) {
                        executor.execute(this::rest);
                    }
                    class Counter implements Runnable {
                        public void run() {
                            while (true) {
                                synchronized (Ticker.this) {
                                    while (ticks.isEmpty()) {
                                        rest();
                                    }
                                    ticks.poll();
                                }
                            }
                        }
                    }
                }
                """)).as("an add without notifyAll, a caller's own wait outside a thread, a task's one wait for a"
                        + " first item, a helper the worker's loop does not alone call (waits in helpers reported at"
                        + " their calls), and one also run through a method reference")
                .containsExactly("blocking-without-timeout@23:13", "blocking-without-timeout@42:29",
                        "blocking-without-timeout@57:25", "blocking-without-timeout@71:29",
                        "blocking-without-timeout@90:13");
    }

    @Test
    void reportsAGuardedWaitThatAWriterLeavesUnsignalledOrThatIsNotGuardedByPrivateState() {
        assertThat(tester.positions("""
                import java.util.concurrent.locks.*;
                class Gate {
                    private final ReentrantLock lock = new ReentrantLock();
                    private final Condition opened = lock.newCondition();
                    private final Condition other = lock.newCondition();
                    private final Object monitor = new Object();
                    private boolean shut = true;
                    private boolean held = true;
                    private boolean latched = true;
                    boolean blocked = true;
                    void open() {
                        lock.lock();
                        try { shut = false; opened.signalAll(); } finally { lock.unlock(); }
                    }
                    void reset() {
                        shut = false;
                    }
                    void release() {
                        lock.lock();
                        try { held = false; latched = false; opened.signalAll(); } finally { lock.unlock(); }
                    }
                    void copy(Gate gate) {
                        gate.held = false;
                    }
                    void unlatch() {
                        lock.lock();
                        try { other.signalAll(); latched = false; } finally { lock.unlock(); }
                    }
                    void unblock() {
                        synchronized (monitor) { blocked = false; monitor.notifyAll(); }
                    }
                    void awaitOpen() throws InterruptedException {
                        lock.lock();
                        try {
                            while (shut) opened.await();
                            while (held) opened.await();
                            while (latched) other.await();
                            if (shut) opened.await();
                            while (isShut()) opened.await();
                        } finally {
                            lock.unlock();
                        }
                        synchronized (monitor) {
                            while (blocked) monitor.wait();
                        }
                    }
                    boolean isShut() { return shut; }
                }
                """)).containsExactly("blocking-without-timeout@35:33", "blocking-without-timeout@36:33",
                "blocking-without-timeout@37:35", "blocking-without-timeout@38:30", "blocking-without-timeout@39:37",
                "blocking-without-timeout@44:37");
    }
}
