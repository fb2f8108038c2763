package dev.threadguard.rules;

import dev.threadguard.api.Rule;
import dev.threadguard.api.RuleMetadata;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's rule table is the users' door to the rules: every rule in it, at its real default severity with the
 * measured figure it follows from.
 */
class RuleDocumentationTest {

    @Test
    void everyRuleIsInTheReadmeTableWithItsDefaultSeverityLinkingToItsDocs() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (Rule rule : BuiltInRules.all()) {
            RuleMetadata metadata = rule.metadata();
            assertThat(readme)
                    .as("README table row of %s", metadata.id())
                    .contains("| [`" + metadata.id() + "`](docs/rules.md#" + metadata.id() + ") | "
                            + metadata.defaultLevelWithPrecision() + " |");
        }
    }

    @Test
    void metadataIsCompleteAndIdsAreUnique() {
        assertThat(BuiltInRules.all()).extracting(Rule::id).doesNotHaveDuplicates();
        for (Rule rule : BuiltInRules.all()) {
            RuleMetadata metadata = rule.metadata();
            assertThat(metadata.id()).matches("[a-z]+(-[a-z]+)+");
            assertThat(metadata.title()).isNotBlank();
            assertThat(metadata.rationale()).hasSizeGreaterThan(80);
            assertThat(metadata.fix()).isNotBlank().endsWith(".");
        }
    }
}
