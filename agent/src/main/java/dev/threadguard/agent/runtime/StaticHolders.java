package dev.threadguard.agent.runtime;

import dev.threadguard.agent.config.LogFormat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * At a test JVM's end: which live pools and timers a static field of the code that made them still holds (a
 * library's lazily made singleton, {@code ExpiringMap.EXPIRER}), written as {@code HELD} records. The report keeps
 * such an owner for the JVM's life whatever else its site made, and calls an older owner of the site that no field
 * holds any more a leak orphaned by a replacement. Only the classes of the frames that made an owner are read (so
 * only classes whose code ran, which are initialized), the JDK's executor wrappers ({@code Executors
 * .unconfigurableExecutorService}, {@code newSingleThreadExecutor}'s and {@code newSingleThreadScheduledExecutor}'s)
 * and timers are looked through, and objects are compared by identity: no application code runs.
 */
public final class StaticHolders {

    /** How fields are read; the agent's root package supplies a reader the JDK opened its packages to. */
    public interface Fields {
        /** {@code {name, value, ...}} of the class's static reference fields; empty when it cannot be read. */
        Object[] staticFields(Class<?> type);

        /** The values of an object's instance reference fields. */
        Object[] instanceFields(Object object);
    }

    /** How deep wrappers are looked through (a wrapper of a wrapper of a pool). */
    private static final int DEPTH = 3;

    private final Fields fields;
    private final RecordingLog log;

    StaticHolders(Fields fields, RecordingLog log) {
        this.fields = fields;
        this.log = log;
    }

    /** Writes a {@code HELD} record for each owner of these live threads that a static field holds. */
    void record(List<Tracker.Tracked> alive, IdentityHashMap<Object, Tracker.Owner> pools) {
        Set<Tracker.Owner> owners = new HashSet<>();
        IdentityHashMap<Object, Tracker.Owner> byObject = new IdentityHashMap<>();
        for (Tracker.Tracked thread : alive) {
            if (thread.owner != null) {
                owners.add(thread.owner);
                if (LogFormat.OWNER_TIMER.equals(thread.owner.kind)) {
                    byObject.put(thread.thread, thread.owner); // a timer is found through its thread
                }
            }
        }
        if (owners.isEmpty()) {
            return;
        }
        for (Map.Entry<Object, Tracker.Owner> pool : pools.entrySet()) {
            if (owners.contains(pool.getValue())) {
                byObject.put(pool.getKey(), pool.getValue());
            }
        }
        Map<Class<?>, List<Tracker.Owner>> candidates = new LinkedHashMap<>();
        for (Tracker.Owner owner : owners) {
            for (WeakReference<Class<?>> holder : owner.holders) {
                Class<?> type = holder.get();
                if (type != null) {
                    candidate(candidates, type, owner);
                    candidate(candidates, type.getNestHost(), owner); // a lambda's or nested class's outer class
                }
            }
        }
        Set<Tracker.Owner> held = new HashSet<>();
        for (Map.Entry<Class<?>, List<Tracker.Owner>> candidate : candidates.entrySet()) {
            Class<?> type = candidate.getKey();
            Object[] values = fields.staticFields(type);
            for (int i = 0; i + 1 < values.length; i += 2) {
                Tracker.Owner owner = resolve(values[i + 1], byObject, DEPTH);
                if (owner != null && candidate.getValue().contains(owner) && held.add(owner)) {
                    log.add(new LogFormat.Line(LogFormat.HELD).add(owner.id).add(type.getName() + "." + values[i]));
                }
            }
        }
    }

    private static void candidate(Map<Class<?>, List<Tracker.Owner>> candidates, Class<?> type, Tracker.Owner owner) {
        List<Tracker.Owner> list = candidates.get(type);
        if (list == null) {
            list = new ArrayList<>(1);
            candidates.put(type, list);
        }
        if (!list.contains(owner)) {
            list.add(owner);
        }
    }

    /** The owner a field's value is, or wraps; null when it is none of them. */
    private Tracker.Owner resolve(Object value, IdentityHashMap<Object, Tracker.Owner> byObject, int depth) {
        Tracker.Owner owner = byObject.get(value);
        if (owner != null || depth == 0 || !isJdkWrapper(value.getClass().getName())) {
            return owner;
        }
        for (Object part : fields.instanceFields(value)) {
            owner = resolve(part, byObject, depth - 1);
            if (owner != null) {
                return owner;
            }
        }
        return null;
    }

    /** The JDK's delegating executors ({@code Executors$DelegatedExecutorService} and kin) and {@code Timer}. */
    static boolean isJdkWrapper(String type) {
        return type.startsWith("java.util.concurrent.Executors$") || type.equals("java.util.Timer");
    }
}
