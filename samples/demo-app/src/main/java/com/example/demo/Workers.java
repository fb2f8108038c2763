package com.example.demo;

/** A fixed set of background workers, started once: threadguard leaves this alone. */
public final class Workers {

    private static final int WORKERS = 4;

    private Workers() {
    }

    public static void startAll(Runnable work) {
        for (int i = 0; i < WORKERS; i++) {
            Thread worker = new Thread(work, "worker-" + i);
            worker.setDaemon(true);
            worker.start();
        }
    }
}
