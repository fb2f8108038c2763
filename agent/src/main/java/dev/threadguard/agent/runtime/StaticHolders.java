package dev.threadguard.agent.runtime;

import dev.threadguard.agent.config.Frames;
import dev.threadguard.agent.config.LogFormat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * At a test JVM's end: which live pools, timers and plain threads a static field of the code that made them still
 * holds (a library's lazily made singleton, {@code ExpiringMap.EXPIRER}; a default object built in a static
 * initializer whose thread starts on first use), written as {@code HELD} and {@code HELDTHREAD} records. The report
 * keeps such an owner or thread for the JVM's life whatever else its site made, and calls an older owner of the site
 * that no field holds any more a leak orphaned by a replacement. Only the classes of the frames that made an owner or
 * started a plain thread are read (so only classes whose code ran, which are initialized). A field's value is looked
 * through: the JDK's executor wrappers ({@code Executors.unconfigurableExecutorService}, {@code
 * newSingleThreadExecutor}'s and {@code newSingleThreadScheduledExecutor}'s) and timers, and objects of the
 * application's and libraries' classes, {@link #DEPTH} fields deep ({@code DEFAULT_RECYCLER.expirer.thread}); not
 * arrays, collections or other JDK objects. Objects are compared by identity and fields read without running any
 * application code; the objects looked into are bounded per field and in all, and an object searched without a
 * find is not searched again as deep.
 */
public final class StaticHolders {

    /** How fields are read; the agent's root package supplies a reader the JDK opened its packages to. */
    public interface Fields {
        /** {@code {name, value, ...}} of the class's static reference fields; empty when it cannot be read. */
        Object[] staticFields(Class<?> type);

        /** The values of an object's instance reference fields. */
        Object[] instanceFields(Object object);
    }

    /** Where a plain thread was started: the application's classes in its start stack (at most {@code max}). */
    interface Starts {
        List<Class<?>> startClasses(Tracker.Tracked tracked, int max);
    }

    /** How many fields deep a static field's value is looked through (a wrapper of a wrapper of a pool). */
    static final int DEPTH = 3;
    /** The most objects looked into per static field: a large object graph is not searched. */
    static final int BUDGET = 2_000;
    /** The most objects looked into at one JVM's end, over every static field: the exit stays quick. */
    static final int TOTAL_BUDGET = 100_000;
    /** The most classes of a plain thread's start that are read. */
    private static final int START_CLASSES = 32;

    private final Fields fields;
    private final RecordingLog log;

    StaticHolders(Fields fields, RecordingLog log) {
        this.fields = fields;
        this.log = log;
    }

    /**
     * Writes a {@code HELD} record for each owner of these live threads, and a {@code HELDTHREAD} record for each of
     * these live plain threads, that a static field holds.
     *
     * @param starts the application's classes in a plain thread's start stack
     */
    void record(List<Tracker.Tracked> alive, IdentityHashMap<Object, Tracker.Owner> pools, Starts starts) {
        Set<Tracker.Owner> owners = new HashSet<>();
        // what a field may hold: a pool, a timer (found through its thread) or a plain thread
        IdentityHashMap<Object, Object> byObject = new IdentityHashMap<>();
        Map<Class<?>, List<Object>> candidates = new LinkedHashMap<>();
        for (Tracker.Tracked thread : alive) {
            if (thread.owner != null) {
                owners.add(thread.owner);
                if (LogFormat.OWNER_TIMER.equals(thread.owner.kind)) {
                    byObject.put(thread.thread, thread.owner);
                }
            } else if (thread.creation != null) {
                byObject.put(thread.thread, thread);
                for (Class<?> type : starts.startClasses(thread, START_CLASSES)) {
                    candidate(candidates, type, thread);
                }
                if (!Frames.isJdk(thread.thread.getClass().getName())) {
                    candidate(candidates, thread.thread.getClass(), thread); // a thread class's own INSTANCE
                }
            }
        }
        for (Map.Entry<Object, Tracker.Owner> pool : pools.entrySet()) {
            if (owners.contains(pool.getValue())) {
                byObject.put(pool.getKey(), pool.getValue());
            }
        }
        for (Tracker.Owner owner : owners) {
            for (WeakReference<Class<?>> holder : owner.holders) {
                Class<?> type = holder.get();
                if (type != null) {
                    candidate(candidates, type, owner);
                }
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        Set<Object> held = Collections.newSetFromMap(new IdentityHashMap<>());
        Search search = new Search();
        for (Map.Entry<Class<?>, List<Object>> candidate : candidates.entrySet()) {
            Class<?> type = candidate.getKey();
            Object[] values = fields.staticFields(type);
            for (int i = 0; i + 1 < values.length; i += 2) {
                search.field = 0;
                Object found = resolve(values[i + 1], byObject, DEPTH, search);
                if (found == null || !candidate.getValue().contains(found) || !held.add(found)) {
                    continue;
                }
                String field = type.getName() + "." + values[i];
                if (found instanceof Tracker.Owner owner) {
                    log.add(new LogFormat.Line(LogFormat.HELD).add(owner.id).add(field));
                } else {
                    log.add(new LogFormat.Line(LogFormat.HELD_THREAD).add(((Tracker.Tracked) found).id).add(field));
                }
            }
        }
    }

    /** Adds the class, and the outer class of a lambda or nested class, as a place to look for what made it. */
    private static void candidate(Map<Class<?>, List<Object>> candidates, Class<?> type, Object made) {
        add(candidates, type, made);
        Class<?> host = type.getNestHost();
        if (host != type) {
            add(candidates, host, made);
        }
    }

    private static void add(Map<Class<?>, List<Object>> candidates, Class<?> type, Object made) {
        List<Object> list = candidates.get(type);
        if (list == null) {
            list = new ArrayList<>(1);
            candidates.put(type, list);
        }
        if (!list.contains(made)) {
            list.add(made);
        }
    }

    /** What the searches of one JVM's end have looked into. */
    private static final class Search {
        /** Objects searched to this many fields deep without finding anything: not searched again that deep. */
        final IdentityHashMap<Object, Integer> empty = new IdentityHashMap<>();
        /** Objects looked into: in all, and for the current static field. */
        int total;
        int field;
    }

    /** The owner or plain thread a field's value is, or holds; null when it is none of them. */
    private Object resolve(Object value, IdentityHashMap<Object, Object> byObject, int depth, Search search) {
        if (value == null) {
            return null;
        }
        Object found = byObject.get(value);
        if (found != null || depth == 0 || !lookThrough(value.getClass())) {
            return found;
        }
        Integer searched = search.empty.get(value);
        if ((searched != null && searched >= depth) || search.field >= BUDGET || search.total >= TOTAL_BUDGET) {
            return null;
        }
        search.field++;
        search.total++;
        for (Object part : fields.instanceFields(value)) {
            found = resolve(part, byObject, depth - 1, search);
            if (found != null) {
                return found; // not remembered: another class's field may hold the same object for its own thread
            }
        }
        search.empty.put(value, depth);
        return null;
    }

    /** Objects whose fields are read: the JDK's wrappers of a pool or timer, and the application's and libraries'. */
    static boolean lookThrough(Class<?> type) {
        if (type.isArray() || type.isPrimitive()) {
            return false;
        }
        String name = type.getName();
        return isJdkWrapper(name) || !Frames.isJdk(name);
    }

    /** The JDK's delegating executors ({@code Executors$DelegatedExecutorService} and kin) and {@code Timer}. */
    static boolean isJdkWrapper(String type) {
        return type.startsWith("java.util.concurrent.Executors$") || type.equals("java.util.Timer");
    }
}
