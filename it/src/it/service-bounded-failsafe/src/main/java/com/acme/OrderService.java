package com.acme;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded: requests are served by a fixed pool of 8, side jobs (the audit trail) run on a cached pool, whose workers
 * linger idle for 60 s after their last job. Shuts both pools down on SIGTERM.
 */
public class OrderService {

    private static final AtomicLong AUDITED = new AtomicLong();
    private static final Queue<String> AUDIT_TRAIL = new ConcurrentLinkedQueue<>();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        ExecutorService requests = Executors.newFixedThreadPool(8);
        ExecutorService sideJobs = Executors.newCachedThreadPool();
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.setExecutor(requests);
        server.createContext("/health", exchange -> respond(exchange, 200, "ok\n"));
        server.createContext("/orders", exchange -> {
            long order = AUDITED.incrementAndGet();
            sideJobs.submit(() -> audit(order));
            respond(exchange, 201, "order " + order + "\n");
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("side-job workers alive at shutdown: " + ((ThreadPoolExecutor) sideJobs).getPoolSize());
            server.stop(0);
            requests.shutdown();
            sideJobs.shutdown();
            System.out.println("order service stopped after " + AUDITED.get() + " orders");
        }, "order-service-shutdown"));
        server.start();
        System.out.println("order service listening on port " + port);
    }

    static void audit(long order) {
        AUDIT_TRAIL.add("order " + order);
    }

    static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
