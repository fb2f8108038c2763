package dev.threadguard.engine;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a large analysis in a JVM of its own. JavaParser's generated parser consists of a few enormous methods
 * that the JVM's optimising compiler spends seconds on and that a one-off analysis never gets the benefit of;
 * a JVM with only the quick compiler ({@code -XX:TieredStopAtLevel=1}) and a throughput collector analyses a
 * large project in about half the time, and the JVM running Maven is left as it is. The child runs on the class
 * path the request names ({@link AnalysisRequest#forkClassPath()}); request and result go through files in the
 * {@link ForkProtocol}, progress comes back on the child's standard output. Findings are the same either way: the
 * child runs the same {@link Analyzer}.
 */
public final class ForkedAnalysis {

    private static final String PROGRESS = "threadguard-progress ";
    private static final long TIMEOUT_HOURS = 4;
    private static final int STDERR_LIMIT = 16 * 1024;

    private ForkedAnalysis() {
    }

    /** Runs the request in a child JVM; in this JVM when no child can be started. */
    static AnalysisResult run(AnalysisRequest request, AnalysisListener listener) {
        long start = System.nanoTime();
        Path directory = null;
        try {
            directory = Files.createTempDirectory("threadguard-analysis");
            Path requestFile = directory.resolve("request.bin");
            Path resultFile = directory.resolve("result.bin");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(requestFile)))) {
                ForkProtocol.writeRequest(request, out);
            }
            Process child;
            try {
                child = new ProcessBuilder(command(request.forkClassPath(), requestFile, resultFile)).start();
            } catch (IOException e) {
                return inThisJvm(request, listener);
            }
            listener.forked();
            StringBuilder errors = new StringBuilder();
            Thread drain = drain(child.getErrorStream(), errors);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(PROGRESS)) {
                        String[] numbers = line.substring(PROGRESS.length()).split(" ");
                        listener.fileDone(Integer.parseInt(numbers[0]), Integer.parseInt(numbers[1]));
                    }
                }
            }
            if (!child.waitFor(TIMEOUT_HOURS, TimeUnit.HOURS)) {
                child.destroyForcibly();
                throw new IllegalStateException("the analysis did not finish within " + TIMEOUT_HOURS + " hours");
            }
            drain.join(TimeUnit.SECONDS.toMillis(10));
            if (child.exitValue() != 0) {
                String message;
                synchronized (errors) {
                    message = errors.toString().strip();
                }
                throw new IllegalStateException("the analysis JVM failed (exit code " + child.exitValue() + ")"
                        + (message.isEmpty() ? "" : ": " + message));
            }
            return readResult(resultFile, request, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new IllegalStateException("the analysis JVM could not be run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the analysis ran", e);
        } finally {
            deleteQuietly(directory);
        }
    }

    private static AnalysisResult inThisJvm(AnalysisRequest request, AnalysisListener listener) {
        return new Analyzer(request.toBuilder().fork(List.of()).build()).run(listener);
    }

    private static List<String> command(List<Path> classPath, Path requestFile, Path resultFile) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC", "-Xmx1g",
                "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true",
                "-cp", String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()),
                ForkedAnalysis.class.getName(), requestFile.toString(), resultFile.toString());
    }

    private static Thread drain(InputStream stream, StringBuilder sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (sink) {
                        if (sink.length() < STDERR_LIMIT) {
                            sink.append(line).append('\n');
                        }
                    }
                }
            } catch (IOException e) {
                // the child is gone; what it said so far is kept
            }
        }, "threadguard-analysis-stderr");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The child: analyses the request in the first argument and writes the result to the second. */
    public static void main(String[] args) {
        try {
            AnalysisRequest request;
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                    Files.newInputStream(Path.of(args[0]))))) {
                request = ForkProtocol.readRequest(in);
            }
            AnalysisResult result = new Analyzer(request).run(new AnalysisListener() {
                @Override
                public void fileDone(int done, int total) {
                    System.out.println(PROGRESS + done + " " + total);
                }
            });
            System.out.flush();
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(Path.of(args[1]))))) {
                ForkProtocol.writeResult(result, out);
            }
        } catch (Exception | Error e) {
            System.err.println(e);
            System.exit(2);
        }
    }

    private static AnalysisResult readResult(Path file, AnalysisRequest request, Duration elapsed) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return ForkProtocol.readResult(in, request, elapsed);
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
