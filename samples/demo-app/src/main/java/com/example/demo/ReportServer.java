package com.example.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Serves reports over HTTP. Every request renders in a thread of its own. */
public class ReportServer {

    private final ExecutorService renderers = Executors.newCachedThreadPool();

    public void start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/report", exchange -> {
            new Thread(() -> render(exchange)).start();
        });
        server.start();
    }

    /** Warms the cache for every customer, one thread each. */
    public void warmUp(List<String> customers) {
        for (String customer : customers) {
            new Thread(() -> renderers.submit(() -> load(customer))).start();
        }
    }

    /** Exports each batch with a pool of its own. */
    public void export(List<List<String>> batches) {
        for (List<String> batch : batches) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            batch.forEach(item -> pool.submit(() -> load(item)));
            pool.shutdown();
        }
    }

    private void render(HttpExchange exchange) {
        byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(200, body.length);
            out.write(body);
        } catch (IOException e) {
            exchange.close();
        }
    }

    private String load(String key) {
        try {
            Thread.sleep(200); // a slow backend
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return key.toUpperCase();
    }
}
