package com.acme;

import java.util.concurrent.CountDownLatch;

public class ExitEarly {
    public static void main(String[] args) throws Exception {
        CountDownLatch running = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            Thread worker = new Thread(() -> { running.countDown(); sleepLong(); }, "busy-worker-" + i);
            worker.start();
        }
        running.await();
        System.out.println("exiting with workers still running");
        System.exit(0);
    }

    static void sleepLong() {
        try {
            Thread.sleep(600_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
