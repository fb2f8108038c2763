package com.acme.generated;

public class Generated {
    public void each(java.util.List<Runnable> jobs) {
        for (Runnable job : jobs) {
            java.util.concurrent.Executors.newSingleThreadExecutor().execute(job);
        }
    }
}
