package com.acme;

public class Runaway {
    public static void main(String[] args) {
        for (int i = 0; ; i++) {
            new Thread(Runaway::sleepLong, "sleeper-" + i).start();
        }
    }

    static void sleepLong() {
        try {
            Thread.sleep(600_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
