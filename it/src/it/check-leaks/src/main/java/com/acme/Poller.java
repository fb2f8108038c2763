package com.acme;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A component whose close() cancels its task but forgets its scheduler. */
public class Poller implements AutoCloseable {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private ScheduledFuture<?> polling;

    public void start(Runnable poll) {
        polling = scheduler.scheduleAtFixedRate(poll, 0, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        polling.cancel(false);
    }
}
