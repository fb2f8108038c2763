package dev.threadguard.report.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Tiny services {@link ServiceRunTest} runs under the agent: {@code Services <kind>}; main returns once serving. */
public final class Services {

    private Services() {
    }

    public static void main(String[] args) {
        CountDownLatch stop = new CountDownLatch(1);
        Thread server = new Thread(() -> await(stop), "server");
        server.start(); // non-daemon: keeps the JVM running after main returns
        switch (args[0]) {
            case "polite" -> Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                System.out.println("shutdown hook ran");
            }, "polite-hook"));
            case "stuck-hook" -> {
                Thread writer = new Thread(() -> await(new CountDownLatch(1)), "ledger-writer");
                writer.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> join(writer), "ledger-flush"));
            }
            case "crash" -> new Thread(() -> {
                while (!Files.exists(Path.of("crash-now"))) {
                    sleep(20);
                }
                System.out.println("crashing");
                System.exit(70);
            }, "crasher").start();
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("serving");
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
