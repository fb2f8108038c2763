package com.acme;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** Books orders into a ledger, and gives up the whole process when the ledger is full. */
public class LedgerService {

    private static final int LEDGER_SIZE = 24;
    private static final AtomicLong BOOKED = new AtomicLong();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/health", exchange -> respond(exchange, 200, "ok\n"));
        server.createContext("/orders", LedgerService::book);
        server.start();
        System.out.println("ledger service listening on port " + port);
    }

    static void book(HttpExchange exchange) throws IOException {
        long entry = BOOKED.incrementAndGet();
        if (entry > LEDGER_SIZE) {
            System.err.println("FATAL: ledger full at entry " + entry + ", exiting");
            System.exit(70);
        }
        respond(exchange, 201, "booked " + entry + "\n");
    }

    static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
