package dev.threadguard.report.html;

import dev.threadguard.report.OutputFiles;
import dev.threadguard.report.sarif.Sarif;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The static half of the report, from the SARIF {@code check} wrote: new findings first, grouped by rule and by
 * file, each with its source line and neighbours, the rule's rationale and fix; then, folded away, the findings the
 * module's baseline holds, and the baselined ones that are fixed. Large result sets stay fast: source excerpts are
 * shown for the first findings of each rule, the rest as compact rows, and beyond that counts only.
 */
final class StaticSection {

    static final int EXCERPTS_PER_RULE = 100;
    static final int ROWS_PER_RULE = 1000;
    private static final int CONTEXT_LINES = 2;

    private final Sarif.Run run;
    private final Path sourceRoot;
    private final Map<String, List<String>> sourceCache = new HashMap<>();

    private StaticSection(Sarif.Run run) {
        this.run = run;
        this.sourceRoot = sourceRoot(run);
    }

    static StaticSection of(Sarif.Log sarif) {
        return new StaticSection(sarif.runs().get(0));
    }

    private static Path sourceRoot(Sarif.Run run) {
        Sarif.ArtifactLocation root = run.originalUriBaseIds() == null ? null
                : run.originalUriBaseIds().get(Sarif.SRCROOT);
        if (root == null || root.uri() == null) {
            return null;
        }
        try {
            return Path.of(URI.create(root.uri()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private List<Sarif.ReportingDescriptor> rules() {
        return run.tool() == null || run.tool().driver() == null || run.tool().driver().rules() == null ? List.of()
                : run.tool().driver().rules();
    }

    private List<Sarif.Notification> notifications() {
        if (run.invocations() == null || run.invocations().isEmpty()
                || run.invocations().get(0).toolExecutionNotifications() == null) {
            return List.of();
        }
        return run.invocations().get(0).toolExecutionNotifications();
    }

    private Sarif.BaselineSummary baseline() {
        return run.properties() == null ? null : run.properties().baseline();
    }

    private static boolean isBaselined(Sarif.Result result) {
        return result.baselineState() == Sarif.BaselineState.UNCHANGED;
    }

    void render(Html html) {
        List<Sarif.Result> all = run.results() == null ? List.of() : run.results();
        List<Sarif.Result> fresh = all.stream().filter(result -> !isBaselined(result)).toList();
        List<Sarif.Result> baselined = all.stream().filter(StaticSection::isBaselined).toList();
        Sarif.BaselineSummary baseline = baseline();
        Map<String, Sarif.ReportingDescriptor> rules = new LinkedHashMap<>();
        for (Sarif.ReportingDescriptor rule : rules()) {
            rules.put(rule.id(), rule);
        }
        Map<String, List<Sarif.Result>> freshByRule = byRule(rules, fresh);
        Map<String, List<Sarif.Result>> baselinedByRule = byRule(rules, baselined);
        Map<String, int[]> byFile = new TreeMap<>();
        int[] totals = new int[3];
        for (Sarif.Result result : fresh) {
            byFile.computeIfAbsent(uri(result), uri -> new int[3])[levelIndex(result.level())]++;
            totals[levelIndex(result.level())]++;
        }

        html.raw("<section id=\"static\"><h2>Static analysis</h2>");
        html.raw("<div class=\"cards\">");
        // the colour of the worst level: infos alone are listed, not alarms
        String worst = totals[0] > 0 ? "bad" : totals[1] > 0 ? "warn" : totals[2] > 0 ? "neutral" : "ok";
        card(html, baseline == null ? "findings" : "new findings", fresh.size(), worst);
        card(html, "errors", totals[0], totals[0] == 0 ? "ok" : "bad");
        card(html, "warnings", totals[1], totals[1] == 0 ? "ok" : "warn");
        card(html, "infos", totals[2], "neutral");
        card(html, "files with findings", byFile.size(), worst.equals("bad") ? "warn" : worst);
        if (baseline != null) {
            card(html, "baselined", baselined.size(), "neutral");
            card(html, "baselined and fixed", baseline.fixed().size(), "neutral");
        }
        html.raw("</div>");

        if (baseline != null) {
            html.raw("<p class=\"baseline\">Compared with the baseline <code>").text(baseline.file())
                    .raw("</code>: only new findings fail the build.</p>");
            renderMoved(html, baseline);
        }

        List<Sarif.Notification> notifications = notifications();
        if (!notifications.isEmpty()) {
            html.raw("<h3>Files not analysed</h3><table class=\"static-problems\"><tr><th>Problem</th></tr>");
            for (Sarif.Notification note : notifications) {
                html.raw("<tr><td>").text(note.message() == null ? "" : note.message().text()).raw("</td></tr>");
            }
            html.raw("</table>");
        }

        html.raw("<h3>Findings by rule</h3><table class=\"by-rule\"><tr><th>Rule</th><th>Level</th>")
                .raw(baseline == null ? "<th>Findings</th>" : "<th>New</th><th>Baselined</th>")
                .raw("<th>What it flags</th></tr>");
        for (Map.Entry<String, List<Sarif.Result>> entry : freshByRule.entrySet()) {
            Sarif.ReportingDescriptor rule = rules.get(entry.getKey());
            html.raw("<tr><td><a href=\"#rule-").raw(Html.anchor(entry.getKey())).raw("\"><code>")
                    .text(entry.getKey()).raw("</code></a></td><td>").text(defaultLevel(rule))
                    .raw("</td><td class=\"num\">").text(entry.getValue().size());
            if (baseline != null) {
                html.raw("</td><td class=\"num\">").text(baselinedByRule.getOrDefault(entry.getKey(), List.of()).size());
            }
            html.raw("</td><td>").text(text(rule == null ? null : rule.shortDescription())).raw("</td></tr>");
        }
        html.raw("</table>");

        if (!byFile.isEmpty()) {
            html.raw("<h3>").raw(baseline == null ? "Findings" : "New findings").raw(" by file</h3>")
                    .raw("<table class=\"by-file\"><tr><th>File</th><th>Errors</th><th>Warnings</th><th>Infos</th></tr>");
            for (Map.Entry<String, int[]> entry : byFile.entrySet()) {
                int[] counts = entry.getValue();
                html.raw("<tr><td><code>").text(entry.getKey()).raw("</code></td><td class=\"num\">").text(counts[0])
                        .raw("</td><td class=\"num\">").text(counts[1]).raw("</td><td class=\"num\">").text(counts[2])
                        .raw("</td></tr>");
            }
            html.raw("</table>");
        }

        for (Map.Entry<String, List<Sarif.Result>> entry : freshByRule.entrySet()) {
            if (!entry.getValue().isEmpty()) {
                renderRule(html, entry.getKey(), rules.get(entry.getKey()), entry.getValue());
            }
        }
        if (baseline != null) {
            renderBaselined(html, baselinedByRule, baselined.size());
            renderFixed(html, baseline);
        }
        html.raw("</section>");
    }

    /** The rules in the SARIF's order, each with its results (possibly none), then results of unknown rules. */
    private static Map<String, List<Sarif.Result>> byRule(Map<String, Sarif.ReportingDescriptor> rules,
                                                          List<Sarif.Result> results) {
        Map<String, List<Sarif.Result>> byRule = new LinkedHashMap<>();
        for (String rule : rules.keySet()) {
            byRule.put(rule, new ArrayList<>());
        }
        for (Sarif.Result result : results) {
            byRule.computeIfAbsent(result.ruleId(), id -> new ArrayList<>()).add(result);
        }
        return byRule;
    }

    private void renderRule(Html html, String ruleId, Sarif.ReportingDescriptor rule, List<Sarif.Result> results) {
        html.raw("<div class=\"rule\" id=\"rule-").raw(Html.anchor(ruleId)).raw("\"><h3><code>").text(ruleId)
                .raw("</code> ").text(text(rule == null ? null : rule.shortDescription())).raw(" <span class=\"count\">")
                .text(results.size()).raw("</span></h3>");
        html.raw("<p class=\"rationale\">").text(text(rule == null ? null : rule.fullDescription())).raw("</p>");
        String help = text(rule == null ? null : rule.help());
        int fix = help.indexOf("How to fix: ");
        if (fix >= 0) {
            html.raw("<p class=\"fix\"><strong>How to fix:</strong> ").text(help.substring(fix + 12)).raw("</p>");
        }
        Map<String, List<Sarif.Result>> byFile = new TreeMap<>();
        for (Sarif.Result result : results) {
            byFile.computeIfAbsent(uri(result), uri -> new ArrayList<>()).add(result);
        }
        int shown = 0;
        List<Sarif.Result> rows = new ArrayList<>();
        for (Map.Entry<String, List<Sarif.Result>> file : byFile.entrySet()) {
            if (shown >= EXCERPTS_PER_RULE) {
                rows.addAll(file.getValue());
                continue;
            }
            html.raw("<details class=\"file\"").raw(shown < 10 ? " open" : "").raw("><summary><code>")
                    .text(file.getKey()).raw("</code> <span class=\"count\">").text(file.getValue().size())
                    .raw("</span></summary>");
            for (Sarif.Result result : file.getValue()) {
                if (shown++ >= EXCERPTS_PER_RULE) {
                    rows.add(result);
                    continue;
                }
                html.raw("<div class=\"finding ").raw(levelClass(result.level())).raw("\"><div class=\"where\">")
                        .text(where(result)).raw(" <span class=\"level\">").text(levelName(result.level()))
                        .raw("</span></div><div class=\"message\">").text(message(result)).raw("</div>");
                excerpt(html, result);
                html.raw("</div>");
            }
            html.raw("</details>");
        }
        if (!rows.isEmpty()) {
            html.raw("<details class=\"more\"><summary>").text(rows.size())
                    .raw(" more findings of this rule</summary>");
            rows(html, rows);
            html.raw("</details>");
        }
        html.raw("</div>");
    }

    private void renderBaselined(Html html, Map<String, List<Sarif.Result>> byRule, int count) {
        if (count == 0) {
            return;
        }
        html.raw("<h3 id=\"baselined\">").text(count).raw(count == 1 ? " baselined finding" : " baselined findings")
                .raw("</h3><details class=\"baselined\"><summary>Known when the baseline was written, so they do not "
                        + "fail the build: show them</summary>");
        for (Map.Entry<String, List<Sarif.Result>> entry : byRule.entrySet()) {
            if (!entry.getValue().isEmpty()) {
                html.raw("<h4><code>").text(entry.getKey()).raw("</code> <span class=\"count\">")
                        .text(entry.getValue().size()).raw("</span></h4>");
                rows(html, entry.getValue());
            }
        }
        html.raw("</details>");
    }

    private static void renderFixed(Html html, Sarif.BaselineSummary baseline) {
        if (baseline.fixed().isEmpty()) {
            return;
        }
        int count = baseline.fixed().size();
        html.raw("<details class=\"fixed\"><summary>").text(count)
                .raw(count == 1 ? " baselined finding is fixed" : " baselined findings are fixed")
                .raw(" \u2014 run <code>threadguard:baseline</code> to drop ").raw(count == 1 ? "it" : "them")
                .raw("</summary>")
                .raw("<table><tr><th>Where it was</th><th>Rule</th><th>Message</th></tr>");
        for (Sarif.FixedFinding fixed : baseline.fixed()) {
            html.raw("<tr><td><code>").text(fixed.uri() + ":" + fixed.line()).raw("</code></td><td><code>")
                    .text(fixed.ruleId()).raw("</code></td><td>").text(fixed.message()).raw("</td></tr>");
        }
        html.raw("</table></details>");
    }

    private static void renderMoved(Html html, Sarif.BaselineSummary baseline) {
        if (baseline.moved().isEmpty()) {
            return;
        }
        html.raw("<p class=\"moved\">Findings of a renamed or moved file are new; these look like baselined ones of "
                + "the file's old path:</p><table class=\"moved\"><tr><th>Baselined in</th><th>Now in</th>"
                + "<th>Findings</th></tr>");
        for (Sarif.MovedFile moved : baseline.moved()) {
            html.raw("<tr><td><code>").text(moved.from()).raw("</code></td><td><code>").text(moved.to())
                    .raw("</code></td><td class=\"num\">").text(moved.findings()).raw("</td></tr>");
        }
        html.raw("</table>");
    }

    /** Compact rows of where and what, at most {@link #ROWS_PER_RULE}, then how many more the SARIF holds. */
    private static void rows(Html html, List<Sarif.Result> results) {
        html.raw("<table><tr><th>Where</th><th>Message</th></tr>");
        int listed = 0;
        for (Sarif.Result result : results) {
            if (listed++ >= ROWS_PER_RULE) {
                break;
            }
            html.raw("<tr><td><code>").text(where(result)).raw("</code></td><td>").text(message(result))
                    .raw("</td></tr>");
        }
        html.raw("</table>");
        if (results.size() > ROWS_PER_RULE) {
            html.raw("<p>").text(results.size() - ROWS_PER_RULE).raw(" more are in <code>").text(OutputFiles.SARIF)
                    .raw("</code>.</p>");
        }
    }

    private void excerpt(Html html, Sarif.Result result) {
        Sarif.Region region = result.where().region();
        String snippet = region.snippet() == null ? "" : region.snippet().text();
        List<String> lines = source(uri(result));
        html.raw("<pre class=\"code\">");
        if (lines.isEmpty() || region.startLine() > lines.size()) {
            html.raw("<span class=\"hit\"><span class=\"ln\">").text(region.startLine()).raw("</span>")
                    .text(snippet).raw("</span>");
        } else {
            int from = Math.max(1, region.startLine() - CONTEXT_LINES);
            int to = Math.min(lines.size(), region.startLine() + CONTEXT_LINES);
            for (int line = from; line <= to; line++) {
                boolean hit = line == region.startLine();
                html.raw(hit ? "<span class=\"hit\">" : "<span>").raw("<span class=\"ln\">").text(line)
                        .raw("</span>").text(lines.get(line - 1)).raw("</span>");
            }
        }
        html.raw("</pre>");
    }

    private List<String> source(String uri) {
        return sourceCache.computeIfAbsent(uri, key -> {
            if (sourceRoot == null) {
                return List.of();
            }
            try {
                Path file = key.startsWith("file:") ? Path.of(URI.create(key)) : sourceRoot.resolve(key);
                return Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        });
    }

    private static String uri(Sarif.Result result) {
        return result.where().artifactLocation().uri();
    }

    private static String where(Sarif.Result result) {
        Sarif.Region region = result.where().region();
        return uri(result) + ":" + region.startLine() + ":" + region.startColumn();
    }

    private static String message(Sarif.Result result) {
        return result.message() == null ? "" : result.message().text();
    }

    private static void card(Html html, String label, long value, String tone) {
        html.raw("<div class=\"card ").raw(tone).raw("\"><div class=\"value\">").text(value)
                .raw("</div><div class=\"label\">").text(label).raw("</div></div>");
    }

    private static int levelIndex(Sarif.Level level) {
        if (level == null) {
            return 1; // SARIF's default level is warning
        }
        return switch (level) {
            case ERROR -> 0;
            case WARNING -> 1;
            case NOTE, NONE -> 2;
        };
    }

    private static String levelClass(Sarif.Level level) {
        return switch (levelIndex(level)) {
            case 0 -> "error";
            case 1 -> "warning";
            default -> "info";
        };
    }

    /** The level as the user configures it ({@code info}), not as SARIF spells it ({@code note}). */
    private static String levelName(Sarif.Level level) {
        Sarif.Level shown = level == null ? Sarif.Level.WARNING : level;
        return shown == Sarif.Level.NOTE ? "info" : shown.value();
    }

    private static String defaultLevel(Sarif.ReportingDescriptor rule) {
        return rule == null || rule.defaultConfiguration() == null || rule.defaultConfiguration().level() == null
                ? "" : levelName(rule.defaultConfiguration().level());
    }

    private static String text(Sarif.MultiformatMessage message) {
        return message == null || message.text() == null ? "" : message.text();
    }
}
