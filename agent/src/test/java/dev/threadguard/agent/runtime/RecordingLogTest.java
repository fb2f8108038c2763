package dev.threadguard.agent.runtime;

import dev.threadguard.agent.config.LogFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class RecordingLogTest {

    @TempDir
    Path directory;

    @Test
    void concurrentWritersAndFlushesNeverInterleaveOrLoseARecord() throws Exception {
        Path file = directory.resolve("run.tglog");
        RecordingLog log = new RecordingLog(file);
        int writers = 8;
        int each = 5000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread thread = new Thread(() -> {
                await(start);
                for (int i = 0; i < each; i++) {
                    log.add(new LogFormat.Line(LogFormat.NOTE).add(writer).add("record " + i + " of\twriter\n" + writer));
                }
            });
            thread.start();
            threads.add(thread);
        }
        Thread flusher = new Thread(() -> {
            await(start);
            for (int i = 0; i < 200; i++) {
                log.flush();
            }
        });
        flusher.start();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        flusher.join();
        log.close();
        log.add(new LogFormat.Line(LogFormat.NOTE).add("after close: dropped"));
        log.flush();

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(writers * each);
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            List<String> fields = LogFormat.fields(line);
            assertThat(fields).hasSize(3);
            assertThat(fields.get(2)).startsWith("record ").endsWith("writer\n" + fields.get(1));
            assertThat(seen.add(line)).isTrue();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
