package dev.threadguard.agent.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentOptionsTest {

    @Test
    void testModeOptionsRoundTripAndAreLeftOutOfOrdinaryRuns() {
        AgentOptions tests = new AgentOptions().testMode(true).settleMillis(250)
                .listenerJar(Path.of("/repo/threadguard-junit-listener.jar")).runawayLimit(2000)
                .file(Path.of("/build/target/threadguard/tests/test-%p.jfr"));

        AgentOptions parsed = AgentOptions.parse(tests.format());

        assertThat(parsed.testMode()).isTrue();
        assertThat(parsed.settleMillis()).isEqualTo(250);
        assertThat(parsed.listenerJar()).isEqualTo(Path.of("/repo/threadguard-junit-listener.jar"));
        assertThat(parsed.runawayLimit()).isEqualTo(2000);
        assertThat(parsed.file()).isEqualTo(Path.of("/build/target/threadguard/tests/test-%p.jfr"));
        assertThat(new AgentOptions().format()).doesNotContain("testMode").doesNotContain("settleMillis")
                .doesNotContain("runawayLimit");
        assertThat(AgentOptions.parse("").testMode()).isFalse();
        assertThat(AgentOptions.parse("").runawayLimit()).isEqualTo(AgentOptions.UNSET);
    }

    @Test
    void serviceModeRecordingAndParentRoundTrip() {
        AgentOptions service = new AgentOptions().mode(AgentOptions.MODE_SERVICE).recording(AgentOptions.RECORDING_JFR)
                .parentPid(4711).controlDir(Path.of("/build/target/threadguard/control"))
                .file(Path.of("/build/target/threadguard/run.tglog"));

        AgentOptions parsed = AgentOptions.parse(service.format());

        assertThat(parsed.serviceMode()).isTrue();
        assertThat(parsed.testMode()).isFalse();
        assertThat(parsed.recording()).isEqualTo(AgentOptions.RECORDING_JFR);
        assertThat(parsed.jfrFile()).isEqualTo(Path.of("/build/target/threadguard/run.jfr"));
        assertThat(parsed.parentPid()).isEqualTo(4711);
        assertThat(parsed.controlDir()).isEqualTo(Path.of("/build/target/threadguard/control"));
        assertThat(AgentOptions.parse("testMode=true").mode()).isEqualTo(AgentOptions.MODE_TEST);
        assertThat(AgentOptions.parse("mode=test,testListeners=false").testListeners()).isFalse();
        assertThat(AgentOptions.parse("").recording()).isEqualTo(AgentOptions.RECORDING_AGENT);
        assertThatThrownBy(() -> AgentOptions.parse("mode=server")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mode must be one of main, test, service, not 'server'");
    }

    @Test
    void formatThenParseKeepsEveryValueIncludingSeparatorsInPatterns() {
        AgentOptions options = new AgentOptions()
                .file(Path.of("/tmp/a,b=c%d/run.jfr"))
                .maxThreads(200)
                .maxThreadsStarted(0)
                .failFast(false)
                .leakGraceMillis(500)
                .timeoutSeconds(30)
                .ignoreThreadName("pool-*")
                .ignoreThreadName("regex:grpc-(a|b),x=\\d{1,3}")
                .ignoreCreationFrame("com.zaxxer.hikari.*");

        AgentOptions parsed = AgentOptions.parse(options.format());

        assertThat(parsed.file()).isEqualTo(Path.of("/tmp/a,b=c%d/run.jfr"));
        assertThat(parsed.maxThreads()).isEqualTo(200);
        assertThat(parsed.maxVirtualThreads()).isEqualTo(AgentOptions.UNSET);
        assertThat(parsed.maxThreadsStarted()).isZero();
        assertThat(parsed.maxLeakedThreads()).isZero();
        assertThat(parsed.failFast()).isFalse();
        assertThat(parsed.leakGraceMillis()).isEqualTo(500);
        assertThat(parsed.timeoutSeconds()).isEqualTo(30);
        assertThat(parsed.ignoreThreadNames()).containsExactly("pool-*", "regex:grpc-(a|b),x=\\d{1,3}");
        assertThat(parsed.ignoreCreationFrames()).containsExactly("com.zaxxer.hikari.*");
        assertThat(parsed.format()).isEqualTo(options.format());
    }

    @Test
    void handWrittenOptionsAndDefaults() {
        AgentOptions parsed = AgentOptions.parse("maxThreads=10, failFast=TRUE");
        assertThat(parsed.maxThreads()).isEqualTo(10);
        assertThat(parsed.failFast()).isTrue();
        assertThat(parsed.leakGraceMillis()).isEqualTo(2000);
        assertThat(parsed.file()).isEqualTo(Path.of("target", "threadguard", "run.tglog"));
        assertThat(AgentOptions.parse(null).maxThreads()).isEqualTo(AgentOptions.UNSET);
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> AgentOptions.parse("maxThread=3")).hasMessageContaining("unknown option 'maxThread'");
        assertThatThrownBy(() -> AgentOptions.parse("maxThreads=-1")).hasMessageContaining("maxThreads must be 0 or more");
        assertThatThrownBy(() -> AgentOptions.parse("maxThreads=lots")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> AgentOptions.parse("failFast=yes")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> AgentOptions.parse("ignoreThreadName=regex:(")).hasMessageContaining("not a valid");
        assertThatThrownBy(() -> AgentOptions.parse("maxThreads")).hasMessageContaining("has no value");
    }
}
