package com.acme;

import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Retries with a delay; each call makes a scheduler that nobody shuts down. */
public final class Retry {

    private Retry() {
    }

    public static <T> T withDelay(long millis, Callable<T> task) throws Exception {
        return delayer().schedule(task, millis, TimeUnit.MILLISECONDS).get();
    }

    static ScheduledExecutorService delayer() {
        return Executors.newSingleThreadScheduledExecutor();
    }
}
