package com.acme;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A library's event dispatcher: one thread for the JVM's life, made in the static initializer. */
public final class Events {

    private static final ExecutorService DISPATCHER = Executors.newSingleThreadExecutor();

    private Events() {
    }

    public static Future<String> publish(String event) {
        return DISPATCHER.submit(() -> "delivered " + event);
    }
}
