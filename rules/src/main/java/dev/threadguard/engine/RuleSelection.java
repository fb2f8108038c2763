package dev.threadguard.engine;

import dev.threadguard.api.ConfigurationException;
import dev.threadguard.api.Rule;
import dev.threadguard.api.Severity;
import dev.threadguard.rules.BuiltInRules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The rules that run and the severity each reports at, after applying the user's overrides to the defaults. */
public final class RuleSelection {

    private final List<Rule> enabled;
    private final Map<String, Severity> severities;
    private final List<RuleOverride> overrides;

    private RuleSelection(List<Rule> enabled, Map<String, Severity> severities, List<RuleOverride> overrides) {
        this.enabled = enabled;
        this.severities = severities;
        this.overrides = overrides;
    }

    /** The overrides this selection was made from. */
    public List<RuleOverride> overrides() {
        return overrides;
    }

    /** Every built-in rule at its default severity. */
    public static RuleSelection defaults() {
        return of(List.of());
    }

    /**
     * Applies overrides to the built-in rules.
     *
     * @throws ConfigurationException for an unknown rule id or severity, naming the valid ones
     */
    public static RuleSelection of(List<RuleOverride> overrides) {
        Map<String, RuleOverride> byId = new HashMap<>();
        for (RuleOverride override : overrides == null ? List.<RuleOverride>of() : overrides) {
            if (override.id() == null || override.id().isBlank()) {
                throw new ConfigurationException("A <rule> in <rules> has no <id>. Valid rule ids: " + validIds() + ".");
            }
            String id = override.id().trim();
            if (BuiltInRules.byId(id).isEmpty()) {
                throw new ConfigurationException("<rules> names the rule '" + id + "', which does not exist. "
                        + "Valid rule ids: " + validIds() + ".");
            }
            if (byId.putIfAbsent(id, override) != null) {
                throw new ConfigurationException("<rules> configures the rule '" + id + "' twice; keep one <rule>.");
            }
        }
        List<Rule> enabled = new ArrayList<>();
        Map<String, Severity> severities = new HashMap<>();
        for (Rule rule : BuiltInRules.all()) {
            RuleOverride override = byId.get(rule.id());
            if (override != null && Boolean.FALSE.equals(override.enabled())) {
                continue;
            }
            enabled.add(rule);
            if (override != null && override.severity() != null && !override.severity().isBlank()) {
                severities.put(rule.id(), Severity.parse(override.severity(),
                        "The <severity> of rule '" + rule.id() + "'"));
            }
        }
        return new RuleSelection(Collections.unmodifiableList(enabled), Map.copyOf(severities),
                overrides == null ? List.of() : List.copyOf(overrides));
    }

    public static String validIds() {
        return BuiltInRules.all().stream().map(Rule::id).collect(Collectors.joining(", "));
    }

    public List<Rule> enabledRules() {
        return enabled;
    }

    /** The severity the user configured for a rule, or null to keep the rule's own. */
    public Severity configuredSeverity(String ruleId) {
        return severities.get(ruleId);
    }

    /** The severity a rule's findings are reported at by default: configured, or the rule's default. */
    public Severity effectiveSeverity(Rule rule) {
        return severities.getOrDefault(rule.id(), rule.metadata().defaultSeverity());
    }
}
