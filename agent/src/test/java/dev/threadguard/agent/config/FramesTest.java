package dev.threadguard.agent.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FramesTest {

    @Test
    void formatsFramesLikeStackTracesWithoutModules() {
        assertThat(Frames.format("com.acme.App", "main", "App.java", 12)).isEqualTo("com.acme.App.main(App.java:12)");
        assertThat(Frames.format("com.acme.App$Worker", "run", null, 7)).isEqualTo("com.acme.App$Worker.run(App.java:7)");
        assertThat(Frames.format("Top", "lambda$main$0", null, -1)).isEqualTo("Top.lambda$main$0(Top.java)");
        assertThat(Frames.format("jdk.internal.misc.Unsafe", "park", null, -2))
                .isEqualTo("jdk.internal.misc.Unsafe.park(Native Method)");
        StackTraceElement element = new StackTraceElement("java.base", null, null, "java.lang.Thread", "sleep",
                "Thread.java", 509);
        assertThat(Frames.format(element)).isEqualTo("java.lang.Thread.sleep(Thread.java:509)");
    }

    @Test
    void jdkAndAgentFramesAreSkippedForCreationSites() {
        assertThat(Frames.isJdk("java.util.concurrent.ThreadPoolExecutor")).isTrue();
        assertThat(Frames.isJdk("jdk.internal.misc.Unsafe")).isTrue();
        assertThat(Frames.isJdk("dev.threadguard.agent.runtime.VirtualStarts")).isTrue();
        assertThat(Frames.isJdk("javaapp.Main")).isFalse();
        assertThat(Frames.isJdk("com.acme.App")).isFalse();
        assertThat(Frames.methodOf("com.acme.App.main(App.java:3)")).isEqualTo("com.acme.App.main");
    }
}
