package com.acme;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public class SpawnerTest {
    void rounds(java.util.List<Runnable> rounds, java.util.List<ExecutorService> started) {
        for (Runnable round : rounds) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            pool.execute(round);
            started.add(pool);
        }
    }
}
