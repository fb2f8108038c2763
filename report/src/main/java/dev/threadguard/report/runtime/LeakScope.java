package dev.threadguard.report.runtime;

import java.util.Locale;

/** When a thread started by a test counts as leaked. */
public enum LeakScope {
    /** Still alive when the test JVM ends, after the settle time. */
    JVM,
    /** Still alive a settle time after the test class that started it finished (its last test, or its container). */
    CLASS,
    /** Still alive a settle time after the test (or test class) that started it finished. */
    TEST;

    /** @throws IllegalArgumentException naming the valid values */
    public static LeakScope parse(String value) {
        String normalized = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (normalized) {
            case "jvm" -> JVM;
            case "class" -> CLASS;
            case "test" -> TEST;
            default -> throw new IllegalArgumentException("threadguard.leakScope is '" + value + "', but it must be "
                    + "jvm (threads alive when the test JVM ends), class (threads that outlive the test class that "
                    + "started them) or test (threads that outlive the test that started them).");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
