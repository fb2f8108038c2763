package com.acme.support;

import java.util.concurrent.CountDownLatch;

/** A test helper: one server thread per JVM, started by whichever test needs it first, never stopped. */
public final class EmbeddedServer {

    private static Thread acceptor;

    private EmbeddedServer() {
    }

    public static synchronized void ensureStarted() {
        if (acceptor == null) {
            acceptor = new Thread(EmbeddedServer::serve, "embedded-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }
    }

    private static void serve() {
        try {
            new CountDownLatch(1).await(); // serves until the JVM ends
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
