package com.acme;

import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A library's expiring cache: every instance shares one expirer, made by the first instance and kept. */
public final class Expirer {

    /** Package-private, as the library's own tests replace it. */
    static volatile ScheduledExecutorService EXPIRER;

    public Expirer() {
        if (EXPIRER == null) {
            synchronized (Expirer.class) {
                if (EXPIRER == null) {
                    EXPIRER = Executors.newSingleThreadScheduledExecutor(Expirer::daemon); // EXPIRER_LINE
                }
            }
        }
    }

    public <T> T later(long millis, Callable<T> task) throws Exception {
        return EXPIRER.schedule(task, millis, TimeUnit.MILLISECONDS).get();
    }

    private static Thread daemon(Runnable body) {
        Thread thread = new Thread(body, "expirer");
        thread.setDaemon(true);
        return thread;
    }
}
