package com.acme;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps sessions for reuse; their expiry runs on the expirer's thread, started with the first session. */
public final class Recycler {

    private final Map<String, Long> sessions = new ConcurrentHashMap<>();
    private final Expirer expirer;

    public Recycler(String name) {
        expirer = new Expirer(name);
    }

    void put(String session) {
        expirer.startIfNotStarted();
        sessions.put(session, System.nanoTime());
    }

    public int size() {
        return sessions.size();
    }

    public void stop() throws InterruptedException {
        expirer.stop();
    }
}
