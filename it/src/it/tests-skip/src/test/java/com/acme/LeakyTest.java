package com.acme;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LeakyTest {

    @Test
    void leaksAPool() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        assertEquals(42, pool.submit(() -> 42).get());
        // no pool.shutdown(): its worker waits for work until the JVM ends
    }
}
