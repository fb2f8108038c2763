package com.acme;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutlivingTest {

    private static Thread classScoped;

    @BeforeAll
    static void startClassThreads() {
        classScoped = sleeper("class-scoped", 60_000);
        sleeper("class-leak", 60_000);
    }

    @AfterAll
    static void stopClassScoped() throws InterruptedException {
        classScoped.interrupt();
        classScoped.join();
    }

    @Test
    @Order(1)
    void outlivesItsTest() {
        sleeper("outlives-test", 1_000);
    }

    @Test
    @Order(2)
    void endsWithinTheSettleTime() {
        sleeper("ends-soon", 50);
    }

    @Test
    @Order(3)
    void takesItsTime() throws InterruptedException {
        Thread.sleep(2_000); // outlives-test ends meanwhile, long before the JVM does
    }

    private static Thread sleeper(String name, long millis) {
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.start();
        return thread;
    }
}
