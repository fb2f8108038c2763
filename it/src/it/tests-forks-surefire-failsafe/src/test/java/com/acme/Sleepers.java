package com.acme;

import java.util.concurrent.CountDownLatch;

final class Sleepers {

    private static final CountDownLatch NEVER = new CountDownLatch(1);

    private Sleepers() {
    }

    static void start(String name) {
        new Thread(() -> {
            try {
                NEVER.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name).start();
    }
}
