package com.acme;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Renders each report in a thread of its own: one thread per request, however many requests come in. */
public class ReportService {

    /** Reports are rendered in batches of 64: a rendering thread waits for the rest of its batch (at most 10 s). */
    private static final CountDownLatch BATCH = new CountDownLatch(64);

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/report", ReportService::report);
        server.start();
        System.out.println("report service listening on port " + port);
    }

    static void report(HttpExchange exchange) throws IOException {
        new Thread(ReportService::render, "render").start();
        byte[] body = "rendering\n".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(202, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static void render() {
        BATCH.countDown();
        try {
            BATCH.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
