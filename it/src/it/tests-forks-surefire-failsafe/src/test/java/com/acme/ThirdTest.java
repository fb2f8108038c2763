package com.acme;

import org.junit.jupiter.api.Test;

class ThirdTest {

    @Test
    void leaks() {
        Sleepers.start("ThirdTest-sleeper");
    }

    @Test
    void clean() throws InterruptedException {
        Thread thread = new Thread(() -> { });
        thread.start();
        thread.join();
    }
}
