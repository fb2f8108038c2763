package dev.threadguard.junit;

import dev.threadguard.agent.api.TestEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** What the listener tells the agent, seen by a sink installed as the agent installs its own. */
class ThreadguardTestListenerTest {

    /** Records each call with the thread it came from. */
    static final class RecordingSink implements TestEvents.Sink {
        final List<String> calls = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();

        @Override
        public synchronized void started(String uniqueId, String test, boolean container, String framework) {
            calls.add("started " + test + (container ? " (container)" : "") + " " + framework + " " + uniqueId);
            threads.add(Thread.currentThread());
        }

        @Override
        public synchronized void finished(String uniqueId, String result) {
            calls.add("finished " + uniqueId + " " + result);
            threads.add(Thread.currentThread());
        }
    }

    @AfterEach
    void uninstall() {
        TestEvents.install(null);
    }

    @Test
    void writesStartedAndFinishedInTheThreadThatRunsTheTest() throws Exception {
        ThreadguardTestListener listener = new ThreadguardTestListener();
        TestIdentifier method = TestIdentifier.from(descriptor("[method:leaks()]",
                MethodSource.from("com.acme.LeakTest", "leaks"), TestDescriptor.Type.TEST));
        TestIdentifier type = TestIdentifier.from(descriptor("[class:com.acme.LeakTest]",
                ClassSource.from("com.acme.LeakTest"), TestDescriptor.Type.CONTAINER));
        TestIdentifier engine = TestIdentifier.from(descriptor("[engine:junit-jupiter]", null,
                TestDescriptor.Type.CONTAINER));

        RecordingSink sink = new RecordingSink();
        TestEvents.install(sink);
        listener.executionStarted(engine);
        listener.executionStarted(type);
        listener.executionStarted(method);
        listener.executionFinished(method, TestExecutionResult.successful());
        listener.executionFinished(type, TestExecutionResult.failed(new AssertionError()));
        listener.executionFinished(engine, TestExecutionResult.successful());

        assertThat(sink.calls).containsExactly(
                "started com.acme.LeakTest (container) junit-platform [engine:junit-jupiter]/[class:com.acme.LeakTest]",
                "started com.acme.LeakTest#leaks junit-platform [engine:junit-jupiter]/[method:leaks()]",
                "finished [engine:junit-jupiter]/[method:leaks()] SUCCESSFUL",
                "finished [engine:junit-jupiter]/[class:com.acme.LeakTest] FAILED");
        assertThat(sink.threads).containsOnly(Thread.currentThread());
    }

    @Test
    void withoutTheAgentNothingHappensAndNothingThrows() {
        ThreadguardTestListener listener = new ThreadguardTestListener();
        TestIdentifier method = TestIdentifier.from(descriptor("[method:m()]", MethodSource.from("a.B", "m"),
                TestDescriptor.Type.TEST));
        listener.executionStarted(method);
        listener.executionFinished(method, TestExecutionResult.successful());
        assertThat(TestEvents.active()).isFalse();
    }

    @Test
    void isFoundByTheServiceLoader() {
        assertThat(ServiceLoader.load(org.junit.platform.launcher.TestExecutionListener.class).stream()
                .map(ServiceLoader.Provider::type)).contains(ThreadguardTestListener.class);
    }

    @Test
    void namesFromSources() {
        assertThat(ThreadguardTestListener.name(Optional.of(MethodSource.from("a.B", "c")))).isEqualTo("a.B#c");
        assertThat(ThreadguardTestListener.name(Optional.of(ClassSource.from("a.B$Nested")))).isEqualTo("a.B$Nested");
        assertThat(ThreadguardTestListener.name(Optional.empty())).isNull();
    }

    private static TestDescriptor descriptor(String segment, TestSource source, TestDescriptor.Type type) {
        UniqueId id = UniqueId.parse("[engine:junit-jupiter]" + (segment.startsWith("[engine") ? "" : "/" + segment));
        return new AbstractTestDescriptor(id, segment, source) {
            @Override
            public Type getType() {
                return type;
            }
        };
    }
}
