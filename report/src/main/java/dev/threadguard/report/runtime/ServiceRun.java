package dev.threadguard.report.runtime;

import dev.threadguard.agent.config.Frames;
import dev.threadguard.agent.config.LogFormat;
import dev.threadguard.report.ReportJson;
import dev.threadguard.report.model.LoadSummary;
import dev.threadguard.report.model.RunReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service under the agent, from fork to report: {@link #start} forks it and returns once it is ready (its URL
 * answers, its port accepts, or its {@code main} returned while it keeps running); the integration tests or the
 * built-in load run; {@link #stop} takes the leak snapshot after the grace period, stops it gracefully (SIGTERM, so
 * shutdown hooks run), kills it if it does not stop in time (naming the threads that kept it alive), reads the
 * recording and writes {@code run-report.json}. Knows nothing of Maven.
 */
public final class ServiceRun {

    private static final Duration REQUEST_ANSWER = Duration.ofSeconds(30);
    /** Where the JDK's shutdown starts each hook's thread and joins it, one after the other. */
    private static final String RUNS_SHUTDOWN_HOOKS = "java.lang.ApplicationShutdownHooks.runHooks(";
    private static final Pattern JOINED = Pattern.compile(" \\(the thread \"(.*)\"\\)$");
    private static final Pattern HELD_BY = Pattern.compile(" held by (.*)$");

    /**
     * @param readyUrl     answers HTTP with any status when the service is ready; null to use the port
     * @param readyPort    accepts TCP connections when ready; null to wait for {@code main} to return
     * @param leakGrace    after the load, how long the load's threads get to end or go idle
     */
    public record Request(GuardedRun.Request run, URI readyUrl, Integer readyPort, Duration readyTimeout,
            Duration stopTimeout, Duration leakGrace, Path controlDir) {
    }

    /** The application could not be started or did not get ready: the reason and its last output lines. */
    public static final class NotReady extends Exception {
        private final List<String> lastLines;

        NotReady(String message, List<String> lastLines) {
            super(message);
            this.lastLines = lastLines;
        }

        public List<String> lastLines() {
            return lastLines;
        }
    }

    private final Request request;
    private final AtomicInteger requests = new AtomicInteger();
    private ForkedRun.Running running;
    private Thread cleanup;
    private long readyMillis = -1;

    public ServiceRun(Request request) {
        this.request = request;
    }

    public Request request() {
        return request;
    }

    /** Forks the service and waits until it is ready; on failure the JVM is ended and the reason thrown. */
    public void start(ForkedRun.Output output) throws IOException, InterruptedException, NotReady {
        GuardedRun.Request run = request.run();
        Files.deleteIfExists(run.agentOptions().file());
        Files.deleteIfExists(run.agentOptions().jfrFile());
        Files.deleteIfExists(run.reportFile());
        clean(request.controlDir());
        running = new ForkedRun().start(run.fork(Duration.ZERO), output);
        // the build ends without stop (a failure, Ctrl-C): the service must not outlive it
        cleanup = new Thread(this::killQuietly, "threadguard-service-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        String how = request.readyUrl() != null ? request.readyUrl() + " to answer"
                : request.readyPort() != null ? "port " + request.readyPort() + " to accept connections"
                : "main to return while the application keeps running";
        long deadline = System.nanoTime() + request.readyTimeout().toNanos();
        while (!ready()) {
            if (!running.process().isAlive()) {
                ForkedRun.Result result = running.finish(false);
                throw new NotReady("the application exited with code " + result.exitCode() + " before it was ready "
                        + "(threadguard waited for " + how + ")", running.lastLines());
            }
            if (System.nanoTime() - deadline >= 0) {
                running.kill();
                throw new NotReady("the application was not ready within threadguard.readyTimeout ("
                        + request.readyTimeout().toSeconds() + " s): threadguard waited for " + how, running.lastLines());
            }
            Thread.sleep(100);
        }
        readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - running.startNanos());
        send("mark-" + LogFormat.MARK_READY);
    }

    public long readyMillis() {
        return readyMillis;
    }

    public boolean isAlive() {
        return running != null && running.process().isAlive();
    }

    public long pid() {
        return running.process().pid();
    }

    /** A mark in the recording (load start and end). Does nothing if the service is gone. */
    public void mark(String name) throws InterruptedException {
        if (isAlive()) {
            send("mark-" + name);
        }
    }

    /**
     * Ends the service and judges it: the leak snapshot after the grace period, a graceful stop, a kill (with a
     * thread dump first) if the stop takes longer than {@code stopTimeout}; then the report.
     */
    public RunReport stop(LoadSummary load) throws IOException, InterruptedException {
        GuardedRun.Request run = request.run();
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean stopped = false;
        boolean killed = false;
        if (isAlive()) {
            send("mark-" + LogFormat.MARK_STOP);
            send("snapshot-" + request.leakGrace().toMillis());
            stopped = true;
            // SIGTERM, so shutdown hooks run; through the handle, as Process.destroy() also closes the pipes and
            // what the hooks print would be lost
            running.process().toHandle().destroy();
            if (!running.process().waitFor(request.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                send("dump"); // who keeps it from ending
                if (running.process().isAlive()) {
                    killed = true;
                    running.kill();
                }
            }
        }
        ForkedRun.Result result = running.finish(killed);
        removeCleanup();
        Recording recording = GuardedRun.read(run.agentOptions().file(), failures,
                killed ? "; the JVM was killed" : "");
        if (killed) {
            Recording.Dump blocked = recording == null ? null : recording.lastDump(LogFormat.REASON_STOP_TIMEOUT);
            failures.add("the application did not stop within threadguard.stopTimeout ("
                    + request.stopTimeout().toSeconds() + " s) after SIGTERM and was killed; "
                    + (blocked == null ? "no thread dump was recorded" : blockers(recording, blocked)));
        }
        if (!stopped) {
            String agentEnded = agentEnded(recording, result.exitCode());
            if (agentEnded == null) {
                failures.add("the application died " + (load == null
                        ? "during the integration tests, before threadguard:stop"
                        : "during the load, before threadguard stopped it")
                        + " (exit code " + result.exitCode() + ")" + lastWords());
            } else if (LogFormat.REASON_BREACH.equals(agentEnded)) {
                // the breach itself is the failure
                notes.add("the agent halted the application at a fail-fast budget breach");
            }
        }
        RunAnalysis.Outcome outcome = new RunAnalysis.Outcome(RunReport.MODE_SERVICE, stopped ? null
                : result.exitCode(), killed, stopped, result.duration().toMillis(),
                readyMillis < 0 ? null : readyMillis, run.javaVersion(), load, run.failOnNonZeroExit(),
                run.agentOptions().timeoutSeconds(), failures, notes);
        RunReport report = new RunAnalysis(run.budgets(), run.allowances()).analyse(recording, outcome);
        ReportJson.write(report, run.reportFile());
        return report;
    }

    /** The agent's reason when the agent ended the JVM (its recorded exit code is the JVM's), else null. */
    private static String agentEnded(Recording recording, int exitCode) {
        Recording.End end = recording == null ? null : recording.end();
        return end == null || LogFormat.REASON_EXIT.equals(end.endReason()) || end.exitCode() != exitCode ? null
                : end.endReason();
    }

    /** Kills the service without a report (a build that fails before stop). */
    public void kill() throws InterruptedException {
        if (running != null) {
            running.kill();
        }
        removeCleanup();
    }

    private String lastWords() {
        List<String> lines = running.lastLines();
        return lines.isEmpty() ? "" : "; its last output: " + String.join(" | ", lines.subList(
                Math.max(0, lines.size() - 5), lines.size()));
    }

    /**
     * What kept the JVM from ending after SIGTERM, from the dump taken then: the shutdown hook the JDK's hook runner
     * is joining (the dump names the thread a join waits for) and the thread that hook waits for in turn; without
     * one, the non-daemon threads.
     */
    static String blockers(Recording recording, Recording.Dump dump) {
        Map<String, Recording.DumpedThread> byName = new LinkedHashMap<>();
        List<Recording.DumpedThread> hooks = new ArrayList<>();
        List<Recording.DumpedThread> nonDaemon = new ArrayList<>();
        List<Recording.DumpedThread> runners = new ArrayList<>();
        for (Recording.DumpedThread thread : dump.threads()) {
            byName.putIfAbsent(thread.name(), thread);
            if (thread.stack().stream().anyMatch(frame -> frame.startsWith(RUNS_SHUTDOWN_HOOKS))) {
                runners.add(thread);
            } else if (!thread.daemon() && !thread.name().equals("DestroyJavaVM")
                    && (thread.application() || thread.name().equals("main"))) {
                nonDaemon.add(thread);
            }
        }
        for (Recording.DumpedThread runner : runners) {
            Recording.DumpedThread hook = awaited(runner, byName);
            if (hook != null && !hooks.contains(hook)) {
                hooks.add(hook);
                nonDaemon.remove(hook);
            }
        }
        if (hooks.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (Recording.DumpedThread thread : nonDaemon) {
                names.add(describe(thread));
            }
            String threads = names.isEmpty() ? "none of its own" : String.join("; ", names);
            return recording.end() == null
                    ? "it did not begin to shut down on SIGTERM (does it handle or ignore the signal?); its non-daemon "
                            + "threads: " + threads
                    : "its shutdown did not finish, though no shutdown hook of its own was running; its non-daemon "
                            + "threads: " + threads;
        }
        List<String> blocked = new ArrayList<>();
        for (Recording.DumpedThread hook : hooks) {
            StringBuilder text = new StringBuilder(describe(hook));
            Recording.DumpedThread awaited = awaited(hook, byName);
            if (awaited != null && !hooks.contains(awaited)) {
                text.append(", which waits for ").append(describe(awaited));
            }
            blocked.add(text.toString());
        }
        return (hooks.size() == 1 ? "its shutdown hook did not return: " : "its shutdown hooks did not return: ")
                + String.join("; ", blocked);
    }

    /** {@code "name" (STATE in java.lang.Thread.join) at com.acme.App.flush(App.java:9)}. */
    private static String describe(Recording.DumpedThread thread) {
        List<String> stack = thread.stack();
        int own = -1;
        for (int i = 0; i < stack.size() && own < 0; i++) {
            String method = Frames.methodOf(stack.get(i));
            int dot = method.lastIndexOf('.');
            own = Frames.isJdk(dot < 0 ? method : method.substring(0, dot)) ? -1 : i;
        }
        StringBuilder text = new StringBuilder("\"").append(thread.name()).append("\" (").append(thread.state());
        if (own > 0) {
            text.append(" in ").append(Frames.methodOf(stack.get(own - 1)));
        }
        text.append(')');
        if (own >= 0) {
            text.append(" at ").append(stack.get(own));
        } else if (!stack.isEmpty()) {
            text.append(" at ").append(stack.get(0));
        }
        return text.toString();
    }

    /** The thread a hook waits for: the one it joins, or the owner of the lock it wants. */
    private static Recording.DumpedThread awaited(Recording.DumpedThread hook, Map<String, Recording.DumpedThread> byName) {
        if (hook.lock() == null) {
            return null;
        }
        Matcher joined = JOINED.matcher(hook.lock());
        if (joined.find()) {
            return byName.get(joined.group(1));
        }
        Matcher owner = HELD_BY.matcher(hook.lock());
        return owner.find() ? byName.get(owner.group(1)) : null;
    }

    private boolean ready() {
        if (request.readyUrl() != null) {
            try {
                HttpURLConnection connection = (HttpURLConnection) request.readyUrl().toURL().openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(2000);
                connection.setRequestMethod("GET");
                connection.getResponseCode(); // any status: it answers
                connection.disconnect();
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        if (request.readyPort() != null) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", request.readyPort()), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        return Files.exists(request.controlDir().resolve("main-returned"));
    }

    /** Drops a request for the agent and waits for its answer (the agent flushes the recording first). */
    private void send(String command) throws InterruptedException {
        String name = String.format("%03d-%s", requests.incrementAndGet(), command);
        Path control = request.controlDir();
        try {
            Path temporary = control.resolve(name + ".tmp");
            Files.write(temporary, new byte[0]);
            Files.move(temporary, control.resolve(name + ".req"));
        } catch (IOException e) {
            throw new UncheckedIOException("threadguard could not write a request into " + control, e);
        }
        long deadline = System.nanoTime() + REQUEST_ANSWER.toNanos() + request.leakGrace().toNanos();
        Path done = control.resolve(name + ".done");
        while (!Files.exists(done) && running.process().isAlive() && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
    }

    private static void clean(Path control) throws IOException {
        Files.createDirectories(control);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(control)) {
            for (Path file : old) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void killQuietly() {
        try {
            if (running != null && running.process().isAlive()) {
                running.process().descendants().forEach(ProcessHandle::destroyForcibly);
                running.process().destroyForcibly();
            }
        } catch (RuntimeException e) {
            // the build is ending anyway
        }
    }

    private void removeCleanup() {
        if (cleanup != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // already shutting down: the hook kills what is left
            }
            cleanup = null;
        }
    }
}
