package dev.threadguard.report.html;

import dev.threadguard.report.ReportJson;
import dev.threadguard.report.model.Breach;
import dev.threadguard.report.model.LeakSite;
import dev.threadguard.report.model.RunReport;
import dev.threadguard.report.model.SpawnSite;
import dev.threadguard.report.model.ThreadEntry;
import dev.threadguard.report.model.Timeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes runtime reports as the goals do, for report tests. */
final class RuntimeReports {

    static final String HOSTILE = "<img src=x onerror=alert(1)>";
    static final String POOL_SITE = "com.acme.Jobs.run(Jobs.java:7)";

    private RuntimeReports() {
    }

    /**
     * A failed run: {@code threads} workers started from two sites, the first breaching maxThreads=50, two of
     * them leaked by a pool, and a dump with them all; one thread has a hostile name.
     */
    static void write(Path file, int threads) throws IOException {
        ReportJson.write(report(threads, RunReport.MODE_MAIN), file);
    }

    static RunReport report(int threads, String mode) throws IOException {
        Map<String, Long> budgets = new LinkedHashMap<>();
        budgets.put("maxThreads", 50L);
        budgets.put("maxVirtualThreads", null);
        budgets.put("maxThreadsStarted", null);
        budgets.put("maxLeakedThreads", 0L);
        budgets.put("maxJvmLifetimeThreads", null);
        List<SpawnSite> sites = List.of(
                new SpawnSite("com.acme.Server.accept(Server.java:42)", List.of("java.lang.Thread.start(Thread.java:1)",
                        "com.acme.Server.accept(Server.java:42)"), threads - 2, threads - 2, "platform", "thread",
                        threads - 2),
                new SpawnSite(POOL_SITE, List.of(POOL_SITE), 2, 2, "platform", "pool", 1));
        List<ThreadEntry> leaked = List.of(thread(HOSTILE, POOL_SITE, "pool", "com.acme.Jobs.loop(Jobs.java:20)",
                "com.acme.JobsTest#leaks"), thread("jobs-2", POOL_SITE, "pool", "com.acme.Jobs.loop(Jobs.java:20)",
                "com.acme.JobsTest#leaks"));
        List<ThreadEntry> dump = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            dump.add(thread("conn-" + i, "com.acme.Server.accept(Server.java:42)", "thread",
                    i % 2 == 0 ? "com.acme.Server.serve(Server.java:60)" : "com.acme.Server.read(Server.java:75)",
                    null));
        }
        List<Timeline.Point> platform = new ArrayList<>();
        for (int i = 1; i <= Math.min(threads, 2000); i++) {
            platform.add(new Timeline.Point(i * 2000L / Math.min(threads, 2000), i));
        }
        return new RunReport("fail", mode, 85, false, "breach", 2400, null, "21", threads, 0L, threads, 0L,
                "instrumented", 9, List.of("main"), budgets, List.of(new Breach("maxThreads", 50, threads)),
                List.of("maxThreads budget breached: " + threads + " > limit 50"), sites, leaked,
                List.of(new LeakSite(POOL_SITE, "pool", 2, 1, List.of("com.acme.JobsTest#leaks"), List.of(POOL_SITE),
                        "shut the pool made at " + POOL_SITE + " down")),
                List.of(thread("library-timer", "org.lib.Timers.<clinit>(Timers.java:3)", "timer",
                        "java.util.TimerThread.mainLoop(Timer.java:1)", null).withReason("its timer was made in a "
                        + "static initializer, once for the JVM's life")),
                List.of(), "breach", dump, new Timeline(platform, List.of(), List.of(new Timeline.Mark(500, "ready"))),
                null, List.of(), List.of("run.tglog"));
    }

    private static ThreadEntry thread(String name, String createdAt, String ownerKind, String top, String test) {
        return new ThreadEntry(name, name.hashCode(), "TIMED_WAITING", false, false, null,
                List.of("java.lang.Thread.sleep(Native Method)", top), createdAt, List.of(createdAt),
                new ThreadEntry.Owner(ownerKind, createdAt, List.of(createdAt)), test,
                test == null ? null : "test-listener", null, false);
    }

    static void writeFile(Path file, RunReport report) throws IOException {
        Files.createDirectories(file.getParent());
        ReportJson.write(report, file);
    }
}
