package dev.threadguard.rules;

import dev.threadguard.api.AnalysisSettings;
import dev.threadguard.api.MethodPattern;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadInLoopRuleTest {

    private final RuleTester tester = RuleTester.of(new ThreadInLoopRule());

    @Test
    void reportsNewThreadStartedInForEachLoopAtTheStartCall() {
        assertThat(tester.positions("""
                import java.util.List;
                class Dispatcher {
                    void dispatch(List<Runnable> jobs) {
                        for (Runnable job : jobs) {
                            new Thread(() -> {
                                job.run();
                            }).start();
                        }
                    }
                }
                """)).containsExactly("thread-in-loop@7:16");
    }

    @Test
    void reportsThreadVariableStartedPerConnectionInWhileLoop() {
        List<String> found = tester.positions("""
                import java.net.*;
                class Server {
                    void serve(ServerSocket server) throws Exception {
                        while (true) {
                            Socket socket = server.accept();
                            Thread worker = new Thread(() -> handle(socket));
                            worker.setName("conn");
                            worker.start();
                        }
                    }
                    void handle(Socket s) {}
                }
                """);
        assertThat(found).containsExactly("thread-in-loop@8:20");
    }

    @Test
    void reportsThreadAssignedInsideTheLoopToAVariableDeclaredOutside() {
        assertThat(tester.positions("""
                class C {
                    void run(java.util.Iterator<Runnable> it) {
                        Thread t;
                        do {
                            t = new Thread(it.next());
                            t.start();
                        } while (it.hasNext());
                    }
                }
                """)).containsExactly("thread-in-loop@6:15");
    }

    @Test
    void reportsThreadSubclassesDeclaredInTheSameAndInOtherFiles() {
        String worker = """
                package app;
                public class Worker extends Thread {
                    public Worker(Runnable r) { super(r); }
                }
                """;
        String special = """
                package app;
                public class SpecialWorker extends Worker {
                    public SpecialWorker() { super(null); }
                }
                """;
        String user = """
                package app.use;
                import app.SpecialWorker;
                import app.Worker;
                class Use {
                    void go(java.util.List<Runnable> rs, int n) {
                        for (Runnable r : rs) new Worker(r).start();
                        for (int i = 0; i < n; i++) new SpecialWorker().start();
                        for (Runnable r : rs) new Local().start();
                    }
                    static class Local extends Thread {}
                }
                """;
        assertThat(tester.positions(worker, special, user))
                .containsExactly("thread-in-loop@6:45", "thread-in-loop@7:57", "thread-in-loop@8:43");
    }

    @Test
    void reportsBuilderAndFactoryStartsButNotVirtualThreads() {
        assertThat(tester.positions("""
                import java.util.concurrent.ThreadFactory;
                class C {
                    void go(java.util.List<Runnable> rs, ThreadFactory factory) {
                        for (Runnable r : rs) {
                            Thread.ofVirtual().start(r);
                            Thread.startVirtualThread(r);
                            Thread.ofPlatform().name("w").daemon(true).start(r);
                            factory.newThread(r).start();
                            Thread.ofPlatform().unstarted(r).start();
                            Thread.ofVirtual().unstarted(r).start();
                        }
                    }
                }
                """)).as("a virtual thread per task is the idiom (JEP 444), not a thread explosion")
                .containsExactly("thread-in-loop@7:56", "thread-in-loop@8:34", "thread-in-loop@9:46");
    }

    @Test
    void aVirtualThreadPerConnectionOrPerItemIsNotReportedThroughLocalsEither() {
        assertThat(tester.positions("""
                import java.nio.channels.*;
                import java.util.*;
                import java.util.concurrent.Phaser;
                class Server {
                    void serve(ServerSocketChannel server) throws Exception {
                        var readers = Thread.ofVirtual().name("reader-", 0);
                        while (true) {
                            SocketChannel client = server.accept();
                            Thread reader = readers.unstarted(() -> read(client));
                            reader.start();
                        }
                    }
                    void saveAll(Collection<String> chunks) {
                        Phaser phaser = new Phaser(1);
                        for (String chunk : chunks) {
                            phaser.register();
                            Thread.startVirtualThread(() -> { save(chunk); phaser.arriveAndDeregister(); });
                        }
                        phaser.arriveAndAwaitAdvance();
                    }
                    void platform(ServerSocketChannel server, Thread.Builder builder) throws Exception {
                        while (true) {
                            SocketChannel client = server.accept();
                            Thread handler = builder.unstarted(() -> read(client));
                            handler.start();
                        }
                    }
                    void read(SocketChannel c) { }
                    void save(String chunk) { }
                }
                """)).as("only the builder that may make platform threads is reported")
                .containsExactly("thread-in-loop@25:21");
    }

    @Test
    void reportsStartsInLambdasAndAnonymousClassesPassedToForEach() {
        assertThat(tester.positions("""
                import java.util.*;
                import java.util.function.Consumer;
                class C {
                    void go(List<Runnable> list, Map<String, Runnable> map) {
                        list.forEach(r -> new Thread(r).start());
                        list.stream().filter(Objects::nonNull).forEach(r -> new Thread(r).start());
                        map.forEach((name, r) -> new Thread(r, name).start());
                        list.forEach(new Consumer<Runnable>() {
                            public void accept(Runnable r) { new Thread(r).start(); }
                        });
                    }
                }
                """)).containsExactly("thread-in-loop@5:41", "thread-in-loop@6:75", "thread-in-loop@7:54",
                "thread-in-loop@9:60");
    }

    @Test
    void reportsCountedLoopsWhoseBoundIsNotASmallConstant() {
        assertThat(tester.positions("""
                class C {
                    static final int MANY = 10_000;
                    void go(int n, Runnable r) {
                        for (int i = 0; i < n; i++) new Thread(r).start();
                        for (int i = 0; i < MANY; i++) new Thread(r).start();
                        for (int i = 0; i < 5000; i++) new Thread(r).start();
                    }
                }
                """)).containsExactly("thread-in-loop@4:51", "thread-in-loop@5:54", "thread-in-loop@6:54");
    }

    @Test
    void ignoresFixedSetsOfWorkersWithSmallConstantBounds() {
        assertThat(tester.positions("""
                import java.util.stream.IntStream;
                class C {
                    private static final int WORKERS = 4;
                    void go(Runnable r) {
                        for (int i = 0; i < 4; i++) new Thread(r, "worker-" + i).start();
                        for (int i = 0; i < WORKERS; ++i) new Thread(r).start();
                        int cores = Runtime.getRuntime().availableProcessors();
                        for (int i = 0; i < cores; i++) new Thread(r).start();
                        for (int i = 0; i < Runtime.getRuntime().availableProcessors() * 2; i++) new Thread(r).start();
                        IntStream.range(0, 8).forEach(i -> new Thread(r).start());
                    }
                }
                """)).isEmpty();
    }

    @Test
    void aSmallConstantInALocalThatIsNeverChangedIsASmallConstantButNotOneThatIs() {
        // ambry ServerTestUtil: int numberOfVerifierThreads = 3; ... for (i < numberOfVerifierThreads)
        assertThat(tester.positions("""
                class C {
                    void go(Runnable r, int requested) {
                        int verifiers = 3;
                        for (int i = 0; i < verifiers; i++) new Thread(r).start();
                        int senders = 3;
                        senders += requested;
                        for (int i = 0; i < senders; i++) new Thread(r).start();
                        int readers = 2;
                        readers++;
                        for (int i = 0; i < readers; i++) new Thread(r).start();
                        int many = 100_000;
                        for (int i = 0; i < many; i++) new Thread(r).start();
                    }
                }
                """)).containsExactly("thread-in-loop@7:57", "thread-in-loop@10:57", "thread-in-loop@12:54");
    }

    @Test
    void ignoresUserClassesWithAStartMethodAndUnknownReceivers() {
        assertThat(tester.positions("""
                import java.util.List;
                class Server { void start() {} }
                class C extends SomeBase {
                    void go(List<Server> servers, List<Object> things) {
                        for (Server s : servers) s.start();
                        for (Object o : things) inheritedWorker.start();
                        for (Object o : things) lookup(o).start();
                    }
                }
                """)).isEmpty();
    }

    @Test
    void ignoresSamePackageClassNamedThreadShadowingJavaLangThread() {
        String shadow = """
                package app;
                class Thread { Thread(Runnable r) {} void start() {} }
                """;
        String user = """
                package app;
                class Use {
                    void go(java.util.List<Runnable> rs) {
                        for (Runnable r : rs) new Thread(r).start();
                    }
                }
                """;
        assertThat(tester.positions(shadow, user)).isEmpty();
    }

    @Test
    void ignoresThreadsCreatedInALoopButStartedElsewhereAndPreparedThreadsStartedInALoop() {
        assertThat(tester.positions("""
                import java.util.*;
                class C {
                    private Thread single;
                    void go(List<Runnable> rs) {
                        List<Thread> threads = new ArrayList<>();
                        for (Runnable r : rs) threads.add(new Thread(r));
                        for (Thread t : threads) t.start();
                        Thread[] array = new Thread[2];
                        for (int i = 0; i < array.length; i++) array[i].start();
                        for (Runnable r : rs) single.start();
                    }
                }
                """)).isEmpty();
    }

    @Test
    void ignoresAThreadJoinedInTheSameIteration() {
        assertThat(tester.positions("""
                class C {
                    void go(java.util.List<Runnable> rs) throws InterruptedException {
                        for (Runnable r : rs) {
                            Thread t = new Thread(r);
                            t.start();
                            t.join();
                        }
                    }
                }
                """)).isEmpty();
    }

    @Test
    void ignoresLambdasThatAreNotLoopBodiesAndStartsOutsideLoops() {
        assertThat(tester.positions("""
                import java.util.*;
                class C {
                    void go(List<Runnable> rs, List<Runnable> tasks) {
                        for (Runnable r : rs) tasks.add(() -> new Thread(r).start());
                        new Thread(rs.get(0)).start();
                        for (Thread t = new Thread(rs.get(0)); t != null; t = null) { }
                    }
                }
                """)).isEmpty();
    }

    @Test
    void reportsUserConfiguredSpawnMethods() {
        RuleTester withSpawn = RuleTester.of(new ThreadInLoopRule()).settings(new AnalysisSettings(
                List.of(MethodPattern.parse("com.acme.Spawner#spawn(Runnable)", "spawnMethods")), List.of()));
        assertThat(withSpawn.positions("""
                import com.acme.Spawner;
                class C {
                    void go(Spawner spawner, java.util.List<Runnable> rs) {
                        for (Runnable r : rs) spawner.spawn(r);
                        for (Runnable r : rs) spawner.spawn(r, 1);
                    }
                }
                """)).containsExactly("thread-in-loop@4:39");
    }

    @Test
    void ignoresStartsGatedByASemaphoreOrStoppedInTheSameIteration() {
        // zookeeper SyncRequestProcessor (one snapshot thread at a time) and QuorumPeer (interrupted in finally)
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class C {
                    private final Semaphore snapshots = new Semaphore(1);
                    void go(BlockingQueue<Runnable> requests) throws InterruptedException {
                        while (true) {
                            Runnable request = requests.take();
                            if (!snapshots.tryAcquire()) {
                                continue;
                            }
                            new Thread(() -> { try { request.run(); } finally { snapshots.release(); } }).start();
                        }
                    }
                    void elect(java.util.function.BooleanSupplier running) {
                        while (running.getAsBoolean()) {
                            Thread grace = new Thread(() -> { });
                            try {
                                grace.start();
                                lookForLeader();
                            } finally {
                                grace.interrupt();
                            }
                        }
                    }
                    void lookForLeader() { }
                }
                """)).isEmpty();
    }

    @Test
    void ignoresCountedLoopsThatFillAFixedArrayOfWorkersButNotOnePerWorkItem() {
        // hadoop ipc.Server readers and ant Parallel's running slots
        assertThat(tester.positions("""
                import java.util.List;
                class C {
                    private Thread[] readers;
                    private final int readThreads = Integer.getInteger("readers", 4);
                    void start(Runnable[] slots, int maxRunning, List<Runnable> tasks) {
                        readers = new Thread[readThreads];
                        for (int i = 0; i < readThreads; i++) {
                            Thread reader = new Thread(() -> { });
                            readers[i] = reader;
                            reader.start();
                        }
                        for (int i = 0; i < maxRunning; ++i) {
                            slots[i] = tasks.get(i);
                            Thread thread = new Thread(slots[i]);
                            thread.start();
                        }
                        Thread[] perTask = new Thread[tasks.size()];
                        for (int i = 0; i < tasks.size(); i++) {
                            Thread worker = new Thread(tasks.get(i));
                            perTask[i] = worker;
                            worker.start();
                        }
                    }
                }
                """)).containsExactly("thread-in-loop@21:20");
    }

    @Test
    void ignoresAStartRightBeforeTheLoopIsLeft() {
        assertThat(tester.positions("""
                class Activation {
                    void await(java.util.concurrent.BlockingQueue<String> signals) throws InterruptedException {
                        while (true) {
                            String signal = signals.take();
                            if (signal.equals("fail")) {
                                Thread stopper = new Thread(this::stopServer);
                                stopper.start();
                                return;
                            }
                            if (signal.equals("restart")) {
                                new Thread(this::restart).start();
                                break;
                            }
                            new Thread(this::log).start();
                        }
                    }
                    void stopServer() { }
                    void restart() { }
                    void log() { }
                }
                """)).containsExactly("thread-in-loop@14:35");
    }

    @Test
    void ignoresAStartInABranchAfterWhichTheIterationLeavesTheLoopButNotOneAfterWhichItMayGoOn() {
        assertThat(tester.positions("""
                import java.util.concurrent.atomic.*;
                class Task {
                    private final AtomicReference<String> state = new AtomicReference<>("running");
                    private final AtomicBoolean cancelled = new AtomicBoolean();
                    private long watchdogMillis;
                    void cancel() {
                        while (true) {
                            String current = state.get();
                            if (current.equals("done")) {
                                return;
                            }
                            if (state.compareAndSet(current, "cancelling")) {
                                if (cancelled.compareAndSet(false, true)) {
                                    Thread canceller = new Thread(this::interruptTask);
                                    canceller.setDaemon(true);
                                    canceller.start();
                                    if (watchdogMillis > 0) {
                                        new Thread(this::watch).start();
                                    }
                                } else {
                                    System.err.println("already cancelled");
                                }
                                return;
                            }
                        }
                    }
                    void retry() {
                        while (true) {
                            if (state.get().equals("failed")) {
                                new Thread(this::interruptTask).start();
                                System.err.println("restarted");
                            }
                            if (state.get().equals("done")) {
                                break;
                            }
                        }
                        for (String name : java.util.List.of("a", "b")) {
                            if (name.isEmpty()) {
                                new Thread(this::watch).start();
                                for (int i = 0; i < 3; i++) System.err.println(i);
                                return;
                            }
                            if (name.length() > 3) {
                                new Thread(this::watch).start();
                                if (name.length() > 5) continue;
                                return;
                            }
                        }
                    }
                    void interruptTask() { }
                    void watch() { }
                }
                """)).containsExactly("thread-in-loop@30:49", "thread-in-loop@39:41", "thread-in-loop@44:41");
    }

    @Test
    void ignoresAForkJoinSizedByTheProcessorCountThroughALocal() {
        assertThat(tester.positions("""
                import java.util.concurrent.Semaphore;
                class Preloader {
                    void preload(Runnable r, int requested) throws InterruptedException {
                        final int permits = 2 * Runtime.getRuntime().availableProcessors() + 1;
                        Semaphore done = new Semaphore(0);
                        for (int i = 0; i < permits; i++) new Thread(r).start();
                        int half = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
                        for (int i = 0; i < half; i++) new Thread(r).start();
                        done.acquire(permits);
                        int asked = requested * Runtime.getRuntime().availableProcessors();
                        for (int i = 0; i < asked; i++) new Thread(r).start();
                        int many = Runtime.getRuntime().availableProcessors() * 100;
                        for (int i = 0; i < many; i++) new Thread(r).start();
                    }
                }
                """)).containsExactly("thread-in-loop@11:55", "thread-in-loop@13:54");
    }

    @Test
    void ignoresStartsGatedByAWaitWhileTheRunningWorkersAreAtTheirLimit() {
        assertThat(tester.positions("""
                import java.net.*;
                import java.util.*;
                class BlobServer {
                    private final Set<Thread> active = new HashSet<>();
                    private final int maxConnections = 50;
                    void serve(ServerSocket server) throws Exception {
                        while (true) {
                            Thread conn = new Thread(() -> { });
                            synchronized (active) {
                                while (active.size() >= maxConnections) {
                                    active.wait(2000);
                                }
                                active.add(conn);
                            }
                            conn.start();
                        }
                    }
                    void serveUnbounded(ServerSocket server, List<Thread> seen) throws Exception {
                        while (true) {
                            Thread conn = new Thread(() -> { });
                            while (seen.size() >= maxConnections) {
                                seen.remove(0);
                            }
                            seen.add(conn);
                            conn.start();
                            Thread other = new Thread(() -> { });
                            while (active.size() >= maxConnections) {
                                Thread.sleep(10);
                            }
                            other.start();
                        }
                    }
                }
                """)).containsExactly("thread-in-loop@25:18", "thread-in-loop@30:19");
    }

    /** A pool that starts its configured number of handlers into a field's list, counting down in several forms. */
    private static final String COUNTDOWN_POOL = """
            import java.util.*;
            class HandlerPool {
                private final List<Thread> threads = new ArrayList<>();
                private final int size;
                HandlerPool(int size) { this.size = size; }
                void byPrefixDecrement() {
                    for (int i = size; --i >= 0; ) {
                        Thread t = new Thread(() -> { });
                        threads.add(t);
                        t.start();
                    }
                }
                void byPostfixDecrement(int count) {
                    for (int i = count - 1; i >= 0; i--) {
                        Thread t = new Thread(() -> { });
                        threads.add(t);
                        t.start();
                    }
                }
                void byWhile() {
                    int left = size;
                    while (left-- > 0) {
                        Thread t = new Thread(() -> { });
                        threads.add(t);
                        t.start();
                    }
                }
                void byWhileOnAParameter(int n) {
                    while (--n >= 0) {
                        Thread t = new Thread(() -> { });
                        threads.add(t);
                        t.start();
                    }
                }
                void close() {
                    for (Thread t : threads) t.interrupt();
                }
            }
            """;

    @Test
    void ignoresAFixedWorkerSetStartedIntoAFieldsCollectionByACountDownLoop() {
        assertThat(tester.positions(COUNTDOWN_POOL)).isEmpty();
        assertThat(tester.positions(COUNTDOWN_POOL.replace("--i >= 0; ", "i-- > 0; ")
                .replace("i >= 0; i--", "0 <= i; --i"))).isEmpty();
        assertThat(tester.positions("""
                class Readers {
                    void start(int n) {
                        Thread[] readers = new Thread[n];
                        for (int i = n - 1; i >= 0; i--) {
                            readers[i] = new Thread(() -> { });
                            readers[i].start();
                        }
                        for (int i = 8; i > 0; i--) {
                            new Thread(() -> { }).start();
                        }
                    }
                }
                """)).as("slots filled counting down; a count down from a small constant is a small constant count")
                .isEmpty();
    }

    @Test
    void reportsACountDownLoopWhoseCounterChangesInTheBodyOrWhoseBoundCountsWork() {
        assertThat(tester.positions(COUNTDOWN_POOL.replace("for (int i = size; --i >= 0; ) {",
                "for (int i = size; --i >= 0; ) {\n            if (i > 100) i = 100;")))
                .as("the counter is also changed in the body").containsExactly("thread-in-loop@11:15");
        assertThat(tester.positions(COUNTDOWN_POOL.replace("while (left-- > 0) {", "while (left-- > 0) {\n"
                + "                    if (left == 0) left = size;")))
                .as("the while loop's counter is written again in its body").containsExactly("thread-in-loop@26:15");
        assertThat(tester.positions(COUNTDOWN_POOL.replace("int left = size;", "int left = size;\n"
                + "                left = left * 2;"))).as("a counter written before the loop")
                .containsExactly("thread-in-loop@26:15");
        assertThat(tester.positions(COUNTDOWN_POOL.replace("for (int i = count - 1; i >= 0; i--)",
                "for (int i = count - 1; i >= 0; i -= 1)"))).as("a step the forms do not take")
                .containsExactly("thread-in-loop@17:15");
        assertThat(tester.positions(COUNTDOWN_POOL.replace("for (int i = size; --i >= 0; )",
                "for (int i = size; --i >= limit(); )").replace("void close()", "int limit() { return 0; }\n"
                + "            void close()"))).as("a count down to anything but a small literal")
                .containsExactly("thread-in-loop@10:15");
        assertThat(tester.positions("""
                import java.util.*;
                class Spawner {
                    private final List<Thread> threads = new ArrayList<>();
                    void each(List<Runnable> jobs) {
                        for (int i = jobs.size(); --i >= 0; ) {
                            Thread t = new Thread(jobs.get(i));
                            threads.add(t);
                            t.start();
                        }
                        int left = jobs.size();
                        while (left-- > 0) {
                            Thread t = new Thread(jobs.get(left));
                            threads.add(t);
                            t.start();
                        }
                    }
                }
                """)).as("a count down from the size of a collection of work")
                .containsExactly("thread-in-loop@8:15", "thread-in-loop@14:15");
    }

    @Test
    void ignoresOneListenerPerConfiguredEndpointKeptInAFieldTheComponentStops() {
        assertThat(tester.positions("""
                import java.util.*;
                class SentinelWatch {
                    private final List<Listener> listeners = new ArrayList<>();
                    void watch(Set<String> sentinels) {
                        for (String sentinel : sentinels) {
                            Listener listener = new Listener(sentinel);
                            listener.setDaemon(true);
                            listeners.add(listener);
                            listener.start();
                        }
                    }
                    void close() {
                        for (Listener listener : listeners) {
                            listener.interrupt();
                        }
                    }
                    static class Listener extends Thread {
                        Listener(String endpoint) { }
                    }
                }
                """)).isEmpty();
    }

    @Test
    void reportsThreadsKeptInAFieldWhenTheLoopRunsAsLongAsWorkArrivesOrTheFieldIsNeverWalked() {
        assertThat(tester.positions("""
                import java.net.*;
                import java.util.*;
                class Acceptor {
                    private final List<Thread> handlers = new ArrayList<>();
                    private final List<Thread> spawned = new ArrayList<>();
                    void serve(ServerSocket server) throws Exception {
                        while (true) {
                            Socket socket = server.accept();
                            Thread handler = new Thread(() -> handle(socket));
                            handlers.add(handler);
                            handler.start();
                        }
                    }
                    void each(List<Runnable> jobs) {
                        for (Runnable job : jobs) {
                            Thread t = new Thread(job);
                            spawned.add(t);
                            t.start();
                        }
                    }
                    void stop() {
                        handlers.forEach(Thread::interrupt);
                    }
                    void handle(Socket s) { }
                }
                """)).containsExactly("thread-in-loop@11:21", "thread-in-loop@18:15");
    }

    @Test
    void ignoresAForkJoinOverTheComponentsOwnVolumesButNotOverWorkItems() {
        assertThat(tester.positions("""
                import java.util.*;
                class VolumeScanner {
                    private final List<String> volumes = new ArrayList<>();
                    private final Storage storage = new Storage();
                    void scanAll() throws InterruptedException {
                        List<Thread> scanners = new ArrayList<>();
                        for (String volume : volumes) {
                            Thread t = new Thread(() -> scan(volume));
                            scanners.add(t);
                            t.start();
                        }
                        for (Thread t : scanners) {
                            t.join();
                        }
                    }
                    void saveAll() {
                        List<Thread> savers = new ArrayList<>();
                        for (Iterator<String> it = storage.directories(); it.hasNext(); ) {
                            Thread saver = new Thread(() -> scan(it.next()));
                            savers.add(saver);
                            saver.start();
                        }
                        waitForAll(savers);
                    }
                    void process(List<String> requests) throws InterruptedException {
                        List<Thread> workers = new ArrayList<>();
                        for (String request : requests) {
                            Thread t = new Thread(() -> scan(request));
                            workers.add(t);
                            t.start();
                        }
                        for (Thread t : workers) {
                            t.join();
                        }
                    }
                    void scan(String volume) { }
                    void waitForAll(List<Thread> threads) { }
                    static class Storage { Iterator<String> directories() { return null; } }
                }
                """)).containsExactly("thread-in-loop@30:15");
    }

    @Test
    void ignoresDeadWorkersReplacedOneForOneAndSetsSizedByASetting() {
        assertThat(tester.positions("""
                import java.util.*;
                class Supervisor {
                    private final List<Thread> workers = new ArrayList<>();
                    private final Map<Integer, Thread> byId = new HashMap<>();
                    void revive() {
                        for (int i = 0; i < workers.size(); i++) {
                            if (!workers.get(i).isAlive()) {
                                Thread replacement = new Thread(this::work);
                                workers.set(i, replacement);
                                replacement.start();
                            }
                        }
                    }
                    void start(Properties conf, List<Runnable> jobs) {
                        for (int i = 0; i < Integer.parseInt(conf.getProperty("workers")); i++) {
                            Thread worker = new Thread(this::work);
                            byId.put(i, worker);
                            worker.start();
                        }
                        for (int i = 0; i < jobs.size(); i++) {
                            Thread worker = new Thread(jobs.get(i));
                            byId.put(i, worker);
                            worker.start();
                        }
                    }
                    void work() { }
                }
                """)).containsExactly("thread-in-loop@23:20");
    }

    @Test
    void aDeadWorkerReplacedWithRemoveAndAddAtItsIndexIsReplacedOneForOne() {
        assertThat(tester.positions("""
                import java.util.*;
                class Crawler {
                    private final List<Thread> threads = new ArrayList<>();
                    private final List<Thread> others = new ArrayList<>();
                    void monitor(List<Runnable> jobs) {
                        for (int i = 0; i < threads.size(); i++) {
                            if (!threads.get(i).isAlive()) {
                                Thread thread = new Thread(this::crawl, "crawler " + (i + 1));
                                threads.remove(i);
                                threads.add(i, thread);
                                thread.start();
                            }
                        }
                        for (int i = 0; i < threads.size(); i++) {
                            Thread extra = new Thread(this::crawl);
                            others.remove(i);
                            threads.add(i, extra);
                            extra.start();
                        }
                    }
                    void crawl() { }
                }
                """)).as("remove(i) then add(i, t) on the same list replaces the slot; on another list it adds one more")
                .containsExactly("thread-in-loop@18:19");
    }

    @Test
    void ignoresAConfiguredWorkerSetKeptInALocalListTheMethodUsesButNotOneSizedByTheInput() {
        assertThat(tester.positions("""
                import java.util.*;
                import java.util.concurrent.BlockingQueue;
                class Fetcher {
                    void fetch(Properties conf, Queue<String> urls) throws InterruptedException {
                        int threadCount = Integer.parseInt(conf.getProperty("fetcher.threads", "10"));
                        List<Thread> workers = new ArrayList<>();
                        for (int i = 0; i < threadCount; i++) {
                            Thread worker = new Thread(() -> drain(urls));
                            workers.add(worker);
                            worker.start();
                        }
                        do {
                            Thread.sleep(1000);
                        } while (workers.stream().anyMatch(Thread::isAlive));
                    }
                    void crawl(int crawlers) {
                        List<Thread> threads = new ArrayList<>();
                        for (int i = 1; i <= crawlers; i++) {
                            Thread thread = new Thread(this::work, "crawler " + i);
                            thread.start();
                            threads.add(thread);
                        }
                        new Thread(new Runnable() {
                            public void run() {
                                threads.removeIf(thread -> !thread.isAlive());
                            }
                        }).start();
                    }
                    void perPage(List<String> pages) throws InterruptedException {
                        List<Thread> threads = new ArrayList<>();
                        int n = pages.size();
                        for (int i = 0; i < n; i++) {
                            Thread thread = new Thread(this::work);
                            threads.add(thread);
                            thread.start();
                        }
                        for (Thread thread : threads) {
                            thread.join();
                        }
                    }
                    void dropped(int count) {
                        List<Thread> started = new ArrayList<>();
                        for (int i = 0; i < count; i++) {
                            Thread thread = new Thread(this::work);
                            started.add(thread);
                            thread.start();
                        }
                    }
                    void perEvent(int count, BlockingQueue<String> events) throws InterruptedException {
                        List<Thread> extra = new ArrayList<>();
                        while (events.take() != null) {
                            for (int i = 0; i < count; i++) {
                                Thread thread = new Thread(this::work);
                                extra.add(thread);
                                thread.start();
                            }
                        }
                        extra.forEach(Thread::interrupt);
                    }
                    void drain(Queue<String> urls) { }
                    void work() { }
                }
                """)).containsExactly("thread-in-loop@35:20", "thread-in-loop@46:20", "thread-in-loop@55:24");
    }
}
