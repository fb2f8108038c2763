package com.example.shop;

import java.util.concurrent.atomic.AtomicLong;

/** Sales reports, rendered in the background so that the request returns at once. */
final class Reports {

    private final AtomicLong ids = new AtomicLong();

    /** Mistake 1: a thread per request. Traffic decides how many threads render at once, not the service. */
    String requestSalesReport() {
        long id = ids.incrementAndGet();
        new Thread(() -> render(id), "report-" + id).start();
        return "report " + id + " is being rendered";
    }

    private void render(long id) {
        try {
            Thread.sleep(1_000); // queries and a PDF
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
