package com.acme;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public class LeakyPool {
    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        pool.submit(() -> System.out.println("first job"));
        pool.submit(() -> System.out.println("second job")).get();
        System.out.println("main returns without pool.shutdown()");
    }
}
