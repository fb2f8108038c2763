package com.acme;

public class Broken {
    void unfinished( {
        for (Runnable job : jobs) {
            new Thread(job).start();
        }
    }
}
