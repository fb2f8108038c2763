package com.acme;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

public class BoundedPool {
    public static void main(String[] args) throws Exception {
        int tasks = Integer.parseInt(args[0]);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            int n = i;
            results.add(pool.submit(() -> { Thread.sleep(5); return n * n; }));
        }
        long sum = 0;
        for (Future<Integer> result : results) {
            sum += result.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        System.out.println("sum of squares: " + sum);
    }
}
