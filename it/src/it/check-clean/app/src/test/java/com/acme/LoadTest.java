package com.acme;

/** Test code may spawn freely; it is only analysed with threadguard.includeTests=true. */
public class LoadTest {
    void hammer(java.util.List<Runnable> jobs) {
        for (Runnable job : jobs) {
            new Thread(job).start();
        }
    }
}
