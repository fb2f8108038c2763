package dev.threadguard.rules;

import dev.threadguard.api.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * blocking-without-timeout through the project's own methods: a method that only forwards an untimed wait is a wait
 * for its callers, in the same file and across files, to a fixed point; the finding is at the outermost caller.
 */
class BlockingWrappersTest {

    private final RuleTester tester = RuleTester.of(new BlockingWithoutTimeoutRule());

    private static final String GATE = """
            package app.sync;
            import java.util.concurrent.CountDownLatch;
            public class Gate {
                private final CountDownLatch opened = new CountDownLatch(1);
                public void open() { opened.countDown(); }
                public void await() throws InterruptedException {
                    opened.await();
                }
            }
            """;

    @Test
    void reportsTheCallerOfAMethodThatForwardsAWaitInAnotherFileAndNotTheForwarder() {
        String starter = """
                package app;
                import app.sync.Gate;
                class Starter {
                    private final Gate ready = new Gate();
                    private boolean started;
                    void start() throws InterruptedException {
                        ready.await();
                        started = true;
                    }
                }
                """;
        List<Finding> findings = tester.findings(GATE, starter);
        assertThat(findings).extracting(finding -> finding.file().toString() + "@" + finding.line() + ":"
                + finding.column()).containsExactly("Source1.java@7:15");
        assertThat(findings.get(0).message()).isEqualTo("`ready.await()` calls Gate.await(), which waits on "
                + "CountDownLatch.await() without a timeout (Source0.java:7)");
        assertThat(tester.positions(GATE, starter.replace("        started = true;\n", "")))
                .as("a method whose whole body is the call forwards the wait to its own callers: here, none")
                .isEmpty();
        assertThat(findings.get(0).fix()).contains("Gate.await()", "`await(timeout, unit)`");
    }

    @Test
    void aWrapperWithoutCallersIsAnApiAndStaysSilent() {
        assertThat(tester.positions(GATE)).isEmpty();
    }

    @Test
    void followsWrappersOfWrappersToTheOutermostCallerAndNamesTheMethodThatWaits() {
        String client = """
                package app.client;
                import java.util.concurrent.CompletableFuture;
                public class Client {
                    public CompletableFuture<String> getAsync(String key) { return CompletableFuture.completedFuture(key); }
                    public String get(String key) {
                        return getAsync(key).join();
                    }
                }
                """;
        String facade = """
                package app;
                import app.client.Client;
                class Facade {
                    private final Client client = new Client();
                    String get(String key) { return client.get(key); }
                    String name() { return get("name"); }
                }
                class Page {
                    String render(Facade facade) { return "<h1>" + facade.name() + "</h1>"; }
                }
                """;
        List<Finding> findings = tester.findings(client, facade);
        assertThat(findings).extracting(finding -> finding.file() + "@" + finding.line() + ":" + finding.column())
                .as("name() only forwards get(..), which forwards Client.get(..): its caller decides")
                .containsExactly("Source1.java@9:59");
        assertThat(findings.get(0).message()).isEqualTo("`facade.name()` calls Facade.name(), which waits on "
                + "CompletableFuture.join() without a timeout (Source0.java:6, through Client.get(..))");
    }

    @Test
    void reportsEveryCallerInTheSameFileOfAWrapperOfABlockingQueue() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Mailbox {
                    private final BlockingQueue<String> messages = new ArrayBlockingQueue<>(16);
                    String take() throws InterruptedException { return messages.take(); }
                    void post(String message) throws InterruptedException { messages.put(message); }
                    void handleOne() throws InterruptedException { System.out.println(take()); }
                    void greet() throws InterruptedException { post("hello"); post("again"); }
                }
                """)).containsExactly("blocking-without-timeout@6:71", "blocking-without-timeout@7:48",
                "blocking-without-timeout@7:63");
    }

    @Test
    void theSynchronousApiOfAnAsynchronousOneIsAWrapperAlsoWhenItOnlyRethrows() {
        String api = """
                package app.store;
                import java.util.concurrent.*;
                public class Store {
                    public CompletableFuture<String> readAsync(String key) { return CompletableFuture.completedFuture(key); }
                    public String read(String key) throws StoreException {
                        try {
                            return readAsync(key).get();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new StoreException(e);
                        } catch (ExecutionException e) {
                            throw new StoreException(e.getCause());
                        }
                    }
                    public String readOrNull(String key) {
                        try {
                            return readAsync(key).get();
                        } catch (Exception e) {
                            return null;
                        }
                    }
                    public void close() { readAsync("bye").join(); }
                }
                """;
        String exception = """
                package app.store;
                public class StoreException extends Exception {
                    public StoreException(Throwable cause) { super(cause); }
                }
                """;
        assertThat(tester.positions(api, exception)).as("readOrNull(..) does more than forward: its catch decides")
                .containsExactly("blocking-without-timeout@17:35");
        String user = """
                package app;
                import app.store.Store;
                class Shutdown {
                    void run(Store store) { store.close(); System.out.println("closed"); }
                }
                """;
        assertThat(tester.positions(api, exception, user)).containsExactly("blocking-without-timeout@17:35",
                "blocking-without-timeout@4:35");
    }

    @Test
    void theBodyOfATaskOrMainIsNoWrapperAndAWaitThereIsReportedWhereItIs() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Jobs {
                    static final CountDownLatch DONE = new CountDownLatch(1);
                    static final CompletableFuture<String> RESULT = new CompletableFuture<>();
                    public static void main(String[] args) throws InterruptedException { DONE.await(); }
                    static class Waiter implements Runnable {
                        public void run() { RESULT.join(); }
                    }
                    static class Result implements Callable<Object> {
                        public Object call() throws Exception { return CompletableFuture.supplyAsync(() -> "x").join(); }
                    }
                    void later(ExecutorService pool) { pool.submit(this::awaitDone); }
                    private Object awaitDone() throws InterruptedException { DONE.await(); return null; }
                    @Scheduled void poll() { RESULT.join(); }
                }
                """)).containsExactly("blocking-without-timeout@5:79", "blocking-without-timeout@7:36",
                "blocking-without-timeout@10:97", "blocking-without-timeout@13:67", "blocking-without-timeout@14:37");
    }

    @Test
    void aCallbackOfALibraryIsNoWrapperButAnImplementationOfAProjectInterfaceIs() {
        String source = """
                package app;
                import java.util.concurrent.*;
                import java.util.function.Supplier;
                interface Lookup { String find(String key); }
                class Remote implements Lookup {
                    private CompletableFuture<String> ask(String key) { return CompletableFuture.completedFuture(key); }
                    @Override public String find(String key) { return ask(key).join(); }
                }
                class Cached implements Supplier<String> {
                    private final CompletableFuture<String> value = new CompletableFuture<>();
                    @Override public String get() { return value.join(); }
                }
                class Service {
                    String greet(Lookup lookup) { return "hello " + lookup.find("name"); }
                }
                """;
        assertThat(tester.positions(source)).as("Supplier.get() is called by code not in the sources; "
                        + "Lookup.find(..) has one implementation, which waits")
                .containsExactly("blocking-without-timeout@11:50", "blocking-without-timeout@14:60");
        String local = """
                package app;
                class Local implements Lookup { public String find(String key) { return key; } }
                """;
        assertThat(tester.positions(source, local)).as("another implementation of Lookup does not wait")
                .containsExactly("blocking-without-timeout@11:50");
    }

    @Test
    void followsUnqualifiedThisAndSuperCallsAndStopsAtAnOverrideThatDoesNotWait() {
        String source = """
                package app;
                import app.sync.Gate;
                class Door extends Gate {
                    void enter() throws InterruptedException { await(); System.out.println("in"); }
                    void again() throws InterruptedException { this.await(); System.out.println("in"); }
                }
                class FakeGate extends Gate {
                    @Override public void await() { }
                    void pass() throws InterruptedException { await(); super.await(); }
                }
                class Visitor {
                    void visit(FakeGate fake, Gate real) throws InterruptedException { fake.await(); real.await(); }
                }
                """;
        assertThat(tester.positions(GATE, source)).containsExactly("blocking-without-timeout@4:48",
                "blocking-without-timeout@5:53", "blocking-without-timeout@9:62", "blocking-without-timeout@12:91");
    }

    @Test
    void aWorkerLoopWaitingForItsNextItemThroughAWrapperIsItsIdleState() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Worker extends Thread {
                    private final BlockingQueue<Runnable> jobs = new ArrayBlockingQueue<>(64);
                    private volatile boolean running = true;
                    Runnable next() throws InterruptedException { return jobs.take(); }
                    @Override public void run() {
                        try {
                            while (running) { next().run(); }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    void drainOne() throws InterruptedException { next().run(); }
                }
                """)).containsExactly("blocking-without-timeout@13:51");
    }

    @Test
    void aSuppressedWaitInsideAWrapperIsNotPassedOnToItsCallers() {
        String gate = """
                package app.sync;
                import java.util.concurrent.CountDownLatch;
                public class Gate {
                    private final CountDownLatch opened = new CountDownLatch(1);
                    @SuppressWarnings("threadguard:blocking-without-timeout") // opened right after start
                    public void await() throws InterruptedException { opened.await(); }
                }
                """;
        String user = """
                package app;
                class User {
                    void go(app.sync.Gate gate) throws InterruptedException { gate.await(); }
                }
                """;
        assertThat(tester.positions(gate, user)).isEmpty();
    }

    @Test
    void reportsWrapperCallsInLambdasMethodReferencesAndStaticHelpers() {
        String futures = """
                package app.util;
                import java.util.concurrent.*;
                public final class Futures {
                    public static <T> T join(CompletableFuture<T> future) { return future.join(); }
                    public static <T> T getUninterruptibly(Future<T> future) throws ExecutionException {
                        while (true) {
                            try { return future.get(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                        }
                    }
                }
                """;
        String user = """
                package app;
                import static app.util.Futures.join;
                import app.util.Futures;
                import app.sync.Gate;
                import java.util.concurrent.*;
                class User {
                    String one(CompletableFuture<String> f) { String value = join(f); return value; }
                    String two(Future<String> f) throws ExecutionException { return "" + Futures.getUninterruptibly(f); }
                    void three(ExecutorService pool, Gate gate) {
                        pool.submit(() -> { gate.await(); return null; });
                        pool.submit(gate::await);
                    }
                }
                """;
        assertThat(tester.positions(GATE, futures, user)).containsExactly("blocking-without-timeout@7:62",
                "blocking-without-timeout@8:82", "blocking-without-timeout@10:34", "blocking-without-timeout@11:21");
    }

    @Test
    void aCompleteFutureAMethodWithATimeLimitAndTheImplementationOfAFuturesGetPassNoWaitOn() {
        String futures = """
                package app.util;
                import java.util.concurrent.*;
                public final class Futures {
                    public static <T> T getUninterruptibly(Future<T> future) throws ExecutionException {
                        while (true) {
                            try { return future.get(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                        }
                    }
                    public static void pause(Object lock, long timeout, TimeUnit unit) throws InterruptedException {
                        if (timeout < 0) { lock.wait(); } else { unit.timedWait(lock, timeout); }
                    }
                }
                """;
        String user = """
                package app;
                import app.util.Futures;
                import java.util.concurrent.*;
                class Done {
                    Object done(Future<Object> f) throws Exception {
                        if (f.isDone()) { return Futures.getUninterruptibly(f); }
                        return null;
                    }
                    Object pending(Future<Object> f) throws Exception { Object v = Futures.getUninterruptibly(f); return v; }
                    synchronized void rest() throws InterruptedException { Futures.pause(this, -1, TimeUnit.SECONDS); notify(); }
                }
                abstract class Result implements Future<String> {
                    private final app.sync.Gate gate = new app.sync.Gate();
                    public String get() throws InterruptedException { gate.await(); return "done"; }
                }
                """;
        assertThat(tester.positions(GATE, futures, user))
                .as("the wait in pause(..) is judged where it is; only the pending future is waited for through a "
                        + "wrapper; Result.get() is a Future's get(), whose callers are judged as waiting on a Future")
                .containsExactly("blocking-without-timeout@10:33", "blocking-without-timeout@9:76");
    }

    @Test
    void aWaitInOneOfOverloadsThatCallsCannotTellApartIsReportedWhereItIs() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Registry {
                    private final CompletableFuture<String> names = new CompletableFuture<>();
                    String lookup(String key) { return names.join(); }
                    String lookup(Integer id) { return String.valueOf(id); }
                    String peek() { return lookup("x"); }
                }
                """)).containsExactly("blocking-without-timeout@4:46");
    }

    @Test
    void overloadsThatCallsCannotTellApartAndThatAllWaitAreNamedWithEveryLineTheyWaitAt() {
        String reader = """
                package app.xml;
                import java.util.concurrent.*;
                public class Reader {
                    private final Future<String> pending = new FutureTask<>(() -> "in");
                    private final CompletableFuture<String> parsed = new CompletableFuture<>();
                    public String read(java.io.InputStream in) throws Exception {
                        return pending.get();
                    }
                    public String read(java.io.Reader in) {
                        return parsed.join();
                    }
                }
                """;
        String user = """
                package app;
                class Config {
                    private final app.xml.Reader reader = new app.xml.Reader();
                    String name;
                    void load(java.io.Reader in) throws Exception { name = reader.read(in); }
                }
                """;
        List<Finding> findings = tester.findings(reader, user);
        assertThat(findings).extracting(finding -> finding.file() + "@" + finding.line())
                .containsExactly("Source1.java@5");
        assertThat(findings.get(0).message())
                .as("the call may be to either overload: both places are named, not only the first declared")
                .isEqualTo("`reader.read(in)` calls Reader.read(..), which waits on Future.get() or "
                        + "CompletableFuture.join() without a timeout (Source0.java:7, Source0.java:10)");
    }

    @Test
    void theUntimedTwinOfATimedOverloadPassesItsWaitsToItsCallers() {
        String condVar = """
                package app.sync;
                import java.util.concurrent.TimeUnit;
                import java.util.concurrent.locks.*;
                public class CondVar {
                    private final Lock lock = new ReentrantLock();
                    private final Condition changed = lock.newCondition();
                    private boolean met;
                    public void waitFor(String what) throws InterruptedException {
                        lock.lock();
                        try {
                            while (!met) changed.await();
                        } finally { lock.unlock(); }
                    }
                    public boolean waitFor(String what, long timeout, TimeUnit unit) throws InterruptedException {
                        lock.lock();
                        try {
                            long nanos = unit.toNanos(timeout);
                            while (!met) { if (nanos <= 0) return false; nanos = changed.awaitNanos(nanos); }
                            return true;
                        } finally { lock.unlock(); }
                    }
                    public void drain(Object lock2) throws InterruptedException {
                        synchronized (lock2) { while (!met) lock2.wait(); }
                    }
                }
                """;
        assertThat(tester.positions(condVar))
                .as("an API offering both variants: its untimed one waits by contract; drain(..) has no timed twin")
                .containsExactly("blocking-without-timeout@23:51");
        String user = """
                package app;
                class Starter {
                    private final app.sync.CondVar ready = new app.sync.CondVar();
                    boolean started;
                    void start() throws InterruptedException { ready.waitFor("ready"); started = true; }
                }
                """;
        List<Finding> findings = tester.findings(condVar, user);
        assertThat(findings).extracting(finding -> finding.file() + "@" + finding.line())
                .containsExactly("Source0.java@23", "Source1.java@5");
        assertThat(findings.get(1).message()).as("the caller chose the untimed variant: it is told where it waits")
                .isEqualTo("`ready.waitFor(..)` calls CondVar.waitFor(..), which waits on Condition.await() "
                        + "without a timeout (Source0.java:11)");
    }

    @Test
    void aWaitIsPassedOnAcrossAChainOfFilesThatEachOnlyForward() {
        String pool = """
                package app.a;
                public class Pool {
                    private final java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(4);
                    public void acquire() throws InterruptedException { permits.acquire(); }
                }
                """;
        String lease = """
                package app.b;
                public class Lease {
                    private final app.a.Pool pool = new app.a.Pool();
                    public void open() throws InterruptedException { pool.acquire(); }
                }
                """;
        String session = """
                package app.c;
                public class Session {
                    private final app.b.Lease lease = new app.b.Lease();
                    public void begin() throws InterruptedException { lease.open(); }
                }
                """;
        String handler = """
                package app;
                class Handler {
                    private final app.c.Session session = new app.c.Session();
                    boolean open;
                    void handle() throws InterruptedException { session.begin(); open = true; }
                }
                """;
        List<Finding> findings = tester.findings(pool, lease, session, handler);
        assertThat(findings).extracting(finding -> finding.file() + "@" + finding.line() + ":" + finding.column())
                .as("Lease and Session name no type of the JDK that waits: only the waits they forward bring them "
                        + "in, one level per pass")
                .containsExactly("Source3.java@5:57");
        assertThat(findings.get(0).message()).isEqualTo("`session.begin()` calls Session.begin(), which waits on "
                + "Semaphore.acquire() without a timeout (Source0.java:4, through Pool.acquire())");
    }

    @Test
    void methodsThatForwardToEachOtherWaitOnlyWhenOneOfThemReallyWaits() {
        String source = """
                import java.util.concurrent.*;
                class Left {
                    Right right;
                    void await() throws InterruptedException { right.await(); }
                }
                class Right {
                    Left left;
                    void await() throws InterruptedException { left.await(); }
                }
                class Ring {
                    void ring() throws InterruptedException { ring(); }
                    void go(Left left) throws InterruptedException { left.await(); ring(); System.out.println(); }
                }
                """;
        assertThat(tester.positions(source)).as("a cycle of forwarders without a wait waits for nothing").isEmpty();
        String waiting = source.replace("void await() throws InterruptedException { left.await(); }",
                "final CountDownLatch latch = new CountDownLatch(1);\n"
                        + "    void await() throws InterruptedException { if (left != null) left.await(); else latch.await(); }");
        assertThat(tester.positions(waiting)).containsExactly("blocking-without-timeout@13:59");
    }

    @Test
    void aFutureThatCannotWaitPassedToAWrapperIsNotReported() {
        String futures = """
                package app.util;
                import java.util.concurrent.*;
                public final class Futures {
                    public static <T> T getUnchecked(Future<T> future) {
                        try {
                            return future.get();
                        } catch (InterruptedException | ExecutionException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
                """;
        String user = """
                package app;
                import app.util.Futures;
                import java.util.*;
                import java.util.concurrent.*;
                class Batch {
                    List<String> all(ExecutorService pool, List<Callable<String>> tasks) throws InterruptedException {
                        List<String> results = new ArrayList<>();
                        for (Future<String> done : pool.invokeAll(tasks, 1, TimeUnit.MINUTES)) {
                            results.add(Futures.getUnchecked(done));
                        }
                        CompletableFuture<String> bounded = CompletableFuture.supplyAsync(() -> "x")
                                .orTimeout(1, TimeUnit.SECONDS);
                        results.add(Futures.getUnchecked(bounded));
                        results.add(Futures.getUnchecked(pool.submit(() -> "y")));
                        return results;
                    }
                }
                """;
        assertThat(tester.positions(futures, user)).as("only the submitted future may never complete")
                .containsExactly("blocking-without-timeout@14:29");
    }

    @Test
    void anAnnotationThatOnlyDescribesTheMethodLeavesItAWrapper() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Holder {
                    private final CompletableFuture<String> value = new CompletableFuture<>();
                    @VisibleForTesting @Nullable String peek() { return value.join(); }
                    @GET String served() { return value.join(); }
                    String twice() { String first = peek(); return first + peek(); }
                }
                """)).as("@GET is a framework's entry point, which no code of the project calls")
                .containsExactly("blocking-without-timeout@5:41", "blocking-without-timeout@6:37",
                        "blocking-without-timeout@6:60");
    }

    @Test
    void aWrapperThatReturnsAnAccessorOfTheWaitsResultForwardsItToItsCallers() {
        String reader = """
                package app.xml;
                import java.util.Optional;
                import java.util.concurrent.CompletableFuture;
                public class Reader {
                    public static class Document { public String getRoot() { return "root"; } }
                    public CompletableFuture<Document> readAsync(String text) {
                        return CompletableFuture.completedFuture(new Document());
                    }
                    public String rootOf(String text) {
                        return readAsync(text).join().getRoot();
                    }
                    public Document orNone(CompletableFuture<Optional<Document>> pending) {
                        return pending.join().orElse(null);
                    }
                    public String trimmedRoot(String text) {
                        return readAsync(text).join().getRoot().trim();
                    }
                }
                """;
        assertThat(tester.positions(reader)).as("wrappers without callers are an API; trim() is work of its own")
                .containsExactly("blocking-without-timeout@16:32");
        String user = """
                package app;
                import app.xml.Reader;
                class Loader {
                    String load(Reader reader) { return "[" + reader.rootOf("<a/>") + "]"; }
                }
                """;
        assertThat(tester.positions(reader, user)).containsExactly("blocking-without-timeout@16:32",
                "blocking-without-timeout@4:54");
    }
}
