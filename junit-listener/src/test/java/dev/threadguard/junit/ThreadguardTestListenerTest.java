package dev.threadguard.junit;

import dev.threadguard.agent.events.EventNames;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** The listener's events, recorded by a real JFR recording enabled by name, as the agent enables them. */
class ThreadguardTestListenerTest {

    @TempDir
    Path directory;

    @Test
    void writesStartedAndFinishedInTheThreadThatRunsTheTest() throws Exception {
        ThreadguardTestListener listener = new ThreadguardTestListener();
        TestIdentifier method = TestIdentifier.from(descriptor("[method:leaks()]",
                MethodSource.from("com.acme.LeakTest", "leaks"), TestDescriptor.Type.TEST));
        TestIdentifier type = TestIdentifier.from(descriptor("[class:com.acme.LeakTest]",
                ClassSource.from("com.acme.LeakTest"), TestDescriptor.Type.CONTAINER));
        TestIdentifier engine = TestIdentifier.from(descriptor("[engine:junit-jupiter]", null,
                TestDescriptor.Type.CONTAINER));

        List<RecordedEvent> events = record(() -> {
            listener.executionStarted(engine);
            listener.executionStarted(type);
            listener.executionStarted(method);
            listener.executionFinished(method, TestExecutionResult.successful());
            listener.executionFinished(type, TestExecutionResult.failed(new AssertionError()));
            listener.executionFinished(engine, TestExecutionResult.successful());
        });

        assertThat(events).extracting(e -> e.getEventType().getName() + " " + e.getString("test"))
                .containsExactly(EventNames.TEST_STARTED + " com.acme.LeakTest",
                        EventNames.TEST_STARTED + " com.acme.LeakTest#leaks",
                        EventNames.TEST_FINISHED + " com.acme.LeakTest#leaks",
                        EventNames.TEST_FINISHED + " com.acme.LeakTest");
        assertThat(events).allMatch(e -> e.getThread().getJavaThreadId() == Thread.currentThread().getId());
        assertThat(events.get(0).getBoolean("container")).isTrue();
        assertThat(events.get(1).getBoolean("container")).isFalse();
        assertThat(events.get(1).getString("uniqueId")).endsWith("[method:leaks()]");
        assertThat(events.get(3).getString("result")).isEqualTo("FAILED");
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

    private List<RecordedEvent> record(Runnable body) throws Exception {
        Path file = directory.resolve("listener.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(EventNames.TEST_STARTED);
            recording.enable(EventNames.TEST_FINISHED);
            recording.start();
            body.run();
            recording.stop();
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file);
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
