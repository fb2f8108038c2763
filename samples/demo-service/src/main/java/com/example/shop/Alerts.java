package com.example.shop;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Price alerts: each subscription gets a listener that waits for price changes. */
final class Alerts {

    /**
     * Mistake 2: a thread left behind per request. The listener waits for changes nobody publishes to its queue,
     * and nothing ever ends it: the JVM analogue of a goroutine blocked for ever on a channel.
     */
    String subscribe(String product) {
        BlockingQueue<Integer> changes = new LinkedBlockingQueue<>();
        Thread listener = new Thread(() -> listen(product, changes), "alert-" + product);
        listener.setDaemon(true);
        listener.start();
        return "subscribed to " + product;
    }

    private void listen(String product, BlockingQueue<Integer> changes) {
        try {
            while (true) {
                int price = changes.take();
                System.out.println(product + " now costs " + price);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
