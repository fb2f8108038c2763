package dev.threadguard.agent.instrument;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.threadguard.agent.instrument.ThreadTransformer.DESCRIPTION_ARG;
import static dev.threadguard.agent.instrument.ThreadTransformer.FORK_JOIN_POOL;
import static dev.threadguard.agent.instrument.ThreadTransformer.FORK_JOIN_TASK;
import static dev.threadguard.agent.instrument.ThreadTransformer.HOOK;
import static dev.threadguard.agent.instrument.ThreadTransformer.OBJECT_ARG;
import static dev.threadguard.agent.instrument.ThreadTransformer.PARENT_RUNNER;
import static dev.threadguard.agent.instrument.ThreadTransformer.POOL;
import static dev.threadguard.agent.instrument.ThreadTransformer.POOL_CONSTRUCTOR;
import static dev.threadguard.agent.instrument.ThreadTransformer.RUN_NOTIFIER;
import static dev.threadguard.agent.instrument.ThreadTransformer.SCHEDULED_POOL;
import static dev.threadguard.agent.instrument.ThreadTransformer.START_IN_CONTAINER;
import static dev.threadguard.agent.instrument.ThreadTransformer.THREAD;
import static dev.threadguard.agent.instrument.ThreadTransformer.THREAD_ARG;
import static dev.threadguard.agent.instrument.ThreadTransformer.VIRTUAL_THREAD;

/**
 * The ASM half of {@link ThreadTransformer}: where each hook call goes, and the rewriting. Kept apart so that a JVM
 * whose classes come from the {@link TransformCache} never loads ASM.
 */
final class Instrumenter {

    private Instrumenter() {
    }

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

    /** The points for one class; the thread start point depends on which start methods the class has. */
    static List<Point> points(String owner, ClassReader reader, boolean tasks) {
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

    /**
     * Returns the instrumented class, or null to leave it as it is; adds to {@code missing} each method of a point
     * this class lacks ({@code java.lang.Thread.start}).
     */
    static byte[] instrument(byte[] original, String owner, boolean tasks, List<String> missing) {
        ClassReader reader = new ClassReader(original);
        List<Point> points = points(owner, reader, tasks);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        Set<Point> applied = new java.util.HashSet<>(); // identity: each point is one object
        boolean[] runWorker = new boolean[1];
        // a class file older than Java 6 has no stack map frames, and ASM refuses to write one into it (JUnit
        // 4.13's ParentRunner is compiled for Java 5)
        boolean frames = reader.readUnsignedShort(6) >= Opcodes.V1_6; // the major version
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
                        return new HookCalls(next, owner, point, frames);
                    }
                }
                return next;
            }
        }, 0); // frames stay compressed, so ASM copies every method it does not change as it is: cheap at start-up
        for (Point point : points) {
            if (!applied.contains(point)) {
                missing.add(owner.replace('/', '.') + "." + point.method());
            }
        }
        if (applied.isEmpty() && !runWorker[0]) {
            return null;
        }
        return writer.toByteArray();
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
        private final boolean frames;

        HookCalls(MethodVisitor next, String owner, Point point, boolean frames) {
            super(Opcodes.ASM9, next);
            this.owner = owner;
            this.point = point;
            this.frames = frames;
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
                if (frames) {
                    super.visitFrame(Opcodes.F_FULL, 1, new Object[] {owner}, 1, new Object[] {"java/lang/Throwable"});
                }
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
