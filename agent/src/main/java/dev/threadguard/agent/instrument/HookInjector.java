package dev.threadguard.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

/**
 * Puts the thread hook into {@code java.base} as {@code java.lang.ThreadguardHook}, so the instrumented
 * {@code Thread} and {@code VirtualThread} link to it as to any class of their own module.
 *
 * <p>Why not {@code appendToBootstrapClassLoaderSearch}: appending to the boot class path makes HotSpot print
 * "Sharing is only supported for boot loader classes because bootstrap classpath has been appended" on every run
 * and turns class-data sharing off for every class not loaded by the boot loader, which slows every start. Like
 * JaCoCo's injected runtime, this defines the class through a private lookup on {@code java.lang} instead; the
 * package is opened only to the unnamed module of a private class loader holding {@link Definer}.
 */
public final class HookInjector {

    static final String SOURCE = "dev/threadguard/agent/boot/ThreadHook";
    public static final String TARGET = "java/lang/ThreadguardHook";

    private HookInjector() {
    }

    public static Class<?> inject(Instrumentation instrumentation) throws Exception {
        byte[] hook = ClassRenamer.rename(resource(SOURCE + ".class"), SOURCE, TARGET);
        Class<?> definer = new Isolated().define(Definer.class.getName(),
                resource(Definer.class.getName().replace('.', '/') + ".class"));
        instrumentation.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
                Map.of("java.lang", Set.of(definer.getModule())), Set.of(), Map.of());
        return (Class<?>) definer.getMethod("define", byte[].class).invoke(null, (Object) hook);
    }

    /**
     * A class loader of its own for {@link Definer}, whose unnamed module alone gets {@code java.lang} opened. It
     * defines the class from bytes rather than reading the agent jar through a {@code URLClassLoader}, which would load
     * the JDK's whole jar-URL machinery at every start.
     */
    static final class Isolated extends ClassLoader {
        Isolated() {
            super(null);
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = HookInjector.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing from the agent jar");
            }
            return in.readAllBytes();
        }
    }
}
