package com.example.shop;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs against the service threadguard:start started (pre-integration-test); threadguard:stop judges its threads. */
class ShopServiceIT {

    private static final String BASE = "http://localhost:" + System.getProperty("shop.port", "8080");
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void listsPrices() throws Exception {
        HttpResponse<String> answer = client.send(get("/prices"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
    }

    @Test
    void acceptsManyReportRequestsAtOnce() {
        assertAllAnswered(202, "/report", 200);
    }

    @Test
    void takesSubscriptions() {
        assertAllAnswered(200, "/subscribe?plum", 100);
    }

    private void assertAllAnswered(int status, String path, int requests) {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            answers.add(client.sendAsync(get(path), HttpResponse.BodyHandlers.ofString()));
        }
        answers.forEach(answer -> assertEquals(status, answer.join().statusCode()));
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(BASE + path)).build();
    }
}
