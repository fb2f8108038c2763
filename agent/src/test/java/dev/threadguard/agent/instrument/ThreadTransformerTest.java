package dev.threadguard.agent.instrument;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.CheckClassAdapter;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Instruments the running JDK's own classes and checks the calls landed where they must, in verifiable code. */
class ThreadTransformerTest {

    @Test
    void threadStartAndExitCallTheHookAndAFailedStartIsUndone() throws IOException {
        ThreadTransformer transformer = new ThreadTransformer(false, false);
        byte[] instrumented = transformer.instrument(jdkClass("java/lang/Thread"), ThreadTransformer.THREAD);

        assertThat(hookCalls(instrumented)).contains("start()V -> platformStarting", "start()V -> platformStartFailed",
                "exit()V -> platformExiting");
        if (Runtime.version().feature() >= 19) {
            // the path of pools and thread containers, which does not go through start() on 21+
            assertThat(hookCalls(instrumented)).contains("start(Ljdk/internal/vm/ThreadContainer;)V -> platformStarting",
                    "start(Ljdk/internal/vm/ThreadContainer;)V -> platformStartFailed");
        }
        assertThat(transformer.instrumented(ThreadTransformer.THREAD)).isTrue();
        verify(instrumented);
    }

    @Test
    void poolsTellTheirConstructionAndTheWorkersTheyStart() throws IOException {
        ThreadTransformer transformer = new ThreadTransformer(true, false);
        byte[] pool = transformer.instrument(jdkClass(ThreadTransformer.POOL), ThreadTransformer.POOL);

        assertThat(hookCalls(pool)).contains("<init>" + ThreadTransformer.POOL_CONSTRUCTOR + " -> ownerCreated",
                "addWorker(Ljava/lang/Runnable;Z)Z -> poolStarting", "addWorker(Ljava/lang/Runnable;Z)Z -> poolStarted",
                "execute(Ljava/lang/Runnable;)V -> taskSubmitted",
                "runWorker(Ljava/util/concurrent/ThreadPoolExecutor$Worker;)V -> taskRunning");
        // only the constructor every other one delegates to: one owner per pool
        assertThat(hookCalls(pool).stream().filter(call -> call.endsWith("-> ownerCreated"))).hasSize(1);
        verify(pool);

        byte[] forkJoin = transformer.instrument(jdkClass(ThreadTransformer.FORK_JOIN_POOL),
                ThreadTransformer.FORK_JOIN_POOL);
        assertThat(hookCalls(forkJoin)).anyMatch(call -> call.startsWith("<init>(I)V -> ownerCreated"));
        assertThat(hookCalls(forkJoin)).noneMatch(call -> call.startsWith("<init>(B)V")); // the common pool's
        verify(forkJoin);

        byte[] task = transformer.instrument(jdkClass(ThreadTransformer.FORK_JOIN_TASK),
                ThreadTransformer.FORK_JOIN_TASK);
        assertThat(hookCalls(task)).contains("<init>()V -> taskSubmitted").anyMatch(call -> call.startsWith("doExec("));
        verify(task);

        byte[] scheduled = transformer.instrument(jdkClass(ThreadTransformer.SCHEDULED_POOL),
                ThreadTransformer.SCHEDULED_POOL);
        assertThat(hookCalls(scheduled)).contains(
                "delayedExecute(Ljava/util/concurrent/RunnableScheduledFuture;)V -> taskSubmitted");
        verify(scheduled);
    }

    @Test
    void withoutTestModeTasksAreLeftAlone() throws IOException {
        ThreadTransformer transformer = new ThreadTransformer(false, false);
        byte[] pool = transformer.instrument(jdkClass(ThreadTransformer.POOL), ThreadTransformer.POOL);

        assertThat(hookCalls(pool)).noneMatch(call -> call.contains("task"));
        assertThat(transformer.jdkTargets()).doesNotContain(ThreadTransformer.FORK_JOIN_TASK);
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void virtualThreadStartAndRunAreCountedAndAFailedStartIsUndone() throws IOException {
        ThreadTransformer transformer = new ThreadTransformer(false, false);
        byte[] instrumented = transformer.instrument(jdkClass("java/lang/VirtualThread"),
                ThreadTransformer.VIRTUAL_THREAD);

        assertThat(transformer.virtualStartInstalled()).isTrue();
        assertThat(transformer.virtualEndInstalled()).isTrue();
        assertThat(hookCalls(instrumented)).contains(
                "start(Ljdk/internal/vm/ThreadContainer;)V -> virtualStarting",
                "start(Ljdk/internal/vm/ThreadContainer;)V -> virtualStartFailed",
                "run(Ljava/lang/Runnable;)V -> virtualEnded");
        assertThat(hookCalls(instrumented)).noneMatch(call -> call.startsWith("start()V"));
        verify(instrumented);
    }

    @Test
    void aJunit4RunnerCompiledForJava5GetsItsHooksWithoutStackMapFrames() {
        // JUnit 4.13's ParentRunner is a Java 5 class file: no stack map frames, and ASM refuses to write one into it
        byte[] java5 = parentRunner(Opcodes.V1_5);
        byte[] instrumented = new ThreadTransformer(true, true).instrument(java5, ThreadTransformer.PARENT_RUNNER);

        assertThat(instrumented).isNotNull();
        assertThat(new ClassReader(instrumented).readUnsignedShort(6)).isEqualTo(Opcodes.V1_5);
        assertThat(hookCalls(instrumented)).containsExactly(
                "run(Lorg/junit/runner/notification/RunNotifier;)V -> classStarted",
                "run(Lorg/junit/runner/notification/RunNotifier;)V -> classFinished",
                "run(Lorg/junit/runner/notification/RunNotifier;)V -> classFinished");
        verify(instrumented);

        byte[] java8 = new ThreadTransformer(true, true).instrument(parentRunner(Opcodes.V1_8),
                ThreadTransformer.PARENT_RUNNER);
        assertThat(hookCalls(java8)).hasSize(3);
        verify(java8);
    }

    /** A runner class of the given version whose {@code run(RunNotifier)} returns at once. */
    private static byte[] parentRunner(int version) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, ThreadTransformer.PARENT_RUNNER, null,
                "java/lang/Object", null);
        MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor run = writer.visitMethod(Opcodes.ACC_PUBLIC, "run",
                "(Lorg/junit/runner/notification/RunNotifier;)V", null, null);
        run.visitCode();
        run.visitInsn(Opcodes.RETURN);
        run.visitMaxs(0, 0);
        run.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    @Test
    void otherClassesAndOtherLoadersAreLeftAlone() throws IOException {
        ThreadTransformer transformer = new ThreadTransformer(true, true);
        assertThat(transformer.transform(null, "java/lang/String", null, null, jdkClass("java/lang/String"))).isNull();
        assertThat(transformer.transform(getClass().getClassLoader(), "java/lang/Thread", null, null,
                jdkClass("java/lang/Thread"))).isNull();
    }

    private static byte[] jdkClass(String name) throws IOException {
        try (InputStream in = Object.class.getResourceAsStream("/" + name + ".class")) {
            return in.readAllBytes();
        }
    }

    /** "method descriptor -> hook method" for every call to the hook. */
    private static List<String> hookCalls(byte[] classFile) {
        List<String> calls = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
                            boolean isInterface) {
                        if (owner.equals(HookInjector.TARGET)) {
                            calls.add(name + descriptor + " -> " + method);
                        }
                    }
                };
            }
        }, 0);
        return calls;
    }

    /** Data-flow verification of every method, as the JVM's verifier would (types resolved as far as possible). */
    private static void verify(byte[] classFile) {
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(classFile), ThreadTransformerTest.class.getClassLoader(), false,
                new PrintWriter(problems));
        assertThat(problems.toString()).isEmpty();
    }
}
