package com.acme;

import java.util.concurrent.CountDownLatch;

public class ThreadPerTask {
    public static void main(String[] args) throws Exception {
        CountDownLatch done = new CountDownLatch(300);
        for (int task = 0; task < 300; task++) {
            Runnable work = () -> { sleep(2000); done.countDown(); };
            new Thread(work, "task-" + task).start();
        }
        done.await();
        System.out.println("all tasks done");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
