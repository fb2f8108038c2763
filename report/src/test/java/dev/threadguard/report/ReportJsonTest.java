package dev.threadguard.report;

import dev.threadguard.report.model.Breach;
import dev.threadguard.report.model.LeakSite;
import dev.threadguard.report.model.LoadSummary;
import dev.threadguard.report.model.RunReport;
import dev.threadguard.report.model.SpawnSite;
import dev.threadguard.report.model.ThreadEntry;
import dev.threadguard.report.model.Timeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Pins every field of run-report.json and test-report.json: their names are a public contract. */
class ReportJsonTest {

    @TempDir
    Path directory;

    static RunReport report() {
        Map<String, Long> budgets = new LinkedHashMap<>();
        budgets.put("maxThreads", 10L);
        budgets.put("maxVirtualThreads", null);
        budgets.put("maxThreadsStarted", null);
        budgets.put("maxLeakedThreads", 0L);
        budgets.put("maxJvmLifetimeThreads", null);
        ThreadEntry.Owner owner = new ThreadEntry.Owner("pool", "a.B.c(B.java:3)", List.of("a.B.c(B.java:3)"));
        ThreadEntry leaked = new ThreadEntry("pool-1-thread-1", 21, "WAITING", false, false, "lock@1",
                List.of("x.Y.z(Y.java:1)"), "a.B.c(B.java:3)", List.of("a.B.c(B.java:3)"), owner, "a.BTest#m",
                "owner", null, true);
        return new RunReport("fail", "service", 143, false, "stopped", 1500, 400L, "17", 12, null, 30, null,
                "unsupported", 9, List.of("main"), budgets, List.of(new Breach("maxLeakedThreads", 0, 1)),
                List.of("maxLeakedThreads budget breached: 1 > limit 0"),
                List.of(new SpawnSite("a.B.c(B.java:3)", List.of("a.B.c(B.java:3)"), 30, 12, "platform", "pool", 2)),
                List.of(leaked), List.of(new LeakSite("a.B.c(B.java:3)", "pool", 1, 1, List.of("a.BTest#m"),
                        List.of("a.B.c(B.java:3)"), "shut it down")),
                List.of(leaked.withReason("a singleton")), List.of(), "snapshot", List.of(leaked),
                new Timeline(List.of(new Timeline.Point(0, 1), new Timeline.Point(20, 12)), List.of(),
                        List.of(new Timeline.Mark(400, "ready"))),
                new LoadSummary(100, 98, 2, Map.of("200", 98L), 3, 40), List.of("a note"), List.of("run.tglog"));
    }

    @Test
    void everyFieldIsWrittenUnderItsPublicNameInItsOrder() throws Exception {
        Path file = directory.resolve("run-report.json");
        ReportJson.write(report(), file);
        String thread = """
                {
                    "name" : "pool-1-thread-1",
                    "id" : 21,
                    "state" : "WAITING",
                    "daemon" : false,
                    "baseline" : false,
                    "lock" : "lock@1",
                    "stack" : [ "x.Y.z(Y.java:1)" ],
                    "createdAt" : "a.B.c(B.java:3)",
                    "creationStack" : [ "a.B.c(B.java:3)" ],
                    "owner" : {
                      "kind" : "pool",
                      "site" : "a.B.c(B.java:3)",
                      "stack" : [ "a.B.c(B.java:3)" ]
                    },
                    "test" : "a.BTest#m",
                    "attribution" : "owner",%s
                    "idle" : true
                  }""";
        String expected = """
                {
                  "verdict" : "fail",
                  "mode" : "service",
                  "exitCode" : 143,
                  "timedOut" : false,
                  "endedBy" : "stopped",
                  "durationMillis" : 1500,
                  "readyMillis" : 400,
                  "javaVersion" : "17",
                  "peakThreads" : 12,
                  "peakVirtualThreads" : null,
                  "threadsStarted" : 30,
                  "virtualThreadsStarted" : null,
                  "virtualThreads" : "unsupported",
                  "baselineThreads" : 9,
                  "baselineThreadNames" : [ "main" ],
                  "budgets" : {
                    "maxThreads" : 10,
                    "maxVirtualThreads" : null,
                    "maxThreadsStarted" : null,
                    "maxLeakedThreads" : 0,
                    "maxJvmLifetimeThreads" : null
                  },
                  "breaches" : [ {
                    "budget" : "maxLeakedThreads",
                    "limit" : 0,
                    "observed" : 1
                  } ],
                  "failures" : [ "maxLeakedThreads budget breached: 1 > limit 0" ],
                  "spawnSites" : [ {
                    "frame" : "a.B.c(B.java:3)",
                    "stack" : [ "a.B.c(B.java:3)" ],
                    "started" : 30,
                    "peakAlive" : 12,
                    "kind" : "platform",
                    "ownerKind" : "pool",
                    "owners" : 2
                  } ],
                  "leakedThreads" : [ %1$s ],
                  "leakSites" : [ {
                    "site" : "a.B.c(B.java:3)",
                    "kind" : "pool",
                    "leaked" : 1,
                    "jvms" : 1,
                    "tests" : [ "a.BTest#m" ],
                    "fix" : "shut it down",
                    "stack" : [ "a.B.c(B.java:3)" ]
                  } ],
                  "jvmLifetimeThreads" : [ %2$s ],
                  "allowedThreads" : [ ],
                  "threadDumpReason" : "snapshot",
                  "threadDump" : [ %1$s ],
                  "timeline" : {
                    "platform" : [ [ 0, 1 ], [ 20, 12 ] ],
                    "virtual" : [ ],
                    "marks" : [ {
                      "millis" : 400,
                      "name" : "ready"
                    } ]
                  },
                  "load" : {
                    "requests" : 100,
                    "ok" : 98,
                    "errors" : 2,
                    "statusCounts" : {
                      "200" : 98
                    },
                    "p50Millis" : 3,
                    "p99Millis" : 40
                  },
                  "notes" : [ "a note" ],
                  "recordings" : [ "run.tglog" ]
                }""".formatted(thread.formatted(""), thread.formatted("\n    \"reason\" : \"a singleton\","));

        assertThat(Files.readString(file).replace("\r\n", "\n")).isEqualTo(expected);
        assertThat(ReportJson.read(file, RunReport.class)).isEqualTo(report());
    }
}
