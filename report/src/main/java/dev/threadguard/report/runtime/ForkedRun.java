package dev.threadguard.report.runtime;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the application in a JVM of its own with the agent, streams its output line by line, and kills it if it
 * outlives its timeout (the agent ends it first; this is the backstop). Output is never lost: each stream is
 * drained by a thread of its own until it closes, also after the agent halted the JVM or this class killed it.
 */
public final class ForkedRun {

    /** Receives each line of the application's output, in order per stream; called from two threads. */
    public interface Output {
        void line(String line, boolean stderr);
    }

    /**
     * @param backstop how long to wait before killing the JVM; the agent's own timeout should end it first
     */
    public record Request(Path java, String agentArgument, List<String> jvmArgs, List<String> classpath,
            String mainClass, List<String> arguments, Path workingDirectory, Duration backstop) {
    }

    /** @param killed the JVM outlived the backstop and was killed; its exit code is then the kill's */
    public record Result(int exitCode, boolean killed, Duration duration) {
    }

    private static final long DRAIN_AFTER_EXIT_MILLIS = 10_000;

    public static List<String> command(Request request) {
        List<String> command = new ArrayList<>();
        command.add(request.java().toString());
        command.add(request.agentArgument());
        // the output is read as UTF-8 whatever the platform's encoding (17 reads sun.*, 19+ stdout/stderr.encoding)
        command.add("-Dsun.stdout.encoding=UTF-8");
        command.add("-Dsun.stderr.encoding=UTF-8");
        command.add("-Dstdout.encoding=UTF-8");
        command.add("-Dstderr.encoding=UTF-8");
        command.addAll(request.jvmArgs());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, request.classpath()));
        command.add(request.mainClass());
        command.addAll(request.arguments());
        return command;
    }

    public Result run(Request request, Output output) throws IOException, InterruptedException {
        Running running = start(request, output);
        boolean killed = false;
        if (!running.process().waitFor(request.backstop().toMillis(), TimeUnit.MILLISECONDS)) {
            killed = true;
            running.kill();
        }
        return running.finish(killed);
    }

    /** Starts the JVM and the threads that stream its output; the caller decides when it ends. */
    public Running start(Request request, Output output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(request))
                .directory(request.workingDirectory().toFile())
                .redirectInput(ProcessBuilder.Redirect.INHERIT);
        long startNanos = System.nanoTime();
        Process process = builder.start();
        Tail tail = new Tail();
        Output both = (line, stderr) -> {
            tail.add(line);
            output.line(line, stderr);
        };
        Thread stdout = drain(process.getInputStream(), false, both, "threadguard-app-stdout");
        Thread stderr = drain(process.getErrorStream(), true, both, "threadguard-app-stderr");
        return new Running(process, startNanos, stdout, stderr, tail);
    }

    /** A forked JVM that is running, and what it printed last. */
    public static final class Running {
        private final Process process;
        private final long startNanos;
        private final Thread stdout;
        private final Thread stderr;
        private final Tail tail;

        Running(Process process, long startNanos, Thread stdout, Thread stderr, Tail tail) {
            this.process = process;
            this.startNanos = startNanos;
            this.stdout = stdout;
            this.stderr = stderr;
            this.tail = tail;
        }

        public Process process() {
            return process;
        }

        public long startNanos() {
            return startNanos;
        }

        /** The last lines the application printed, oldest first. */
        public List<String> lastLines() {
            return tail.lines();
        }

        /**
         * Kills the JVM and whatever it started, and waits for it. Through the handle: Process.destroyForcibly() also
         * closes the pipes, and the last lines the JVM printed would be lost.
         */
        public void kill() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.toHandle().destroyForcibly();
            process.waitFor();
        }

        /** After the JVM ended: waits (a while) for the rest of its output. */
        public Result finish(boolean killed) throws InterruptedException {
            process.waitFor();
            Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
            // a child process of the application may still hold the pipes open; do not wait for it for ever
            stdout.join(DRAIN_AFTER_EXIT_MILLIS);
            stderr.join(DRAIN_AFTER_EXIT_MILLIS);
            return new Result(process.exitValue(), killed, duration);
        }
    }

    /** The last {@link #LINES} lines of output, for a failure message. */
    static final class Tail {
        static final int LINES = 20;
        private final java.util.ArrayDeque<String> lines = new java.util.ArrayDeque<>();

        synchronized void add(String line) {
            if (lines.size() == LINES) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }
    }

    private static Thread drain(InputStream stream, boolean isStderr, Output output, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.line(line, isStderr);
                }
            } catch (IOException e) {
                output.line("(threadguard could not read the application's " + (isStderr ? "stderr" : "stdout")
                        + ": " + e.getMessage() + ")", true);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
