package com.acme;

public class ShortThreads {
    public static void main(String[] args) throws Exception {
        for (int i = 0; i < 500; i++) {
            Thread worker = new Thread(() -> { }, "short-" + i);
            worker.start();
            worker.join();
        }
        System.out.println("500 short threads done");
    }
}
