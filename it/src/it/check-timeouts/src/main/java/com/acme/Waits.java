package com.acme;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

public class Waits {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final HttpClient client = HttpClient.newHttpClient();

    public String fetch(String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    public String compute(ExecutorService pool, Callable<String> task) throws Exception {
        Future<String> future = pool.submit(task);
        return future.get();
    }

    public void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            // ignored
        }
    }

    public void startPoller(ExecutorService pool) {
        pool.execute(() -> {
            while (true) {
                poll();
            }
        });
    }

    public void runBatch(List<Runnable> jobs) {
        ExecutorService batch = Executors.newFixedThreadPool(4);
        jobs.forEach(batch::execute);
    }

    public void refresh(ExecutorService pool, Runnable task) {
        scheduler.scheduleAtFixedRate(task, 0, 1, TimeUnit.MINUTES);
        pool.submit(task);
    }

    public void receive(Bus bus, Pool pool) {
        bus.await();
        bus.await(1000);
        pool.take();
        pool.join();
    }

    private void poll() {
    }
}
