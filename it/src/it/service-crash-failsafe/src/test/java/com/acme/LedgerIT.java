package com.acme;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LedgerIT {

    private static final URI ORDERS = URI.create("http://localhost:" + System.getProperty("app.port") + "/orders");

    /** The service dies at the 25th order; the test itself tolerates that, threadguard:stop must not. */
    @Test
    void booksUntilTheServiceDies() throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        int booked = 0;
        int failed = 0;
        for (int i = 0; i < 40; i++) {
            try {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(ORDERS)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                booked += answer.statusCode() == 201 ? 1 : 0;
            } catch (IOException e) {
                failed++;
            }
        }
        System.out.println("booked " + booked + ", failed " + failed);
        assertEquals(24, booked);
        assertEquals(16, failed);
    }
}
