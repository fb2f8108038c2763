package com.acme;

// Edited since the baseline was written: lines inserted above every finding, whitespace reformatted, methods
// moved, and one baselined finding fixed (compute() waits with a timeout now). Only the fix shows in check: the
// other findings stay baselined.

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

public class Legacy {
    private final ExecutorService pool =
            Executors.newCachedThreadPool();

    public void pause() {
        try {
            Thread.sleep(100);
        }
        catch (InterruptedException e) {
            // ignored
        }
    }

    public String compute(Callable<String> task) throws Exception {
        Future<String> future = pool.submit(task);
        return future.get(10, TimeUnit.SECONDS);
    }

    public void twice(List<Runnable> jobs) {
        for (Runnable job : jobs) {
            new Thread( job ).start();
        }
        for (Runnable job : jobs) {
            new Thread(job)
                    .start();
        }
    }

    public void each(List<Runnable> jobs) {
        for (Runnable job : jobs) {
            new Thread(job).start();
        }
    }
}
