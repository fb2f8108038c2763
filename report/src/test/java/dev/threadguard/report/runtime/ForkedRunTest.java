package dev.threadguard.report.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ForkedRunTest {

    @TempDir
    Path directory;

    /** Prints numbered lines on both streams, then exits with the code given. */
    public static final class Chatty {
        public static void main(String[] args) {
            int lines = Integer.parseInt(args[0]);
            for (int i = 0; i < lines; i++) {
                System.out.println("out " + i);
                System.err.println("err " + i);
            }
            System.exit(Integer.parseInt(args[1]));
        }
    }

    /** Never ends. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("sleeping");
            Thread.sleep(600_000);
        }
    }

    @Test
    void everyLineOfBothStreamsArrivesInOrderAndTheExitCodeIsKept() throws Exception {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        List<String> err = Collections.synchronizedList(new ArrayList<>());
        ForkedRun.Result result = new ForkedRun().run(request(Chatty.class, Duration.ofSeconds(60), "5000", "3"),
                (line, stderr) -> (stderr ? err : out).add(line));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.killed()).isFalse();
        assertThat(out).hasSize(5000).startsWith("out 0").endsWith("out 4999");
        assertThat(err).hasSize(5000).startsWith("err 0").endsWith("err 4999");
    }

    @Test
    void aJvmOutlivingTheBackstopIsKilledAndItsOutputKept() throws Exception {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        ForkedRun.Result result = new ForkedRun().run(request(Sleeper.class, Duration.ofSeconds(2)),
                (line, stderr) -> out.add(line));

        assertThat(result.killed()).isTrue();
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(20));
        assertThat(out).containsExactly("sleeping");
    }

    private ForkedRun.Request request(Class<?> main, Duration backstop, String... args) {
        return new ForkedRun.Request(JavaRuntime.launcher(null), "-Xshare:auto", List.of("-Xmx64m"),
                List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)), main.getName(),
                List.of(args), directory, backstop);
    }
}
