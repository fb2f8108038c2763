package com.acme;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The same work done right: nothing here is reported. */
public class Bounded implements AutoCloseable {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ScheduledFuture<?> refresher;

    public HttpRequest request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
    }

    public String compute(Future<String> future, Optional<String> fallback, Map<String, String> cache,
                          List<String> names) throws Exception {
        String joined = String.join(",", names);
        return future.get(5, TimeUnit.SECONDS) + fallback.get() + cache.get(joined) + names.get(0);
    }

    public void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void runBatch(List<Runnable> jobs) {
        ExecutorService batch = Executors.newFixedThreadPool(4);
        try {
            jobs.forEach(batch::execute);
        } finally {
            batch.shutdown();
        }
    }

    public void start(Runnable task) {
        refresher = scheduler.scheduleAtFixedRate(task, 0, 1, TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        refresher.cancel(false);
        scheduler.shutdown();
    }
}
