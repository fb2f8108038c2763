package com.acme;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CleanSuiteTest {

    private static ExecutorService shared;

    @BeforeAll
    static void startSharedPool() {
        shared = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopSharedPool() throws InterruptedException {
        shared.shutdown();
        assertTrue(shared.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void theUsersArgLineIsKept() {
        assertEquals("kept", System.getProperty("com.acme.marker"));
    }

    @Test
    void usesTheSharedPool() throws Exception {
        assertEquals(3, shared.submit(() -> 3).get());
    }

    @Test
    void usesTheCommonPool() {
        // the common pool's workers are the JVM's, shared by every test: never a test's leak
        assertEquals(4950, IntStream.range(0, 100).parallel().sum());
        assertEquals(5, CompletableFuture.supplyAsync(() -> 5).join());
    }

    @Test
    void runsAProcess() throws Exception {
        // the JDK's "process reaper" thread stays for a while: shared too
        Process process = new ProcessBuilder(List.of(javaLauncher(), "-version")).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    }

    @Test
    void preemptiveTimeout() {
        // JUnit runs the body in a thread of its own: the framework's, not the test's
        assertEquals(6, assertTimeoutPreemptively(Duration.ofSeconds(10), () -> 6));
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void timeoutInASeparateThread() throws Exception {
        Thread worker = new Thread(() -> { }, "joined-worker");
        worker.start();
        worker.join();
    }

    private static String javaLauncher() {
        return System.getProperty("java.home") + "/bin/java";
    }
}
