package dev.threadguard.testng;

import dev.threadguard.agent.api.TestEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testng.ITestNGListener;
import org.testng.TestNG;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs a real TestNG suite in this JVM with the listener found by ServiceLoader, as TestNG finds it. */
class ThreadguardTestNGListenerTest {

    /** The tests TestNG runs here. */
    public static class Sample {
        @BeforeClass
        public void setUp() {
        }

        @org.testng.annotations.Test
        public void first() {
        }

        @org.testng.annotations.Test
        public void second() {
            throw new AssertionError("fails on purpose");
        }

        @AfterClass
        public void tearDown() {
        }
    }

    static final class Calls implements TestEvents.Sink {
        final List<String> calls = new ArrayList<>();
        final List<String> startedIds = new ArrayList<>();
        final List<String> finishedIds = new ArrayList<>();

        @Override
        public synchronized void started(String uniqueId, String test, boolean container, String framework) {
            calls.add("started " + test + (container ? " (container)" : "") + " " + framework);
            startedIds.add(uniqueId);
        }

        @Override
        public synchronized void finished(String uniqueId, String result) {
            calls.add("finished " + result);
            finishedIds.add(uniqueId);
        }
    }

    @AfterEach
    void uninstall() {
        TestEvents.install(null);
    }

    @Test
    void tellsTheAgentEachMethodAndConfigurationMethodInOrder() {
        Calls sink = new Calls();
        TestEvents.install(sink);
        TestNG testng = new TestNG(false);
        testng.setTestClasses(new Class<?>[] {Sample.class});
        testng.setVerbose(0);
        testng.setUseDefaultListeners(false);
        testng.run();

        String type = Sample.class.getName();
        assertThat(sink.calls).containsExactly(
                "started " + type + " (container) testng", "finished SUCCESSFUL",
                "started " + type + "#first testng", "finished SUCCESSFUL",
                "started " + type + "#second testng", "finished FAILED",
                "started " + type + " (container) testng", "finished SUCCESSFUL");
        assertThat(sink.finishedIds).containsExactlyElementsOf(sink.startedIds);
        assertThat(sink.startedIds).doesNotHaveDuplicates();
    }

    @Test
    void isRegisteredForTestNGsServiceLoader() {
        assertThat(ServiceLoader.load(ITestNGListener.class).stream().map(ServiceLoader.Provider::type))
                .contains(ThreadguardTestNGListener.class);
    }
}
