package com.acme;

import org.junit.jupiter.api.Test;

class RunawayTest {

    @Test
    void spawnsWithoutEnd() {
        for (int i = 0; ; i++) {
            new Thread(RunawayTest::sleep, "runaway-" + i).start();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(600_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
