package dev.threadguard.agent.runtime;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * A map from objects, compared by identity and held weakly, to values: pools and tasks of the application, which the
 * agent must never keep alive nor ask for {@code equals}/{@code hashCode} (application code, which may throw or
 * block). Synchronized; entries of collected keys are dropped as the map is used.
 */
final class WeakIdentityMap<K, V> {

    private static final class Ref<K> extends WeakReference<K> {
        final int hash;

        Ref(K key, ReferenceQueue<K> queue) {
            super(key, queue);
            this.hash = System.identityHashCode(key);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof Ref<?> ref) || ref.hash != hash) {
                return false;
            }
            Object mine = get();
            return mine != null && mine == ref.get();
        }
    }

    private final ReferenceQueue<K> queue = new ReferenceQueue<>();
    private final Map<Object, V> entries = new HashMap<>();

    synchronized V get(K key) {
        expunge();
        return entries.get(new Ref<>(key, null));
    }

    synchronized boolean containsKey(K key) {
        return get(key) != null;
    }

    synchronized void put(K key, V value) {
        expunge();
        entries.put(new Ref<>(key, queue), value);
    }

    /** The live entries, keys strongly held by the copy. */
    synchronized java.util.IdentityHashMap<K, V> snapshot() {
        expunge();
        java.util.IdentityHashMap<K, V> copy = new java.util.IdentityHashMap<>();
        for (Map.Entry<Object, V> entry : entries.entrySet()) {
            @SuppressWarnings("unchecked")
            K key = ((Ref<K>) entry.getKey()).get();
            if (key != null) {
                copy.put(key, entry.getValue());
            }
        }
        return copy;
    }

    synchronized int size() {
        expunge();
        return entries.size();
    }

    private void expunge() {
        Object stale;
        while ((stale = queue.poll()) != null) {
            entries.remove(stale);
        }
    }
}
