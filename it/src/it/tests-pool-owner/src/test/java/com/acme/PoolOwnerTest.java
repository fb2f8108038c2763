package com.acme;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoolOwnerTest {

    private static ThreadPoolExecutor made;

    @Test
    @Order(1)
    void forkJoinPoolNeverShutDown() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(1);
        assertEquals(5, Jobs.submit(pool, () -> 2 + 3).get());
    }

    @Test
    @Order(2)
    void makesAPool() {
        made = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    }

    @Test
    @Order(3)
    void startsItsWorkerInMainCode() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        Jobs.execute(made, ran::countDown);
        assertTrue(ran.await(30, TimeUnit.SECONDS));
    }

    @Test
    @Order(4)
    void forkJoinPoolShutDown() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(1);
        assertEquals(7, Jobs.submit(pool, () -> 3 + 4).get());
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    }
}
