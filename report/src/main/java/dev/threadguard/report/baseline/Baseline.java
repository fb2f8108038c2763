package dev.threadguard.report.baseline;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.threadguard.json.AtomicFiles;
import dev.threadguard.report.ReportJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The file {@code threadguard:baseline} writes, {@code threadguard-baseline.json}: the findings {@code check} does
 * not fail on. Each entry is keyed by its {@link Fingerprint} and says, for review, what was found where; entries
 * are sorted by file, type, member, rule and code (not by line), so the file diffs cleanly.
 *
 * @param version  the format, {@link #FORMAT}
 * @param findings the baselined findings, sorted
 */
@JsonPropertyOrder({"version", "findings"})
public record Baseline(int version, List<Entry> findings) {

    public static final int FORMAT = 1;

    private static final ObjectWriter READABLE = ReportJson.mapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    /** How entries are sorted: by the parts of their key, so unrelated edits do not reorder them. */
    static final Comparator<Entry> ORDER = Comparator.comparing(Entry::file)
            .thenComparing(Entry::type)
            .thenComparing(Entry::member)
            .thenComparing(Entry::rule)
            .thenComparing(Entry::code)
            .thenComparingInt(Entry::occurrence)
            .thenComparing(Entry::fingerprint);

    public Baseline {
        findings = findings == null ? List.of() : findings.stream().filter(Objects::nonNull).sorted(ORDER).toList();
    }

    public static Baseline of(List<Entry> entries) {
        return new Baseline(FORMAT, entries);
    }

    /**
     * One baselined finding.
     *
     * @param rule        the rule's id
     * @param file        the file relative to the module's directory
     * @param line        the line it was on when it was baselined (for the reader; matching ignores it)
     * @param type        the enclosing type
     * @param member      the enclosing member
     * @param code        the flagged code
     * @param message     the finding's message when it was baselined
     * @param fingerprint the key {@code check} matches findings by
     */
    @JsonPropertyOrder({"rule", "file", "line", "type", "member", "code", "message", "fingerprint"})
    public record Entry(String rule, String file, int line, String type, String member, String code, String message,
                        String fingerprint) {

        public Entry {
            rule = Objects.requireNonNullElse(rule, "");
            file = Objects.requireNonNullElse(file, "");
            type = Objects.requireNonNullElse(type, "");
            member = Objects.requireNonNullElse(member, "");
            code = Objects.requireNonNullElse(code, "");
            message = Objects.requireNonNullElse(message, "");
            fingerprint = Objects.requireNonNullElse(fingerprint, "");
        }

        static Entry of(Fingerprint fingerprint, int line, String message) {
            return new Entry(fingerprint.ruleId(), fingerprint.file(), line, fingerprint.type(), fingerprint.member(),
                    fingerprint.code(), message, fingerprint.key());
        }

        /** The occurrence the fingerprint ends with; 1 when it has none. */
        int occurrence() {
            int colon = fingerprint.lastIndexOf(':');
            try {
                return colon < 0 ? 1 : Integer.parseInt(fingerprint.substring(colon + 1));
            } catch (NumberFormatException e) {
                return 1;
            }
        }

        String withoutFile() {
            return Fingerprint.of(rule, file, type, member, code, occurrence()).withoutFile();
        }
    }

    /**
     * Reads a baseline file.
     *
     * @throws IOException naming the file and what is wrong with it when it cannot be read or is not a baseline
     */
    public static Baseline read(Path file) throws IOException {
        Baseline baseline = ReportJson.read(file, Baseline.class);
        if (baseline.version() != FORMAT) {
            throw new IOException(file + (baseline.version() == 0
                    ? " has no version, so it is no threadguard baseline"
                    : " is a threadguard baseline of format " + baseline.version() + "; this threadguard reads format "
                    + FORMAT) + ". Write it again with mvn threadguard:baseline.");
        }
        List<String> missing = new ArrayList<>();
        for (Entry entry : baseline.findings()) {
            if (entry.fingerprint().isEmpty()) {
                missing.add(entry.rule() + " in " + entry.file() + " (line " + entry.line() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException(file + ": " + missing.size()
                    + " entries have no fingerprint, e.g. " + missing.get(0)
                    + ". Write the file again with mvn threadguard:baseline rather than editing it by hand.");
        }
        return baseline;
    }

    /**
     * Writes the file for review: two-space indentation, {@code "name": value}, one field a line, LF on every
     * platform, ending with a newline.
     */
    public void write(Path file) throws IOException {
        byte[] text = (READABLE.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(text));
    }
}
