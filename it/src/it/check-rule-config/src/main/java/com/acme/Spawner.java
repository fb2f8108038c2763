package com.acme;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public class Spawner {
    private final ExecutorService pool = Executors.newCachedThreadPool();

    public void each(List<Runnable> jobs) {
        for (Runnable job : jobs) {
            new Thread(job).start();
        }
    }

    public void perBatch(List<List<Runnable>> batches, List<ExecutorService> pools) {
        for (List<Runnable> batch : batches) {
            ExecutorService batchPool = Executors.newFixedThreadPool(2);
            batch.forEach(batchPool::execute);
            pools.add(batchPool);
        }
    }

    public void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            // carries on
        }
    }

    public void submit(Runnable job) {
        pool.execute(job);
    }

    public void startTicker(Runnable tick) {
        new Thread(() -> {
            while (true) {
                tick.run();
            }
        }).start();
    }
}
