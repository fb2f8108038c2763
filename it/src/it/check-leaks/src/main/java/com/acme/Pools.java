package com.acme;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Pools whose maximum size their queue decides. */
public final class Pools {
    private static final int WORKERS = 8;

    private Pools() {
    }

    public static ExecutorService neverGrows() {
        return new ThreadPoolExecutor(2, WORKERS * 4, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    }

    public static ExecutorService grows() {
        return new ThreadPoolExecutor(2, WORKERS * 4, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000));
    }

    public static ExecutorService fixed() {
        return new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    }
}
