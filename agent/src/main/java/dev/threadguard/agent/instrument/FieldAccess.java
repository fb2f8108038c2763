package dev.threadguard.agent.instrument;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads fields for the agent at a JVM's end: the static fields of the classes that made a pool, timer or plain thread,
 * and the fields of the JDK's executor wrappers and timers and of the application's objects a few fields deep, to
 * tell whether a static field still holds that pool or thread. Loaded by a
 * private class loader of its own (see {@link FieldAccessInjector}), whose unnamed module is the only one the JDK's
 * {@code java.util}, {@code java.util.concurrent} and {@code jdk.internal.misc} are opened to: the application gains
 * no access. Plain reads only: no getter, {@code toString}, {@code equals} or {@code hashCode} of the application's
 * objects is called, and a class that is not initialized yet is left alone (reading its field would initialize it).
 * Uses nothing but the JDK; never throws.
 */
public final class FieldAccess {

    private static final Object UNSAFE;
    private static final Method SHOULD_BE_INITIALIZED;

    static {
        Object unsafe = null;
        Method check = null;
        try {
            Class<?> type = Class.forName("jdk.internal.misc.Unsafe");
            unsafe = type.getMethod("getUnsafe").invoke(null);
            check = type.getMethod("shouldBeInitialized", Class.class);
        } catch (Throwable e) {
            // a JDK without it: only classes whose code ran are asked about, and those are initialized
        }
        UNSAFE = unsafe;
        SHOULD_BE_INITIALIZED = check;
    }

    private FieldAccess() {
    }

    /** Whether the class is initialized (so reading a static field of it runs nothing). */
    public static boolean initialized(Class<?> type) {
        if (SHOULD_BE_INITIALIZED == null) {
            return true;
        }
        try {
            return !(Boolean) SHOULD_BE_INITIALIZED.invoke(UNSAFE, type);
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * The non-null values of the class's own static reference fields, as {@code {name, value, name, value, ...}};
     * nothing for a class not initialized yet or whose fields cannot be read (a named module that does not open them).
     */
    public static Object[] staticFields(Class<?> type) {
        List<Object> result = new ArrayList<>();
        if (!initialized(type)) {
            return result.toArray();
        }
        try {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
                    add(result, field, null);
                }
            }
        } catch (Throwable e) {
            // a field type that cannot be loaded: nothing from this class
        }
        return result.toArray();
    }

    /** The non-null values of an object's instance reference fields, its superclasses' included. */
    public static Object[] instanceFields(Object object) {
        List<Object> result = new ArrayList<>();
        try {
            for (Class<?> type = object.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
                        add(result, field, object);
                    }
                }
            }
        } catch (Throwable e) {
            // what was read so far
        }
        List<Object> values = new ArrayList<>();
        for (int i = 1; i < result.size(); i += 2) {
            values.add(result.get(i));
        }
        return values.toArray();
    }

    private static void add(List<Object> result, Field field, Object target) {
        try {
            if (field.trySetAccessible()) {
                Object value = field.get(target);
                if (value != null) {
                    result.add(field.getName());
                    result.add(value);
                }
            }
        } catch (Throwable e) {
            // not readable: left out
        }
    }
}
