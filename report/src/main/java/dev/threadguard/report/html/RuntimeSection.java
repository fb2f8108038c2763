package dev.threadguard.report.html;

import dev.threadguard.report.model.LeakSite;
import dev.threadguard.report.model.LoadSummary;
import dev.threadguard.report.model.RunReport;
import dev.threadguard.report.model.SpawnSite;
import dev.threadguard.report.model.ThreadEntry;
import dev.threadguard.report.model.Timeline;
import dev.threadguard.report.runtime.BudgetCheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A runtime section, from {@code run-report.json} or {@code test-report.json}: verdict, measured values against
 * limits, a chart of live threads over time with budgets, breach and service marks, the creation sites (expandable to
 * their full stack), leaks grouped by owner site with their fix, and leaked, JVM-lifetime and dumped threads grouped
 * by identical stack with counts, like Go's {@code /debug/pprof/goroutine?debug=1}. Aggregated, so 10,000+ threads
 * stay a short page.
 */
final class RuntimeSection {

    static final int SITE_ROWS = 200;
    static final int GROUPS = 200;
    private static final int NAMES_PER_GROUP = 5;

    private final String id;
    private final String title;
    private final RunReport report;

    RuntimeSection(String id, String title, RunReport report) {
        this.id = id;
        this.title = title;
        this.report = report;
    }

    String id() {
        return id;
    }

    String title() {
        return title;
    }

    void render(Html html) {
        String verdict = report.verdict() == null ? "" : report.verdict();
        html.raw("<section id=\"").raw(Html.anchor(id)).raw("\"><h2>").text(title).raw(" <span class=\"")
                .raw(report.passed() ? "pass" : "fail").raw("\">").text(verdict.toUpperCase(Locale.ROOT))
                .raw("</span></h2>");
        List<BudgetCheck.Measure> measures = BudgetCheck.measures(report);
        html.raw("<div class=\"cards\">");
        for (BudgetCheck.Measure measure : measures) {
            card(html, measure);
        }
        html.raw("</div>");

        html.raw("<table class=\"limits\"><tr><th>Measured</th><th class=\"num\">Value</th><th class=\"num\">Limit</th>"
                + "<th>Result</th></tr>");
        for (BudgetCheck.Measure measure : measures) {
            limitRow(html, measure);
        }
        html.raw("<tr><td>JVM threads present before the application (excluded)</td><td class=\"num\">")
                .text(report.baselineThreads()).raw("</td><td></td><td></td></tr></table>");
        html.raw("<p>").text(describeEnd()).raw("</p>");
        for (String failure : report.failures()) {
            html.raw("<p class=\"fail\">").text(failure).raw("</p>");
        }
        load(html, report.load());
        chart(html);
        sites(html);
        leakSites(html);
        threadGroups(html, "Leaked threads", report.leakedThreads(), true);
        threadGroups(html, "Threads kept for the JVM's life (not counted as leaks)", report.jvmLifetimeThreads(),
                false);
        threadGroups(html, "Leaked threads allowed by allowedLeaks", report.allowedThreads(), false);
        String reason = report.threadDumpReason();
        threadGroups(html, reason == null ? "Thread dump" : "Thread dump (" + reason + ")", report.threadDump(), false);
        for (String note : report.notes()) {
            html.raw("<p class=\"note\">").text(note).raw("</p>");
        }
        html.raw("</section>");
    }

    private String describeEnd() {
        StringBuilder end = new StringBuilder();
        if (report.endedBy() != null) {
            end.append("Ended by ").append(report.endedBy());
        }
        if (report.exitCode() != null) {
            end.append(end.isEmpty() ? "Exit code " : ", exit code ").append(report.exitCode());
        }
        if (report.timedOut()) {
            end.append(", timed out");
        }
        end.append(String.format(Locale.ROOT, ", after %.1f s", report.durationMillis() / 1000.0));
        if (report.readyMillis() != null) {
            end.append(String.format(Locale.ROOT, " (ready after %.1f s)", report.readyMillis() / 1000.0));
        }
        if (report.javaVersion() != null) {
            end.append(" on Java ").append(report.javaVersion());
        }
        return end.append('.').toString();
    }

    private static void load(Html html, LoadSummary load) {
        if (load == null) {
            return;
        }
        html.raw("<h3>Load</h3><table class=\"limits\"><tr><th>Requests</th><th class=\"num\">OK</th>"
                + "<th class=\"num\">Errors</th><th>By status</th><th class=\"num\">p50</th><th class=\"num\">p99</th>"
                + "</tr><tr><td class=\"num\">").text(load.requests()).raw("</td><td class=\"num\">").text(load.ok())
                .raw("</td><td class=\"num\">").text(load.errors()).raw("</td><td>")
                .text(new TreeMap<>(load.statusCounts()).toString()).raw("</td><td class=\"num\">")
                .text(load.p50Millis() + " ms").raw("</td><td class=\"num\">").text(load.p99Millis() + " ms")
                .raw("</td></tr></table>");
    }

    private void chart(Html html) {
        Timeline timeline = report.timeline() == null ? Timeline.EMPTY : report.timeline();
        Map<String, Long> budgets = report.budgets() == null ? Map.of() : report.budgets();
        List<ThreadChart.Series> series = new ArrayList<>();
        series.add(new ThreadChart.Series("live platform threads", "#1565c0", points(timeline.platform()),
                budgets.get("maxThreads"), "maxThreads"));
        boolean anyVirtual = timeline.virtual().stream().anyMatch(point -> point.live() > 0)
                || budgets.get("maxVirtualThreads") != null;
        if (anyVirtual) {
            series.add(new ThreadChart.Series("live virtual threads", "#6a1b9a", points(timeline.virtual()),
                    budgets.get("maxVirtualThreads"), "maxVirtualThreads"));
        }
        List<ThreadChart.Mark> marks = new ArrayList<>();
        for (Timeline.Mark mark : timeline.marks()) {
            marks.add(new ThreadChart.Mark(mark.millis(), mark.name()));
        }
        html.raw("<h3>Live threads over time</h3>");
        ThreadChart.render(html, series, marks, report.durationMillis());
    }

    private static List<long[]> points(List<Timeline.Point> points) {
        List<long[]> result = new ArrayList<>(points.size());
        for (Timeline.Point point : points) {
            result.add(new long[] {point.millis(), point.live()});
        }
        return result;
    }

    private void sites(Html html) {
        List<SpawnSite> sites = report.spawnSites();
        html.raw("<h3>Creation sites</h3>");
        if (sites.isEmpty()) {
            html.raw("<p>No application threads were started.</p>");
            return;
        }
        Map<String, Integer> aliveAtEnd = new LinkedHashMap<>();
        for (ThreadEntry thread : report.threadDump()) {
            if (!thread.baseline() && thread.owner() != null) {
                aliveAtEnd.merge(thread.owner().site(), 1, Integer::sum);
            }
        }
        html.raw("<table class=\"sites\"><tr><th>Owner made at (first frame outside the JDK)</th><th>Owner</th>"
                + "<th class=\"num\">Owners</th><th class=\"num\">Started</th><th class=\"num\">Peak alive</th>"
                + "<th class=\"num\">Alive at end</th></tr>");
        int shown = 0;
        for (SpawnSite site : sites) {
            if (shown++ >= SITE_ROWS) {
                break;
            }
            html.raw("<tr><td><details><summary><code>").text(site.frame()).raw("</code></summary><pre class=\"stack\">")
                    .text(String.join("\n", site.stack())).raw("</pre></details></td><td>")
                    .text(site.ownerKind() + ("virtual".equals(site.kind()) ? " (virtual)" : ""))
                    .raw("</td><td class=\"num\">").text(site.owners()).raw("</td><td class=\"num\">")
                    .text(site.started()).raw("</td><td class=\"num\">").text(site.peakAlive())
                    .raw("</td><td class=\"num\">").text(report.threadDump().isEmpty() ? "\u2014"
                            : String.valueOf(aliveAtEnd.getOrDefault(site.frame(), 0))).raw("</td></tr>");
        }
        html.raw("</table>");
        if (sites.size() > SITE_ROWS) {
            html.raw("<p>").text(sites.size() - SITE_ROWS).raw(" less active creation sites are in the JSON report.</p>");
        }
    }

    private void leakSites(Html html) {
        List<LeakSite> sites = report.leakSites();
        if (sites.isEmpty()) {
            return;
        }
        html.raw("<h3>Leaks by owner site</h3><table class=\"sites\"><tr><th>Owner made at</th><th>Owner</th>"
                + "<th class=\"num\">Leaked</th><th class=\"num\">JVMs</th><th>Tests</th><th>Fix</th></tr>");
        for (LeakSite site : sites) {
            html.raw("<tr><td><details><summary><code>").text(site.site()).raw("</code></summary><pre class=\"stack\">")
                    .text(String.join("\n", site.stack())).raw("</pre></details></td><td>").text(site.kind())
                    .raw("</td><td class=\"num\">").text(site.leaked()).raw("</td><td class=\"num\">").text(site.jvms())
                    .raw("</td><td>").text(String.join(", ", site.tests())).raw("</td><td>").text(site.fix())
                    .raw("</td></tr>");
        }
        html.raw("</table>");
    }

    private static void threadGroups(Html html, String heading, List<ThreadEntry> threads, boolean leaks) {
        if (threads.isEmpty()) {
            return;
        }
        // like Go's goroutine profile: one group per identical stack (and owner site), largest first; the JVM's own
        // threads (the baseline) come last in groups of their own
        Map<List<String>, List<ThreadEntry>> groups = new LinkedHashMap<>();
        for (ThreadEntry thread : threads) {
            List<String> key = new ArrayList<>(thread.stack());
            key.add("created at " + thread.createdAt());
            key.add(thread.baseline() ? "baseline" : "application");
            key.add(thread.reason() == null ? "" : thread.reason());
            groups.computeIfAbsent(key, stack -> new ArrayList<>()).add(thread);
        }
        List<Map.Entry<List<String>, List<ThreadEntry>>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort((a, b) -> {
            boolean aBaseline = a.getValue().get(0).baseline();
            boolean bBaseline = b.getValue().get(0).baseline();
            return aBaseline != bBaseline ? Boolean.compare(aBaseline, bBaseline)
                    : Integer.compare(b.getValue().size(), a.getValue().size());
        });
        html.raw("<h3>").text(heading).raw(" <span class=\"count\">")
                .text(threads.size() + (threads.size() == 1 ? " thread, " : " threads, ") + groups.size()
                        + (groups.size() == 1 ? " distinct stack" : " distinct stacks")).raw("</span></h3>");
        int shown = 0;
        for (Map.Entry<List<String>, List<ThreadEntry>> group : sorted) {
            if (shown++ >= GROUPS) {
                html.raw("<p>").text(sorted.size() - GROUPS).raw(" more groups are in the JSON report.</p>");
                break;
            }
            List<ThreadEntry> members = group.getValue();
            Map<String, Integer> states = new TreeMap<>();
            Map<String, Integer> tests = new TreeMap<>();
            List<String> names = new ArrayList<>();
            for (ThreadEntry member : members) {
                states.merge(String.valueOf(member.state()), 1, Integer::sum);
                if (member.test() != null) {
                    tests.merge(member.test(), 1, Integer::sum);
                }
                if (names.size() < NAMES_PER_GROUP) {
                    names.add(member.name());
                }
            }
            ThreadEntry first = members.get(0);
            html.raw("<details class=\"group\"").raw(shown <= 3 && !first.baseline() ? " open" : "")
                    .raw("><summary><strong>").text(members.size()).raw("</strong> ").text(states.toString())
                    .raw(" <code>").text(String.join(", ", names) + (members.size() > names.size() ? ", \u2026" : ""))
                    .raw("</code>");
            if (first.baseline()) {
                html.raw(" (JVM thread, present before the application)");
            } else if (first.owner() != null) {
                html.raw(" owned by a ").text(first.owner().kind()).raw(" made at <code>").text(first.owner().site())
                        .raw("</code>");
            }
            if (first.idle()) {
                html.raw(" (idle)");
            }
            html.raw("</summary>");
            if (first.reason() != null) {
                html.raw("<p>").text(first.reason()).raw("</p>");
            }
            if (!tests.isEmpty()) {
                html.raw("<p>Started during ").text(tests.toString()).raw("</p>");
            }
            html.raw("<pre class=\"stack\">").text(first.stack().isEmpty() ? "(no Java frames)"
                    : String.join("\n", first.stack())).raw("</pre>");
            if (!first.creationStack().isEmpty()) {
                html.raw("<p>Where its owner was made:</p><pre class=\"stack\">")
                        .text(String.join("\n", first.creationStack())).raw("</pre>");
            }
            html.raw("</details>");
        }
        if (leaks) {
            html.raw("<p>Leaked threads keep running after the application, the request or the test is done: shut "
                    + "their executor down, cancel the timer, interrupt and join the thread.</p>");
        }
    }

    private static void limitRow(Html html, BudgetCheck.Measure measure) {
        html.raw("<tr><td>").text(measure.label()).raw(" (<code>").text(measure.budget())
                .raw("</code>)</td><td class=\"num\">").text(measure.observed() == null ? "n/a"
                        : String.valueOf(measure.observed())).raw("</td><td class=\"num\">")
                .text(measure.limit() == null ? "not set" : String.valueOf(measure.limit())).raw("</td><td>")
                .raw(measure.limit() == null ? "measured only" : measure.breached()
                        ? "<span class=\"fail\">breached</span>" : "<span class=\"pass\">within</span>")
                .raw("</td></tr>");
    }

    private static void card(Html html, BudgetCheck.Measure measure) {
        String tone = measure.limit() == null ? "neutral" : measure.breached() ? "bad" : "ok";
        html.raw("<div class=\"card ").raw(tone).raw("\"><div class=\"value\">")
                .text(measure.observed() == null ? "n/a" : String.valueOf(measure.observed()))
                .raw(measure.limit() == null ? "" : " <small>/ ")
                .text(measure.limit() == null ? "" : String.valueOf(measure.limit()))
                .raw(measure.limit() == null ? "" : "</small>").raw("</div><div class=\"label\">").text(measure.label())
                .raw("</div></div>");
    }
}
