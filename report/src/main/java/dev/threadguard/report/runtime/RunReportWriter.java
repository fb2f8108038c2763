package dev.threadguard.report.runtime;

import dev.threadguard.json.AtomicFiles;
import dev.threadguard.json.JsonWriter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes {@link RunReport} as JSON with the public field names. */
public final class RunReportWriter {

    public void write(RunReport report, Path file) throws IOException {
        AtomicFiles.write(file, stream -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            write(report, new JsonWriter(out));
            out.flush();
        });
    }

    void write(RunReport report, JsonWriter json) {
        RunMeasurements run = report.measurements();
        json.beginObject()
                .field("verdict", report.verdict())
                .field("exitCode", report.exitCode())
                .field("timedOut", report.timedOut())
                .field("endedBy", report.endedBy())
                .field("durationMillis", report.durationMillis())
                .field("javaVersion", report.javaVersion())
                .field("peakThreads", run.peakThreads())
                .field("peakVirtualThreads", run.peakVirtualThreads())
                .field("threadsStarted", run.threadsStarted())
                .field("virtualThreadsStarted", run.virtualThreadsStarted())
                .field("virtualThreads", run.virtualThreads())
                .field("baselineThreads", run.baselineThreads());
        strings(json.name("baselineThreadNames"), run.baselineThreadNames());
        json.name("budgets").beginObject();
        for (Map.Entry<String, Long> budget : report.budgets().entrySet()) {
            json.field(budget.getKey(), budget.getValue());
        }
        json.endObject();
        json.name("breaches").beginArray();
        for (BudgetCheck.Breach breach : report.breaches()) {
            json.beginObject().field("budget", breach.budget()).field("limit", breach.limit())
                    .field("observed", breach.observed()).endObject();
        }
        json.endArray();
        strings(json.name("failures"), report.failures());
        json.name("spawnSites").beginArray();
        for (RunMeasurements.SpawnSite site : run.spawnSites()) {
            json.beginObject().field("frame", site.frame());
            strings(json.name("stack"), site.stack());
            json.field("started", site.started()).field("peakAlive", site.peakAlive()).field("kind", site.kind())
                    .endObject();
        }
        json.endArray();
        threads(json.name("leakedThreads"), run.leakedThreads());
        json.field("threadDumpReason", run.threadDumpReason());
        threads(json.name("threadDump"), run.threadDump());
        json.name("timeline").beginObject();
        points(json.name("platform"), run.timeline().platform());
        points(json.name("virtual"), run.timeline().virtual());
        json.endObject();
        strings(json.name("notes"), run.notes());
        strings(json.name("recordings"), report.recordings());
        json.endObject();
    }

    private static void threads(JsonWriter json, List<RunMeasurements.ThreadEntry> threads) {
        json.beginArray();
        for (RunMeasurements.ThreadEntry thread : threads) {
            json.beginObject()
                    .field("name", thread.name())
                    .field("id", thread.id())
                    .field("state", thread.state())
                    .field("daemon", thread.daemon())
                    .field("baseline", thread.baseline())
                    .field("lock", thread.lock());
            strings(json.name("stack"), thread.stack());
            json.field("createdAt", thread.createdAt());
            strings(json.name("creationStack"), thread.creationStack());
            if (thread.test() != null || thread.attribution() != null) {
                json.field("test", thread.test()).field("attribution", thread.attribution());
            }
            json.endObject();
        }
        json.endArray();
    }

    private static void points(JsonWriter json, List<RunMeasurements.Point> points) {
        json.beginArray();
        for (RunMeasurements.Point point : points) {
            json.beginArray().value(point.millis()).value(point.live()).endArray();
        }
        json.endArray();
    }

    private static void strings(JsonWriter json, List<String> values) {
        json.beginArray();
        for (String value : values) {
            json.value(value);
        }
        json.endArray();
    }
}
