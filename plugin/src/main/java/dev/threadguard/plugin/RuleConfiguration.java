package dev.threadguard.plugin;

import dev.threadguard.engine.RuleOverride;

/**
 * One {@code <rule>} in the {@code check} goal's {@code <rules>}:
 * <pre>{@code
 * <rule>
 *   <id>unbounded-executor</id>
 *   <enabled>true</enabled>      <!-- false turns the rule off -->
 *   <severity>error</severity>   <!-- error, warning or info -->
 * </rule>
 * }</pre>
 */
public class RuleConfiguration {
    private String id;
    private Boolean enabled;
    private String severity;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getSeverity() {
        return severity;
    }

    public void setSeverity(String severity) {
        this.severity = severity;
    }

    RuleOverride toOverride() {
        return new RuleOverride(id, enabled, severity);
    }
}
