package dev.threadguard.report.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A runtime section, read back from {@code run-report.json} or {@code test-report.json}: verdict, measured values
 * against limits, a chart of live threads over time with budgets and breach, the creation sites (expandable to
 * their full stack), and leaked threads and the thread dump grouped by identical stack with counts, like Go's
 * {@code /debug/pprof/goroutine?debug=1}. Aggregated, so 10,000+ threads stay a short page.
 */
final class RuntimeSection {

    static final int SITE_ROWS = 200;
    static final int GROUPS = 200;
    private static final int NAMES_PER_GROUP = 5;

    private final String id;
    private final String title;
    private final Map<String, Object> report;

    @SuppressWarnings("unchecked")
    RuntimeSection(String id, String title, Object report) {
        this.id = id;
        this.title = title;
        this.report = (Map<String, Object>) report;
    }

    String id() {
        return id;
    }

    String title() {
        return title;
    }

    void render(Html html) {
        String verdict = string(report.get("verdict"));
        html.raw("<section id=\"").raw(Html.anchor(id)).raw("\"><h2>").text(title).raw(" <span class=\"")
                .raw("pass".equals(verdict) ? "pass" : "fail").raw("\">").text(verdict.toUpperCase(java.util.Locale.ROOT))
                .raw("</span></h2>");
        html.raw("<div class=\"cards\">");
        card(html, "peak live platform threads", report.get("peakThreads"), budget("maxThreads"));
        card(html, "peak live virtual threads", report.get("peakVirtualThreads"), budget("maxVirtualThreads"));
        card(html, "threads started", report.get("threadsStarted"), budget("maxThreadsStarted"));
        card(html, "leaked threads", (long) list("leakedThreads").size(), budget("maxLeakedThreads"));
        html.raw("</div>");

        html.raw("<table class=\"limits\"><tr><th>Measured</th><th class=\"num\">Value</th><th class=\"num\">Limit</th>"
                + "<th>Result</th></tr>");
        limitRow(html, "peak live platform threads", report.get("peakThreads"), "maxThreads");
        limitRow(html, "peak live virtual threads", report.get("peakVirtualThreads"), "maxVirtualThreads");
        limitRow(html, "threads started", report.get("threadsStarted"), "maxThreadsStarted");
        limitRow(html, "leaked threads", (long) list("leakedThreads").size(), "maxLeakedThreads");
        html.raw("<tr><td>JVM threads present before the application (excluded)</td><td class=\"num\">")
                .text(string(report.get("baselineThreads"))).raw("</td><td></td><td></td></tr></table>");
        html.raw("<p>").text(describeEnd()).raw("</p>");
        for (Object failure : list("failures")) {
            html.raw("<p class=\"fail\">").text(string(failure)).raw("</p>");
        }

        chart(html);
        sites(html);
        threadGroups(html, "Leaked threads", list("leakedThreads"), true);
        String reason = string(report.get("threadDumpReason"));
        threadGroups(html, reason.isEmpty() ? "Thread dump" : "Thread dump (" + reason + ")", list("threadDump"),
                false);
        for (Object note : list("notes")) {
            html.raw("<p class=\"note\">").text(string(note)).raw("</p>");
        }
        html.raw("</section>");
    }

    private String describeEnd() {
        StringBuilder end = new StringBuilder();
        Object endedBy = report.get("endedBy");
        if (endedBy != null) {
            end.append("Ended by ").append(endedBy);
        }
        if (report.get("exitCode") != null) {
            end.append(end.isEmpty() ? "Exit code " : ", exit code ").append(report.get("exitCode"));
        }
        if (Boolean.TRUE.equals(report.get("timedOut"))) {
            end.append(", timed out");
        }
        if (report.get("durationMillis") instanceof Number millis) {
            end.append(String.format(java.util.Locale.ROOT, ", after %.1f s", millis.longValue() / 1000.0));
        }
        if (report.get("javaVersion") != null) {
            end.append(" on Java ").append(report.get("javaVersion"));
        }
        return end.append('.').toString();
    }

    @SuppressWarnings("unchecked")
    private void chart(Html html) {
        Map<String, Object> timeline = report.get("timeline") instanceof Map<?, ?> map
                ? (Map<String, Object>) map : Map.of();
        List<ThreadChart.Series> series = new ArrayList<>();
        series.add(new ThreadChart.Series("live platform threads", "#1565c0", points(timeline.get("platform")),
                budget("maxThreads"), "maxThreads"));
        List<long[]> virtual = points(timeline.get("virtual"));
        boolean anyVirtual = virtual.stream().anyMatch(point -> point[1] > 0) || budget("maxVirtualThreads") != null;
        if (anyVirtual) {
            series.add(new ThreadChart.Series("live virtual threads", "#6a1b9a", virtual, budget("maxVirtualThreads"),
                    "maxVirtualThreads"));
        }
        long duration = report.get("durationMillis") instanceof Number millis ? millis.longValue() : 0;
        html.raw("<h3>Live threads over time</h3>");
        ThreadChart.render(html, series, duration);
    }

    private static List<long[]> points(Object raw) {
        List<long[]> points = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof Number millis
                        && pair.get(1) instanceof Number live) {
                    points.add(new long[] {millis.longValue(), live.longValue()});
                }
            }
        }
        return points;
    }

    @SuppressWarnings("unchecked")
    private void sites(Html html) {
        List<Object> sites = list("spawnSites");
        html.raw("<h3>Creation sites</h3>");
        if (sites.isEmpty()) {
            html.raw("<p>No application threads were started.</p>");
            return;
        }
        Map<List<String>, Integer> aliveAtEnd = aliveAtEndBySite();
        html.raw("<table class=\"sites\"><tr><th>Created at (first frame outside the JDK)</th><th>Kind</th>"
                + "<th class=\"num\">Started</th><th class=\"num\">Peak alive</th><th class=\"num\">Alive at end</th>"
                + "</tr>");
        int shown = 0;
        for (Object raw : sites) {
            if (shown++ >= SITE_ROWS) {
                break;
            }
            Map<String, Object> site = (Map<String, Object>) raw;
            List<String> stack = strings(site.get("stack"));
            Object alive = site.containsKey("aliveAtEnd") ? site.get("aliveAtEnd")
                    : aliveAtEnd.isEmpty() ? null : aliveAtEnd.getOrDefault(stack, 0);
            html.raw("<tr><td><details><summary><code>").text(string(site.get("frame")))
                    .raw("</code></summary><pre class=\"stack\">").text(String.join("\n", stack))
                    .raw("</pre></details></td><td>").text(string(site.get("kind"))).raw("</td><td class=\"num\">")
                    .text(string(site.get("started"))).raw("</td><td class=\"num\">").text(string(site.get("peakAlive")))
                    .raw("</td><td class=\"num\">").text(alive == null ? "\u2014" : string(alive)).raw("</td></tr>");
        }
        html.raw("</table>");
        if (sites.size() > SITE_ROWS) {
            html.raw("<p>").text(sites.size() - SITE_ROWS).raw(" less active creation sites are in the JSON report.</p>");
        }
    }

    /** Threads in the final dump per creation stack, when the report has a dump of the end of the run. */
    @SuppressWarnings("unchecked")
    private Map<List<String>, Integer> aliveAtEndBySite() {
        Map<List<String>, Integer> alive = new LinkedHashMap<>();
        for (Object raw : list("threadDump")) {
            Map<String, Object> thread = (Map<String, Object>) raw;
            if (!Boolean.TRUE.equals(thread.get("baseline"))) {
                alive.merge(strings(thread.get("creationStack")), 1, Integer::sum);
            }
        }
        return alive;
    }

    @SuppressWarnings("unchecked")
    private void threadGroups(Html html, String heading, List<Object> threads, boolean leaks) {
        if (threads.isEmpty()) {
            return;
        }
        // like Go's goroutine profile: one group per identical stack (and creation site), largest first; the
        // JVM's own threads (the baseline) come last in groups of their own
        Map<List<String>, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (Object raw : threads) {
            Map<String, Object> thread = (Map<String, Object>) raw;
            List<String> key = new ArrayList<>(strings(thread.get("stack")));
            key.add("created at " + string(thread.get("createdAt")));
            key.add(Boolean.TRUE.equals(thread.get("baseline")) ? "baseline" : "application");
            groups.computeIfAbsent(key, stack -> new ArrayList<>()).add(thread);
        }
        List<Map.Entry<List<String>, List<Map<String, Object>>>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort((a, b) -> {
            boolean aBaseline = Boolean.TRUE.equals(a.getValue().get(0).get("baseline"));
            boolean bBaseline = Boolean.TRUE.equals(b.getValue().get(0).get("baseline"));
            return aBaseline != bBaseline ? Boolean.compare(aBaseline, bBaseline)
                    : Integer.compare(b.getValue().size(), a.getValue().size());
        });
        html.raw("<h3>").text(heading).raw(" <span class=\"count\">")
                .text(threads.size() + (threads.size() == 1 ? " thread, " : " threads, ") + groups.size()
                        + (groups.size() == 1 ? " distinct stack" : " distinct stacks")).raw("</span></h3>");
        int shown = 0;
        for (Map.Entry<List<String>, List<Map<String, Object>>> group : sorted) {
            if (shown++ >= GROUPS) {
                html.raw("<p>").text(sorted.size() - GROUPS).raw(" more groups are in the JSON report.</p>");
                break;
            }
            List<Map<String, Object>> members = group.getValue();
            Map<String, Integer> states = new TreeMap<>();
            Map<String, Integer> tests = new TreeMap<>();
            List<String> names = new ArrayList<>();
            for (Map<String, Object> member : members) {
                states.merge(string(member.get("state")), 1, Integer::sum);
                if (member.get("test") != null) {
                    tests.merge(string(member.get("test")), 1, Integer::sum);
                }
                if (names.size() < NAMES_PER_GROUP) {
                    names.add(string(member.get("name")));
                }
            }
            Map<String, Object> first = members.get(0);
            boolean baseline = Boolean.TRUE.equals(first.get("baseline"));
            html.raw("<details class=\"group\"").raw(shown <= 3 && !baseline ? " open" : "").raw("><summary><strong>")
                    .text(members.size()).raw("</strong> ").text(states.toString()).raw(" <code>")
                    .text(String.join(", ", names) + (members.size() > names.size() ? ", \u2026" : ""))
                    .raw("</code>");
            if (baseline) {
                html.raw(" (JVM thread, present before the application)");
            } else if (first.get("createdAt") != null) {
                html.raw(" created at <code>").text(string(first.get("createdAt"))).raw("</code>");
            }
            html.raw("</summary>");
            if (!tests.isEmpty()) {
                html.raw("<p>Started during ").text(tests.toString()).raw("</p>");
            }
            List<String> stack = strings(first.get("stack"));
            html.raw("<pre class=\"stack\">").text(stack.isEmpty() ? "(no Java frames yet)"
                    : String.join("\n", stack)).raw("</pre>");
            List<String> creation = strings(first.get("creationStack"));
            if (!creation.isEmpty()) {
                html.raw("<p>Creation stack:</p><pre class=\"stack\">").text(String.join("\n", creation)).raw("</pre>");
            }
            html.raw("</details>");
        }
        if (leaks) {
            html.raw("<p>Leaked threads keep running after the application (or the test) is done: shut their "
                    + "executor down, interrupt and join the thread, or make it a daemon if it really is "
                    + "fire-and-forget.</p>");
        }
    }

    private void limitRow(Html html, String label, Object value, String budgetName) {
        Long limit = budget(budgetName);
        boolean breached = breached(budgetName);
        html.raw("<tr><td>").text(label).raw(" (<code>").text(budgetName).raw("</code>)</td><td class=\"num\">")
                .text(value == null ? "n/a" : string(value)).raw("</td><td class=\"num\">")
                .text(limit == null ? "not set" : string(limit)).raw("</td><td>")
                .raw(limit == null ? "measured only" : breached ? "<span class=\"fail\">breached</span>"
                        : "<span class=\"pass\">within</span>").raw("</td></tr>");
    }

    @SuppressWarnings("unchecked")
    private boolean breached(String budgetName) {
        for (Object raw : list("breaches")) {
            if (raw instanceof Map<?, ?> breach && budgetName.equals(breach.get("budget"))) {
                return true;
            }
        }
        return false;
    }

    private void card(Html html, String label, Object value, Long limit) {
        String tone = limit == null ? "neutral" : value instanceof Number number && number.longValue() > limit
                ? "bad" : "ok";
        html.raw("<div class=\"card ").raw(tone).raw("\"><div class=\"value\">")
                .text(value == null ? "n/a" : string(value)).raw(limit == null ? "" : " <small>/ ")
                .text(limit == null ? "" : string(limit)).raw(limit == null ? "" : "</small>")
                .raw("</div><div class=\"label\">").text(label).raw("</div></div>");
    }

    private Long budget(String name) {
        return report.get("budgets") instanceof Map<?, ?> budgets && budgets.get(name) instanceof Number limit
                ? limit.longValue() : null;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(String key) {
        return report.get(key) instanceof List<?> list ? (List<Object>) list : List.of();
    }

    private static List<String> strings(Object raw) {
        List<String> result = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object element : list) {
                result.add(string(element));
            }
        }
        return result;
    }

    private static String string(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
