package com.acme;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public class Core {
    private final ExecutorService pool = Executors.newCachedThreadPool();

    public void each(List<Runnable> jobs) {
        for (Runnable job : jobs) {
            new Thread(job).start();
        }
    }

    public void submit(Runnable job) {
        pool.execute(job);
    }
}
