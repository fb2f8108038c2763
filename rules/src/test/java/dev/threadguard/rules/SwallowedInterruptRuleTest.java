package dev.threadguard.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SwallowedInterruptRuleTest {

    private final RuleTester tester = RuleTester.of(new SwallowedInterruptRule());

    @Test
    void reportsCatchClausesThatForgetTheInterruptAtTheCatchKeyword() {
        String source = """
                import java.util.concurrent.*;
                class C {
                    void go(Future<?> f, BlockingQueue<String> q) {
                        try { Thread.sleep(10); } catch (InterruptedException e) { }
                        try {
                            f.get();
                        } catch (InterruptedException | ExecutionException e) {
                            System.err.println(e);
                        }
                        while (true) {
                            try { q.take(); } catch (final InterruptedException ignored) { break; }
                        }
                        try { Thread.sleep(1); } catch (InterruptedException e) {
                            Runnable later = () -> { throw new IllegalStateException(e); };
                            return;
                        }
                    }
                }
                """;
        assertThat(tester.positions(source)).containsExactly("swallowed-interrupt@4:35", "swallowed-interrupt@7:11",
                "swallowed-interrupt@11:31", "swallowed-interrupt@13:34");
        assertThat(tester.findings(source).get(1).message()).isEqualTo("`catch (InterruptedException | "
                + "ExecutionException e)` neither rethrows nor restores the interrupt status: the thread forgets that "
                + "it was asked to stop");
    }

    @Test
    void ignoresCatchClausesThatRethrowOrRestoreTheInterrupt() {
        assertThat(tester.positions("""
                import java.io.InterruptedIOException;
                class C {
                    void a() throws InterruptedException {
                        try { Thread.sleep(1); } catch (InterruptedException e) { throw e; }
                    }
                    void b() {
                        try { Thread.sleep(1); } catch (InterruptedException e) { throw new IllegalStateException(e); }
                    }
                    void c() {
                        try { Thread.sleep(1); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                    }
                    void d() throws InterruptedIOException {
                        try { Thread.sleep(1); } catch (InterruptedException e) {
                            if (System.nanoTime() > 0) {
                                throw (InterruptedIOException) new InterruptedIOException().initCause(e);
                            }
                        }
                    }
                }
                """)).isEmpty();
    }

    @Test
    void ignoresTheUninterruptiblyIdiomThatRestoresTheStatusFromAFlag() {
        // guava Uninterruptibles, hadoop and zookeeper use this shape
        assertThat(tester.positions("""
                import java.util.concurrent.CountDownLatch;
                class C {
                    void awaitUninterruptibly(CountDownLatch latch) {
                        boolean interrupted = false;
                        try {
                            while (true) {
                                try { latch.await(); return; } catch (InterruptedException e) { interrupted = true; }
                            }
                        } finally {
                            if (interrupted) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                }
                """)).isEmpty();
    }

    @Test
    void ignoresOtherCatchTypesAndAClassThatShadowsTheJdkName() {
        String shadow = """
                package app;
                class InterruptedException extends Exception { }
                """;
        String user = """
                package app;
                class Use {
                    void go() {
                        try { work(); } catch (InterruptedException e) { }
                        try { Thread.sleep(1); } catch (Exception e) { }
                        try { Thread.sleep(1); } catch (Throwable t) { }
                    }
                    void work() throws InterruptedException { }
                }
                """;
        assertThat(tester.positions(shadow, user)).isEmpty();
    }

    @Test
    void ignoresACatchThatEndsTheThreadOrTask() {
        // zookeeper Login, hadoop JvmPauseMonitor, zookeeper FileChangeWatcher: the thread stops when interrupted
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Monitor implements Runnable {
                    private volatile boolean running = true;
                    public void run() {
                        while (running) {
                            try { Thread.sleep(500); } catch (InterruptedException e) { return; }
                        }
                    }
                }
                class Watcher extends Thread {
                    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
                    @Override public void run() {
                        while (true) {
                            String event;
                            try { event = events.take(); } catch (InterruptedException e) { break; }
                            System.out.println(event);
                        }
                        System.out.println("stopped");
                    }
                }
                class Hooks {
                    void install(ExecutorService service) {
                        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                            service.shutdown();
                            try {
                                service.awaitTermination(10, TimeUnit.SECONDS);
                            } catch (InterruptedException ignored) {
                                // shutting down anyway
                            }
                        }));
                    }
                }
                """)).isEmpty();
    }

    @Test
    void aCatchThatEndsALambdaHandedToAProjectsNewThreadHelperEndsTheThread() {
        // turms IpRequestThrottler: NamedThreadFactory.newThread(name, daemon, task) is new Thread(task)
        String source = """
                final class Threads {
                    static Thread newThread(String name, boolean daemon, Runnable task) {
                        Thread thread = new Thread(task, name);
                        thread.setDaemon(daemon);
                        return thread;
                    }
                    static void register(String name, Runnable task) { }
                }
                class Throttler {
                    void start() {
                        Threads.newThread("cleaner", true, () -> {
                            while (true) {
                                try { Thread.sleep(1000); } catch (InterruptedException e) { return; }
                            }
                        }).start();
                        Threads.register("listener", () -> {
                            try { Thread.sleep(1000); } catch (InterruptedException e) { return; }
                        });
                    }
                }
                """;
        // the lambda handed to register(..) is no thread's body: returning from it leaves the thread running
        assertThat(tester.positions(source)).containsExactly("swallowed-interrupt@17:41");
    }

    /**
     * Helpers of a connection that only hand the task they are given to an executor or a new thread, and the lambdas
     * handed to them, each ending in the catch.
     */
    private static final String CONNECTION = """
            import java.util.concurrent.*;
            class Connection {
                private static final ExecutorService POOL = Executors.newCachedThreadPool();
                protected static void asyncGo(Runnable task) {
                    POOL.execute(task);
                }
                private Future<?> later(String name, Runnable task) {
                    System.out.println(name);
                    return POOL.submit(task);
                }
                final void spawn(Runnable task) {
                    new Thread(task, "spawned").start();
                }
                void send() throws InterruptedException { }
                void reply() {
                    asyncGo(() -> {
                        try { send(); } catch (InterruptedException e) { System.err.println(e); }
                    });
                    later("reply", () -> {
                        try { send(); } catch (InterruptedException e) { System.err.println(e); }
                    });
                    this.spawn(() -> {
                        try { send(); } catch (InterruptedException e) { System.err.println(e); }
                    });
                }
            }
            """;

    @Test
    void aCatchThatEndsALambdaHandedToAHelperThatOnlyRunsItOnAnExecutorOrAThreadEndsTheTask() {
        // smack AbstractXMPPConnection: asyncGo(runnable) is CACHED_EXECUTOR_SERVICE.execute(runnable)
        assertThat(tester.positions(CONNECTION))
                .as("each lambda is the whole body of a task the helper hands to the pool or a new thread")
                .isEmpty();
    }

    @Test
    void reportsACatchEndingALambdaHandedToAHelperThatMightDoMoreWithIt() {
        assertThat(tester.positions(CONNECTION.replace("protected static void asyncGo(", "protected void asyncGo(")))
                .as("a subclass in another file may override it")
                .containsExactly("swallowed-interrupt@17:29");
        assertThat(tester.positions(CONNECTION.replace("        POOL.execute(task);",
                "        task.run();\n        POOL.execute(task);")))
                .as("it also runs the task in the caller's thread")
                .containsExactly("swallowed-interrupt@18:29");
        assertThat(tester.positions(CONNECTION.replace("POOL.execute(task);",
                "POOL.execute(() -> { while (true) task.run(); });")))
                .as("the task is not the pool's task's whole body")
                .containsExactly("swallowed-interrupt@17:29");
        assertThat(tester.positions(CONNECTION.replace("POOL.execute(task);", "LISTENERS.add(task);")
                .replace("    void send()", "    static final java.util.List<Runnable> LISTENERS = "
                        + "new java.util.ArrayList<>();\n    void send()")))
                .as("it keeps the task for callbacks in some other thread")
                .containsExactly("swallowed-interrupt@18:29");
        assertThat(tester.positions(CONNECTION.replace("void reply() {",
                "static void relay(Runnable task) { asyncGo(task); }\n    void reply() {")
                .replace("asyncGo(() -> {", "relay(() -> {")))
                .as("a helper of the helper is not followed")
                .containsExactly("swallowed-interrupt@18:29");
        assertThat(tester.positions(CONNECTION.replace(
                "try { send(); } catch (InterruptedException e) { System.err.println(e); }\n        });\n"
                        + "        later(",
                "while (true) { try { send(); } catch (InterruptedException e) { System.err.println(e); } }\n"
                        + "        });\n        later(")))
                .as("the task goes on after the catch")
                .containsExactly("swallowed-interrupt@17:44");
    }

    @Test
    void reportsACatchThatOnlyLeavesAnInnerLoopOrAMethodThatIsNotATask() {
        assertThat(tester.positions("""
                class Worker extends Thread {
                    @Override public void run() {
                        while (true) {
                            for (int i = 0; i < 3; i++) {
                                try { Thread.sleep(10); } catch (InterruptedException e) { break; }
                            }
                        }
                    }
                    boolean pause() {
                        try { Thread.sleep(10); return true; } catch (InterruptedException e) { return false; }
                    }
                }
                """)).containsExactly("swallowed-interrupt@5:43", "swallowed-interrupt@10:48");
    }

    @Test
    void ignoresAFlagRestoredThroughAHelperNamedForTheInterrupt() {
        // guava AbstractFuture.getUninterruptibly restores the status with interruptCurrentThread()
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class C {
                    static <V> V getUninterruptibly(Future<V> future) throws ExecutionException {
                        boolean interrupted = false;
                        try {
                            while (true) {
                                try { return future.get(); } catch (InterruptedException e) { interrupted = true; }
                            }
                        } finally {
                            if (interrupted) { interruptCurrentThread(); }
                        }
                    }
                    private static void interruptCurrentThread() { Thread.currentThread().interrupt(); }
                    void clearsIt() {
                        try { Thread.sleep(1); } catch (InterruptedException e) { Thread.interrupted(); }
                    }
                }
                """)).containsExactly("swallowed-interrupt@15:34");
    }

    @Test
    void ignoresACatchThatWrapsTheExceptionToThrowItLater() {
        // kafka KafkaProducer.close(): the wrapped exception is thrown at the end, and InterruptException restores
        // the interrupt status
        assertThat(tester.positions("""
                import java.util.concurrent.atomic.AtomicReference;
                class Producer {
                    static class InterruptException extends RuntimeException {
                        InterruptException(InterruptedException cause) { super(cause); Thread.currentThread().interrupt(); }
                    }
                    void close(Thread ioThread) {
                        AtomicReference<RuntimeException> firstException = new AtomicReference<>();
                        try {
                            ioThread.join();
                        } catch (InterruptedException e) {
                            firstException.compareAndSet(null, new InterruptException(e));
                        }
                        if (firstException.get() != null) throw firstException.get();
                    }
                    void logsOnly(Thread ioThread) {
                        try { ioThread.join(); } catch (InterruptedException e) { System.err.println(new Object()); }
                    }
                }
                """)).containsExactly("swallowed-interrupt@16:34");
    }

    @Test
    void ignoresCatchesThatEndTheProcessOrHandTheExceptionToAHelperThatThrowsIt() {
        assertThat(tester.positions("""
                class Launcher {
                    void a(Thread worker) {
                        try {
                            worker.join();
                        } catch (InterruptedException e) {
                            System.err.println("interrupted, exiting");
                            System.exit(2);
                        }
                    }
                    void b(Thread worker) {
                        try {
                            worker.join();
                        } catch (InterruptedException e) {
                            Runtime.getRuntime().halt(3);
                        }
                    }
                    void c(Thread worker) {
                        try {
                            worker.join();
                        } catch (InterruptedException e) {
                            sneakyThrow(e);
                        }
                    }
                    void d(Thread worker) {
                        try {
                            worker.join();
                        } catch (InterruptedException e) {
                            throwIfUnchecked(e);
                            ignoreThrowable(e);
                            exitCode(1);
                        }
                    }
                    static void sneakyThrow(Throwable t) { }
                    static void throwIfUnchecked(Throwable t) { }
                    static void ignoreThrowable(Throwable t) { }
                    static void exitCode(int code) { }
                }
                """)).containsExactly("swallowed-interrupt@27:11");
    }

    @Test
    void ignoresACatchThatEndsTheRunOfAThreadWhoseSupertypeComesFromALibrary() {
        assertThat(tester.positions("""
                import org.acme.util.Daemon;
                class Reconstruction {
                    Thread initializer;
                    void start() {
                        initializer = new Daemon() {
                            @Override
                            public void run() {
                                try {
                                    process();
                                } catch (InterruptedException e) {
                                    System.out.println("interrupted while processing");
                                }
                            }
                        };
                    }
                    void process() throws InterruptedException { }
                    void waitFor(Thread t) {
                        try {
                            t.join();
                        } catch (InterruptedException e) {
                            System.out.println("interrupted");
                        }
                    }
                }
                """)).containsExactly("swallowed-interrupt@20:11");
    }

    @Test
    void ignoresACatchAfterWhichTheThreadOnlyFinishesUpAlsoInAPrivateHelperOfItsRun() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Throttler extends Thread {
                    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
                    @Override
                    public void run() {
                        try {
                            while (true) {
                                submit(queue.take());
                            }
                        } catch (InterruptedException e) {
                            System.err.println("unexpected interruption");
                        }
                        int dropped = queue.size();
                        queue.clear();
                        System.err.println("stopped, dropped " + dropped);
                    }
                    void submit(String request) { }
                }
                class Watcher extends Thread {
                    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
                    @Override
                    public void run() {
                        try {
                            runLoop();
                        } finally {
                            System.err.println("watcher finished");
                        }
                    }
                    private void runLoop() {
                        while (true) {
                            String event;
                            try {
                                event = events.take();
                            } catch (InterruptedException e) {
                                break;
                            }
                            System.err.println(event);
                        }
                    }
                }
                """)).isEmpty();
    }

    @Test
    void reportsACatchAfterWhichTheThreadWaitsAgainOrWhoseHelperIsAlsoCalledOutsideTheThread() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Poller extends Thread {
                    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
                    @Override
                    public void run() {
                        try {
                            while (true) {
                                System.err.println(queue.take());
                            }
                        } catch (InterruptedException e) {
                            System.err.println("interrupted");
                        }
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        drain();
                    }
                    void flush() {
                        drain();
                    }
                    private void drain() {
                        while (true) {
                            try {
                                System.err.println(queue.take());
                            } catch (InterruptedException e) {
                                break;
                            }
                        }
                    }
                }
                """)).containsExactly("swallowed-interrupt@10:11", "swallowed-interrupt@27:15");
    }

    /** A watcher thread whose run() hands its work to a private helper; the helper's catch breaks out of its loop. */
    private static final String WATCHER = """
            import java.util.concurrent.*;
            class Watcher extends Thread {
                private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
                @Override
                public void run() {
                    try {
                        runLoop();
                    } finally {
                        System.err.println("watcher finished");
                    }
                }
                private void runLoop() {
                    while (true) {
                        String event;
                        try {
                            event = events.take();
                        } catch (InterruptedException e) {
                            break;
                        }
                        System.err.println(event);
                    }
                }
            }
            """;

    @Test
    void ignoresACatchEndingAPrivateHelperThatOnlyTasksCallWhateverTheReceiver() {
        assertThat(tester.positions(WATCHER.replace("runLoop();\n", "this.runLoop();\n"))).isEmpty();
        assertThat(tester.positions(WATCHER.replace("    private void runLoop() {",
                "    static class Spare extends Thread {\n"
                        + "        private final Watcher watcher = new Watcher();\n"
                        + "        @Override public void run() { watcher.runLoop(); }\n"
                        + "    }\n    private void runLoop() {")))
                .as("another thread of the file runs the helper of another watcher, and finishes after it")
                .isEmpty();
        assertThat(tester.positions(WATCHER.replace("    private void runLoop() {",
                "    private void runLoop(int times) { }\n    void warmUp() { runLoop(3); }\n    private void runLoop() {")))
                .as("a call of an overload with another arity runs another method")
                .isEmpty();
    }

    @Test
    void reportsACatchEndingAPrivateHelperAlsoCalledOnAnotherReceiverOrReferencedOutsideTheTask() {
        assertThat(tester.positions(WATCHER.replace("    private void runLoop() {",
                "    static void wake(Watcher other) { other.runLoop(); }\n    private void runLoop() {")))
                .as("called on another watcher outside any task")
                .containsExactly("swallowed-interrupt@18:15");
        assertThat(tester.positions(WATCHER.replace("    private void runLoop() {",
                "    Runnable asTask() { return this::runLoop; }\n    private void runLoop() {")))
                .as("a method reference may run it anywhere")
                .containsExactly("swallowed-interrupt@18:15");
        assertThat(tester.positions(WATCHER.replace("class Watcher extends Thread {",
                "class Host {\n    void poke(Watcher watcher) { watcher.runLoop(); }\nstatic class Watcher extends Thread {")
                + "}\n"))
                .as("the class around the watcher calls its private helper")
                .containsExactly("swallowed-interrupt@19:15");
        assertThat(tester.positions(WATCHER.replace("private void runLoop() {", "private void runLoop(String... names) {")
                .replace("    @Override\n", "    void once() { runLoop(\"a\", \"b\"); }\n    @Override\n")))
                .as("a varargs helper called with other arguments outside the task")
                .containsExactly("swallowed-interrupt@18:15");
    }

    /** A pump thread whose loop the catch leaves. */
    private static final String PUMP = """
            import java.util.concurrent.*;
            class Pump implements Runnable {
                private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
                private volatile boolean stale;
                public void run() {
                    while (true) {
                        try {
                            System.out.println(queue.take());
                        } catch (InterruptedException e) {
                            System.err.println("interrupted");
                            break;
                        }
                    }
                }
            }
            """;

    @Test
    void ignoresACatchThatLeavesTheTasksLoopOnEveryPath() {
        String body = "System.err.println(\"interrupted\");\n                break;";
        assertThat(tester.positions(PUMP)).isEmpty();
        assertThat(tester.positions(PUMP.replace(body,
                "if (stale) {\n                    System.err.println(\"stale\");\n                }\n                break;")))
                .as("a branch that completes before the break")
                .isEmpty();
        assertThat(tester.positions(PUMP.replace(body, "if (stale) return; else break;")))
                .as("each branch leaves")
                .isEmpty();
        assertThat(tester.positions(PUMP.replace(body,
                "for (String left : queue) {\n                    if (left.isEmpty()) break;\n                }\n"
                        + "                synchronized (this) { return; }")))
                .as("a break out of a loop inside the catch, then a return")
                .isEmpty();
    }

    @Test
    void reportsACatchThatLeavesTheTasksLoopOnlyOnSomePaths() {
        String body = "System.err.println(\"interrupted\");\n                break;";
        String reported = "swallowed-interrupt@9:15";
        assertThat(tester.positions(PUMP.replace(body, "if (stale) break;")))
                .as("the loop goes on when the condition is false")
                .containsExactly(reported);
        assertThat(tester.positions(PUMP.replace(body, "if (stale) { break; } else { System.err.println(\"go on\"); }")))
                .as("a break in one branch only")
                .containsExactly(reported);
        assertThat(tester.positions(PUMP.replace(body, "if (stale) return;")))
                .as("a conditional return")
                .containsExactly(reported);
        assertThat(tester.positions(PUMP.replace(body, "if (stale) continue;\n                break;")))
                .as("a continue before the break")
                .containsExactly(reported);
        assertThat(tester.positions(PUMP.replace(body,
                "switch (queue.size()) {\n                    case 0: break;\n                    default: return;\n"
                        + "                }")))
                .as("a break out of a switch, which goes on in the loop")
                .containsExactly(reported);
    }

    @Test
    void ignoresACatchAfterWhichMainOnlyFinishesUpButNotOneAfterWhichItWaitsAgain() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Tool {
                    public static void main(String[] args) {
                        try {
                            new Tool().run(args);
                        } catch (InterruptedException e) {
                            System.err.println(e);
                        }
                        System.out.println("done");
                    }
                    void run(String[] args) throws InterruptedException { Thread.sleep(1); }
                }
                class Early {
                    public static void main(String... args) {
                        for (String host : args) {
                            try {
                                Thread.sleep(100);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                        System.out.println("all hosts");
                    }
                }
                class Waits {
                    public static void main(String[] args) throws Exception {
                        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            System.err.println(e);
                        }
                        System.out.println(queue.take());
                    }
                    static void main(int code) {
                        try { Thread.sleep(code); } catch (InterruptedException e) { }
                    }
                    public static void start(String[] args) {
                        try { Thread.sleep(1); } catch (InterruptedException e) { }
                    }
                    public static void main(String args, String more) {
                        Runnable task = () -> {
                            try { Thread.sleep(1); } catch (InterruptedException e) { }
                            while (true) { }
                        };
                        try { Thread.sleep(1); } catch (InterruptedException e) { }
                    }
                }
                class Lambda {
                    public static void main(String[] args) {
                        Runnable poll = () -> {
                            while (true) {
                                try { Thread.sleep(1); } catch (InterruptedException e) { }
                            }
                        };
                        new Thread(poll).start();
                    }
                }
                """)).containsExactly("swallowed-interrupt@30:11", "swallowed-interrupt@36:37",
                "swallowed-interrupt@39:34", "swallowed-interrupt@43:38", "swallowed-interrupt@46:34",
                "swallowed-interrupt@53:42");
    }

    @Test
    void ignoresACatchThatEndsAHelperHandedToAnExecutorAsTheWholeTaskAlsoInsideBranches() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Poller {
                    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
                    private final Object lock = new Object();
                    private int retries;
                    void start() {
                        scheduler.scheduleAtFixedRate(() -> poll(), 0, 1, TimeUnit.SECONDS);
                        scheduler.scheduleAtFixedRate(this::flush, 0, 1, TimeUnit.SECONDS);
                    }
                    private void poll() {
                        if (retries < 0) {
                            System.out.println("not ready");
                        } else if (ready()) {
                            try {
                                work();
                            } catch (Exception e) {
                                retries++;
                                try {
                                    Thread.sleep(1000L * retries);
                                } catch (InterruptedException ie) {
                                    System.err.println("back-off interrupted");
                                }
                            }
                        }
                    }
                    private void flush() {
                        synchronized (lock) {
                            try {
                                Thread.sleep(10);
                            } catch (InterruptedException e) {
                                System.err.println("flush interrupted");
                            }
                        }
                    }
                    boolean ready() { return true; }
                    void work() throws Exception { }
                }
                """)).isEmpty();
    }

    @Test
    void reportsACatchInsideABranchWhenTheHelperWaitsAgainAfterIt() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                class Poller {
                    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
                    void start() {
                        scheduler.scheduleAtFixedRate(() -> poll(), 0, 1, TimeUnit.SECONDS);
                    }
                    private void poll() {
                        if (ready()) {
                            try {
                                Thread.sleep(1000L);
                            } catch (InterruptedException ie) {
                                System.err.println("back-off interrupted");
                            }
                        }
                        try {
                            Thread.sleep(1000L);
                        } catch (InterruptedException again) {
                            return;
                        }
                    }
                    boolean ready() { return true; }
                }
                """)).containsExactly("swallowed-interrupt@11:15");
    }

    private static final String RING = """
            import java.util.concurrent.*;
            class Ring {
                private volatile boolean toStop;
                private Thread ring;
                private final ExecutorService workers = Executors.newFixedThreadPool(2);
                void start() {
                    ring = new Thread(() -> {
                        while (!toStop) {
                            System.out.println("tick");
                            try {
                                TimeUnit.SECONDS.sleep(1);
                            } catch (InterruptedException e) {
                                if (!toStop) {
                                    System.err.println("interrupted");
                                }
                            }
                        }
                    });
                    ring.start();
                    workers.execute(() -> {
                        while (!this.toStop && !Thread.currentThread().isDaemon()) {
                            try {
                                Thread.sleep(100);
                            } catch (InterruptedException e) {
                                System.err.println("woken");
                            }
                        }
                    });
                }
                void stop() throws InterruptedException {
                    toStop = true;
                    ring.interrupt();
                    ring.join();
                }
                void stopWorkers() {
                    halt();
                    workers.shutdownNow();
                }
                private void halt() {
                    System.out.println("halting");
                    toStop = true;
                }
            }
            """;

    @Test
    void ignoresACatchThatFallsThroughToALoopConditionOnTheStopFlagTheClassSetsBeforeItInterrupts() {
        assertThat(tester.positions(RING)).isEmpty();
    }

    @Test
    void reportsTheStopFlagIdiomWhenSomeInterruptComesBeforeTheFlagOrTheFlagIsPublic() {
        assertThat(tester.positions(RING.replace("toStop = true;\n        ring.interrupt();",
                "ring.interrupt();\n        toStop = true;")))
                .containsExactly("swallowed-interrupt@12:19", "swallowed-interrupt@24:19");
        assertThat(tester.positions(RING.replace("private volatile boolean toStop;", "public volatile boolean toStop;")))
                .as("any code may drive a public flag: it is not the class's own stop protocol")
                .containsExactly("swallowed-interrupt@12:19", "swallowed-interrupt@24:19");
        assertThat(tester.positions(RING.replace("private volatile boolean toStop;", "private volatile int toStop;")))
                .containsExactly("swallowed-interrupt@12:19", "swallowed-interrupt@24:19");
        assertThat(tester.positions(RING.replace("        System.out.println(\"halting\");\n",
                "        if (ring == null) return;\n")))
                .containsExactly("swallowed-interrupt@12:19", "swallowed-interrupt@24:19");
        assertThat(tester.positions(RING.replace("System.err.println(\"woken\");\n                }",
                "System.err.println(\"woken\");\n                }\n                Thread.sleep(5);")))
                .containsExactly("swallowed-interrupt@24:19");
    }

    /** A dispatcher whose loop is {@code while (true)} with the flag checked first, and a poller on an AtomicBoolean. */
    private static final String DISPATCHER = """
            import java.util.concurrent.*;
            import java.util.concurrent.atomic.AtomicBoolean;
            class Dispatcher {
                private volatile boolean closed;
                private final AtomicBoolean stopped = new AtomicBoolean();
                private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
                private Thread dispatcher;
                private Thread poller;
                void start() {
                    dispatcher = new Thread(() -> {
                        while (true) {
                            if (closed) break;
                            try {
                                tasks.take().run();
                            } catch (InterruptedException e) {
                                continue;
                            }
                        }
                    });
                    poller = new Thread(() -> {
                        while (!stopped.get()) {
                            try {
                                Thread.sleep(100);
                            } catch (InterruptedException e) {
                                System.err.println("woken");
                            }
                        }
                    });
                }
                void close() {
                    closed = true;
                    stopped.set(true);
                    dispatcher.interrupt();
                    poller.interrupt();
                }
            }
            """;

    @Test
    void ignoresAWhileTrueLoopThatChecksTheStopFlagFirstAndAnAtomicBooleanFlagSetBeforeTheInterrupt() {
        assertThat(tester.positions(DISPATCHER)).isEmpty();
        assertThat(tester.positions(DISPATCHER.replace("if (closed) break;", "if (!this.closed) { } else break;")))
                .as("a check with an else is another shape")
                .containsExactly("swallowed-interrupt@15:19");
        assertThat(tester.positions(DISPATCHER.replace("stopped.set(true);", "stopped.getAndSet(true);")
                .replace("if (closed) break;", "if (closed || Thread.currentThread().isDaemon()) { break; }")))
                .isEmpty();
        assertThat(tester.positions(DISPATCHER.replace("stopped.set(true);", "stopped.compareAndSet(false, true);")))
                .isEmpty();
        assertThat(tester.positions(DISPATCHER.replace("stopped.set(true);", "stopped.lazySet(true);")
                .replace("!stopped.get()", "!this.stopped.get()"))).isEmpty();
        assertThat(tester.positions("""
                import java.util.concurrent.atomic.AtomicBoolean;
                class Pump {
                    final AtomicBoolean running = new AtomicBoolean(true);
                    private final Worker worker = new Worker();
                    class Worker extends Thread {
                        @Override public void run() {
                            while (running.get()) {
                                try { Thread.sleep(10); } catch (InterruptedException e) { }
                            }
                        }
                    }
                    void stop() { halt(); worker.interrupt(); }
                    private void halt() { running.compareAndSet(true, false); }
                }
                """)).as("an enclosing class's AtomicBoolean, set through a method of the class").isEmpty();
        assertThat(tester.positions("""
                import java.util.concurrent.atomic.AtomicBoolean;
                class Pump {
                    final AtomicBoolean running = new AtomicBoolean(true);
                    private final Worker worker = new Worker();
                    class Worker extends Thread {
                        @Override public void run() {
                            while (running.get()) {
                                try { Thread.sleep(10); } catch (InterruptedException e) { }
                            }
                        }
                    }
                    void stop() { halt(); worker.interrupt(); }
                    private void halt() { running.compareAndSet(true, false); }
                }
                class Restarter {
                    void restart(Pump pump) { pump.running.set(true); }
                }
                """)).as("another class of the file sets a package-private flag back to running")
                .containsExactly("swallowed-interrupt@8:43");
        assertThat(tester.positions("""
                class Loop extends Thread {
                    private boolean done;
                    @Override public void run() {
                        System.out.println("start");
                        while (true) {
                            if (done) return;
                            try { Thread.sleep(10); } catch (InterruptedException e) { }
                        }
                    }
                    void finish() { done = true; interrupt(); }
                }
                """)).isEmpty();
    }

    @Test
    void reportsTheWhileTrueAndAtomicFlagFormsWhenTheShapeOrTheSettingDiffers() {
        assertThat(tester.positions(DISPATCHER.replace("        closed = true;\n", "")
                .replace("poller.interrupt();\n", "poller.interrupt();\n        closed = true;\n")))
                .containsExactly("swallowed-interrupt@15:19");
        assertThat(tester.positions(DISPATCHER.replace("if (closed) break;",
                "System.out.println(\"next\");\n                if (closed) break;")))
                .as("the flag check is not the loop's first statement")
                .containsExactly("swallowed-interrupt@16:19");
        assertThat(tester.positions(DISPATCHER.replace("if (closed) break;", "if (closed) continue;")))
                .containsExactly("swallowed-interrupt@15:19");
        assertThat(tester.positions(DISPATCHER.replace("        stopped.set(true);\n", "")
                .replace("poller.interrupt();\n", "poller.interrupt();\n        stopped.set(true);\n")))
                .containsExactly("swallowed-interrupt@24:19");
        assertThat(tester.positions(DISPATCHER.replace("private final AtomicBoolean stopped",
                "private AtomicBoolean stopped")))
                .as("a field that is not final may be given a new AtomicBoolean")
                .containsExactly("swallowed-interrupt@24:19");
        assertThat(tester.positions(DISPATCHER.replace("private final AtomicBoolean stopped = new AtomicBoolean();",
                "private final AtomicBoolean stopped = new AtomicBoolean();\n    private final AtomicBoolean paused = "
                        + "new AtomicBoolean();").replace("stopped.set(true);", "paused.set(true);")))
                .as("a set of another field")
                .containsExactly("swallowed-interrupt@25:19");
        assertThat(tester.positions(DISPATCHER.replace("stopped.set(true);", "stopped.set(false);")))
                .containsExactly("swallowed-interrupt@24:19");
        assertThat(tester.positions(DISPATCHER.replace("stopped.set(true);", "stopped.compareAndSet(true, true);")))
                .containsExactly("swallowed-interrupt@24:19");
        assertThat(tester.positions("""
                class Loop extends Thread {
                    private boolean done;
                    @Override public void run() {
                        while (true) {
                            if (done) return;
                            if (isDaemon()) break;
                            try { Thread.sleep(10); } catch (InterruptedException e) { }
                        }
                        System.out.println("after");
                    }
                    void finish() { done = true; interrupt(); }
                }
                """)).as("a return is a break only when nothing follows the loop")
                .containsExactly("swallowed-interrupt@7:39");
    }

    /** The states of a job executor, declared in another file of the project, nested in an interface. */
    private static final String EXECUTOR = """
            package jobs.api;
            public interface Executor {
                enum State { NEW, RUNNING, SHUTDOWN, STOPPED; static final State HALTED = STOPPED; }
            }
            """;

    /**
     * A worker whose stop state is an AtomicReference of the executor's enum, named through an inherited member type
     * and a static import: the loop runs while the state is RUNNING, the stop sets SHUTDOWN before the interrupt.
     */
    private static final String STATE_WORKER = """
            package jobs.impl;
            import static jobs.api.Executor.State.*;
            import java.util.concurrent.atomic.AtomicReference;
            import jobs.api.Executor;
            public class Worker implements Executor, Runnable {
                protected final AtomicReference<State> state = new AtomicReference<>(NEW);
                private final AtomicReference<Thread> thread = new AtomicReference<>();
                @Override public void run() {
                    thread.set(Thread.currentThread());
                    while (RUNNING.equals(this.state.get())) {
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            System.err.println("woken");
                        }
                    }
                }
                public void end(boolean now) {
                    if (now) {
                        state.set(SHUTDOWN);
                        Thread worker = thread.get();
                        if (worker != null) {
                            worker.interrupt();
                        }
                    } else {
                        state.set(SHUTDOWN);
                    }
                }
            }
            """;

    @Test
    void ignoresALoopOnAnEnumStateOfAnotherFileSetToAnotherConstantBeforeEveryInterrupt() {
        assertThat(tester.positions(EXECUTOR, STATE_WORKER)).isEmpty();
        assertThat(tester.positions(EXECUTOR, STATE_WORKER.replace("RUNNING.equals(this.state.get())",
                "state.get() == State.RUNNING"))).as("== with the constant qualified by the inherited member type")
                .isEmpty();
        assertThat(tester.positions(EXECUTOR, STATE_WORKER
                .replace("import static jobs.api.Executor.State.*;", "import static jobs.api.Executor.State.NEW;\n"
                        + "import static jobs.api.Executor.State.RUNNING;\nimport static jobs.api.Executor.State.SHUTDOWN;")
                .replace("RUNNING.equals(this.state.get())", "RUNNING == state.get()")
                .replace("state.set(SHUTDOWN);\n            Thread", "state.compareAndSet(RUNNING, SHUTDOWN);\n"
                        + "            Thread"))).as("single static imports; a compare-and-set from the running state")
                .isEmpty();
        assertThat(tester.positions(EXECUTOR, STATE_WORKER
                .replace("RUNNING.equals(this.state.get())", "jobs.api.Executor.State.RUNNING.equals(state.get())")
                .replace("state.set(SHUTDOWN);\n            Thread", "state.getAndSet(Executor.State.SHUTDOWN);\n"
                        + "            Thread"))).as("qualified constants").isEmpty();
        assertThat(tester.positions(EXECUTOR, STATE_WORKER
                .replace("RUNNING.equals(this.state.get())", "state.get() != STOPPED")
                .replace("state.set(SHUTDOWN);\n            Thread", "state.lazySet(STOPPED);\n            Thread")))
                .as("the loop ends on the constant set before the interrupt").isEmpty();
        assertThat(tester.positions(EXECUTOR, STATE_WORKER
                .replace("while (RUNNING.equals(this.state.get())) {", "while (true) {\n"
                        + "            if (state.get() == STOPPED || !RUNNING.equals(state.get())) break;")
                .replace("state.set(SHUTDOWN);\n            Thread", "state.set(STOPPED);\n            Thread")))
                .as("while (true) whose first statement leaves on the constant set").isEmpty();
        assertThat(tester.positions("""
                import java.util.concurrent.atomic.AtomicReference;
                class Pump extends Thread {
                    enum State { IDLE, PUMPING, DONE }
                    private final AtomicReference<State> phase = new AtomicReference<>(State.IDLE);
                    @Override public void run() {
                        phase.set(State.PUMPING);
                        while (phase.get() == State.PUMPING) {
                            try { Thread.sleep(10); } catch (InterruptedException e) { }
                        }
                    }
                    void finish() { phase.set(State.DONE); interrupt(); }
                }
                """)).as("an enum of the file, whose name as a member of the class hides Thread.State").isEmpty();
    }

    @Test
    void reportsALoopOnAStateWhoseStopValueIsNotProvablyAnotherConstantOfTheSameEnum() {
        String interrupted = "state.set(SHUTDOWN);\n            Thread";
        assertThat(tester.positions(EXECUTOR, STATE_WORKER.replace(interrupted, "state.set(RUNNING);\n            Thread")))
                .as("the constant the loop runs on").containsExactly("swallowed-interrupt@13:15");
        assertThat(tester.positions(EXECUTOR, STATE_WORKER.replace("RUNNING.equals(this.state.get())",
                "state.get() != STOPPED"))).as("the loop ends on another constant than the one set")
                .containsExactly("swallowed-interrupt@13:15");
        assertThat(tester.positions(EXECUTOR, STATE_WORKER.replace(interrupted,
                "state.compareAndSet(NEW, SHUTDOWN);\n            Thread")))
                .as("a compare-and-set that fails on a running state leaves it running")
                .containsExactly("swallowed-interrupt@13:15");
        assertThat(tester.positions(EXECUTOR, STATE_WORKER
                .replace("RUNNING.equals(this.state.get())", "state.get() != STOPPED")
                .replace(interrupted, "state.set(HALTED);\n            Thread")))
                .as("a static final field of the enum is not one of its constants")
                .containsExactly("swallowed-interrupt@13:15");
        assertThat(tester.positions(STATE_WORKER)).as("the interface that names the enum is not the project's")
                .containsExactly("swallowed-interrupt@13:15");
        String libraryState = """
                import static org.lib.State.*;
                import java.util.concurrent.atomic.AtomicReference;
                import org.lib.State;
                class Pump implements Runnable {
                    private final AtomicReference<State> state = new AtomicReference<>(NEW);
                    private volatile Thread thread;
                    @Override public void run() {
                        thread = Thread.currentThread();
                        while (RUNNING.equals(state.get())) {
                            try { Thread.sleep(10); } catch (InterruptedException e) { }
                        }
                    }
                    void finish() { state.set(SHUTDOWN); thread.interrupt(); }
                }
                """;
        assertThat(tester.positions(libraryState)).as("an enum the project does not declare (a library's)")
                .containsExactly("swallowed-interrupt@10:39");
        assertThat(tester.positions(libraryState, """
                package org.lib;
                public enum State { NEW, RUNNING, SHUTDOWN }
                """)).as("the same enum declared by the project").isEmpty();
        assertThat(tester.positions(EXECUTOR, STATE_WORKER.replace("protected final AtomicReference<State> state",
                "protected AtomicReference<State> state"))).as("a field that is not final")
                .containsExactly("swallowed-interrupt@13:15");
        assertThat(tester.positions(EXECUTOR, STATE_WORKER.replace("AtomicReference<State> state",
                "AtomicReference<Object> state"))).as("a reference that may hold anything")
                .containsExactly("swallowed-interrupt@13:15");
        assertThat(tester.positions(EXECUTOR, STATE_WORKER.replace("    @Override public void run() {",
                "    private static final State SHUTDOWN = State.RUNNING;\n    @Override public void run() {")))
                .as("a field of the class shadows the imported constant")
                .containsExactly("swallowed-interrupt@14:15");
        assertThat(tester.positions(EXECUTOR, """
                package jobs.impl;
                import jobs.api.Executor;
                public class Base implements Executor {
                    protected static final State SHUTDOWN = State.RUNNING;
                }
                """, STATE_WORKER.replace("implements Executor, Runnable", "extends Base implements Runnable")))
                .as("an inherited field of a class of another file shadows the imported constant")
                .containsExactly("swallowed-interrupt@13:15");
        assertThat(tester.positions(EXECUTOR, STATE_WORKER.replace("implements Executor, Runnable",
                "extends org.lib.Service implements Executor, Runnable")))
                .as("a library supertype whose fields and member types cannot be known")
                .containsExactly("swallowed-interrupt@13:15");
        assertThat(tester.positions(EXECUTOR, STATE_WORKER.replace("        } else {\n            state.set(SHUTDOWN);\n",
                "        } else {\n            state.set(SHUTDOWN);\n            thread.get().interrupt();\n")
                .replace("        if (now) {\n            state.set(SHUTDOWN);\n", "        if (now) {\n")))
                .as("an interrupt not preceded by the stop").containsExactly("swallowed-interrupt@13:15");
        assertThat(tester.positions("""
                import java.util.concurrent.atomic.AtomicReference;
                class States { static final Object RUNNING = "running"; static final Object SHUTDOWN = "running"; }
                class Pump extends Thread {
                    private final AtomicReference<Object> state = new AtomicReference<>(States.RUNNING);
                    @Override public void run() {
                        while (States.RUNNING.equals(state.get())) {
                            try { Thread.sleep(10); } catch (InterruptedException e) { }
                        }
                    }
                    void finish() { state.set(States.SHUTDOWN); interrupt(); }
                }
                """)).as("a class's static finals may hold the same value").containsExactly("swallowed-interrupt@7:39");
    }

    @Test
    void ignoresTheStopFlagIdiomOnAFlagThatIsNotVolatileOrNotPrivate() {
        assertThat(tester.positions(RING.replace("private volatile boolean toStop;", "private boolean toStop;")))
                .as("the interrupt publishes the write before it to the thread that catches it (JLS 17.4.4)")
                .isEmpty();
        assertThat(tester.positions(RING.replace("private volatile boolean toStop;", "volatile boolean toStop;")))
                .isEmpty();
    }

    /**
     * A spooler whose feeder thread, an inner class, loops on the spooler's own flag, and whose close() sets the flag
     * before it interrupts the feeder; a pump Runnable and a local class read it the same way.
     */
    private static final String SPOOLER = """
            import java.util.concurrent.*;
            class Spooler {
                volatile boolean closed;
                private final BlockingQueue<byte[]> pages = new LinkedBlockingQueue<>();
                private final Feeder feeder = new Feeder();
                private Thread pumpThread;
                class Feeder extends Thread {
                    @Override public void run() {
                        while (!closed) {
                            try {
                                print(pages.take());
                            } catch (InterruptedException e) {
                                System.err.println("feeder woken");
                            }
                        }
                    }
                }
                private class Pump implements Runnable {
                    @Override public void run() {
                        while (!closed && !Thread.currentThread().isDaemon()) {
                            try {
                                TimeUnit.MILLISECONDS.sleep(50);
                            } catch (InterruptedException e) {
                                System.err.println("pump woken");
                            }
                        }
                    }
                }
                void open() {
                    feeder.start();
                    pumpThread = new Thread(new Pump());
                    pumpThread.start();
                    class Ticker extends Thread {
                        @Override public void run() {
                            do {
                                try {
                                    Thread.sleep(1000);
                                } catch (InterruptedException e) {
                                    System.err.println("ticker woken");
                                }
                            } while (!closed);
                        }
                    }
                    new Ticker().start();
                }
                void close() {
                    shutDown();
                    feeder.interrupt();
                    pumpThread.interrupt();
                }
                private void shutDown() {
                    System.out.println("closing");
                    closed = true;
                }
                void print(byte[] page) { }
            }
            """;

    @Test
    void ignoresTheStopFlagIdiomWhenAnInnerClassLoopsOnAFlagOfTheEnclosingClass() {
        assertThat(tester.positions(SPOOLER))
                .as("the feeder, pump and ticker read the spooler's flag, set before each interrupt")
                .isEmpty();
    }

    @Test
    void reportsTheEnclosingClassesStopFlagWhenSetBackOutsideInterruptedFirstShadowedOrReadByAStaticClass() {
        assertThat(tester.positions(SPOOLER + """
                class Reopener {
                    void reopen(Spooler spooler) { spooler.closed = false; }
                }
                """))
                .as("code outside the spooler sets the package-private flag back")
                .containsExactly("swallowed-interrupt@12:19", "swallowed-interrupt@23:19", "swallowed-interrupt@38:23");
        assertThat(tester.positions(SPOOLER.replace("shutDown();\n        feeder.interrupt();",
                "feeder.interrupt();\n        shutDown();")))
                .as("an interrupt before the flag is set")
                .containsExactly("swallowed-interrupt@12:19", "swallowed-interrupt@23:19", "swallowed-interrupt@38:23");
        assertThat(tester.positions(SPOOLER.replace("        closed = true;\n", "")))
                .as("a stop method that never sets the flag")
                .containsExactly("swallowed-interrupt@12:19", "swallowed-interrupt@23:19", "swallowed-interrupt@38:23");
        assertThat(tester.positions(SPOOLER.replace("class Feeder extends Thread {",
                "class Feeder extends Thread {\n        private boolean closed;")))
                .as("the feeder's own field of that name, which nothing sets")
                .containsExactly("swallowed-interrupt@13:19");
        assertThat(tester.positions(SPOOLER.replace("class Feeder extends Thread {", "class Feeder extends Worker {")
                + "class Worker extends Thread { boolean closed; }"))
                .as("the feeder inherits a field of that name, which nothing sets")
                .containsExactly("swallowed-interrupt@12:19");
        assertThat(tester.positions(SPOOLER.replace("class Feeder extends Thread {",
                "class Feeder extends org.example.Daemon {")))
                .as("a library supertype might declare a field of that name")
                .containsExactly("swallowed-interrupt@12:19");
        String daemon = "abstract class Daemon extends Thread { protected boolean paused; }";
        assertThat(tester.positions(SPOOLER.replace("class Feeder extends Thread {", "class Feeder extends Daemon {"),
                daemon))
                .as("a supertype in another file of the project: its primitive fields are not known")
                .containsExactly("swallowed-interrupt@12:19");
        assertThat(tester.positions(SPOOLER.replace("class Feeder extends Thread {", "class Feeder extends Daemon {")
                + daemon))
                .as("a supertype in the file without a field of that name")
                .isEmpty();
        assertThat(tester.positions(SPOOLER.replace("volatile boolean closed;", "static volatile boolean closed;")
                .replace("class Feeder extends Thread {", "static class Feeder extends Thread {")
                .replace("print(pages.take());", "Thread.sleep(5);")))
                .as("a static nested class is no inner class: the check stays with the class that loops")
                .containsExactly("swallowed-interrupt@12:19");
        assertThat(tester.positions(SPOOLER.replace("volatile boolean closed;", "public volatile boolean closed;")))
                .containsExactly("swallowed-interrupt@12:19", "swallowed-interrupt@23:19", "swallowed-interrupt@38:23");
        assertThat(tester.positions(SPOOLER.replace("void print(byte[] page) { }",
                "void print(byte[] page) { }\n    static class Watchdog { void bark(Thread t) { t.interrupt(); } }")))
                .as("another interrupt in the file's class that does not follow the stop")
                .containsExactly("swallowed-interrupt@12:19", "swallowed-interrupt@23:19", "swallowed-interrupt@38:23");
    }

    /**
     * A publisher whose inner drainer thread loops on the publisher's stop flag and calls a private helper of the
     * publisher whose try, with the catch, is its last statement; stop() sets the flag before it interrupts.
     */
    private static final String PUBLISHER = """
            import java.util.concurrent.*;
            class Publisher {
                private volatile boolean stopped;
                private final BlockingQueue<String> updates = new LinkedBlockingQueue<>();
                private final Thread drainer = new Thread(new Drainer());
                void start() { drainer.start(); }
                void stop() {
                    stopped = true;
                    drainer.interrupt();
                }
                private void drainOne() {
                    System.out.println("waiting");
                    try {
                        send(updates.take());
                    } catch (InterruptedException e) {
                        System.err.println("drainer woken");
                    } catch (RuntimeException e) {
                        System.err.println("send failed");
                    }
                }
                private class Drainer implements Runnable {
                    @Override public void run() {
                        while (!stopped) {
                            drainOne();
                            System.out.println("drained");
                        }
                    }
                }
                void send(String update) { }
            }
            """;

    @Test
    void ignoresTheStopFlagIdiomWhenTheCatchEndsAPrivateHelperThatOnlyTheFlagsLoopCalls() {
        assertThat(tester.positions(PUBLISHER))
                .as("the catch ends drainOne(), the iteration only finishes up, the loop's next check ends the thread")
                .isEmpty();
        assertThat(tester.positions(PUBLISHER.replace("private class Drainer implements Runnable {",
                "private class Drainer extends Thread {").replace("drainOne();", "this.drainOne();")))
                .isEmpty();
    }

    @Test
    void reportsTheCatchAtTheEndOfAHelperThatIsNotPrivateOrThatSomethingCallsOutsideTheFlagsLoop() {
        String reported = "swallowed-interrupt@15:11";
        assertThat(tester.positions(PUBLISHER.replace("private void drainOne()", "void drainOne()")))
                .as("a subclass could call it from anywhere")
                .containsExactly(reported);
        assertThat(tester.positions(PUBLISHER.replace("void send(String update) { }",
                "void send(String update) { }\n    void flush() { drainOne(); }")))
                .as("also called outside the loop, where nothing stops after the catch")
                .containsExactly(reported);
        assertThat(tester.positions(PUBLISHER.replace("void send(String update) { }",
                "void send(String update) { }\n    void drainAll() { while (true) { drainOne(); } }")))
                .as("also called in a loop that no stop flag ends")
                .containsExactly(reported);
        assertThat(tester.positions(PUBLISHER.replace("void send(String update) { }",
                "void send(String update) { }\n    Runnable asTask() { return this::drainOne; }")))
                .as("a method reference may run it anywhere")
                .containsExactly(reported);
        assertThat(tester.positions(PUBLISHER.replace("                drainOne();\n",
                "                for (int i = 0; i < 3; i++) drainOne();\n")))
                .as("called in an inner loop, which goes on after the interrupt")
                .containsExactly(reported);
        assertThat(tester.positions(PUBLISHER.replace("System.out.println(\"drained\");",
                "for (String left : updates) send(left);")))
                .as("the iteration loops again after the call")
                .containsExactly(reported);
        assertThat(tester.positions(PUBLISHER.replace("System.err.println(\"send failed\");\n        }",
                "System.err.println(\"send failed\");\n        }\n        for (String left : updates) send(left);")))
                .as("the helper loops again after the catch")
                .containsExactly(reported);
        assertThat(tester.positions(PUBLISHER.replace("stopped = true;\n        drainer.interrupt();",
                "drainer.interrupt();\n        stopped = true;")))
                .as("the interrupt comes before the flag is set")
                .containsExactly(reported);
        assertThat(tester.positions(PUBLISHER.replace("while (!stopped) {", "while (!Thread.currentThread().isDaemon()) {")))
                .as("a loop on no stop flag")
                .containsExactly(reported);
    }

    /** A worker base class whose subclasses read its protected stop flag: only the base class stops and interrupts. */
    private static final String KEEPERS = """
            import java.util.concurrent.*;
            class Service {
                protected abstract class Keeper<T> implements Runnable {
                    protected volatile boolean stopped = false;
                    protected final Thread thread = new Thread(this);
                    protected final BlockingQueue<T> queue = new LinkedBlockingQueue<>();
                    void start() { thread.start(); }
                    public void dispose() {
                        stopped = true;
                        thread.interrupt();
                    }
                    @Override public void run() {
                        while (!stopped) {
                            try {
                                process(queue.take());
                            } catch (InterruptedException ignored) {
                            } catch (Throwable t) {
                                if (!stopped) {
                                    System.err.println(t);
                                }
                            }
                        }
                    }
                    protected abstract void process(T task) throws Exception;
                }
                private class GroupKeeper extends Keeper<String> {
                    @Override protected void process(String task) {
                        if (this.stopped) {
                            return;
                        }
                        System.out.println(task);
                    }
                }
            }
            """;

    @Test
    void ignoresTheStopFlagIdiomOnAProtectedFlagOfAWorkerBaseClassThatOnlyItSetsBeforeItInterrupts() {
        assertThat(tester.positions(KEEPERS)).isEmpty();
    }

    @Test
    void reportsTheStopFlagIdiomOnAProtectedFlagThatASubclassSetsBackOrThatIsInterruptedFirst() {
        assertThat(tester.positions(KEEPERS.replace("if (this.stopped) {\n                return;",
                "if (this.stopped) {\n                this.stopped = false;")))
                .as("a subclass in the file restarts the loop behind the base class's stop")
                .containsExactly("swallowed-interrupt@16:19");
        assertThat(tester.positions(KEEPERS.replace("stopped = true;\n            thread.interrupt();",
                "thread.interrupt();\n            stopped = true;")))
                .containsExactly("swallowed-interrupt@16:19");
        assertThat(tester.positions(KEEPERS.replace("protected volatile boolean stopped", "public volatile boolean stopped")))
                .containsExactly("swallowed-interrupt@16:19");
    }

    private static final String DONE_READS = """
            import java.util.concurrent.*;
            class Skulls {
                String now(CompletableFuture<String> resolved) {
                    if (resolved.isDone()) {
                        try {
                            return resolved.get().trim();
                        } catch (InterruptedException | ExecutionException e) {
                            System.err.println(e);
                        }
                        return null;
                    }
                    return "later";
                }
                String early(CompletableFuture<String> f) {
                    if (!f.isDone()) {
                        return null;
                    }
                    try { return f.get(); } catch (InterruptedException | ExecutionException e) { return null; }
                }
                String combined(CompletableFuture<String> f, boolean ready) {
                    try {
                        return ready && f.isDone() ? f.get() : null;
                    } catch (InterruptedException | ExecutionException e) {
                        return null;
                    }
                }
            }
            """;

    @Test
    void ignoresACatchAroundGetOfACompletableFutureThatAnIsDoneCheckProvesComplete() {
        assertThat(tester.positions(DONE_READS))
                .as("a completed CompletableFuture's get() returns without looking at the interrupt status")
                .isEmpty();
    }

    @Test
    void reportsACatchAroundAGetThatCanStillBeInterrupted() {
        assertThat(tester.positions(DONE_READS.replace("String now(CompletableFuture<String> resolved)",
                "String now(Future<String> resolved)")))
                .as("other futures (Guava's AbstractFuture, ForkJoinTask) test the status before the result")
                .containsExactly("swallowed-interrupt@7:15");
        assertThat(tester.positions(DONE_READS.replace("if (resolved.isDone()) {", "if (!resolved.isDone()) {")))
                .containsExactly("swallowed-interrupt@7:15");
        assertThat(tester.positions(DONE_READS.replace("if (!f.isDone()) {\n            return null;\n        }",
                "if (!f.isDone()) {\n            System.out.println(\"waiting\");\n        }")))
                .as("a check that does not leave does not make the future complete")
                .containsExactly("swallowed-interrupt@18:33");
        assertThat(tester.positions(DONE_READS.replace("return ready && f.isDone() ? f.get() : null;",
                "return ready || f.isDone() ? f.get() : null;")))
                .containsExactly("swallowed-interrupt@23:11");
        assertThat(tester.positions(DONE_READS.replace("return resolved.get().trim();",
                "Thread.sleep(10);\n                return resolved.get().trim();")))
                .as("another wait in the try block can be interrupted")
                .containsExactly("swallowed-interrupt@8:15");
        assertThat(tester.positions(DONE_READS.replace("return resolved.get().trim();",
                "return settle(resolved.get());") .replace("String early(",
                "String settle(String s) throws InterruptedException { return s; }\n    String early(")))
                .as("a method of the file that declares InterruptedException")
                .containsExactly("swallowed-interrupt@7:15");
    }

    /**
     * Reads of a FutureTask that the code waits out first: a commit handed to a single-thread pool and polled until
     * done, a task the class makes and runs itself, and a private helper that reads a field future behind its
     * caller's early return.
     */
    private static final String TASK_READS = """
            import java.util.concurrent.*;
            class Uploads {
                private final CompletableFuture<String> label = new CompletableFuture<>();
                private final FutureTask<Integer> count = new FutureTask<>(() -> 42);
                boolean commit(Runnable log) {
                    ExecutorService pool = Executors.newSingleThreadExecutor();
                    Future<Boolean> done = pool.submit(() -> true);
                    while (!done.isDone()) {
                        log.run();
                        pause(100);
                    }
                    try {
                        return done.get();
                    } catch (InterruptedException e) {
                        System.err.println("ignored");
                        return false;
                    } catch (ExecutionException e) {
                        throw new IllegalStateException(e);
                    } finally {
                        pool.shutdown();
                    }
                }
                int measure() {
                    FutureTask<Integer> task = new FutureTask<>(() -> 7);
                    new Thread(task).start();
                    do {
                        pause(10);
                    } while (!task.isDone());
                    try {
                        return task.get();
                    } catch (InterruptedException | ExecutionException e) {
                        return -1;
                    }
                }
                String describe() {
                    if (!label.isDone()) {
                        return "<pending>";
                    }
                    try {
                        return text();
                    } catch (InterruptedException | ExecutionException e) {
                        return "<failed>";
                    }
                }
                private String text() throws InterruptedException, ExecutionException {
                    return label.get().trim();
                }
                String total() {
                    if (count.isDone()) {
                        try {
                            return "n=" + counted();
                        } catch (InterruptedException | ExecutionException e) {
                            return "?";
                        }
                    }
                    return "-";
                }
                private int counted() throws InterruptedException, ExecutionException {
                    return count.get();
                }
                static void pause(long millis) { }
            }
            """;

    @Test
    void ignoresACatchAroundGetOfAFutureTaskOrACompletableFutureThatALoopOrAHelpersCallerProvesDone() {
        assertThat(tester.positions(TASK_READS))
                .as("a done FutureTask's get() reports its outcome without looking at the interrupt status")
                .isEmpty();
    }

    @Test
    void reportsACatchAroundAGetThatAnotherKindOfFutureOrABreakingLoopLeavesInterruptible() {
        assertThat(tester.positions(TASK_READS.replace("Executors.newSingleThreadExecutor()",
                "Executors.newWorkStealingPool()")))
                .as("a ForkJoinPool's submit gives a ForkJoinTask, whose get() tests the status first")
                .containsExactly("swallowed-interrupt@14:11");
        assertThat(tester.positions(TASK_READS.replace("ExecutorService pool = Executors.newSingleThreadExecutor();",
                "ExecutorService pool = Executors.newSingleThreadExecutor();\n        pool = supplied();")
                + "class More { static ExecutorService supplied() { return null; } }"))
                .as("an executor of unknown kind")
                .containsExactly("swallowed-interrupt@15:11");
        assertThat(tester.positions(TASK_READS.replace("pause(100);", "pause(100);\n                if (log == null) break;")))
                .as("a loop that can break before the future is done")
                .containsExactly("swallowed-interrupt@15:11");
        assertThat(tester.positions(TASK_READS.replace("FutureTask<Integer> task = new FutureTask<>(() -> 7);",
                "FutureTask<Integer> task = new FutureTask<>(() -> 7) { };")))
                .as("a subclass of FutureTask may wait differently")
                .containsExactly("swallowed-interrupt@31:11");
        assertThat(tester.positions(TASK_READS.replace("} while (!task.isDone());", "} while (task.isDone());")))
                .containsExactly("swallowed-interrupt@31:11");
        assertThat(tester.positions(TASK_READS.replace("private final CompletableFuture<String> label",
                "private final Future<String> label")))
                .as("a plain Future read by the helper")
                .containsExactly("swallowed-interrupt@41:11");
        assertThat(tester.positions(TASK_READS.replace("if (!label.isDone()) {\n            return \"<pending>\";\n"
                + "        }\n", "")))
                .as("a helper read that nothing proves done")
                .containsExactly("swallowed-interrupt@38:11");
        assertThat(tester.positions(TASK_READS.replace("private String text() throws",
                "String text() throws")))
                .as("a helper others may call")
                .containsExactly("swallowed-interrupt@41:11");
        assertThat(tester.positions(TASK_READS.replace("return count.get();",
                "Thread.sleep(1);\n        return count.get();")))
                .as("a helper that also sleeps")
                .containsExactly("swallowed-interrupt@52:15");
        assertThat(tester.positions(TASK_READS.replace("String total() {", "String total(Future<Integer> count) {")))
                .as("the caller checks a local that shadows the field")
                .containsExactly("swallowed-interrupt@52:15");
    }

    /** A daemon whose run() loops on its exit flag around a step; the step's catch sets the flag. */
    private static final String DAEMON = """
            import java.util.concurrent.*;
            class Daemon implements Runnable {
                private volatile boolean exiting;
                private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
                public boolean isExiting() { return exiting; }
                protected void setExiting(boolean exiting) { this.exiting = exiting; }
                public void run() {
                    while (!isExiting()) {
                        onNotify();
                    }
                    System.out.println("exit");
                }
                protected void onNotify() {
                    try {
                        System.out.println(queue.take());
                    } catch (InterruptedException e) {
                        System.err.println("interrupted");
                        setExiting(true);
                    }
                }
                void drain() {
                    boolean exit = false;
                    while (!exit) {
                        try {
                            queue.take();
                        } catch (InterruptedException e) {
                            exit = true;
                        }
                    }
                }
            }
            """;

    /** A step of a daemon base class from a library: its loop is not in the file. */
    private static final String CONSOLE = """
            class Console extends com.acme.Daemon {
                protected void onNotify() {
                    super.onNotify();
                    String command = (String) getQueue().remove();
                    try {
                        process(command);
                        setExiting(true);
                    } catch (InterruptedException e) {
                        trace("interrupted");
                        setExiting(true);
                    }
                }
                void process(String command) throws InterruptedException {
                    Thread.sleep(1);
                }
            }
            """;

    @Test
    void ignoresACatchThatSetsTheExitFlagTheThreadsLoopEndsOn() {
        assertThat(tester.positions(DAEMON)).isEmpty();
        assertThat(tester.positions(CONSOLE))
                .as("a step of a library daemon that sets the daemon's exiting flag")
                .isEmpty();
    }

    @Test
    void reportsACatchThatSetsAnotherFlagOrWaitsAgainAfterSettingIt() {
        assertThat(tester.positions(DAEMON.replace("setExiting(true);\n", "setExiting(false);\n")
                .replace("exit = true;", "exit = false;")))
                .containsExactly("swallowed-interrupt@16:11", "swallowed-interrupt@26:15");
        assertThat(tester.positions(DAEMON.replace("while (!isExiting())", "while (!isClosed())")
                .replace("while (!exit)", "while (!Thread.currentThread().isDaemon())")))
                .as("the flag set is not the loop's")
                .containsExactly("swallowed-interrupt@16:11", "swallowed-interrupt@26:15");
        assertThat(tester.positions(DAEMON.replace("            onNotify();\n",
                "            onNotify();\n            Thread.sleep(5);\n")))
                .as("the iteration waits again after the step")
                .containsExactly("swallowed-interrupt@17:11");
        assertThat(tester.positions(DAEMON.replace("    void drain() {", "    void once() { onNotify(); }\n    void drain() {")))
                .as("a call of the step outside the loop")
                .containsExactly("swallowed-interrupt@16:11");
        assertThat(tester.positions(DAEMON.replace("System.err.println(\"interrupted\");\n            setExiting(true);",
                "if (queue.isEmpty()) setExiting(true);")))
                .as("set only sometimes")
                .containsExactly("swallowed-interrupt@16:11");
        assertThat(tester.positions(CONSOLE.replace("extends com.acme.Daemon", "")))
                .as("no supertype whose loop could call the step")
                .containsExactly("swallowed-interrupt@8:11");
        assertThat(tester.positions(CONSOLE.replace("trace(\"interrupted\");\n            setExiting(true);",
                "setFailed(true);")))
                .as("a flag not named for stopping, of a loop the file does not show")
                .containsExactly("swallowed-interrupt@8:11");
        assertThat(tester.positions(CONSOLE.replace("setExiting(true);\n        }\n    }",
                "setExiting(true);\n        }\n        Thread.sleep(1);\n    }").replace("protected void onNotify()",
                "protected void onNotify() throws InterruptedException")))
                .as("the step waits again after the catch")
                .containsExactly("swallowed-interrupt@8:11");
    }

    @Test
    void reportsACatchThatSetsTheExitFlagInAStepThatAMethodReferenceNames() {
        assertThat(tester.positions(DAEMON.replace("    void drain() {",
                "    Runnable step() { return this::onNotify; }\n    void drain() {")))
                .as("the reference may run the step where no loop ends on the flag")
                .containsExactly("swallowed-interrupt@16:11");
        assertThat(tester.positions(CONSOLE.replace("    void process(String command)",
                "    Runnable step() { return this::onNotify; }\n    void process(String command)")))
                .as("the step of a library daemon is also handed on")
                .containsExactly("swallowed-interrupt@8:11");
        assertThat(tester.positions(DAEMON.replace("    void drain() {",
                "    Runnable drainer() { return this::drain; }\n    void drain() {")))
                .as("a reference to a method whose catch is in the loop of its own flag")
                .isEmpty();
    }

    @Test
    void ignoresACatchInAGuavaServicesRunLoopOnIsRunningWhichTheServiceLeavesBeforeItInterrupts() {
        String service = """
                import com.google.common.util.concurrent.AbstractExecutionThreadService;
                import java.util.concurrent.*;
                class Drainer extends AbstractExecutionThreadService {
                    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
                    private volatile Thread thread;
                    @Override protected void run() {
                        thread = Thread.currentThread();
                        while (isRunning()) {
                            try {
                                handle(queue.poll(1, TimeUnit.SECONDS));
                            } catch (InterruptedException e) {
                                // shutting down: isRunning() is false now
                            }
                        }
                    }
                    @Override protected void triggerShutdown() { thread.interrupt(); }
                    void handle(String item) { }
                    void elsewhere() {
                        while (isRunning()) {
                            try { Thread.sleep(10); } catch (InterruptedException e) { }
                        }
                    }
                }
                """;
        assertThat(tester.positions(service))
                .as("run()'s loop ends on the service's state, which Guava leaves RUNNING before triggerShutdown(); "
                        + "the same catch outside run() is not the service thread's")
                .containsExactly("swallowed-interrupt@20:39");
        assertThat(tester.positions(service.replace("extends AbstractExecutionThreadService", "extends Thread")
                .replace("@Override protected void run()", "@Override public void run()")
                .replace("@Override protected void triggerShutdown()", "protected void triggerShutdown()")
                .replace("import com.google.common.util.concurrent.AbstractExecutionThreadService;\n", "")
                + "class Plain { }"))
                .as("isRunning() of any other class says nothing about who interrupts")
                .hasSize(2);
    }

    /**
     * A feeder whose worker loop is {@code serve()}; {@code %s} is the loop. The class sets {@code stopped} before it
     * interrupts the worker. Waits follow the catch in the iteration, so the catch does not end the iteration.
     */
    private static final String FEEDER = """
            import java.util.*;
            import java.util.concurrent.*;
            class Feeder {
                private volatile boolean stopped;
                private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(16);
                private final List<String> names = new ArrayList<>();
                private final Thread worker = new Thread(() -> {
                    try {
                        serve();
                    } catch (InterruptedException e) {
                        return; // the worker ends
                    }
                });
                void serve() throws InterruptedException {
            %s
                }
                private void handle(String task) { }
                void stop() {
                    stopped = true;
                    worker.interrupt();
                }
            }
            """;

    private static String feeder(String loop) {
        return FEEDER.formatted(loop.indent(8).stripTrailing());
    }

    /** {@code text} with {@code target} replaced, which it must contain (a variant that changes nothing tests nothing). */
    private static String edit(String text, String target, String replacement) {
        assertThat(text).contains(target);
        return text.replace(target, replacement);
    }

    /** The loop of {@link #FEEDER}: the catch of the take() continues the flag loop, and the iteration waits after it. */
    private static final String CONTINUES = """
            while (!stopped) {
                String task;
                try {
                    task = queue.take();
                } catch (InterruptedException e) {
                    System.err.println("woken");
                    continue;
                }
                handle(task);
                Thread.sleep(100);
            }""";

    @Test
    void ignoresACatchWhoseEveryPathContinuesTheLoopOnTheStopFlag() {
        assertThat(tester.positions(feeder(CONTINUES)))
                .as("continue goes to the loop's condition, which reads the flag set before the interrupt")
                .isEmpty();
        assertThat(tester.positions(feeder("""
                do {
                    String task;
                    try {
                        task = queue.take();
                    } catch (InterruptedException e) {
                        continue;
                    }
                    handle(task);
                    Thread.sleep(100);
                } while (!stopped);""")))
                .as("continue of a do loop goes to its condition")
                .isEmpty();
        assertThat(tester.positions(feeder(edit(CONTINUES, "while (!stopped) {",
                "for (int round = 0; !stopped; round++) {"))))
                .as("a for loop whose update only counts, then reads the flag")
                .isEmpty();
        assertThat(tester.positions(feeder(edit(edit(CONTINUES, "while (!stopped) {", "feed:\nwhile (!stopped) {"),
                "continue;", "continue feed;"))))
                .isEmpty();
        assertThat(tester.positions(feeder("""
                feed:
                while (!stopped) {
                    for (String name : names) {
                        try {
                            queue.put(name);
                        } catch (InterruptedException e) {
                            continue feed;
                        }
                    }
                    Thread.sleep(100);
                }""")))
                .as("a labelled continue of the flag loop from an inner loop")
                .isEmpty();
        assertThat(tester.positions(feeder(edit(CONTINUES, "while (!stopped) {",
                "while (true) {\n    if (stopped) break;"))))
                .as("while (true) { if (stopped) break; .. } is while (!stopped)")
                .isEmpty();
        assertThat(tester.positions(feeder(edit(CONTINUES, "while (!stopped) {",
                "for (;;) {\n    if (stopped) {\n        break;\n    }"))))
                .isEmpty();
        assertThat(tester.positions(feeder("""
                while (!stopped) {
                    try {
                        if (queue.isEmpty()) {
                            try {
                                Thread.sleep(2000);
                            } catch (InterruptedException e) {
                            }
                            continue;
                        }
                        handle(queue.take());
                        Thread.sleep(100);
                    } catch (RuntimeException e) {
                        System.err.println(e);
                    }
                }""")))
                .as("the catch falls through to a continue after its try, in an if, in a try without finally")
                .isEmpty();
        assertThat(tester.positions(feeder(edit(CONTINUES, "continue;",
                "if (queue.isEmpty()) { continue; } else { System.err.println(queue.size()); continue; }"))))
                .as("both branches continue")
                .isEmpty();
    }

    @Test
    void reportsACatchThatMayGoOnWithTheIterationOrContinuesAnotherLoop() {
        String reported = "swallowed-interrupt@19:15";
        assertThat(tester.positions(feeder(edit(edit(CONTINUES, "String task;", "String task = null;"),
                "continue;", "if (queue.isEmpty()) continue;"))))
                .as("a conditional continue: otherwise the iteration goes on to handle and wait")
                .containsExactly(reported);
        assertThat(tester.positions(feeder("""
                while (!stopped) {
                    for (String name : names) {
                        try {
                            queue.put(name);
                        } catch (InterruptedException e) {
                            continue;
                        }
                    }
                    Thread.sleep(100);
                }""")))
                .as("continue of the inner loop, which is not on the flag, puts the next name")
                .containsExactly("swallowed-interrupt@19:19");
        assertThat(tester.positions(edit(feeder(CONTINUES), "stopped = true;\n        worker.interrupt();",
                "worker.interrupt();\n        stopped = true;")))
                .as("the flag is set after the interrupt")
                .containsExactly(reported);
        assertThat(tester.positions(feeder(edit(CONTINUES, "while (!stopped) {", "while (!names.isEmpty()) {"))))
                .as("a loop on another condition")
                .containsExactly(reported);
        assertThat(tester.positions(edit(feeder(CONTINUES), "private volatile boolean stopped;",
                "public volatile boolean stopped;")))
                .as("a public flag")
                .containsExactly(reported);
        assertThat(tester.positions(feeder(edit(CONTINUES, "System.err.println(\"woken\");",
                "queue.poll(1, TimeUnit.SECONDS);"))))
                .as("the catch waits again before it continues")
                .containsExactly(reported);
        assertThat(tester.positions(feeder(edit(CONTINUES, "while (!stopped) {",
                "for (String next = queue.take(); !stopped; next = queue.take()) {"))))
                .as("the for loop's update waits before the condition reads the flag")
                .containsExactly(reported);
        assertThat(tester.positions(feeder(edit(CONTINUES, "continue;\n    }",
                "continue;\n    } finally {\n        queue.put(\"next\");\n    }"))))
                .as("the finally block the continue runs waits")
                .containsExactly(reported);
        assertThat(tester.positions(feeder("""
                while (!stopped) {
                    try {
                        if (queue.isEmpty()) {
                            try {
                                Thread.sleep(2000);
                            } catch (InterruptedException e) {
                            }
                            Thread.sleep(10);
                            continue;
                        }
                        handle(queue.take());
                    } catch (RuntimeException e) {
                        System.err.println(e);
                    }
                }""")))
                .as("a wait between the catch and the continue")
                .containsExactly("swallowed-interrupt@20:23");
    }
}
