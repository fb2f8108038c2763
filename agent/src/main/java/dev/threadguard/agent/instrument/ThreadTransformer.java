package dev.threadguard.agent.instrument;

import dev.threadguard.agent.AgentLog;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * Inserts calls to the injected {@code java.lang.ThreadguardHook} into the JDK's thread start paths:
 * <ul>
 *   <li>{@code Thread.start()} and, on JDK 19+, {@code Thread.start(ThreadContainer)}: the freeze gate;</li>
 *   <li>{@code VirtualThread.start(ThreadContainer)} (JDK 21 to 25; else {@code start()}): counting and the
 *       creation-site event, in the creator thread, undone if the start throws;</li>
 *   <li>{@code VirtualThread.run(Runnable)}, the body every virtual thread runs once: the end count.</li>
 * </ul>
 * Method names differ between JDK versions; what is not found is reported once and left alone.
 */
public final class ThreadTransformer implements ClassFileTransformer {

    static final String HOOK = HookInjector.TARGET;
    static final String THREAD = "java/lang/Thread";
    static final String VIRTUAL_THREAD = "java/lang/VirtualThread";
    static final String HOOK_DESCRIPTOR = "(Ljava/lang/Thread;)V";
    static final String START_IN_CONTAINER = "(Ljdk/internal/vm/ThreadContainer;)V";

    private volatile boolean platformGate;
    private volatile boolean virtualStart;
    private volatile boolean virtualEnd;

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (loader != null || className == null) {
            return null;
        }
        try {
            if (THREAD.equals(className)) {
                return instrument(classfileBuffer, THREAD);
            }
            if (VIRTUAL_THREAD.equals(className)) {
                return instrument(classfileBuffer, VIRTUAL_THREAD);
            }
        } catch (Throwable e) {
            AgentLog.error("could not instrument " + className.replace('/', '.') + ", thread creation is recorded "
                    + "without it", e);
        }
        return null;
    }

    /** Returns the instrumented class, or null to leave it as it is. */
    byte[] instrument(byte[] original, String owner) {
        ClassReader reader = new ClassReader(original);
        boolean virtual = VIRTUAL_THREAD.equals(owner);
        String virtualStartDescriptor = virtual ? startDescriptor(reader) : null;
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        boolean[] changed = new boolean[3];
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    return next;
                }
                if (!virtual && name.equals("start")
                        && (descriptor.equals("()V") || descriptor.equals(START_IN_CONTAINER))) {
                    changed[0] = true;
                    return new HookCalls(next, owner, "platformStarting", null, null);
                }
                if (virtual && name.equals("start") && descriptor.equals(virtualStartDescriptor)) {
                    changed[1] = true;
                    return new HookCalls(next, owner, "virtualStarting", "virtualStartFailed", null);
                }
                if (virtual && name.equals("run") && descriptor.equals("(Ljava/lang/Runnable;)V")) {
                    changed[2] = true;
                    return new HookCalls(next, owner, null, "virtualEnded", "virtualEnded");
                }
                return next;
            }
        }, ClassReader.EXPAND_FRAMES);
        if (virtual) {
            virtualStart = changed[1];
            virtualEnd = changed[2];
            if (!changed[1]) {
                AgentLog.warn("java.lang.VirtualThread.start(ThreadContainer) and start() not found on this JDK: "
                        + "virtual threads are counted from JFR events only, without creation sites or fail-fast");
                return null;
            }
            if (!changed[2]) {
                AgentLog.warn("java.lang.VirtualThread.run(Runnable) not found on this JDK: live and peak virtual "
                        + "thread counts are not available, only starts and creation sites");
            }
        } else {
            platformGate = changed[0];
        }
        return changed[0] || changed[1] || changed[2] ? writer.toByteArray() : null;
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

    public boolean platformGateInstalled() {
        return platformGate;
    }

    /** Virtual-thread starts are counted and their creation sites recorded. */
    public boolean virtualStartInstalled() {
        return virtualStart;
    }

    /** Virtual-thread ends are counted, so live and peak counts are exact. */
    public boolean virtualEndInstalled() {
        return virtualEnd;
    }

    /**
     * Calls {@code ThreadHook.<entry>(this)} first, {@code ThreadHook.<beforeReturn>(this)} before each return,
     * and {@code ThreadHook.<onThrow>(this)} when an exception leaves the method (then rethrows it). The handler
     * goes last in the exception table, so the method's own handlers still come first.
     */
    static final class HookCalls extends MethodVisitor {
        private final String owner;
        private final String entry;
        private final String onThrow;
        private final String beforeReturn;
        private final Label start = new Label();
        private final Label end = new Label();
        private final Label handler = new Label();

        HookCalls(MethodVisitor next, String owner, String entry, String onThrow, String beforeReturn) {
            super(Opcodes.ASM9, next);
            this.owner = owner;
            this.entry = entry;
            this.onThrow = onThrow;
            this.beforeReturn = beforeReturn;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            if (entry != null) {
                call(entry);
            }
            if (onThrow != null) {
                super.visitLabel(start);
            }
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.RETURN && beforeReturn != null) {
                call(beforeReturn);
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            if (onThrow != null) {
                super.visitLabel(end);
                super.visitTryCatchBlock(start, end, handler, null);
                super.visitLabel(handler);
                super.visitFrame(Opcodes.F_NEW, 1, new Object[] {owner}, 1, new Object[] {"java/lang/Throwable"});
                call(onThrow);
                super.visitInsn(Opcodes.ATHROW);
            }
            super.visitMaxs(maxStack, maxLocals);
        }

        private void call(String method) {
            super.visitVarInsn(Opcodes.ALOAD, 0);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, method, HOOK_DESCRIPTOR, false);
        }
    }
}
