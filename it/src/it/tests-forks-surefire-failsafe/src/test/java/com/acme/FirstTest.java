package com.acme;

import org.junit.jupiter.api.Test;

class FirstTest {

    @Test
    void leaks() {
        Sleepers.start("FirstTest-sleeper");
    }

    @Test
    void clean() throws InterruptedException {
        Thread thread = new Thread(() -> { });
        thread.start();
        thread.join();
    }
}
