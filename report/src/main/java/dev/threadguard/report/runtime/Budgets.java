package dev.threadguard.report.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/** The four thread budgets; null means "not enforced" (still measured and printed). */
public record Budgets(Long maxThreads, Long maxVirtualThreads, Long maxThreadsStarted, Long maxLeakedThreads) {

    public static final String MAX_THREADS = "maxThreads";
    public static final String MAX_VIRTUAL_THREADS = "maxVirtualThreads";
    public static final String MAX_THREADS_STARTED = "maxThreadsStarted";
    public static final String MAX_LEAKED_THREADS = "maxLeakedThreads";

    /** @throws IllegalArgumentException naming the budget that is below zero */
    public Budgets {
        check(MAX_THREADS, maxThreads);
        check(MAX_VIRTUAL_THREADS, maxVirtualThreads);
        check(MAX_THREADS_STARTED, maxThreadsStarted);
        check(MAX_LEAKED_THREADS, maxLeakedThreads);
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
        return map;
    }
}
