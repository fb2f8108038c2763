package com.acme;

import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A library's delay scheduler, made on first use and kept; {@link #reload()} forgets it without shutting it down. */
public final class Delays {

    private static ScheduledExecutorService scheduler;

    private Delays() {
    }

    public static synchronized ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor();
        }
        return scheduler;
    }

    public static <T> T after(long millis, Callable<T> task) throws Exception {
        return scheduler().schedule(task, millis, TimeUnit.MILLISECONDS).get();
    }

    /** The bug: a configuration reload drops the scheduler, whose thread lives on; the next use makes another. */
    public static synchronized void reload() {
        scheduler = null;
    }
}
