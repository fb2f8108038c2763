package dev.threadguard.report.runtime;

import dev.threadguard.json.JsonReader;
import dev.threadguard.json.JsonWriter;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's field names are a public contract: this test pins them. */
class RunReportWriterTest {

    @Test
    void writesThePublicFieldNames() {
        RunMeasurements.ThreadEntry leaked = new RunMeasurements.ThreadEntry(17, "pool-1-thread-1", "WAITING", false,
                false, null, List.of("java.lang.Object.wait(Object.java:1)"), "com.acme.App.main(App.java:9)",
                List.of("com.acme.App.main(App.java:9)"));
        RunMeasurements run = new RunMeasurements(9, List.of("main"), 3, 5, "unsupported", null, null,
                List.of(new RunMeasurements.SpawnSite("platform", "com.acme.App.main(App.java:9)",
                        List.of("com.acme.App.main(App.java:9)"), 5, 3)),
                List.of(leaked), "leak", List.of(leaked),
                new RunMeasurements.Timeline(List.of(new RunMeasurements.Point(0, 1)), List.of()), "leak", true,
                List.of());
        Budgets budgets = new Budgets(2L, null, null, 0L);
        RunReport report = new RunReport("fail", 86, false, "leak", 1234, "17", budgets.asMap(),
                new BudgetCheck(budgets).measures(run), new BudgetCheck(budgets).breaches(run), List.of("x"), run,
                List.of("run.jfr"));

        StringWriter out = new StringWriter();
        new RunReportWriter().write(report, new JsonWriter(out));
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) JsonReader.parse(out.toString());

        assertThat(json).containsKeys("verdict", "exitCode", "timedOut", "peakThreads", "peakVirtualThreads",
                "threadsStarted", "baselineThreads", "budgets", "breaches", "spawnSites", "leakedThreads",
                "threadDump");
        assertThat(json.get("verdict")).isEqualTo("fail");
        assertThat(json.get("exitCode")).isEqualTo(86L);
        assertThat(json.get("peakVirtualThreads")).isNull();
        assertThat(map(json.get("budgets"))).containsEntry("maxThreads", 2L).containsEntry("maxVirtualThreads",
                null);
        assertThat(list(json.get("breaches"))).containsExactly(
                (Object) Map.of("budget", "maxThreads", "limit", 2L, "observed", 3L),
                Map.of("budget", "maxLeakedThreads", "limit", 0L, "observed", 1L));
        Map<String, Object> site = map(list(json.get("spawnSites")).get(0));
        assertThat(site).containsEntry("frame", "com.acme.App.main(App.java:9)").containsEntry("started", 5L)
                .containsEntry("peakAlive", 3L).containsKey("stack");
        Map<String, Object> thread = map(list(json.get("threadDump")).get(0));
        assertThat(thread).containsEntry("name", "pool-1-thread-1").containsEntry("state", "WAITING")
                .containsEntry("daemon", false).containsEntry("createdAt", "com.acme.App.main(App.java:9)")
                .containsKey("stack");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
