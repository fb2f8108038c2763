package dev.threadguard.report.sarif;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Map;

/**
 * The part of SARIF 2.1.0 that threadguard writes, as records: what {@code check} writes to
 * {@code threadguard.sarif} and what the HTML report reads back. Field names are SARIF's own; optional fields
 * are null and left out of the file. Reading ignores fields threadguard does not write, so a SARIF file of
 * another version still reads.
 *
 * @see <a href="https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html">SARIF 2.1.0</a>
 */
public final class Sarif {

    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    public static final String VERSION = "2.1.0";
    /** The base id of locations relative to the repository root, resolved by {@link Run#originalUriBaseIds}. */
    public static final String SRCROOT = "%SRCROOT%";
    /** The partial fingerprint GitHub code scanning tracks results by. */
    public static final String PRIMARY_LOCATION_LINE_HASH = "primaryLocationLineHash";

    private Sarif() {
    }

    /** The file: one run of threadguard. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Log(@JsonProperty("$schema") String schema, String version, List<Run> runs) {
    }

    /**
     * @param originalUriBaseIds {@link #SRCROOT} and the absolute URI of the repository root
     * @param invocations        one, holding the files that could not be analysed
     * @param results            one per finding, in the analysis' order (file, line, column, rule)
     * @param properties         threadguard's own: the baseline the results were compared with
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(Tool tool, Map<String, ArtifactLocation> originalUriBaseIds, List<Invocation> invocations,
                      List<Result> results, String columnKind, RunProperties properties) {
    }

    public record Tool(ToolComponent driver) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ToolComponent(String name, String version, String semanticVersion, String informationUri,
                                List<ReportingDescriptor> rules) {
    }

    /** A rule's metadata: GitHub shows its descriptions and help next to each alert. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReportingDescriptor(String id, String name, MultiformatMessage shortDescription,
                                      MultiformatMessage fullDescription, MultiformatMessage help,
                                      ReportingConfiguration defaultConfiguration, RuleProperties properties) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MultiformatMessage(String text, String markdown) {
        public static MultiformatMessage text(String text) {
            return new MultiformatMessage(text, null);
        }
    }

    public record ReportingConfiguration(Level level) {
    }

    /** {@code problem.severity} is how GitHub ranks alerts of a rule that is not a security rule. */
    public record RuleProperties(List<String> tags, String precision,
                                 @JsonProperty("problem.severity") String problemSeverity) {
    }

    public record Invocation(boolean executionSuccessful, List<Notification> toolExecutionNotifications) {
    }

    public record Notification(Level level, Message message, List<Location> locations) {
    }

    /**
     * One finding.
     *
     * @param partialFingerprints {@link #PRIMARY_LOCATION_LINE_HASH}: the baseline's line-independent key
     * @param baselineState       whether the finding is in the module's baseline
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String ruleId, Integer ruleIndex, Level level, Message message, List<Location> locations,
                         Map<String, String> partialFingerprints, BaselineState baselineState) {

        /** The first location's physical location: every result threadguard writes has exactly one. */
        public PhysicalLocation where() {
            return locations.get(0).physicalLocation();
        }
    }

    public record Message(String text) {
    }

    public record Location(PhysicalLocation physicalLocation) {
    }

    public record PhysicalLocation(ArtifactLocation artifactLocation, Region region) {
    }

    /** A file: {@code uri} relative to {@code uriBaseId}, or absolute when outside of the repository. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ArtifactLocation(String uri, String uriBaseId) {
    }

    /** 1-based lines and columns; {@code endColumn} is exclusive. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Region(int startLine, int startColumn, Integer endLine, Integer endColumn, ArtifactContent snippet) {
    }

    public record ArtifactContent(String text) {
    }

    /**
     * @param baseline what the results were compared with; null when the module has no baseline file
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunProperties(BaselineSummary baseline) {
    }

    /**
     * @param file  the baseline file, relative to the repository root
     * @param fixed baselined findings that no longer occur
     * @param moved new findings that match fixed ones of another file: a file renamed or moved
     */
    public record BaselineSummary(String file, int unchanged, List<FixedFinding> fixed, List<MovedFile> moved) {
    }

    /** A baselined finding that no longer occurs, as the baseline recorded it. */
    public record FixedFinding(String ruleId, String uri, int line, String message) {
    }

    /** New findings in {@code to} that match fixed baselined ones in {@code from}. */
    public record MovedFile(String from, String to, int findings) {
    }

    public enum Level {
        ERROR("error"), WARNING("warning"), NOTE("note"), NONE("none");

        private final String value;

        Level(String value) {
            this.value = value;
        }

        @JsonValue
        public String value() {
            return value;
        }
    }

    /** SARIF's states of a result relative to a baseline; threadguard writes {@code new} and {@code unchanged}. */
    public enum BaselineState {
        NEW("new"), UNCHANGED("unchanged"), UPDATED("updated"), ABSENT("absent");

        private final String value;

        BaselineState(String value) {
            this.value = value;
        }

        @JsonValue
        public String value() {
            return value;
        }
    }
}
