package dev.threadguard.agent.instrument;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TransformCacheTest {

    @TempDir
    Path directory;

    private final byte[] original = "the JDK's own Thread".getBytes();
    private final byte[] transformed = "Thread with hook calls".getBytes();

    private TransformCache cache() throws Exception {
        Path jar = directory.resolve("agent.jar");
        if (!Files.exists(jar)) {
            Files.write(jar, new byte[] {1, 2, 3});
        }
        return TransformCache.of(directory.resolve("cache"), jar);
    }

    @Test
    void anEntryReadsBackAsItWasWritten() throws Exception {
        cache().write("java/lang/Thread", original, "tasks", new TransformCache.Entry(transformed,
                List.of("java.lang.Thread.start")));
        cache().write("java/util/concurrent/ForkJoinTask", original, "", new TransformCache.Entry(null, List.of()));

        TransformCache.Entry entry = cache().read("java/lang/Thread", original, "tasks");
        assertThat(entry.bytes()).isEqualTo(transformed);
        assertThat(entry.missing()).containsExactly("java.lang.Thread.start");
        TransformCache.Entry unchanged = cache().read("java/util/concurrent/ForkJoinTask", original, "");
        assertThat(unchanged.bytes()).isNull(); // a class left as it is is cached as such
    }

    @Test
    void otherBytesOtherOptionsOrAnotherAgentBuildAreOtherEntries() throws Exception {
        cache().write("java/lang/Thread", original, "tasks", new TransformCache.Entry(transformed, List.of()));

        byte[] otherJdk = Arrays.copyOf(original, original.length);
        otherJdk[0]++;
        assertThat(cache().read("java/lang/Thread", otherJdk, "tasks")).isNull();
        assertThat(cache().read("java/lang/Thread", original, "")).isNull();
        Path rebuilt = directory.resolve("agent.jar");
        Files.write(rebuilt, new byte[] {1, 2, 3, 4});
        assertThat(cache().read("java/lang/Thread", original, "tasks")).isNull();
    }

    @Test
    void aTruncatedOrAlteredEntryIsTreatedAsAbsent() throws Exception {
        TransformCache cache = cache();
        cache.write("java/lang/Thread", original, "", new TransformCache.Entry(transformed, List.of()));
        Path file = cache.file("java/lang/Thread", original, "");
        byte[] whole = Files.readAllBytes(file);

        Files.write(file, Arrays.copyOf(whole, whole.length - 3));
        assertThat(cache.read("java/lang/Thread", original, "")).isNull();

        byte[] altered = whole.clone();
        altered[altered.length - 1] ^= 1;
        Files.write(file, altered);
        assertThat(cache.read("java/lang/Thread", original, "")).isNull();

        Files.write(file, new byte[0]);
        assertThat(cache.read("java/lang/Thread", original, "")).isNull();
    }

    @Test
    void forksWritingTheSameEntryAtOnceLeaveOneWholeEntryAndNoTemporaryFiles() throws Exception {
        TransformCache cache = cache();
        ExecutorService forks = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                writes.add(forks.submit(() -> cache.write("java/lang/Thread", original, "",
                        new TransformCache.Entry(transformed, List.of()))));
            }
            for (Future<?> write : writes) {
                write.get(30, TimeUnit.SECONDS);
            }
        } finally {
            forks.shutdownNow();
        }

        assertThat(cache.read("java/lang/Thread", original, "").bytes()).isEqualTo(transformed);
        try (Stream<Path> files = Files.list(cache.file("java/lang/Thread", original, "").getParent())) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void withoutAnAgentJarThereIsNoCache() {
        assertThat(TransformCache.of(directory, null)).isNull();
        assertThat(TransformCache.of(directory, directory)).isNull(); // the classes directory in the agent's own tests
    }

    @Test
    void anUnwritableDirectoryOnlyMeansTransformingEachTime() throws Exception {
        Path jar = directory.resolve("agent.jar");
        Files.write(jar, new byte[] {1});
        Path blocked = directory.resolve("blocked");
        Files.writeString(blocked, "a file where the directory would go");
        TransformCache cache = TransformCache.of(blocked, jar);

        cache.write("java/lang/Thread", original, "", new TransformCache.Entry(transformed, List.of()));
        assertThat(cache.read("java/lang/Thread", original, "")).isNull();
    }
}
