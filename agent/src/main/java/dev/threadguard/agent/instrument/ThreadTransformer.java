package dev.threadguard.agent.instrument;

import dev.threadguard.agent.config.AgentLog;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.lang.instrument.ClassFileTransformer;
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

    /**
     * Where in a method the hook is called, and with what. A class, not a record: a record's equals and hashCode
     * bootstrap method handles, which costs a JVM tens of milliseconds at the agent's start.
     */
    static final class Point {
        private final String method;
        private final String descriptor;
        private final String entry;
        private final boolean entryArgument;
        private final String onReturn;
        private final String onThrow;
        private final String hookDescriptor;

        Point(String method, String descriptor, String entry, boolean entryArgument, String onReturn, String onThrow,
                String hookDescriptor) {
            this.method = method;
            this.descriptor = descriptor;
            this.entry = entry;
            this.entryArgument = entryArgument;
            this.onReturn = onReturn;
            this.onThrow = onThrow;
            this.hookDescriptor = hookDescriptor;
        }

        String method() {
            return method;
        }

        String entry() {
            return entry;
        }

        boolean entryArgument() {
            return entryArgument;
        }

        String onReturn() {
            return onReturn;
        }

        String onThrow() {
            return onThrow;
        }

        String hookDescriptor() {
            return hookDescriptor;
        }

        boolean matches(String name, String methodDescriptor) {
            return name.equals(method) && (descriptor == null || descriptor.equals(methodDescriptor));
        }
    }

    private final boolean tasks;
    private final boolean junit4;
    private final Set<String> jdkTargets;
    private final Set<String> instrumented = ConcurrentHashMap.newKeySet();
    private final Map<String, String> missing = new ConcurrentHashMap<>();

    public ThreadTransformer(boolean tasks, boolean junit4) {
        this.tasks = tasks;
        this.junit4 = junit4;
        this.jdkTargets = Set.copyOf(jdkTargets());
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
            return instrument(classfileBuffer, className);
        } catch (Throwable e) {
            AgentLog.error("could not instrument " + className.replace('/', '.') + ", it runs as it is", e);
            return null;
        }
    }

    /** The points for one class; the thread start point depends on which start methods the class has. */
    List<Point> points(String owner, ClassReader reader) {
        List<Point> points = new ArrayList<>();
        switch (owner) {
            case THREAD -> {
                // JDK 19+ has start(ThreadContainer) beside start(), the path of pools and thread containers; 21+
                // keeps them apart, so both are hooked: the tracker counts a thread once, whichever it went through
                points.add(new Point("start", "()V", "platformStarting", false, null, "platformStartFailed",
                        THREAD_ARG));
                if (START_IN_CONTAINER.equals(startDescriptor(reader))) {
                    points.add(new Point("start", START_IN_CONTAINER, "platformStarting", false, null,
                            "platformStartFailed", THREAD_ARG));
                }
                points.add(new Point("exit", "()V", "platformExiting", false, null, null, THREAD_ARG));
            }
            case VIRTUAL_THREAD -> {
                String start = startDescriptor(reader);
                if (start != null) {
                    points.add(new Point("start", start, "virtualStarting", false, null, "virtualStartFailed",
                            THREAD_ARG));
                }
                points.add(new Point("run", "(Ljava/lang/Runnable;)V", null, false, "virtualEnded", "virtualEnded",
                        THREAD_ARG));
            }
            case POOL -> {
                points.add(new Point("<init>", POOL_CONSTRUCTOR, null, false, "ownerCreated", null, OBJECT_ARG));
                points.add(new Point("addWorker", "(Ljava/lang/Runnable;Z)Z", "poolStarting", false, "poolStarted",
                        "poolStarted", OBJECT_ARG));
                if (tasks) {
                    points.add(new Point("execute", "(Ljava/lang/Runnable;)V", "taskSubmitted", true, null, null,
                            OBJECT_ARG));
                }
            }
            case SCHEDULED_POOL -> points.add(new Point("delayedExecute",
                    "(Ljava/util/concurrent/RunnableScheduledFuture;)V", "taskSubmitted", true, null, null,
                    OBJECT_ARG));
            case FORK_JOIN_POOL -> points.add(new Point("<init>", null, null, false, "ownerCreated", null, OBJECT_ARG));
            case FORK_JOIN_TASK -> {
                points.add(new Point("<init>", "()V", null, false, "taskSubmitted", null, OBJECT_ARG));
                points.add(new Point("doExec", null, "taskRunning", false, null, null, OBJECT_ARG));
            }
            case RUN_NOTIFIER -> {
                points.add(new Point("fireTestStarted", DESCRIPTION_ARG, "testStarted", true, null, null, OBJECT_ARG));
                points.add(new Point("fireTestFinished", DESCRIPTION_ARG, "testFinished", true, null, null,
                        OBJECT_ARG));
            }
            case PARENT_RUNNER -> points.add(new Point("run", "(Lorg/junit/runner/notification/RunNotifier;)V",
                    "classStarted", false, "classFinished", "classFinished", OBJECT_ARG));
            default -> {
                // not a target
            }
        }
        return points;
    }

    /** Returns the instrumented class, or null to leave it as it is. */
    byte[] instrument(byte[] original, String owner) {
        ClassReader reader = new ClassReader(original);
        List<Point> points = points(owner, reader);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        Set<Point> applied = new java.util.HashSet<>(); // identity: each point is one object
        boolean[] runWorker = new boolean[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    return next;
                }
                if (tasks && owner.equals(POOL) && name.equals("runWorker")) {
                    runWorker[0] = true;
                    return new BeforeExecuteCall(next);
                }
                if (owner.equals(FORK_JOIN_POOL) && name.equals("<init>") && (access & Opcodes.ACC_PRIVATE) != 0) {
                    return next; // the common pool's: built by the JDK for the JVM's life
                }
                for (Point point : points) {
                    if (point.matches(name, descriptor)) {
                        applied.add(point);
                        return new HookCalls(next, owner, point);
                    }
                }
                return next;
            }
        }, 0); // frames stay compressed, so ASM copies every method it does not change as it is: cheap at start-up
        for (Point point : points) {
            if (!applied.contains(point)) {
                String where = owner.replace('/', '.') + "." + point.method();
                if (missing.putIfAbsent(where, where) == null) {
                    AgentLog.warn(where + " was not found on this JVM: " + consequence(owner));
                }
            }
        }
        if (applied.isEmpty() && !runWorker[0]) {
            return null;
        }
        instrumented.add(owner);
        return writer.toByteArray();
    }

    private static String consequence(String owner) {
        return switch (owner) {
            case THREAD -> "thread starts or ends are not seen, so counts are incomplete";
            case VIRTUAL_THREAD -> "virtual threads are counted without creation sites, or not at all";
            case POOL, FORK_JOIN_POOL -> "pool workers are attributed to the code that submitted work, not to the pool";
            default -> "threads started by tasks are attributed to the worker's own test";
        };
    }

    /** {@code start(ThreadContainer)} when the class has it (every start goes through it), else {@code start()}. */
    private static String startDescriptor(ClassReader reader) {
        boolean[] found = new boolean[2];
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if (name.equals("start") && (access & Opcodes.ACC_ABSTRACT) == 0) {
                    found[0] |= descriptor.equals(START_IN_CONTAINER);
                    found[1] |= descriptor.equals("()V");
                }
                return null;
            }
        }, ClassReader.SKIP_CODE);
        return found[0] ? START_IN_CONTAINER : found[1] ? "()V" : null;
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

    /**
     * Calls the hook with {@code this} (or the first argument) first, with {@code this} before each return, and
     * with {@code this} when an exception leaves the method (then rethrows it). The handler goes last in the
     * exception table, so the method's own handlers still come first.
     */
    static final class HookCalls extends MethodVisitor {
        private final String owner;
        private final Point point;
        private final Label start = new Label();
        private final Label end = new Label();
        private final Label handler = new Label();

        HookCalls(MethodVisitor next, String owner, Point point) {
            super(Opcodes.ASM9, next);
            this.owner = owner;
            this.point = point;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            if (point.entry() != null) {
                super.visitVarInsn(Opcodes.ALOAD, point.entryArgument() ? 1 : 0);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, point.entry(), point.hookDescriptor(), false);
            }
            if (point.onThrow() != null) {
                super.visitLabel(start);
            }
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN && point.onReturn() != null) {
                call(point.onReturn());
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            if (point.onThrow() != null) {
                super.visitLabel(end);
                super.visitTryCatchBlock(start, end, handler, null);
                super.visitLabel(handler);
                super.visitFrame(Opcodes.F_FULL, 1, new Object[] {owner}, 1, new Object[] {"java/lang/Throwable"});
                call(point.onThrow());
                super.visitInsn(Opcodes.ATHROW);
            }
            super.visitMaxs(maxStack, maxLocals);
        }

        private void call(String method) {
            super.visitVarInsn(Opcodes.ALOAD, 0);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, method, point.hookDescriptor(), false);
        }
    }

    /**
     * In {@code ThreadPoolExecutor.runWorker}: just before it calls {@code beforeExecute(thread, task)}, hands the
     * task (on top of the stack) to the hook too, so the worker knows which task it runs.
     */
    static final class BeforeExecuteCall extends MethodVisitor {
        BeforeExecuteCall(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (name.equals("beforeExecute") && descriptor.equals("(Ljava/lang/Thread;Ljava/lang/Runnable;)V")) {
                super.visitInsn(Opcodes.DUP);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, "taskRunning", OBJECT_ARG, false);
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }
    }
}
