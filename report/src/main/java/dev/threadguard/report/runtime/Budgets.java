package dev.threadguard.report.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/** The thread budgets; null means "not enforced" (still measured and printed). */
public record Budgets(Long maxThreads, Long maxVirtualThreads, Long maxThreadsStarted, Long maxLeakedThreads,
        Long maxJvmLifetimeThreads) {

    public static final String MAX_THREADS = "maxThreads";
    public static final String MAX_VIRTUAL_THREADS = "maxVirtualThreads";
    public static final String MAX_THREADS_STARTED = "maxThreadsStarted";
    public static final String MAX_LEAKED_THREADS = "maxLeakedThreads";
    public static final String MAX_JVM_LIFETIME_THREADS = "maxJvmLifetimeThreads";

    /** @throws IllegalArgumentException naming the budget that is below zero */
    public Budgets {
        check(MAX_THREADS, maxThreads);
        check(MAX_VIRTUAL_THREADS, maxVirtualThreads);
        check(MAX_THREADS_STARTED, maxThreadsStarted);
        check(MAX_LEAKED_THREADS, maxLeakedThreads);
        check(MAX_JVM_LIFETIME_THREADS, maxJvmLifetimeThreads);
    }

    public Budgets(Long maxThreads, Long maxVirtualThreads, Long maxThreadsStarted, Long maxLeakedThreads) {
        this(maxThreads, maxVirtualThreads, maxThreadsStarted, maxLeakedThreads, null);
    }

    private static void check(String name, Long value) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException("threadguard." + name + " is " + value + ", but a budget must be 0 or "
                    + "more. Set it to the most threads you accept, or leave it out to only measure.");
        }
    }

    /** Name to limit, in a fixed order, null for unset. */
    public Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put(MAX_THREADS, maxThreads);
        map.put(MAX_VIRTUAL_THREADS, maxVirtualThreads);
        map.put(MAX_THREADS_STARTED, maxThreadsStarted);
        map.put(MAX_LEAKED_THREADS, maxLeakedThreads);
        map.put(MAX_JVM_LIFETIME_THREADS, maxJvmLifetimeThreads);
        return map;
    }

    /** The budgets written in a report (null for a report of an older version). */
    public static Budgets of(Map<String, Long> map) {
        if (map == null) {
            return new Budgets(null, null, null, null, null);
        }
        return new Budgets(map.get(MAX_THREADS), map.get(MAX_VIRTUAL_THREADS), map.get(MAX_THREADS_STARTED),
                map.get(MAX_LEAKED_THREADS), map.get(MAX_JVM_LIFETIME_THREADS));
    }
}
