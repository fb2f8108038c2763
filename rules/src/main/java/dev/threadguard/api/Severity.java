package dev.threadguard.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How serious a finding is. Ordered from most to least severe. */
public enum Severity {
    ERROR("error"),
    WARNING("warning"),
    INFO("info");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The lower-case name used in configuration and on the console: {@code error}, {@code warning}, {@code info}. */
    public String label() {
        return label;
    }

    /** True when this severity is at least as serious as {@code threshold}. */
    public boolean isAtLeast(Severity threshold) {
        return compareTo(threshold) <= 0;
    }

    /**
     * Parses a severity as written in a pom, case-insensitively.
     *
     * @param what names the setting being parsed, for the error message
     * @throws ConfigurationException naming the valid levels when the value is not one of them
     */
    public static Severity parse(String value, String what) {
        if (value != null) {
            String wanted = value.trim().toLowerCase(Locale.ROOT);
            for (Severity severity : values()) {
                if (severity.label.equals(wanted)) {
                    return severity;
                }
            }
        }
        throw new ConfigurationException(what + " is '" + value + "', which is not a severity. Use one of: "
                + Arrays.stream(values()).map(Severity::label).collect(Collectors.joining(", ")) + ".");
    }

    @Override
    public String toString() {
        return label;
    }
}
