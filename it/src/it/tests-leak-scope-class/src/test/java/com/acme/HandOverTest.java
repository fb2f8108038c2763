package com.acme;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HandOverTest {

    private static final CountDownLatch HANDED_OVER = new CountDownLatch(1);
    private static Thread receiver;

    @Test
    @Order(1)
    void startsAReceiver() throws Exception {
        assertEquals("done", Library.call(() -> "done").get()); // its worker ends on its own, long after this test
        receiver = new Thread(() -> {
            try {
                HANDED_OVER.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "receiver");
        receiver.start();
    }

    @Test
    @Order(2)
    void handsOverAndJoins() throws InterruptedException {
        Thread.sleep(1_500); // the receiver outlives its test by more than the settle time (1 s)
        HANDED_OVER.countDown();
        receiver.join(); // ... and ends before its class does
    }
}
