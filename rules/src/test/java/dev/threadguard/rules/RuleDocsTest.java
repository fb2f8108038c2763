package dev.threadguard.rules;

import dev.threadguard.api.Precision;
import dev.threadguard.api.Rule;
import dev.threadguard.api.RuleMetadata;
import dev.threadguard.api.SeverityPolicy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps docs/rules.md true: every built-in rule is documented, in order, with its default severity, the measured
 * figure it follows from and how to configure it. A failure shows the line to write.
 */
class RuleDocsTest {

    private static final Path DOCS = Path.of("..", "docs", "rules.md");
    private static final Pattern HEADING = Pattern.compile("^### `([a-z-]+)`$", Pattern.MULTILINE);

    @Test
    void documentsEveryBuiltInRuleInOrderWithItsDefaultSeverity() throws IOException {
        String docs = Files.readString(DOCS);
        List<String> documented = new ArrayList<>();
        Matcher heading = HEADING.matcher(docs);
        while (heading.find()) {
            documented.add(heading.group(1));
        }
        assertThat(documented).containsExactlyElementsOf(BuiltInRules.all().stream().map(Rule::id).toList());

        for (Rule rule : BuiltInRules.all()) {
            RuleMetadata metadata = rule.metadata();
            String section = section(docs, rule.id());
            assertThat(section).as("section of %s", rule.id())
                    .contains(defaultSeverityLine(metadata))
                    .contains("<rule><id>" + rule.id() + "</id><severity>")
                    .contains("**Flags**", "**Why:**", "**Fix:**", "```java");
            assertThat(docs).as("summary table row of %s", rule.id())
                    .contains("| [`" + rule.id() + "`](#" + rule.id() + ") | " + metadata.defaultLevelWithPrecision()
                            + " |");
        }
    }

    /**
     * The line under a rule's heading: its default level, the figure it follows from and why, e.g. "Default
     * severity: **info** (2 of 12 true on held-out code: below the 90 % true a warning needs)."
     */
    static String defaultSeverityLine(RuleMetadata metadata) {
        if (metadata.kinds().isEmpty()) {
            return "Default severity: " + level(metadata.defaultSeverity().label(), metadata.precision()) + ".";
        }
        return "Default severity: " + metadata.kinds().stream().map(kind -> level(kind.defaultSeverity().label(),
                kind.precision()).replace("** (", "** for " + kind.calls() + " (")).collect(Collectors.joining("; "))
                + ".";
    }

    private static String level(String label, Precision precision) {
        return "**" + label + "** (" + precision.describe() + ": " + SeverityPolicy.reason(precision) + ")";
    }

    private static String section(String docs, String id) {
        int start = docs.indexOf("### `" + id + "`");
        int next = docs.indexOf("\n### ", start + 1);
        int nextGroup = docs.indexOf("\n## ", start + 1);
        int end = next < 0 ? docs.length() : next;
        if (nextGroup >= 0 && nextGroup < end) {
            end = nextGroup;
        }
        return docs.substring(start, end);
    }
}
