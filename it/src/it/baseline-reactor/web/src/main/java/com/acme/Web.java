package com.acme;

import java.util.List;

public class Web {

    public void each(List<Runnable> jobs) {
        for (Runnable job : jobs) {
            new Thread(job).start();
        }
    }

    public void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            // ignored
        }
    }
}
