package dev.threadguard.report.sarif;

import dev.threadguard.api.Finding;
import dev.threadguard.api.Precision;
import dev.threadguard.api.Rule;
import dev.threadguard.api.RuleMetadata;
import dev.threadguard.api.Severity;
import dev.threadguard.api.SeverityPolicy;
import dev.threadguard.engine.RuleSelection;
import dev.threadguard.engine.SourceProblem;
import dev.threadguard.report.ReportJson;
import dev.threadguard.report.baseline.Baseline;
import dev.threadguard.report.baseline.BaselineComparison;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a module's checked findings into SARIF 2.1.0, the format GitHub code scanning reads: rule metadata in
 * {@code tool.driver.rules}, one result per finding with a repository-relative location and a 1-based region, its
 * {@code baselineState}, and the baseline's line-independent key as {@code partialFingerprints}, so code scanning
 * tracks a finding across unrelated edits. Files that could not be analysed are tool execution notifications.
 */
public final class SarifReport {

    static final String INFORMATION_URI = "https://github.com/threadguard/threadguard";

    /** A rule that ran, at the level its findings are reported at unless a finding says otherwise. */
    public record EnabledRule(RuleMetadata metadata, Severity severity) {

        public static List<EnabledRule> of(RuleSelection selection) {
            List<EnabledRule> rules = new ArrayList<>();
            for (Rule rule : selection.enabledRules()) {
                rules.add(new EnabledRule(rule.metadata(), selection.effectiveSeverity(rule)));
            }
            return rules;
        }
    }

    private final Path repositoryRoot;
    private final Path moduleDirectory;
    private final String toolVersion;

    /**
     * @param repositoryRoot  locations are written relative to it, so GitHub can link them to the repository
     * @param moduleDirectory the module's directory, which baseline paths are relative to
     * @param toolVersion     threadguard's version
     */
    public SarifReport(Path repositoryRoot, Path moduleDirectory, String toolVersion) {
        this.repositoryRoot = repositoryRoot.toAbsolutePath().normalize();
        this.moduleDirectory = moduleDirectory.toAbsolutePath().normalize();
        this.toolVersion = toolVersion;
    }

    public Sarif.Log log(List<EnabledRule> rules, BaselineComparison checked, List<SourceProblem> problems) {
        Sarif.Run run = new Sarif.Run(tool(rules),
                Map.of(Sarif.SRCROOT, new Sarif.ArtifactLocation(directoryUri(repositoryRoot), null)),
                List.of(new Sarif.Invocation(true, notifications(problems))),
                results(rules, checked), "utf16CodeUnits",
                checked.hasBaseline() ? new Sarif.RunProperties(baselineSummary(checked)) : null);
        return new Sarif.Log(Sarif.SCHEMA, Sarif.VERSION, List.of(run));
    }

    /** Writes the file atomically: readers never see a half-written report. */
    public static void write(Sarif.Log log, Path target) throws IOException {
        ReportJson.write(log, target);
    }

    /**
     * Reads a file {@link #write} wrote.
     *
     * @throws IOException naming the file, line and column when it is not SARIF of threadguard's shape
     */
    public static Sarif.Log read(Path file) throws IOException {
        Sarif.Log log = ReportJson.read(file, Sarif.Log.class);
        if (log.runs() == null || log.runs().isEmpty()) {
            throw new IOException(file + " holds no SARIF run");
        }
        return log;
    }

    private Sarif.Tool tool(List<EnabledRule> rules) {
        List<Sarif.ReportingDescriptor> descriptors = new ArrayList<>();
        for (EnabledRule rule : rules) {
            RuleMetadata metadata = rule.metadata();
            descriptors.add(new Sarif.ReportingDescriptor(metadata.id(), toPascalCase(metadata.id()),
                    Sarif.MultiformatMessage.text(metadata.title()),
                    Sarif.MultiformatMessage.text(metadata.rationale()),
                    new Sarif.MultiformatMessage(metadata.rationale() + "\n\nHow to fix: " + metadata.fix()
                            + "\n\nDefault level: " + metadata.defaultLevelWithPrecision() + ".",
                            "**" + metadata.title() + "**\n\n" + metadata.rationale()
                                    + "\n\n**How to fix:** " + metadata.fix()
                                    + "\n\n**Default level:** " + metadata.defaultLevelWithPrecision() + "."
                                    + "\n\nSuppress with `@SuppressWarnings(\"threadguard:" + metadata.id()
                                    + "\")` or a `// threadguard:ignore " + metadata.id()
                                    + "` comment on the line."),
                    new Sarif.ReportingConfiguration(level(rule.severity())),
                    new Sarif.RuleProperties(List.of("concurrency", "threads"),
                            codeScanningPrecision(metadata.precision()),
                            problemSeverity(rule.severity()))));
        }
        return new Sarif.Tool(new Sarif.ToolComponent("threadguard", toolVersion,
                toolVersion.replace("-SNAPSHOT", ""), INFORMATION_URI, descriptors));
    }

    /**
     * GitHub code scanning's {@code precision} property from the measured one: very-high where the rule could be an
     * error by default, high where a warning, medium from 70 %, low below; an unmeasured rule is medium, and a rule
     * whose findings are facts rather than judgements (unused-suppression) very-high.
     */
    static String codeScanningPrecision(Precision precision) {
        if (precision instanceof Precision.Measured measured) {
            return switch (SeverityPolicy.defaultSeverity(measured)) {
                case ERROR -> "very-high";
                case WARNING -> "high";
                case INFO -> measured.percent() >= 70 ? "medium" : "low";
            };
        }
        return precision instanceof Precision.Unmeasured ? "medium" : "very-high";
    }

    private List<Sarif.Notification> notifications(List<SourceProblem> problems) {
        List<Sarif.Notification> notifications = new ArrayList<>();
        for (SourceProblem problem : problems) {
            notifications.add(new Sarif.Notification(Sarif.Level.WARNING,
                    new Sarif.Message(uri(problem.file()) + " " + problem.message()),
                    List.of(location(problem.file(), problem.line(), problem.column(), problem.line(),
                            problem.column(), null))));
        }
        return notifications;
    }

    private List<Sarif.Result> results(List<EnabledRule> rules, BaselineComparison checked) {
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            ruleIndex.put(rules.get(i).metadata().id(), i);
        }
        List<Sarif.Result> results = new ArrayList<>(checked.findings().size());
        for (BaselineComparison.Judged judged : checked.findings()) {
            Finding finding = judged.finding();
            results.add(new Sarif.Result(finding.ruleId(), ruleIndex.get(finding.ruleId()), level(finding.severity()),
                    new Sarif.Message(finding.message() + ". " + finding.fix()),
                    List.of(location(finding.file(), finding.line(), finding.column(), finding.endLine(),
                            finding.endColumn() + 1, finding.sourceLine())),
                    Map.of(Sarif.PRIMARY_LOCATION_LINE_HASH, judged.fingerprint().key()),
                    judged.baselined() ? Sarif.BaselineState.UNCHANGED : Sarif.BaselineState.NEW));
        }
        return results;
    }

    private Sarif.BaselineSummary baselineSummary(BaselineComparison checked) {
        List<Sarif.FixedFinding> fixed = new ArrayList<>();
        for (Baseline.Entry entry : checked.fixed()) {
            fixed.add(new Sarif.FixedFinding(entry.rule(), uri(moduleDirectory.resolve(entry.file())), entry.line(),
                    entry.message()));
        }
        List<Sarif.MovedFile> moved = new ArrayList<>();
        for (BaselineComparison.Moved move : checked.moved()) {
            moved.add(new Sarif.MovedFile(uri(moduleDirectory.resolve(move.from())),
                    uri(moduleDirectory.resolve(move.to())), move.findings()));
        }
        int unchanged = (int) checked.findings().stream().filter(BaselineComparison.Judged::baselined).count();
        return new Sarif.BaselineSummary(uri(checked.baselineFile()), unchanged, fixed, moved);
    }

    private Sarif.Location location(Path file, int line, int column, int endLine, int endColumn, String snippet) {
        int startLine = Math.max(1, line);
        int startColumn = Math.max(1, column);
        Integer end = null;
        Integer endCol = null;
        if (endLine >= startLine) {
            end = endLine;
            if (endLine > startLine || endColumn > startColumn) {
                endCol = endColumn;
            }
        }
        return new Sarif.Location(new Sarif.PhysicalLocation(
                new Sarif.ArtifactLocation(uri(file), isInRepository(file) ? Sarif.SRCROOT : null),
                new Sarif.Region(startLine, startColumn, end, endCol,
                        snippet == null || snippet.isEmpty() ? null : new Sarif.ArtifactContent(snippet))));
    }

    private boolean isInRepository(Path file) {
        return file.toAbsolutePath().normalize().startsWith(repositoryRoot);
    }

    /** The file's path relative to the repository root, with {@code /}; an absolute URI when outside of it. */
    public String uri(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (absolute.startsWith(repositoryRoot)) {
            return repositoryRoot.relativize(absolute).toString().replace('\\', '/');
        }
        return absolute.toUri().toString();
    }

    /** SARIF wants the URI of a base id to end with {@code /}; {@code toUri()} only adds it for existing directories. */
    private static String directoryUri(Path directory) {
        String uri = directory.toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    static Sarif.Level level(Severity severity) {
        return switch (severity) {
            case ERROR -> Sarif.Level.ERROR;
            case WARNING -> Sarif.Level.WARNING;
            case INFO -> Sarif.Level.NOTE;
        };
    }

    private static String problemSeverity(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "recommendation";
        };
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
}
