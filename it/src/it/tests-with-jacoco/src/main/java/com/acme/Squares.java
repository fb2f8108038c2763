package com.acme;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Squares numbers on a pool of its own, shut down before it returns. */
public final class Squares {

    private Squares() {
    }

    public static List<Integer> of(List<Integer> numbers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> squares = new ArrayList<>();
            for (int n : numbers) {
                squares.add(pool.submit(() -> n * n));
            }
            List<Integer> result = new ArrayList<>();
            for (Future<Integer> square : squares) {
                result.add(square.get(10, TimeUnit.SECONDS));
            }
            return result;
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
