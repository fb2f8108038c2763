package com.acme;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Makes the tests overlap: each waits until several are running at once, or a while. */
final class Together {

    private static final CyclicBarrier BARRIER = new CyclicBarrier(4);
    private static final CountDownLatch NEVER = new CountDownLatch(1);

    private Together() {
    }

    static void leak(String name) throws Exception {
        new Thread(Together::sleep, name).start();
        meet();
    }

    /**
     * A pool whose worker starts a thread of its own: both belong to the test that made the pool. A fixed pool, not
     * newSingleThreadExecutor, whose wrapper shuts the pool down when it is garbage-collected on JDK 17 and so makes
     * the leak come and go.
     */
    static void leakThroughAPool(String name) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(1, task -> new Thread(task, name + "-worker"));
        pool.submit(() -> new Thread(Together::sleep, name + "-grandchild").start()).get();
        meet();
    }

    static void clean() throws Exception {
        Thread thread = new Thread(() -> { }, "clean");
        thread.start();
        meet();
        thread.join();
    }

    private static void meet() throws Exception {
        try {
            BARRIER.await(2, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.BrokenBarrierException e) {
            // fewer tests ran at once than hoped: attribution must still be right
        }
    }

    private static void sleep() {
        try {
            NEVER.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
