package com.acme;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A library's pool, kept for the JVM's life; its idle worker goes away after 1.2 s, as a ForkJoinPool's do. */
public final class Library {

    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(1, 1, 1_200, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>());

    static {
        POOL.allowCoreThreadTimeOut(true);
    }

    private Library() {
    }

    public static <T> Future<T> call(Callable<T> work) {
        return POOL.submit(work);
    }
}
