package dev.threadguard.sarif;

import dev.threadguard.api.Finding;
import dev.threadguard.api.Rule;
import dev.threadguard.api.RuleMetadata;
import dev.threadguard.api.Severity;
import dev.threadguard.engine.AnalysisResult;
import dev.threadguard.engine.RuleSelection;
import dev.threadguard.engine.SourceProblem;
import dev.threadguard.json.AtomicFiles;
import dev.threadguard.json.JsonWriter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Writes an analysis as SARIF 2.1.0, the format GitHub code scanning reads: rule metadata in
 * {@code tool.driver.rules}, one result per finding with a repository-relative location, and
 * {@code partialFingerprints} that stay the same when unrelated lines move (they hash the rule, the file and the
 * reported line's text, not its number). Files that could not be analysed are tool execution notifications.
 */
public final class SarifWriter {

    public static final String SRCROOT = "%SRCROOT%";

    private final Path repositoryRoot;
    private final String toolVersion;

    /**
     * @param repositoryRoot locations are written relative to it, so GitHub can link them to the repository
     * @param toolVersion    threadguard's version
     */
    public SarifWriter(Path repositoryRoot, String toolVersion) {
        this.repositoryRoot = repositoryRoot.toAbsolutePath().normalize();
        this.toolVersion = toolVersion;
    }

    /** Writes the file atomically: readers never see a half-written report. */
    public void write(AnalysisResult result, RuleSelection rules, Path target) throws IOException {
        AtomicFiles.write(target, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            write(result, rules, writer);
            writer.flush();
        });
    }

    public void write(AnalysisResult result, RuleSelection rules, Writer out) {
        JsonWriter json = new JsonWriter(out);
        json.beginObject()
                .field("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
                .field("version", "2.1.0")
                .name("runs").beginArray().beginObject();
        writeTool(json, result.rules(), rules);
        json.name("originalUriBaseIds").beginObject()
                .name(SRCROOT).beginObject().field("uri", repositoryRoot.toUri().toString()).endObject()
                .endObject();
        writeInvocation(json, result.problems());
        writeResults(json, result.findings(), result.rules());
        json.field("columnKind", "utf16CodeUnits");
        json.endObject().endArray().endObject();
    }

    private void writeTool(JsonWriter json, List<Rule> enabled, RuleSelection rules) {
        json.name("tool").beginObject().name("driver").beginObject()
                .field("name", "threadguard")
                .field("version", toolVersion)
                .field("semanticVersion", toolVersion.replace("-SNAPSHOT", ""))
                .field("informationUri", "https://github.com/threadguard/threadguard")
                .name("rules").beginArray();
        for (Rule rule : enabled) {
            RuleMetadata metadata = rule.metadata();
            json.beginObject()
                    .field("id", metadata.id())
                    .field("name", toPascalCase(metadata.id()))
                    .name("shortDescription").beginObject().field("text", metadata.title()).endObject()
                    .name("fullDescription").beginObject().field("text", metadata.rationale()).endObject()
                    .name("help").beginObject()
                    .field("text", metadata.rationale() + "\n\nHow to fix: " + metadata.fix())
                    .field("markdown", "**" + metadata.title() + "**\n\n" + metadata.rationale()
                            + "\n\n**How to fix:** " + metadata.fix()
                            + "\n\nSuppress with `@SuppressWarnings(\"threadguard:" + metadata.id()
                            + "\")` or a `// threadguard:ignore " + metadata.id() + "` comment on the line.")
                    .endObject()
                    .name("defaultConfiguration").beginObject()
                    .field("level", level(rules.effectiveSeverity(rule))).endObject()
                    .name("properties").beginObject()
                    .name("tags").beginArray().value("concurrency").value("threads").endArray()
                    .field("precision", "high")
                    .field("problem.severity", problemSeverity(rules.effectiveSeverity(rule)))
                    .endObject()
                    .endObject();
        }
        json.endArray().endObject().endObject();
    }

    private void writeInvocation(JsonWriter json, List<SourceProblem> problems) {
        json.name("invocations").beginArray().beginObject()
                .field("executionSuccessful", true)
                .name("toolExecutionNotifications").beginArray();
        for (SourceProblem problem : problems) {
            json.beginObject()
                    .field("level", "warning")
                    .name("message").beginObject().field("text", relative(problem.file()) + " "
                            + problem.message()).endObject()
                    .name("locations").beginArray().beginObject();
            writePhysicalLocation(json, problem.file(), problem.line(), problem.column(), problem.line(),
                    problem.column(), null);
            json.endObject().endArray().endObject();
        }
        json.endArray().endObject().endArray();
    }

    private void writeResults(JsonWriter json, List<Finding> findings, List<Rule> enabled) {
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (int i = 0; i < enabled.size(); i++) {
            ruleIndex.put(enabled.get(i).id(), i);
        }
        Map<String, Integer> occurrences = new HashMap<>();
        json.name("results").beginArray();
        for (Finding finding : findings) {
            String uri = relative(finding.file());
            String lineHash = hash(finding.ruleId() + '\n' + normalized(finding.sourceLine()));
            int occurrence = occurrences.merge(uri + '\n' + lineHash, 1, Integer::sum);
            json.beginObject()
                    .field("ruleId", finding.ruleId());
            Integer index = ruleIndex.get(finding.ruleId());
            if (index != null) {
                json.field("ruleIndex", index);
            }
            json.field("level", level(finding.severity()))
                    .name("message").beginObject()
                    .field("text", finding.message() + ". " + finding.fix()).endObject()
                    .name("locations").beginArray().beginObject();
            writePhysicalLocation(json, finding.file(), finding.line(), finding.column(), finding.endLine(),
                    finding.endColumn() + 1, finding.sourceLine());
            json.endObject().endArray()
                    .name("partialFingerprints").beginObject()
                    .field("primaryLocationLineHash", lineHash.substring(0, 16) + ':' + occurrence)
                    .field("threadguard/v1", hash(finding.ruleId() + '\n' + uri + '\n'
                            + normalized(finding.sourceLine()) + '\n' + occurrence))
                    .endObject()
                    .endObject();
        }
        json.endArray();
    }

    private void writePhysicalLocation(JsonWriter json, Path file, int line, int column, int endLine,
                                       int endColumn, String snippet) {
        json.name("physicalLocation").beginObject()
                .name("artifactLocation").beginObject()
                .field("uri", relative(file))
                .field("uriBaseId", SRCROOT)
                .endObject()
                .name("region").beginObject()
                .field("startLine", Math.max(1, line))
                .field("startColumn", Math.max(1, column));
        if (endLine >= line) {
            json.field("endLine", endLine);
            if (endLine > line || endColumn > column) {
                json.field("endColumn", endColumn);
            }
        }
        if (snippet != null && !snippet.isEmpty()) {
            json.name("snippet").beginObject().field("text", snippet).endObject();
        }
        json.endObject().endObject();
    }

    /** The file's path relative to the repository root, with {@code /}; absolute when outside of it. */
    public String relative(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (absolute.startsWith(repositoryRoot)) {
            return repositoryRoot.relativize(absolute).toString().replace('\\', '/');
        }
        return absolute.toUri().toString();
    }

    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    private static String problemSeverity(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "recommendation";
        };
    }

    private static String normalized(String line) {
        return line.replaceAll("\\s+", "");
    }

    private static String toPascalCase(String id) {
        StringBuilder name = new StringBuilder();
        for (String part : id.split("-")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return name.toString();
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
