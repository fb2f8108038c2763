package dev.threadguard.report.runtime;

import dev.threadguard.report.model.LoadSummary;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * {@code run}'s built-in load: {@code requests} GET requests over the URLs in turn, at most {@code concurrency} in
 * flight, each with a connect and a request timeout, so a service that hangs makes errors, never a hung build. A
 * small closed-loop generator (like {@code wrk -c}), meant to make a service start and leave its threads, not to
 * benchmark it. {@code requests} in the summary counts the requests sent, fewer than asked when the service died.
 */
public final class LoadGenerator {

    /** Told every few hundred milliseconds how many requests are done. */
    public interface Progress {
        void update(long done, long total);
    }

    public record Settings(List<URI> urls, int requests, int concurrency, Duration connectTimeout,
            Duration requestTimeout) {

        /** @throws IllegalArgumentException naming the parameter that is wrong */
        public Settings {
            if (urls.isEmpty()) {
                throw new IllegalArgumentException("threadguard.loadUrls is empty: name at least one URL to load");
            }
            for (URI url : urls) {
                if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                    throw new IllegalArgumentException("threadguard.loadUrls has '" + url + "', but only http and https "
                            + "URLs can be loaded, e.g. http://localhost:8080/");
                }
            }
            if (requests < 1) {
                throw new IllegalArgumentException("threadguard.loadRequests is " + requests + ", but it must be 1 or "
                        + "more");
            }
            if (concurrency < 1) {
                throw new IllegalArgumentException("threadguard.loadConcurrency is " + concurrency + ", but it must be "
                        + "1 or more");
            }
        }
    }

    /**
     * Sends the requests; stops early, with what was sent so far, once {@code targetAlive} says the application is
     * gone (a crash, a fail-fast halt), so that a dead service does not make a pile of connection errors.
     */
    public LoadSummary run(Settings settings, Progress progress, BooleanSupplier targetAlive)
            throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        int concurrency = Math.min(settings.concurrency(), settings.requests());
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        java.util.Queue<Long> latencies = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Map<String, AtomicLong> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, body -> {
            Thread thread = new Thread(body, "threadguard-load");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                futures.add(workers.submit(() -> {
                    long index;
                    while (targetAlive.getAsBoolean() && (index = next.getAndIncrement()) < settings.requests()) {
                        URI url = settings.urls().get((int) (index % settings.urls().size()));
                        HttpRequest request = HttpRequest.newBuilder(url).timeout(settings.requestTimeout()).GET()
                                .build();
                        long start = System.nanoTime();
                        try {
                            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                            int status = response.statusCode();
                            statuses.computeIfAbsent(Integer.toString(status), key -> new AtomicLong())
                                    .incrementAndGet();
                            if (status < 400) {
                                ok.incrementAndGet();
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                        done.incrementAndGet();
                    }
                }));
            }
            for (Future<?> future : futures) {
                while (true) {
                    try {
                        future.get(300, TimeUnit.MILLISECONDS);
                        break;
                    } catch (java.util.concurrent.TimeoutException e) {
                        progress.update(done.get(), settings.requests());
                    } catch (java.util.concurrent.ExecutionException e) {
                        break; // a worker's own bug: its requests are missing from the counts
                    }
                }
            }
            progress.update(done.get(), settings.requests());
        } finally {
            workers.shutdownNow();
            workers.awaitTermination(10, TimeUnit.SECONDS);
        }
        long count = done.get();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        Map<String, Long> byStatus = new TreeMap<>();
        statuses.forEach((status, counter) -> byStatus.put(status, counter.get()));
        return new LoadSummary(count, ok.get(), errors.get(), byStatus, percentile(sorted, 50), percentile(sorted, 99));
    }

    static long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
