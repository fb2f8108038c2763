package com.acme;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

@SuppressWarnings("threadguard:unbounded-executor")
public class Legacy {
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @SuppressWarnings({"unchecked", "threadguard:thread-in-loop"})
    public void each(List<Runnable> jobs) {
        for (Runnable job : jobs) {
            new Thread(job).start();
        }
    }

    public void perBatch(List<List<Runnable>> batches) {
        List<ExecutorService> pools = new ArrayList<>();
        for (List<Runnable> batch : batches) {
            ExecutorService batchPool = Executors.newFixedThreadPool(2); // threadguard:ignore executor-in-loop
            batch.forEach(batchPool::execute);
            pools.add(batchPool);
        }
        pools.forEach(ExecutorService::shutdown);
    }

    @SuppressWarnings("threadguard")
    public void everything(List<Runnable> jobs) {
        for (Runnable job : jobs) {
            new Thread(job).start();
            Executors.newCachedThreadPool();
        }
    }

    // the control: the same code without a suppression is reported
    public void unsuppressed(List<List<Runnable>> batches) {
        List<ExecutorService> pools = new ArrayList<>();
        for (List<Runnable> batch : batches) {
            new Thread(batch.get(0)).start();
            ExecutorService batchPool = Executors.newFixedThreadPool(2);
            batch.forEach(batchPool::execute);
            pools.add(batchPool);
        }
        pools.forEach(ExecutorService::shutdown);
    }

    public void submit(Runnable job) {
        pool.execute(job);
    }
}

class Unsuppressed {
    private final ExecutorService pool = Executors.newCachedThreadPool();

    void submit(Runnable job) {
        pool.execute(job);
    }
}
