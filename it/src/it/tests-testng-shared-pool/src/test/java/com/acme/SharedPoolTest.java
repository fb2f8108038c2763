package com.acme;

import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

public class SharedPoolTest {

    private static final CountDownLatch CLASS_DONE = new CountDownLatch(1);

    private ExecutorService pool;
    // made when TestNG builds the test instance, before any test runs
    private final ExecutorService fieldPool = Executors.newSingleThreadExecutor();
    private final ExecutorService forgotten = Executors.newSingleThreadExecutor(); // never shut down

    @BeforeClass
    public void makePool() {
        pool = Executors.newFixedThreadPool(1);
    }

    @Test(priority = 1)
    public void startsTheWorker() throws Exception {
        assertEquals((int) pool.submit(() -> 1).get(), 1);
        assertEquals((int) fieldPool.submit(() -> 2).get(), 2);
        assertEquals((int) forgotten.submit(() -> 3).get(), 3);
    }

    @Test(priority = 2)
    public void taskStartsAThread() throws Exception {
        pool.submit(() -> waiter("started-by-task", new CountDownLatch(1))).get();
    }

    @Test(priority = 3)
    public void outlivesItsTest() {
        waiter("outlives-test", CLASS_DONE);
    }

    @AfterClass
    public void closePool() throws Exception {
        Thread.sleep(1_500); // outlives-test stays alive well past its test and the settle time (1 s)
        CLASS_DONE.countDown();
        pool.shutdown();
        fieldPool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertTrue(fieldPool.awaitTermination(30, TimeUnit.SECONDS));
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
