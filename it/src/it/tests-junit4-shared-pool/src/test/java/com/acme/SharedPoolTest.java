package com.acme;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class SharedPoolTest {

    private static final CountDownLatch CLASS_DONE = new CountDownLatch(1);

    private static ExecutorService pool;

    @BeforeClass
    public static void makePool() {
        pool = Executors.newFixedThreadPool(1);
    }

    @Test
    public void a_startsTheWorker() throws Exception {
        assertEquals(1, (int) pool.submit(() -> 1).get());
    }

    @Test
    public void b_taskStartsAThread() throws Exception {
        pool.submit(() -> waiter("started-by-task", new CountDownLatch(1))).get();
    }

    @Test
    public void c_outlivesItsTest() {
        waiter("outlives-test", CLASS_DONE);
    }

    @AfterClass
    public static void closePool() throws Exception {
        Thread.sleep(1_500); // outlives-test stays alive well past its test and the settle time (1 s)
        CLASS_DONE.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    }

    private static void waiter(String name, CountDownLatch until) {
        Thread thread = new Thread(() -> {
            try {
                until.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }
}
