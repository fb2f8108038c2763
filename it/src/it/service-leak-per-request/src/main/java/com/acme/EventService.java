package com.acme;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/** Each subscription gets a listener thread that waits for events; nothing ever ends it. */
public class EventService {

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/subscribe", EventService::subscribe);
        server.createContext("/health", exchange -> respond(exchange, "ok\n"));
        server.start();
        System.out.println("event service listening on port " + port);
    }

    static void subscribe(HttpExchange exchange) throws IOException {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Thread listener = new Thread(() -> listen(events), "event-listener");
        listener.setDaemon(true);
        listener.start();
        respond(exchange, "subscribed\n");
    }

    static void listen(BlockingQueue<String> events) {
        try {
            while (true) {
                System.out.println(events.take()); // nobody ever offers an event, and nobody interrupts
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void respond(HttpExchange exchange, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
