package dev.threadguard.agent.runtime;

import dev.threadguard.agent.api.TestEvents;
import dev.threadguard.agent.config.LogFormat;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Test mode: which test each thread is running, as the test listeners report it in the thread that runs the test
 * (JUnit Platform and TestNG through {@link TestEvents}, JUnit 4 through the instrumented runner), and which test
 * submitted the task a pool's worker is running. A thread that starts another is running, in this order of
 * precedence: the innermost test or test class it runs itself; the test that submitted its current task; the test
 * it belongs to itself (a thread started by a thread of test X belongs to X).
 */
final class TestScopes implements TestEvents.Sink {

    /** One run of a test or test class. */
    static final class Scope {
        final int id;
        final String uniqueId;
        final String test;
        final boolean container;
        volatile long endMillis = -1;

        Scope(int id, String uniqueId, String test, boolean container) {
            this.id = id;
            this.uniqueId = uniqueId;
            this.test = test;
            this.container = container;
        }

        boolean ended() {
            return endMillis >= 0;
        }
    }

    /** A test and how it was found. */
    record Blame(Scope scope, String attribution) {
    }

    private final RecordingLog log;
    private final Clock clock;
    private final AtomicInteger ids = new AtomicInteger();
    private final ThreadLocal<ArrayDeque<Scope>> running = new ThreadLocal<>();
    private final ThreadLocal<Scope> taskScope = new ThreadLocal<>();
    private final Map<String, Scope> open = new ConcurrentHashMap<>();
    private final Map<String, Scope> fromStacks = new ConcurrentHashMap<>();
    private final WeakIdentityMap<Object, Scope> tasks = new WeakIdentityMap<>();
    private final Map<Class<?>, Method[]> junit4Accessors = new ConcurrentHashMap<>();
    private volatile boolean listenerSeen;

    TestScopes(RecordingLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** True once any listener reported a test: then the listener, not the stack, says who runs what. */
    boolean listenerSeen() {
        return listenerSeen;
    }

    @Override
    @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+
    public void started(String uniqueId, String test, boolean container, String framework) {
        listenerSeen = true;
        Scope scope = new Scope(ids.incrementAndGet(), uniqueId, test, container);
        open.put(uniqueId, scope);
        ArrayDeque<Scope> stack = running.get();
        if (stack == null) {
            stack = new ArrayDeque<>();
            running.set(stack);
        }
        stack.push(scope);
        log.add(new LogFormat.Line(LogFormat.SCOPE).add(scope.id).add(uniqueId).add(test).add(container)
                .add(framework).add(Thread.currentThread().getId()).add(clock.millis()));
    }

    @Override
    public void finished(String uniqueId, String result) {
        Scope scope = open.remove(uniqueId);
        if (scope == null) {
            return;
        }
        scope.endMillis = clock.millis();
        ArrayDeque<Scope> stack = running.get();
        if (stack != null) {
            stack.removeFirstOccurrence(scope); // normally the top; a scope finished elsewhere is skipped as ended
        }
        log.add(new LogFormat.Line(LogFormat.SCOPE_END).add(scope.id).add(scope.endMillis).add(result));
    }

    /** What the current thread is running now, or null; {@code self} is the current thread's own record, or null. */
    Blame current(Tracker.Tracked self) {
        Blame blame = current();
        return blame != null ? blame : inherited(self);
    }

    /** The test a listener or a task names for the current thread now, or null. */
    Blame current() {
        ArrayDeque<Scope> stack = running.get();
        if (stack != null) {
            while (!stack.isEmpty() && stack.peek().ended()) {
                stack.pop();
            }
            if (!stack.isEmpty()) {
                return new Blame(stack.peek(), LogFormat.BY_LISTENER);
            }
        }
        Scope task = taskScope.get();
        return task == null ? null : new Blame(task, LogFormat.BY_TASK);
    }

    /** The test a thread's own starter worked for, given the thread's record, or null. */
    static Blame inherited(Tracker.Tracked self) {
        return self != null && self.scope != null ? new Blame(self.scope, LogFormat.BY_PARENT) : null;
    }

    /** The test a starter's stack names, where no listener reports tests; null if none. */
    Blame fromStack(java.util.List<String> stack) {
        String test = StackWalks.testFromStack(stack);
        return test == null ? null : stackScope(test, stack, null);
    }

    /** The same, from the frames a start's walk fed the finder. */
    Blame fromStack(StackWalks.TestFinder finder) {
        String test = finder.test();
        return test == null ? null : stackScope(test, null, finder);
    }

    /** The scope of a test named by a stack, made on its first start; its framework from the stack or the finder. */
    private Blame stackScope(String test, java.util.List<String> stack, StackWalks.TestFinder finder) {
        Scope scope = fromStacks.get(test);
        if (scope == null) {
            synchronized (fromStacks) {
                scope = fromStacks.get(test);
                if (scope == null) {
                    scope = new Scope(ids.incrementAndGet(), "stack:" + test, test, false);
                    log.add(new LogFormat.Line(LogFormat.SCOPE).add(scope.id).add(scope.uniqueId).add(test).add(false)
                            .add(stack != null ? StackWalks.frameworkFromStack(stack) : finder.framework()).add(-1)
                            .add(-1));
                    fromStacks.put(test, scope);
                }
            }
        }
        return new Blame(scope, LogFormat.BY_CREATION_STACK);
    }

    /** A task is handed to a pool: it carries the test of the thread that submits it. */
    void submitted(Object task, Tracker.Tracked self) {
        if (task == null) {
            return;
        }
        if (task instanceof ForkJoinTask<?> && Thread.currentThread() instanceof ForkJoinWorkerThread) {
            return; // a fork inside a running fork-join computation: not a submission from outside
        }
        Blame blame = current(self);
        if (blame != null) {
            tasks.put(task, blame.scope());
        }
    }

    /** The current thread, a pool's worker, is about to run the task. */
    void running(Object task) {
        taskScope.set(task == null ? null : tasks.get(task));
    }

    /** JUnit 4's runner and notifier, through the instrumented classes: {@code Object[] {kind, source}}. */
    Consumer<Object[]> junit4() {
        return new JUnit4();
    }

    private final class JUnit4 implements Consumer<Object[]> {
        @Override
        @SuppressWarnings("deprecation")
        public void accept(Object[] event) {
            int kind = (Integer) event[0];
            Object source = event[1];
            long thread = Thread.currentThread().getId();
            if (kind == 0 || kind == 1) {
                String[] names = describe(source);
                if (names == null) {
                    return;
                }
                String uniqueId = "junit4:" + names[2] + "@" + thread;
                if (kind == 0) {
                    started(uniqueId, names[1] == null ? names[0] : names[0] + "#" + names[1], names[1] == null,
                            TestEvents.JUNIT4);
                } else {
                    finished(uniqueId, null);
                }
            } else {
                Object description = invoke(source, "getDescription");
                String[] names = description == null ? null : describe(description);
                if (names == null || names[0] == null) {
                    return;
                }
                String uniqueId = "junit4-class:" + System.identityHashCode(source) + "@" + thread;
                if (kind == 2) {
                    started(uniqueId, names[0], true, TestEvents.JUNIT4);
                } else {
                    finished(uniqueId, null);
                }
            }
        }
    }

    /** {className, methodName, displayName} of a JUnit 4 {@code Description}, read reflectively. */
    private String[] describe(Object description) {
        Object type = invoke(description, "getClassName");
        Object method = invoke(description, "getMethodName");
        Object display = invoke(description, "getDisplayName");
        if (!(type instanceof String) || !(display instanceof String)) {
            return null;
        }
        return new String[] {(String) type, (String) method, (String) display};
    }

    private Object invoke(Object target, String name) {
        try {
            Method[] methods = junit4Accessors.get(target.getClass());
            if (methods == null) {
                methods = new Method[4];
                junit4Accessors.put(target.getClass(), methods);
            }
            int slot = switch (name) {
                case "getClassName" -> 0;
                case "getMethodName" -> 1;
                case "getDisplayName" -> 2;
                default -> 3;
            };
            Method method = methods[slot];
            if (method == null) {
                method = target.getClass().getMethod(name);
                methods[slot] = method;
            }
            return method.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
