package com.acme;

import org.junit.jupiter.api.Test;

class FirstIT {

    @Test
    void leaks() {
        Sleepers.start("FirstIT-sleeper");
    }

    @Test
    void clean() throws InterruptedException {
        Thread thread = new Thread(() -> { });
        thread.start();
        thread.join();
    }
}
