package dev.threadguard.api;

import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AnnotationExpr;
import dev.threadguard.types.FileTypes;
import dev.threadguard.types.TypeLookup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything a rule sees of the file it checks: the syntax tree, the file's {@link FileTypes}, the project's
 * {@link WaitingMethods}, the user's {@link AnalysisSettings}, and {@link #report} for findings (which applies
 * suppressions and configured severities). The nodes of each kind are collected in one walk and shared by all rules. Not thread-safe: one
 * context per file and thread.
 */
public final class FileContext {

    /** The {@link #release()} of a project that does not say which Java version it is written for. */
    public static final int UNKNOWN_RELEASE = Integer.MAX_VALUE;

    private final Path file;
    private final CompilationUnit unit;
    private final String text;
    private List<String> lines;
    private final FileTypes types;
    private final AnalysisSettings settings;
    private final WaitingMethods waitingMethods;
    private final Function<String, Severity> configuredSeverity;
    private final int release;
    private final Set<String> checkedRules = new HashSet<>();
    private Suppressions suppressions;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<Class<?>, List<Node>> nodesByClass = new IdentityHashMap<>();
    private final Map<Class<?>, List<?>> nodesByRequest = new HashMap<>();

    /**
     * @param configuredSeverity the severity configured for a rule id, or null to keep the rule's own
     * @param release            the Java release the sources are written for, {@link #UNKNOWN_RELEASE} if unknown
     */
    public FileContext(Path file, String text, CompilationUnit unit, TypeLookup project,
                       AnalysisSettings settings, Function<String, Severity> configuredSeverity, int release) {
        this(file, text, unit, project, WaitingMethods.NONE, settings, configuredSeverity, release);
    }

    /**
     * @param waitingMethods     the project's methods that wait on their callers' behalf
     * @param configuredSeverity the severity configured for a rule id, or null to keep the rule's own
     * @param release            the Java release the sources are written for, {@link #UNKNOWN_RELEASE} if unknown
     */
    public FileContext(Path file, String text, CompilationUnit unit, TypeLookup project, WaitingMethods waitingMethods,
                       AnalysisSettings settings, Function<String, Severity> configuredSeverity, int release) {
        this.waitingMethods = waitingMethods;
        this.file = file;
        this.release = release;
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

    /**
     * The Java release the sources are written for ({@code threadguard.languageLevel}, else the compiler's
     * release), for advice that depends on it; {@link #UNKNOWN_RELEASE} when the project does not say.
     */
    public int release() {
        return release;
    }

    /** Runs a rule over this file and remembers that it checked the file to its end. */
    public void check(Rule rule) {
        rule.check(this);
        checkedRules.add(rule.id());
    }

    /**
     * The ids of the rules that have checked this file to their end so far: not those the configuration disables,
     * nor one that failed on the file.
     */
    public Set<String> checkedRules() {
        return Collections.unmodifiableSet(checkedRules);
    }

    /** Every threadguard suppression written in this file, in source order. */
    public List<Suppression> suppressions() {
        if (!text.contains("threadguard")) {
            return List.of();
        }
        return suppressionsOfFile().all(nodes(AnnotationExpr.class));
    }

    /** True when the suppression has silenced a finding so far. */
    public boolean isUsed(Suppression suppression) {
        return suppressionsOfFile().isUsed(suppression);
    }

    private Suppressions suppressionsOfFile() {
        if (suppressions == null) {
            suppressions = new Suppressions(unit, text);
        }
        return suppressions;
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
        report(rule, node, begin, node.getEnd().orElse(begin), null, message, fix, severity);
    }

    /**
     * Reports a finding about a suppression, where the suppression is written, unless another suppression silences
     * it there: a suppression never silences the finding about itself.
     */
    public void report(RuleMetadata rule, Suppression about, String message, String fix, Severity severity) {
        Node at = about.node() != null ? about.node() : innermostAt(unit, about.range().begin);
        report(rule, at, about.range().begin, about.range().end, about, message, fix, severity);
    }

    /** The innermost node whose range holds {@code position}, for a comment, which is no node of the tree. */
    private static Node innermostAt(Node root, Position position) {
        Node current = root;
        for (boolean deeper = true; deeper; ) {
            deeper = false;
            for (Node child : current.getChildNodes()) {
                if (child.getRange().map(range -> range.contains(position)).orElse(false)) {
                    current = child;
                    deeper = true;
                    break;
                }
            }
        }
        return current;
    }

    private void report(RuleMetadata rule, Node node, Position begin, Position end, Suppression about,
                        String message, String fix, Severity severity) {
        if (lines == null) {
            lines = text.lines().toList();
        }
        if (suppressionsOfFile().isSuppressed(rule.id(), node, begin.line, about)) {
            return;
        }
        Severity configured = configuredSeverity.apply(rule.id());
        String sourceLine = begin.line >= 1 && begin.line <= lines.size() ? lines.get(begin.line - 1) : "";
        findings.add(new Finding(rule.id(), configured != null ? configured : severity, file, begin.line,
                begin.column, end.line, end.column, message, fix, sourceLine, FindingSite.enclosingType(node),
                FindingSite.enclosingMember(node), FindingSite.flaggedCode(node)));
    }

    /** True when a finding of rule {@code ruleId} at {@code node} would be suppressed. */
    public boolean isSuppressed(String ruleId, Node node) {
        return suppressionsOfFile().isSuppressed(ruleId, node, node.getBegin().map(position -> position.line)
                .orElse(1), null);
    }

    public List<Finding> findings() {
        return findings;
    }
}
