package com.acme;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Executors that leak on some path of a method. */
public class Notifier {

    public void notifyLater(Runnable task) {
        Executors.newSingleThreadExecutor().submit(task);
    }

    public List<String> fetchAll(List<Callable<String>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<String> results = new ArrayList<>();
        for (Future<String> future : pool.invokeAll(calls)) {
            results.add(future.get());
        }
        pool.shutdown();
        return results;
    }

    @SuppressWarnings("threadguard:blocking-without-timeout")
    public List<String> fetchAllSafely(List<Callable<String>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<String> results = new ArrayList<>();
            for (Future<String> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
