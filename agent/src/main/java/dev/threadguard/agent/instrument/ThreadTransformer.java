package dev.threadguard.agent.instrument;

import dev.threadguard.agent.config.AgentLog;

import java.lang.instrument.ClassFileTransformer;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Inserts calls to the injected {@code java.lang.ThreadguardHook} where the JDK starts and ends threads and builds
 * pools (see {@code ThreadHook} for what each call means):
 * <ul>
 *   <li>{@code Thread.start()} and, on JDK 19+, {@code Thread.start(ThreadContainer)}: the start, and its failure;
 *       {@code Thread.exit()}: the end;</li>
 *   <li>{@code VirtualThread.start(ThreadContainer)} or {@code start()}: counting and creation sites, undone if the
 *       start throws; {@code VirtualThread.run(Runnable)}: the end count;</li>
 *   <li>the constructors of {@code ThreadPoolExecutor} and {@code ForkJoinPool}: a new owner;
 *       {@code ThreadPoolExecutor.addWorker}: the thread started inside belongs to this pool;</li>
 *   <li>with {@code tasks}: {@code ThreadPoolExecutor.execute}, {@code ScheduledThreadPoolExecutor.delayedExecute} and
 *       the {@code ForkJoinTask} constructor (a task handed over), {@code runWorker}'s call of {@code beforeExecute}
 *       and {@code ForkJoinTask.doExec} (a task about to run);</li>
 *   <li>with {@code junit4}: JUnit 4's {@code RunNotifier.fireTestStarted/fireTestFinished} and
 *       {@code ParentRunner.run}, in whatever class loader JUnit is.</li>
 * </ul>
 * Method names differ between JDK versions; what is not found is reported once and left alone.
 */
public final class ThreadTransformer implements ClassFileTransformer {

    static final String HOOK = HookInjector.TARGET;
    static final String THREAD = "java/lang/Thread";
    static final String VIRTUAL_THREAD = "java/lang/VirtualThread";
    static final String POOL = "java/util/concurrent/ThreadPoolExecutor";
    static final String SCHEDULED_POOL = "java/util/concurrent/ScheduledThreadPoolExecutor";
    static final String FORK_JOIN_POOL = "java/util/concurrent/ForkJoinPool";
    static final String FORK_JOIN_TASK = "java/util/concurrent/ForkJoinTask";
    static final String RUN_NOTIFIER = "org/junit/runner/notification/RunNotifier";
    static final String PARENT_RUNNER = "org/junit/runners/ParentRunner";

    static final String THREAD_ARG = "(Ljava/lang/Thread;)V";
    static final String OBJECT_ARG = "(Ljava/lang/Object;)V";
    static final String START_IN_CONTAINER = "(Ljdk/internal/vm/ThreadContainer;)V";
    static final String POOL_CONSTRUCTOR = "(IIJLjava/util/concurrent/TimeUnit;Ljava/util/concurrent/BlockingQueue;"
            + "Ljava/util/concurrent/ThreadFactory;Ljava/util/concurrent/RejectedExecutionHandler;)V";
    static final String DESCRIPTION_ARG = "(Lorg/junit/runner/Description;)V";

    private final boolean tasks;
    private final boolean junit4;
    private final Set<String> jdkTargets;
    private final Set<String> instrumented = ConcurrentHashMap.newKeySet();
    private final Map<String, String> missing = new ConcurrentHashMap<>();
    private final TransformCache cache;
    /** What else the transformed bytes depend on, besides the agent's build and the original bytes. */
    private final String options;

    public ThreadTransformer(boolean tasks, boolean junit4) {
        this(tasks, junit4, null);
    }

    /** @param cache where classes transformed by earlier JVMs are kept, or null */
    public ThreadTransformer(boolean tasks, boolean junit4, TransformCache cache) {
        this.tasks = tasks;
        this.junit4 = junit4;
        this.jdkTargets = Set.copyOf(jdkTargets());
        this.cache = cache;
        this.options = (tasks ? "tasks" : "") + (junit4 ? "+junit4" : "");
    }

    /** The JDK classes this transformer changes, to retransform if they are loaded already. */
    public List<String> jdkTargets() {
        List<String> targets = new ArrayList<>(List.of(THREAD, VIRTUAL_THREAD, POOL, FORK_JOIN_POOL));
        if (tasks) {
            targets.add(SCHEDULED_POOL);
            targets.add(FORK_JOIN_TASK);
        }
        return targets;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null) {
            return null;
        }
        boolean jdk = loader == null && jdkTargets.contains(className);
        boolean junit = junit4 && (className.equals(RUN_NOTIFIER) || className.equals(PARENT_RUNNER));
        if (!jdk && !junit) {
            return null;
        }
        try {
            return cachedOrInstrumented(classfileBuffer, className);
        } catch (Throwable e) {
            AgentLog.error("could not instrument " + className.replace('/', '.') + ", it runs as it is", e);
            return null;
        }
    }

    /**
     * The class as an earlier JVM with the same agent transformed the same bytes, from the cache; else transformed
     * now, and cached for the next JVM.
     */
    private byte[] cachedOrInstrumented(byte[] original, String owner) {
        Path file = cache == null ? null : cache.file(owner, original, options);
        TransformCache.Entry entry = file == null ? null : cache.read(file);
        if (entry == null) {
            List<String> missed = new ArrayList<>();
            byte[] result = Instrumenter.instrument(original, owner, tasks, missed);
            entry = new TransformCache.Entry(result, missed);
            if (file != null) {
                cache.write(file, entry);
            }
        }
        return apply(owner, entry);
    }

    /** Returns the instrumented class, or null to leave it as it is (always transformed, never cached). */
    byte[] instrument(byte[] original, String owner) {
        List<String> missed = new ArrayList<>();
        return apply(owner, new TransformCache.Entry(Instrumenter.instrument(original, owner, tasks, missed), missed));
    }

    private byte[] apply(String owner, TransformCache.Entry entry) {
        for (String where : entry.missing()) {
            if (missing.putIfAbsent(where, where) == null) {
                AgentLog.warn(where + " was not found on this JVM: " + consequence(owner));
            }
        }
        if (entry.bytes() != null) {
            instrumented.add(owner);
        }
        return entry.bytes();
    }

    private static String consequence(String owner) {
        return switch (owner) {
            case THREAD -> "thread starts or ends are not seen, so counts are incomplete";
            case VIRTUAL_THREAD -> "virtual threads are counted without creation sites, or not at all";
            case POOL, FORK_JOIN_POOL -> "pool workers are attributed to the code that submitted work, not to the pool";
            default -> "threads started by tasks are attributed to the worker's own test";
        };
    }

    /** True once the class was changed (tests, and the agent's one-line notes). */
    public boolean instrumented(String internalName) {
        return instrumented.contains(internalName);
    }

    /** Virtual-thread starts are counted and their creation sites recorded. */
    public boolean virtualStartInstalled() {
        return instrumented.contains(VIRTUAL_THREAD) && !missing.containsKey("java.lang.VirtualThread.start");
    }

    /** Virtual-thread ends are counted, so live and peak counts are exact. */
    public boolean virtualEndInstalled() {
        return instrumented.contains(VIRTUAL_THREAD) && !missing.containsKey("java.lang.VirtualThread.run");
    }
}
