package dev.threadguard.agent.instrument;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

/**
 * Loads {@link FieldAccess} into a private class loader of its own and opens the JDK packages it reads
 * ({@code java.util} for timers, {@code java.util.concurrent} for the executor wrappers, {@code jdk.internal.misc} to
 * ask whether a class is initialized) to that loader's unnamed module alone, as {@link HookInjector} does for the
 * hook. The application's modules, the class path's included, are not touched. Done once, at the first use: a JVM
 * that never asks pays nothing at start.
 */
public final class FieldAccessInjector {

    private final Instrumentation instrumentation;
    private Method staticFields;
    private Method instanceFields;
    private boolean failed;

    public FieldAccessInjector(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    /** {@link FieldAccess#staticFields}, or nothing when it could not be loaded. */
    public synchronized Object[] staticFields(Class<?> type) {
        return call(true, type);
    }

    /** {@link FieldAccess#instanceFields}, or nothing when it could not be loaded. */
    public synchronized Object[] instanceFields(Object object) {
        return call(false, object);
    }

    private Object[] call(boolean statics, Object argument) {
        if (!load()) {
            return new Object[0];
        }
        try {
            return (Object[]) (statics ? staticFields : instanceFields).invoke(null, argument);
        } catch (Throwable e) {
            return new Object[0];
        }
    }

    private boolean load() {
        if (staticFields != null || failed) {
            return !failed;
        }
        try {
            Class<?> access = new HookInjector.Isolated().define(FieldAccess.class.getName(),
                    HookInjector.resource(FieldAccess.class.getName().replace('.', '/') + ".class"));
            Set<Module> only = Set.of(access.getModule());
            instrumentation.redefineModule(Object.class.getModule(), Set.of(), Map.of(), Map.of("java.util", only,
                    "java.util.concurrent", only, "jdk.internal.misc", only), Set.of(), Map.of());
            staticFields = access.getMethod("staticFields", Class.class);
            instanceFields = access.getMethod("instanceFields", Object.class);
            return true;
        } catch (Throwable e) {
            failed = true;
            return false;
        }
    }
}
