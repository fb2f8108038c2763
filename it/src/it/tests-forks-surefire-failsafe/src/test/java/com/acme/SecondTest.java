package com.acme;

import org.junit.jupiter.api.Test;

class SecondTest {

    @Test
    void leaks() {
        Sleepers.start("SecondTest-sleeper");
    }

    @Test
    void clean() throws InterruptedException {
        Thread thread = new Thread(() -> { });
        thread.start();
        thread.join();
    }
}
