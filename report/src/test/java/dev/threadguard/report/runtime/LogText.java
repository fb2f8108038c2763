package dev.threadguard.report.runtime;

import dev.threadguard.agent.config.LogFormat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes agent recordings for tests, record by record, in the agent's own format. */
final class LogText {

    private final StringBuilder text = new StringBuilder();

    static LogText header(String options) {
        LogText log = new LogText();
        log.add(new LogFormat.Line(LogFormat.HEADER).add(LogFormat.VERSION).add(4711).add("17.0.15").add(1_700_000_000_000L)
                .add(LogFormat.VIRTUAL_UNSUPPORTED).add(options));
        log.add(new LogFormat.Line(LogFormat.BASELINE).add(2).add("1,2").add(List.of("main", "Reference Handler"))
                .add(1));
        return log;
    }

    LogText add(LogFormat.Line line) {
        text.append(line);
        return this;
    }

    LogText site(int id, String frame, String... stack) {
        return add(new LogFormat.Line(LogFormat.SITE).add(id).add("platform").add(frame)
                .add(stack.length == 0 ? List.of(frame) : List.of(stack)));
    }

    LogText count(int site, String ownerKind, long started, long peak, long owners) {
        return add(new LogFormat.Line(LogFormat.COUNT).add(site).add(ownerKind).add(started).add(peak).add(owners));
    }

    LogText owner(int id, String kind, int site, boolean staticInit, int scope) {
        return add(new LogFormat.Line(LogFormat.OWNER).add(id).add(kind).add("java.util.concurrent.ThreadPoolExecutor")
                .add(site).add(staticInit).add(scope).add(10));
    }

    /** A pool owner with its own construction stack ({@code STACK} {@code stackId}, or -1 for its site's). */
    LogText owner(int id, String kind, int site, int scope, int stackId) {
        return add(new LogFormat.Line(LogFormat.OWNER).add(id).add(kind).add("java.util.concurrent.ThreadPoolExecutor")
                .add(site).add(false).add(scope).add(10).add(stackId));
    }

    LogText stack(int id, String... frames) {
        return add(new LogFormat.Line(LogFormat.STACK).add(id).add(List.of(frames)));
    }

    LogText held(int owner, String field) {
        return add(new LogFormat.Line(LogFormat.HELD).add(owner).add(field));
    }

    LogText heldThread(long thread, String field) {
        return add(new LogFormat.Line(LogFormat.HELD_THREAD).add(thread).add(field));
    }

    LogText scope(int id, String test, boolean container, long start, long end, String framework) {
        add(new LogFormat.Line(LogFormat.SCOPE).add(id).add("u" + id).add(test).add(container).add(framework).add(1)
                .add(start));
        return end < 0 ? this : add(new LogFormat.Line(LogFormat.SCOPE_END).add(id).add(end).add("SUCCESSFUL"));
    }

    LogText sample(long millis, long live, long peak, long started) {
        return add(new LogFormat.Line(LogFormat.SAMPLE).add(millis).add(live).add(peak).add(started).add(0).add(0)
                .add(0));
    }

    LogText dump(int id, String reason) {
        return add(new LogFormat.Line(LogFormat.DUMP).add(id).add(reason).add(900));
    }

    /** An application thread in a dump. */
    LogText thread(int dump, long id, String name, boolean leaked, int site, int owner, String ownerKind, int scope,
            String attribution) {
        return add(new LogFormat.Line(LogFormat.THREAD).add(dump).add(id).add(name).add("WAITING").add(false)
                .add(leaked).add(false).add((String) null).add(List.of("jdk.internal.misc.Unsafe.park(Native Method)",
                        "com.acme.Worker.loop(Worker.java:9)")).add(site).add(owner).add(ownerKind).add(scope)
                .add(attribution).add(100).add(false));
    }

    /** A plain application thread in a dump, with its own start stack ({@code STACK} {@code stackId}). */
    LogText thread(int dump, long id, String name, boolean leaked, int site, int stackId) {
        return add(new LogFormat.Line(LogFormat.THREAD).add(dump).add(id).add(name).add("WAITING").add(false)
                .add(leaked).add(false).add((String) null).add(List.of("jdk.internal.misc.Unsafe.park(Native Method)",
                        "com.acme.Worker.loop(Worker.java:9)")).add(site).add(-1).add("thread").add(-1)
                .add((String) null).add(100).add(false).add(stackId));
    }

    LogText baselineThread(int dump, long id, String name) {
        return add(new LogFormat.Line(LogFormat.THREAD).add(dump).add(id).add(name).add("RUNNABLE").add(true).add(false)
                .add(true).add((String) null).add(List.of()).add(-1).add(-1).add((String) null).add(-1)
                .add((String) null).add(-1).add(false));
    }

    LogText ended(long id, String name, int site, int scope, long start, long end) {
        return ended(id, name, site, -1, scope, start, end);
    }

    LogText ended(long id, String name, int site, int owner, int scope, long start, long end) {
        return add(new LogFormat.Line(LogFormat.ENDED).add(id).add(name).add(site).add(owner).add(scope)
                .add(owner < 0 ? LogFormat.BY_LISTENER : LogFormat.BY_OWNER).add(start).add(end).add(false));
    }

    LogText end(String reason, long peak, long started, long leaked) {
        return end(reason, -1, peak, started, leaked);
    }

    LogText end(String reason, int exitCode, long peak, long started, long leaked) {
        return add(new LogFormat.Line(LogFormat.END).add(1000).add(reason).add(exitCode).add(false).add(peak).add(0)
                .add(started).add(LogFormat.VIRTUAL_UNSUPPORTED).add(-1).add(-1).add(-1).add(leaked).add(0));
    }

    Path write(Path file) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    Recording read(Path file) throws IOException {
        return new RecordingReader().read(write(file));
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
