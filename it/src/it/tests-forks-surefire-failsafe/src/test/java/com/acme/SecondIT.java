package com.acme;

import org.junit.jupiter.api.Test;

class SecondIT {

    @Test
    void leaks() {
        Sleepers.start("SecondIT-sleeper");
    }

    @Test
    void clean() throws InterruptedException {
        Thread thread = new Thread(() -> { });
        thread.start();
        thread.join();
    }
}
