package com.acme;

import java.util.List;

/** Suppressions, one of them stale since the loop stopped starting threads. */
public class Legacy {

    @SuppressWarnings("threadguard:thread-in-loop")
    public void each(List<Runnable> jobs) {
        for (Runnable job : jobs) {
            new Thread(job).start();
        }
    }

    @SuppressWarnings("threadguard:thread-in-loop")
    public void inline(List<Runnable> jobs) {
        jobs.forEach(Runnable::run);
    }

    public void ignored(List<Runnable> jobs) {
        jobs.forEach(Runnable::run); // threadguard:ignore executor-in-loop
    }
}
