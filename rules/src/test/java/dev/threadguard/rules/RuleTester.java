package dev.threadguard.rules;

import dev.threadguard.api.AnalysisSettings;
import dev.threadguard.api.Finding;
import dev.threadguard.api.Rule;
import dev.threadguard.api.Severity;
import dev.threadguard.engine.AnalysisListener;
import dev.threadguard.engine.AnalysisRequest;
import dev.threadguard.engine.AnalysisResult;
import dev.threadguard.engine.Analyzer;
import dev.threadguard.engine.RuleOverride;
import dev.threadguard.engine.RuleSelection;
import dev.threadguard.engine.SourceProblem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs one rule over in-memory sources on the production path: the sources are written to a project directory
 * and analysed by the engine's {@link Analyzer}, with the parser configuration, project index, file context and
 * suppressions users get, and only this rule enabled (as a user's {@code <rules>} would disable the others); or a
 * few rules together, for a rule such as {@code unused-suppression} that reads what the others reported.
 * Findings read well in assertions as {@code "rule-id@line:column"}.
 *
 * <p>Every analysis runs twice: with every file parsed, and with the prefilter as users have it. A test source in
 * which the rule reports something but that the prefilter would skip fails the test: the rule's
 * {@link Rule#triggers() triggers} are too narrow, and users would never see that finding.
 */
final class RuleTester {

    private final List<Rule> rules;
    private AnalysisSettings settings = AnalysisSettings.DEFAULT;
    private String languageLevel;
    private final Map<String, Severity> severities = new LinkedHashMap<>();

    private RuleTester(List<Rule> rules) {
        this.rules = rules;
    }

    /** Runs these rules, with every other one disabled. */
    static RuleTester of(Rule... rules) {
        for (Rule rule : rules) {
            if (BuiltInRules.byId(rule.id()).map(builtIn -> builtIn.getClass() != rule.getClass()).orElse(true)) {
                throw new IllegalArgumentException(rule.getClass().getSimpleName() + " is not the built-in rule '"
                        + rule.id() + "': RuleTester runs built-in rules the way users run them; add it to "
                        + "BuiltInRules");
            }
        }
        return new RuleTester(List.of(rules));
    }

    RuleTester settings(AnalysisSettings analysisSettings) {
        this.settings = analysisSettings;
        return this;
    }

    /** Analyses the sources as written for this Java version, as {@code threadguard.languageLevel} does. */
    RuleTester languageLevel(String version) {
        this.languageLevel = version;
        return this;
    }

    /** Reports the rule's findings at {@code severity}, as a user's {@code <severity>} in the pom does. */
    RuleTester severity(String ruleId, Severity severity) {
        severities.put(ruleId, severity);
        return this;
    }

    /** Findings of all given compilation units, in order; {@code SourceN.java} is the N-th source's file. */
    List<Finding> findings(String... sources) {
        Path project = null;
        try {
            project = Files.createTempDirectory("threadguard-rule-test");
            Path root = project.resolve("src");
            Files.createDirectories(root);
            for (int i = 0; i < sources.length; i++) {
                Files.writeString(root.resolve(fileName(i)), sources[i]);
            }
            AnalysisRequest.Builder request = AnalysisRequest.builder()
                    .sourceRoots(List.of(root))
                    .projectDirectory(project)
                    .rules(RuleSelection.of(overrides()))
                    .settings(settings)
                    .languageLevel(languageLevel)
                    .threads(1);
            AnalysisResult everyFile = new Analyzer(request.prefilter(false).build()).run(AnalysisListener.NONE);
            failOnProblems(everyFile.problems(), root);
            AnalysisResult asUsersRunIt = new Analyzer(request.prefilter(true).build()).run(AnalysisListener.NONE);
            failWhenThePrefilterSkipsAFinding(everyFile.findings(), asUsersRunIt.findings(), root);
            return everyFile.findings().stream()
                    .map(finding -> relative(finding, root))
                    .sorted(Finding.ORDER)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(project);
        }
    }

    /** Findings as {@code "rule-id@line:column"}. */
    List<String> positions(String... sources) {
        return findings(sources).stream()
                .map(finding -> finding.ruleId() + "@" + finding.line() + ":" + finding.column())
                .toList();
    }

    private List<RuleOverride> overrides() {
        List<RuleOverride> overrides = new ArrayList<>();
        for (Rule other : BuiltInRules.all()) {
            Severity severity = severities.get(other.id());
            if (rules.stream().noneMatch(rule -> rule.id().equals(other.id()))) {
                overrides.add(new RuleOverride(other.id(), false, null));
            } else if (severity != null) {
                overrides.add(new RuleOverride(other.id(), null, severity.label()));
            }
        }
        return overrides;
    }

    private static void failOnProblems(List<SourceProblem> problems, Path root) {
        if (!problems.isEmpty()) {
            throw new AssertionError("the test sources do not go through the analysis cleanly:\n" + problems.stream()
                    .map(p -> root.relativize(p.file()) + ":" + p.line() + ":" + p.column() + ": " + p.message())
                    .collect(Collectors.joining("\n")));
        }
    }

    private void failWhenThePrefilterSkipsAFinding(List<Finding> everyFile, List<Finding> asUsersRunIt, Path root) {
        Set<String> missed = new LinkedHashSet<>();
        for (Finding finding : everyFile) {
            if (!asUsersRunIt.contains(finding)) {
                missed.add(root.relativize(finding.file()) + ":" + finding.line() + ":" + finding.column());
            }
        }
        if (!missed.isEmpty() || asUsersRunIt.size() != everyFile.size()) {
            throw new AssertionError("the prefilter would not parse the file of the findings at " + missed + ": the "
                    + "triggers() of " + rules.stream().map(rule -> rule.getClass().getSimpleName())
                    .collect(Collectors.joining(" or ")) + " are too narrow for it, and users "
                    + "would never see these findings");
        }
    }

    private static Finding relative(Finding finding, Path root) {
        return new Finding(finding.ruleId(), finding.severity(), root.relativize(finding.file()), finding.line(),
                finding.column(), finding.endLine(), finding.endColumn(), finding.message(), finding.fix(),
                finding.sourceLine());
    }

    private static String fileName(int index) {
        return "Source" + index + ".java";
    }

    private static void delete(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test project " + directory, e);
        }
    }
}
