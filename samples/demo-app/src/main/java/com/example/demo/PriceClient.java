package com.example.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Fetches prices from a remote service. Every wait here can last forever. */
public class PriceClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService lookups = Executors.newFixedThreadPool(8);
    private volatile String lastIndex = "unknown";

    public String price(String sku) throws ExecutionException {
        Future<String> answer = lookups.submit(() -> fetch(sku));
        try {
            return answer.get();
        } catch (InterruptedException e) {
            return "unknown";
        }
    }

    public void refreshAll() {
        CompletableFuture.runAsync(this::refresh);
    }

    /** Keeps the price index fresh in the background. Nothing can stop this thread, not even an interrupt. */
    public void startIndexRefresher() {
        Thread refresher = new Thread(() -> {
            while (true) {
                try {
                    lastIndex = fetch("index");
                    Thread.sleep(60_000);
                } catch (Exception e) {
                    // try again on the next round
                }
            }
        }, "price-index");
        refresher.start();
    }

    private void refresh() {
        try {
            fetch("all");
        } catch (Exception e) {
            throw new IllegalStateException("refresh failed", e);
        }
    }

    private String fetch(String sku) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://prices.example.com/" + sku)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
