package com.acme;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;

class HelperLeakTest {

    @Test
    void leaksThroughAHelper() {
        Helpers.startSleeper("helper-sleeper");
    }

    @Test
    void leaksInALambda() {
        Runnable start = () -> new Thread(HelperLeakTest::sleep, "lambda-sleeper").start();
        start.run();
    }

    @Test
    void joins() throws InterruptedException {
        Thread thread = new Thread(() -> { }, "joined");
        thread.start();
        thread.join();
    }

    static void sleep() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final class Helpers {
        static void startSleeper(String name) {
            new Thread(HelperLeakTest::sleep, name).start();
        }
    }
}
