package com.acme;

/** Expires entries in the background: its thread is built with it and started on first use. */
public final class Expirer {

    private final Thread thread;
    private boolean started;
    private volatile boolean stopped;

    Expirer(String name) {
        thread = new Thread(this::expireUntilStopped, name);
        thread.setDaemon(true);
    }

    synchronized void startIfNotStarted() {
        if (!started) {
            started = true;
            thread.start();
        }
    }

    public void stop() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(5_000);
    }

    private void expireUntilStopped() {
        while (!stopped) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
