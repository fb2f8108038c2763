package com.example.shop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small shop: prices, sales reports and price alerts over HTTP. Requests are served by a bounded pool, as they
 * should be; two handlers still make threads of their own.
 */
public class ShopService {

    private final PriceBook prices = new PriceBook();
    private final Reports reports = new Reports();
    private final Alerts alerts = new Alerts();

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        new ShopService().start(port);
        System.out.println("shop listening on http://localhost:" + port + "/");
    }

    void start(int port) throws IOException {
        ExecutorService requests = Executors.newFixedThreadPool(16);
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.setExecutor(requests);
        server.createContext("/health", exchange -> respond(exchange, 200, "ok"));
        server.createContext("/prices", exchange -> respond(exchange, 200, prices.all().toString()));
        server.createContext("/report", exchange -> respond(exchange, 202, reports.requestSalesReport()));
        server.createContext("/subscribe", exchange -> respond(exchange, 200, alerts.subscribe(query(exchange))));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            requests.shutdown();
        }, "shop-shutdown"));
        server.start();
    }

    private static String query(HttpExchange exchange) {
        String query = exchange.getRequestURI().getQuery();
        return query == null ? "all" : query;
    }

    static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Prices, read from memory: nothing to see here. */
    static final class PriceBook {
        Map<String, Integer> all() {
            return Map.of("apple", 30, "pear", 45, "plum", 25);
        }
    }
}
