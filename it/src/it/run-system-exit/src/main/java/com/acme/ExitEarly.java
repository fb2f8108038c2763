package com.acme;

import java.util.ArrayList;
import java.util.List;

public class ExitEarly {
    public static void main(String[] args) throws Exception {
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread worker = new Thread(ExitEarly::sleepLong, "busy-worker-" + i);
            worker.start();
            workers.add(worker);
        }
        // exit only once both are asleep, so that the dump at exit shows them in Thread.sleep however busy the
        // machine is (a latch counted down before the sleep left a worker caught between the two)
        for (Thread worker : workers) {
            while (worker.getState() != Thread.State.TIMED_WAITING) {
                Thread.sleep(5);
            }
        }
        System.out.println("exiting with workers still running");
        System.exit(0);
    }

    static void sleepLong() {
        try {
            Thread.sleep(600_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
