package com.acme;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Bounded, shared, shut down: what threadguard asks for. */
public class Service implements AutoCloseable {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    public void each(List<Runnable> jobs) {
        for (Runnable job : jobs) {
            pool.execute(job);
        }
    }

    /** A user class with start() and join() is not a thread. */
    public void lifecycle(List<Server> servers) {
        for (Server server : servers) {
            server.start();
        }
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    static class Server {
        void start() {
        }
    }
}
