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

/**
 * Appends entries to a ledger through one writer thread. On shutdown it waits for the writer to finish, but never
 * tells it to: the writer waits for its next entry, the hook waits for the writer, and the JVM never ends.
 */
public class LedgerWriterService {

    private static final BlockingQueue<String> ENTRIES = new LinkedBlockingQueue<>();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        Thread writer = new Thread(LedgerWriterService::write, "ledger-writer");
        writer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> awaitWriter(writer), "ledger-flush"));
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/entries", LedgerWriterService::append);
        server.start();
        System.out.println("ledger writer listening on port " + port);
    }

    static void append(HttpExchange exchange) throws IOException {
        ENTRIES.add(exchange.getRequestURI().toString());
        byte[] body = "appended\n".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static void write() {
        try {
            while (true) {
                ENTRIES.take(); // written to the ledger
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void awaitWriter(Thread writer) {
        System.out.println("shutting down: waiting for the ledger writer to finish");
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
