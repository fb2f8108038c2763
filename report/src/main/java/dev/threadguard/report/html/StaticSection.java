package dev.threadguard.report.html;

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
 * The static half of the report, read back from {@code threadguard.sarif}: findings grouped by rule and by file,
 * each with its source line and neighbours, the rule's rationale and fix. Large result sets stay fast: source
 * excerpts are shown for the first findings of each rule, the rest as compact rows, and beyond that counts only.
 */
final class StaticSection {

    static final int EXCERPTS_PER_RULE = 100;
    static final int ROWS_PER_RULE = 1000;
    private static final int CONTEXT_LINES = 2;

    private record Result(String ruleId, String level, String message, String uri, int line, int column,
                          String snippet) {
    }

    private final Map<String, Object> run;
    private final Path sourceRoot;
    private final Map<String, List<String>> sourceCache = new HashMap<>();

    private StaticSection(Map<String, Object> run) {
        this.run = run;
        this.sourceRoot = sourceRoot(run);
    }

    @SuppressWarnings("unchecked")
    static StaticSection of(Object sarif) {
        Map<String, Object> root = (Map<String, Object>) sarif;
        List<Map<String, Object>> runs = (List<Map<String, Object>>) root.get("runs");
        return new StaticSection(runs.get(0));
    }

    @SuppressWarnings("unchecked")
    private static Path sourceRoot(Map<String, Object> run) {
        Object bases = run.get("originalUriBaseIds");
        if (bases instanceof Map<?, ?> map && map.get("%SRCROOT%") instanceof Map<?, ?> srcroot
                && srcroot.get("uri") instanceof String uri) {
            try {
                return Path.of(URI.create(uri));
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private List<Result> results() {
        List<Result> results = new ArrayList<>();
        for (Map<String, Object> result : (List<Map<String, Object>>) run.getOrDefault("results", List.of())) {
            Map<String, Object> location = (Map<String, Object>) ((Map<String, Object>)
                    ((List<Object>) result.get("locations")).get(0)).get("physicalLocation");
            Map<String, Object> artifact = (Map<String, Object>) location.get("artifactLocation");
            Map<String, Object> region = (Map<String, Object>) location.get("region");
            Object snippet = region.get("snippet") instanceof Map<?, ?> s ? s.get("text") : null;
            results.add(new Result((String) result.get("ruleId"), (String) result.get("level"),
                    (String) ((Map<String, Object>) result.get("message")).get("text"), (String) artifact.get("uri"),
                    ((Number) region.get("startLine")).intValue(), ((Number) region.get("startColumn")).intValue(),
                    snippet == null ? "" : snippet.toString()));
        }
        return results;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> rules() {
        Map<String, Object> driver = (Map<String, Object>) ((Map<String, Object>) run.get("tool")).get("driver");
        Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
        for (Map<String, Object> rule : (List<Map<String, Object>>) driver.getOrDefault("rules", List.of())) {
            rules.put((String) rule.get("id"), rule);
        }
        return rules;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> notifications() {
        List<Map<String, Object>> invocations = (List<Map<String, Object>>) run.getOrDefault("invocations", List.of());
        return invocations.isEmpty() ? List.of()
                : (List<Map<String, Object>>) invocations.get(0).getOrDefault("toolExecutionNotifications", List.of());
    }

    void render(Html html) {
        List<Result> results = results();
        Map<String, Map<String, Object>> rules = rules();
        Map<String, List<Result>> byRule = new LinkedHashMap<>();
        for (String rule : rules.keySet()) {
            byRule.put(rule, new ArrayList<>());
        }
        Map<String, int[]> byFile = new TreeMap<>();
        for (Result result : results) {
            byRule.computeIfAbsent(result.ruleId(), id -> new ArrayList<>()).add(result);
            int[] counts = byFile.computeIfAbsent(result.uri(), uri -> new int[3]);
            counts[levelIndex(result.level())]++;
        }

        html.raw("<section id=\"static\"><h2>Static analysis</h2>");
        int[] totals = new int[3];
        for (Result result : results) {
            totals[levelIndex(result.level())]++;
        }
        html.raw("<div class=\"cards\">");
        card(html, "findings", results.size(), results.isEmpty() ? "ok" : "bad");
        card(html, "errors", totals[0], totals[0] == 0 ? "ok" : "bad");
        card(html, "warnings", totals[1], totals[1] == 0 ? "ok" : "warn");
        card(html, "infos", totals[2], "neutral");
        card(html, "files with findings", byFile.size(), byFile.isEmpty() ? "ok" : "warn");
        html.raw("</div>");

        List<Map<String, Object>> notifications = notifications();
        if (!notifications.isEmpty()) {
            html.raw("<h3>Files not analysed</h3><table class=\"static-problems\"><tr><th>Problem</th></tr>");
            for (Map<String, Object> note : notifications) {
                Object message = note.get("message") instanceof Map<?, ?> m ? m.get("text") : "";
                html.raw("<tr><td>").text(String.valueOf(message)).raw("</td></tr>");
            }
            html.raw("</table>");
        }

        html.raw("<h3>Findings by rule</h3><table class=\"by-rule\"><tr><th>Rule</th><th>Level</th>"
                + "<th>Findings</th><th>What it flags</th></tr>");
        for (Map.Entry<String, List<Result>> entry : byRule.entrySet()) {
            Map<String, Object> rule = rules.getOrDefault(entry.getKey(), Map.of());
            html.raw("<tr><td><a href=\"#rule-").raw(Html.anchor(entry.getKey())).raw("\"><code>")
                    .text(entry.getKey()).raw("</code></a></td><td>").text(defaultLevel(rule)).raw("</td><td class=\"num\">")
                    .text(entry.getValue().size()).raw("</td><td>").text(text(rule, "shortDescription"))
                    .raw("</td></tr>");
        }
        html.raw("</table>");

        if (!byFile.isEmpty()) {
            html.raw("<h3>Findings by file</h3><table class=\"by-file\"><tr><th>File</th><th>Errors</th>"
                    + "<th>Warnings</th><th>Infos</th></tr>");
            for (Map.Entry<String, int[]> entry : byFile.entrySet()) {
                int[] counts = entry.getValue();
                html.raw("<tr><td><code>").text(entry.getKey()).raw("</code></td><td class=\"num\">").text(counts[0])
                        .raw("</td><td class=\"num\">").text(counts[1]).raw("</td><td class=\"num\">").text(counts[2])
                        .raw("</td></tr>");
            }
            html.raw("</table>");
        }

        for (Map.Entry<String, List<Result>> entry : byRule.entrySet()) {
            if (!entry.getValue().isEmpty()) {
                renderRule(html, entry.getKey(), rules.getOrDefault(entry.getKey(), Map.of()), entry.getValue());
            }
        }
        html.raw("</section>");
    }

    private void renderRule(Html html, String ruleId, Map<String, Object> rule, List<Result> results) {
        html.raw("<div class=\"rule\" id=\"rule-").raw(Html.anchor(ruleId)).raw("\"><h3><code>").text(ruleId)
                .raw("</code> ").text(text(rule, "shortDescription")).raw(" <span class=\"count\">")
                .text(results.size()).raw("</span></h3>");
        html.raw("<p class=\"rationale\">").text(text(rule, "fullDescription")).raw("</p>");
        String help = text(rule, "help");
        int fix = help.indexOf("How to fix: ");
        if (fix >= 0) {
            html.raw("<p class=\"fix\"><strong>How to fix:</strong> ").text(help.substring(fix + 12)).raw("</p>");
        }
        Map<String, List<Result>> byFile = new TreeMap<>();
        for (Result result : results) {
            byFile.computeIfAbsent(result.uri(), uri -> new ArrayList<>()).add(result);
        }
        int shown = 0;
        List<Result> rows = new ArrayList<>();
        for (Map.Entry<String, List<Result>> file : byFile.entrySet()) {
            if (shown >= EXCERPTS_PER_RULE) {
                rows.addAll(file.getValue());
                continue;
            }
            html.raw("<details class=\"file\"").raw(shown < 10 ? " open" : "").raw("><summary><code>")
                    .text(file.getKey()).raw("</code> <span class=\"count\">").text(file.getValue().size())
                    .raw("</span></summary>");
            for (Result result : file.getValue()) {
                if (shown++ >= EXCERPTS_PER_RULE) {
                    rows.add(result);
                    continue;
                }
                html.raw("<div class=\"finding ").raw(levelClass(result.level())).raw("\"><div class=\"where\">")
                        .text(result.uri() + ":" + result.line() + ":" + result.column()).raw(" <span class=\"level\">")
                        .text(result.level()).raw("</span></div><div class=\"message\">").text(result.message())
                        .raw("</div>");
                excerpt(html, result);
                html.raw("</div>");
            }
            html.raw("</details>");
        }
        if (!rows.isEmpty()) {
            html.raw("<details class=\"more\"><summary>").text(rows.size())
                    .raw(" more findings of this rule</summary><table><tr><th>Where</th><th>Message</th></tr>");
            int listed = 0;
            for (Result result : rows) {
                if (listed++ >= ROWS_PER_RULE) {
                    break;
                }
                html.raw("<tr><td><code>").text(result.uri() + ":" + result.line() + ":" + result.column())
                        .raw("</code></td><td>").text(result.message()).raw("</td></tr>");
            }
            html.raw("</table>");
            if (rows.size() > ROWS_PER_RULE) {
                html.raw("<p>").text(rows.size() - ROWS_PER_RULE).raw(" more are in <code>threadguard.sarif</code>.</p>");
            }
            html.raw("</details>");
        }
        html.raw("</div>");
    }

    private void excerpt(Html html, Result result) {
        List<String> lines = source(result.uri());
        html.raw("<pre class=\"code\">");
        if (lines.isEmpty() || result.line() > lines.size()) {
            html.raw("<span class=\"hit\"><span class=\"ln\">").text(result.line()).raw("</span>")
                    .text(result.snippet()).raw("</span>");
        } else {
            int from = Math.max(1, result.line() - CONTEXT_LINES);
            int to = Math.min(lines.size(), result.line() + CONTEXT_LINES);
            for (int line = from; line <= to; line++) {
                boolean hit = line == result.line();
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

    private static void card(Html html, String label, long value, String tone) {
        html.raw("<div class=\"card ").raw(tone).raw("\"><div class=\"value\">").text(value)
                .raw("</div><div class=\"label\">").text(label).raw("</div></div>");
    }

    private static int levelIndex(String level) {
        return switch (level == null ? "" : level) {
            case "error" -> 0;
            case "warning" -> 1;
            default -> 2;
        };
    }

    private static String levelClass(String level) {
        return switch (levelIndex(level)) {
            case 0 -> "error";
            case 1 -> "warning";
            default -> "info";
        };
    }

    private static String defaultLevel(Map<String, Object> rule) {
        return rule.get("defaultConfiguration") instanceof Map<?, ?> config && config.get("level") != null
                ? String.valueOf(config.get("level")) : "";
    }

    private static String text(Map<String, Object> rule, String key) {
        return rule.get(key) instanceof Map<?, ?> map && map.get("text") != null ? String.valueOf(map.get("text")) : "";
    }
}
