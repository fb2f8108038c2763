package dev.threadguard.rules;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import dev.threadguard.api.AnalysisSettings;
import dev.threadguard.api.FileContext;
import dev.threadguard.api.Finding;
import dev.threadguard.api.Rule;
import dev.threadguard.api.Severity;
import dev.threadguard.types.ProjectIndex;
import dev.threadguard.types.TypeOutline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one rule over in-memory sources the way the engine does (project index over all sources, then each file
 * checked), and reports findings as {@code "rule-id@line:column"} strings that read well in assertions.
 */
final class RuleTester {

    private final Rule rule;
    private AnalysisSettings settings = AnalysisSettings.DEFAULT;
    private final Map<String, Severity> severities = new HashMap<>();

    private RuleTester(Rule rule) {
        this.rule = rule;
    }

    static RuleTester of(Rule rule) {
        return new RuleTester(rule);
    }

    RuleTester settings(AnalysisSettings analysisSettings) {
        this.settings = analysisSettings;
        return this;
    }

    /** Reports the rule's findings at {@code severity}, as a user's {@code <severity>} in the pom does. */
    RuleTester severity(String ruleId, Severity severity) {
        severities.put(ruleId, severity);
        return this;
    }

    /** Findings of all given compilation units, in order. */
    List<Finding> findings(String... sources) {
        ProjectIndex index = ProjectIndex.of(java.util.Arrays.stream(sources).map(TypeOutline::of).toList());
        JavaParser parser = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21));
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < sources.length; i++) {
            ParseResult<CompilationUnit> parsed = parser.parse(sources[i]);
            if (!parsed.isSuccessful()) {
                throw new AssertionError("test source " + i + " does not parse: " + parsed.getProblems());
            }
            FileContext context = new FileContext(Path.of("Source" + i + ".java"), sources[i],
                    parsed.getResult().orElseThrow(), index, settings, severities::get);
            rule.check(context);
            findings.addAll(context.findings());
        }
        findings.sort(Finding.ORDER);
        return findings;
    }

    /** Findings as {@code "rule-id@line:column"}. */
    List<String> positions(String... sources) {
        return findings(sources).stream()
                .map(finding -> finding.ruleId() + "@" + finding.line() + ":" + finding.column())
                .toList();
    }
}
