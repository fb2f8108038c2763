package com.acme;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

public class Legacy {
    private final ExecutorService pool = Executors.newCachedThreadPool();

    public void each(List<Runnable> jobs) {
        for (Runnable job : jobs) {
            new Thread(job).start();
        }
    }

    public String compute(Callable<String> task) throws Exception {
        Future<String> future = pool.submit(task);
        return future.get();
    }

    public void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            // ignored
        }
    }

    public void twice(List<Runnable> jobs) {
        for (Runnable job : jobs) {
            new Thread(job).start();
        }
        for (Runnable job : jobs) {
            new Thread(job).start();
        }
    }
}
