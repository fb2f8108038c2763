package dev.threadguard.report.runtime;

import dev.threadguard.agent.events.BaselineEvent;
import dev.threadguard.agent.events.EventNames;
import jdk.jfr.Recording;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Writes a real recording in the test JVM: the JDK's thread events for threads started from two call sites,
 * plus the agent's baseline event, so reader and analysis are tested on what JFR really writes.
 */
final class RecordedRunFixture {

    private RecordedRunFixture() {
    }

    /** Three threads from {@link #siteA}, alive together; then two from {@link #siteB}, one after the other. */
    static Path record(Path file) throws Exception {
        try (Recording recording = new Recording()) {
            recording.enable(EventNames.JDK_THREAD_START).withStackTrace();
            recording.enable(EventNames.JDK_THREAD_END);
            recording.enable(BaselineEvent.class);
            recording.start();
            BaselineEvent baseline = new BaselineEvent();
            baseline.baselineThreads = 4;
            baseline.threadNames = "main\nReference Handler\nFinalizer\nSignal Dispatcher";
            baseline.threadIds = String.valueOf(Thread.currentThread().getId());
            baseline.mainThreadId = Thread.currentThread().getId();
            baseline.javaVersion = System.getProperty("java.version");
            baseline.virtualThreads = EventNames.VIRTUAL_UNSUPPORTED;
            baseline.commit();
            siteA();
            siteB();
            recording.stop();
            recording.dump(file);
        }
        return file;
    }

    static void siteA() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread thread = new Thread(() -> await(release), "fixture-a-" + i);
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(50);
        release.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
    }

    static void siteB() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            Thread thread = new Thread(() -> { }, "fixture-b-" + i);
            thread.start();
            thread.join();
            Thread.sleep(20); // let the JVM finish the thread before the next starts
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
