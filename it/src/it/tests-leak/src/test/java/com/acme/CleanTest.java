package com.acme;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CleanTest {

    @Test
    void shutsItsPoolDown() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        assertEquals(7, pool.submit(() -> 7).get());
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void joinsItsThread() throws Exception {
        Thread worker = new Thread(() -> { }, "clean-worker");
        worker.start();
        worker.join();
    }

    @Test
    void shutsDownWithoutWaiting() {
        // the worker ends a moment after the test: within the settle time, so not a leak
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.submit(() -> { });
        pool.shutdown();
    }
}
