package dev.threadguard.api;

import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import dev.threadguard.types.FileTypes;
import dev.threadguard.types.TypeLookup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything a rule sees of the file it checks: the syntax tree, the file's {@link FileTypes}, the project's
 * {@link WaitingMethods}, the user's {@link AnalysisSettings}, and {@link #report} for findings (which applies
 * suppressions and configured severities). The nodes of each kind are collected in one walk and shared by all rules. Not thread-safe: one
 * context per file and thread.
 */
public final class FileContext {

    private final Path file;
    private final CompilationUnit unit;
    private final String text;
    private List<String> lines;
    private final FileTypes types;
    private final AnalysisSettings settings;
    private final WaitingMethods waitingMethods;
    private final Function<String, Severity> configuredSeverity;
    private Suppressions suppressions;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<Class<?>, List<Node>> nodesByClass = new IdentityHashMap<>();
    private final Map<Class<?>, List<?>> nodesByRequest = new HashMap<>();

    /**
     * @param configuredSeverity the severity configured for a rule id, or null to keep the rule's own
     */
    public FileContext(Path file, String text, CompilationUnit unit, TypeLookup project,
                       AnalysisSettings settings, Function<String, Severity> configuredSeverity) {
        this(file, text, unit, project, WaitingMethods.NONE, settings, configuredSeverity);
    }

    /**
     * @param waitingMethods     the project's methods that wait on their callers' behalf
     * @param configuredSeverity the severity configured for a rule id, or null to keep the rule's own
     */
    public FileContext(Path file, String text, CompilationUnit unit, TypeLookup project, WaitingMethods waitingMethods,
                       AnalysisSettings settings, Function<String, Severity> configuredSeverity) {
        this.waitingMethods = waitingMethods;
        this.file = file;
        this.unit = unit;
        this.text = text;
        this.types = new FileTypes(unit, project);
        this.settings = settings;
        this.configuredSeverity = configuredSeverity;
        unit.walk(node -> nodesByClass.computeIfAbsent(node.getClass(), key -> new ArrayList<>()).add(node));
    }

    public Path file() {
        return file;
    }

    public CompilationUnit unit() {
        return unit;
    }

    public FileTypes types() {
        return types;
    }

    public AnalysisSettings settings() {
        return settings;
    }

    /** The methods of the project that wait on their callers' behalf, as far as the engine has resolved them. */
    public WaitingMethods waitingMethods() {
        return waitingMethods;
    }

    /** All nodes of the given kind (subclasses included), in source order. */
    @SuppressWarnings("unchecked")
    public <T extends Node> List<T> nodes(Class<T> kind) {
        return (List<T>) nodesByRequest.computeIfAbsent(kind, key -> {
            List<List<Node>> matching = new ArrayList<>();
            for (Map.Entry<Class<?>, List<Node>> entry : nodesByClass.entrySet()) {
                if (kind.isAssignableFrom(entry.getKey())) {
                    matching.add(entry.getValue());
                }
            }
            if (matching.size() == 1) {
                return matching.get(0); // one class of node: already in source order, from the pre-order walk
            }
            List<T> result = new ArrayList<>();
            for (List<Node> nodes : matching) {
                for (Node node : nodes) {
                    result.add((T) node);
                }
            }
            result.sort((a, b) -> compare(a.getBegin().orElse(null), b.getBegin().orElse(null)));
            return result;
        });
    }

    private static int compare(Position a, Position b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }

    /** Reports a finding at {@code node} with the rule's default fix and severity. */
    public void report(RuleMetadata rule, Node node, String message) {
        report(rule, node, message, rule.fix(), rule.defaultSeverity());
    }

    /**
     * Reports a finding at {@code node}, unless it is suppressed there.
     *
     * @param severity the severity for this finding when the user has not configured one for the rule
     */
    public void report(RuleMetadata rule, Node node, String message, String fix, Severity severity) {
        Position begin = node.getBegin().orElse(new Position(1, 1));
        Position end = node.getEnd().orElse(begin);
        if (isSuppressed(rule.id(), node)) {
            return;
        }
        Severity configured = configuredSeverity.apply(rule.id());
        String sourceLine = begin.line >= 1 && begin.line <= lines.size() ? lines.get(begin.line - 1) : "";
        findings.add(new Finding(rule.id(), configured != null ? configured : severity, file, begin.line,
                begin.column, end.line, end.column, message, fix, sourceLine));
    }

    /** True when a finding of rule {@code ruleId} at {@code node} would be suppressed. */
    public boolean isSuppressed(String ruleId, Node node) {
        if (lines == null) {
            lines = text.lines().toList();
            suppressions = new Suppressions(text.contains("threadguard:ignore") ? lines : List.of());
        }
        return suppressions.isSuppressed(ruleId, node, node.getBegin().map(position -> position.line).orElse(1));
    }

    public List<Finding> findings() {
        return findings;
    }
}
