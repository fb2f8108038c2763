package dev.threadguard.report.html;

import dev.threadguard.json.JsonWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes runtime reports in the public JSON format of {@code run-report.json} for report tests. */
final class RuntimeReports {

    static final String HOSTILE = "<img src=x onerror=alert(1)>";

    private RuntimeReports() {
    }

    /**
     * A failed run: {@code threads} workers started from two sites, the first breaching maxThreads=50, two of
     * them leaked, and a dump with them all; one thread has a hostile name.
     */
    static void write(Path file, int threads) throws IOException {
        StringWriter text = new StringWriter();
        JsonWriter json = new JsonWriter(text);
        json.beginObject().field("verdict", "fail").field("exitCode", 85).field("timedOut", false)
                .field("endedBy", "breach").field("durationMillis", 2400).field("javaVersion", "21")
                .field("peakThreads", threads).field("peakVirtualThreads", 0).field("threadsStarted", threads)
                .field("baselineThreads", 9);
        json.name("budgets").beginObject().field("maxThreads", 50).field("maxVirtualThreads", (Number) null)
                .field("maxThreadsStarted", (Number) null).field("maxLeakedThreads", 0).endObject();
        json.name("breaches").beginArray().beginObject().field("budget", "maxThreads").field("limit", 50)
                .field("observed", threads).endObject().endArray();
        json.name("failures").beginArray().value("maxThreads budget breached: " + threads + " > limit 50").endArray();
        json.name("spawnSites").beginArray();
        json.beginObject().field("frame", "com.acme.Server.accept(Server.java:42)").name("stack").beginArray()
                .value("java.lang.Thread.start(Thread.java:1)").value("com.acme.Server.accept(Server.java:42)")
                .endArray().field("started", threads - 2).field("peakAlive", threads - 2).field("kind", "platform")
                .endObject();
        json.beginObject().field("frame", "com.acme.Jobs.run(Jobs.java:7)").name("stack").beginArray()
                .value("com.acme.Jobs.run(Jobs.java:7)").endArray().field("started", 2).field("peakAlive", 2)
                .field("kind", "platform").endObject();
        json.endArray();
        json.name("leakedThreads").beginArray();
        thread(json, HOSTILE, "com.acme.Jobs.run(Jobs.java:7)", "com.acme.Jobs.loop(Jobs.java:20)", "com.acme.JobsTest#leaks");
        thread(json, "jobs-2", "com.acme.Jobs.run(Jobs.java:7)", "com.acme.Jobs.loop(Jobs.java:20)", "com.acme.JobsTest#leaks");
        json.endArray();
        json.field("threadDumpReason", "breach");
        json.name("threadDump").beginArray();
        for (int i = 0; i < threads; i++) {
            thread(json, "conn-" + i, "com.acme.Server.accept(Server.java:42)",
                    i % 2 == 0 ? "com.acme.Server.serve(Server.java:60)" : "com.acme.Server.read(Server.java:75)", null);
        }
        json.endArray();
        json.name("timeline").beginObject().name("platform").beginArray();
        for (int i = 1; i <= Math.min(threads, 2000); i++) {
            json.beginArray().value(i * 2000L / Math.min(threads, 2000)).value(i).endArray();
        }
        json.endArray().name("virtual").beginArray().endArray().endObject();
        json.name("notes").beginArray().endArray();
        json.endObject();
        Files.createDirectories(file.getParent());
        Files.writeString(file, text.toString());
    }

    private static void thread(JsonWriter json, String name, String createdAt, String top, String test) {
        json.beginObject().field("name", name).field("id", name.hashCode()).field("state", "TIMED_WAITING")
                .field("daemon", false).field("baseline", false).name("stack").beginArray()
                .value("java.lang.Thread.sleep(Native Method)").value(top).endArray()
                .field("createdAt", createdAt).name("creationStack").beginArray().value(createdAt).endArray();
        if (test != null) {
            json.field("test", test);
        }
        json.endObject();
    }
}
