package dev.threadguard.agent.instrument;

import java.lang.invoke.MethodHandles;

/**
 * Defines a class in {@code java.lang}. Loaded by a private class loader of its own, whose unnamed module is the
 * only one {@code java.lang} is opened to: the application's class path gains no access to the JDK's internals.
 * Uses nothing but the JDK.
 */
public final class Definer {

    private Definer() {
    }

    public static Class<?> define(byte[] classFile) throws IllegalAccessException {
        return MethodHandles.privateLookupIn(Object.class, MethodHandles.lookup()).defineClass(classFile);
    }
}
