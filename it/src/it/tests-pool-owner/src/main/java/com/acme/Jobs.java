package com.acme;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Main code that runs work on the caller's pool: the pool's workers start here, on first use. */
public final class Jobs {

    private Jobs() {
    }

    public static <T> Future<T> submit(ExecutorService pool, Callable<T> job) {
        return pool.submit(job);
    }

    public static void execute(Executor pool, Runnable job) {
        pool.execute(job);
    }
}
