package com.acme;

public class VirtualFlood {
    public static void main(String[] args) throws Exception {
        for (int i = 0; i < 200_000; i++) {
            Thread.ofVirtual().start(VirtualFlood::sleepLong);
        }
        System.out.println("flood done");
    }

    static void sleepLong() {
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
