package dev.threadguard.rules;

import dev.threadguard.api.Rule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps docs/rules.md true: every built-in rule is documented, in order, with its default severity. */
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
            String severity = rule.metadata().defaultSeverity().label();
            String section = section(docs, rule.id());
            assertThat(section).as("section of %s", rule.id())
                    .contains("Default severity: **" + severity + "**")
                    .contains("**Flags**", "**Why:**", "**Fix:**", "```java");
            assertThat(docs).as("summary table row of %s", rule.id())
                    .contains("| [`" + rule.id() + "`](#" + rule.id() + ") | " + severity);
        }
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
