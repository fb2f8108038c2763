package dev.threadguard.agent.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/**
 * A concurrent map from a thread, by identity, to a value: the tracker's live and ignored threads.
 *
 * <p>By identity because a {@code Thread} subclass may override {@code equals}/{@code hashCode}, and the agent must
 * not call application code. Looking up and removing allocate nothing, which a map keyed by a wrapper object could
 * not promise: the exit hook runs in a thread that is ending, and such a thread has often never allocated. Its first
 * allocation takes a thread-local allocation buffer of its own, sized from the young generation (up to megabytes);
 * on thread churn those buffers, each holding one small key, filled the young generation every few hundred threads
 * (about ninety collections in the churn benchmark, against one without the agent).
 *
 * <p>Striped: each stripe is a small chained hash table behind its own lock, so the start of one thread and the end
 * of another rarely meet on a lock. The code is kept small on purpose: it runs at every start and end, and what the
 * JIT compiles there is paid by every JVM the agent watches.
 */
final class ThreadTable<V> {

    private static final int STRIPES = 32;
    private static final int FIRST_CAPACITY = 8;

    private static final class Node<V> {
        final Thread thread;
        final int hash;
        V value;
        Node<V> next;

        Node(Thread thread, int hash, V value, Node<V> next) {
            this.thread = thread;
            this.hash = hash;
            this.value = value;
            this.next = next;
        }
    }

    private static final class Stripe<V> {
        Node<V>[] buckets = newBuckets(FIRST_CAPACITY);
        int size;
    }

    private final Stripe<V>[] stripes;
    private final AtomicInteger size = new AtomicInteger();
    private final ToLongFunction<Thread> ids;

    /**
     * {@code ids}: a thread's id, read without calling application code (the hook's reader), or null to hash threads
     * by identity. The id is preferred: {@code Thread.start} holds the thread's monitor, and the identity hash of a
     * locked object makes the JVM inflate its monitor.
     */
    @SuppressWarnings("unchecked")
    ThreadTable(ToLongFunction<Thread> ids) {
        this.ids = ids;
        stripes = new Stripe[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe<>();
        }
    }

    /** The value of a thread, or null. */
    V get(Thread thread) {
        int hash = hash(thread);
        Stripe<V> stripe = stripes[hash & (STRIPES - 1)];
        synchronized (stripe) {
            for (Node<V> node = stripe.buckets[bucket(hash, stripe)]; node != null; node = node.next) {
                if (node.thread == thread) {
                    return node.value;
                }
            }
        }
        return null;
    }

    boolean containsKey(Thread thread) {
        return get(thread) != null;
    }

    /**
     * Maps the thread to a value (not null) unless it has one already; returns the value it has, or null when it was
     * added (one lookup for the tracker's "is it new?" and "keep it").
     */
    V putIfAbsent(Thread thread, V value) {
        int hash = hash(thread);
        Stripe<V> stripe = stripes[hash & (STRIPES - 1)];
        synchronized (stripe) {
            int index = bucket(hash, stripe);
            for (Node<V> node = stripe.buckets[index]; node != null; node = node.next) {
                if (node.thread == thread) {
                    return node.value;
                }
            }
            stripe.buckets[index] = new Node<>(thread, hash, value, stripe.buckets[index]);
            if (++stripe.size > stripe.buckets.length) {
                grow(stripe);
            }
        }
        size.incrementAndGet();
        return null;
    }

    /** Removes the thread; returns its value, or null when it had none. */
    V remove(Thread thread) {
        int hash = hash(thread);
        Stripe<V> stripe = stripes[hash & (STRIPES - 1)];
        synchronized (stripe) {
            int index = bucket(hash, stripe);
            Node<V> previous = null;
            for (Node<V> node = stripe.buckets[index]; node != null; previous = node, node = node.next) {
                if (node.thread == thread) {
                    if (previous == null) {
                        stripe.buckets[index] = node.next;
                    } else {
                        previous.next = node.next;
                    }
                    stripe.size--;
                    size.decrementAndGet();
                    return node.value;
                }
            }
        }
        return null;
    }

    boolean isEmpty() {
        return size.get() == 0;
    }

    /** The threads in the table now. */
    @SuppressWarnings("unchecked")
    List<Thread> threads() {
        return (List<Thread>) collect(true);
    }

    /** The values in the table now. */
    @SuppressWarnings("unchecked")
    List<V> values() {
        return (List<V>) collect(false);
    }

    /** The threads, or the values, in the table now (no lambda: the agent defines none). */
    private List<?> collect(boolean threads) {
        List<Object> result = new ArrayList<>();
        for (Stripe<V> stripe : stripes) {
            synchronized (stripe) {
                for (Node<V> head : stripe.buckets) {
                    for (Node<V> node = head; node != null; node = node.next) {
                        result.add(threads ? node.thread : node.value);
                    }
                }
            }
        }
        return result;
    }

    private int hash(Thread thread) {
        long id = ids != null ? ids.applyAsLong(thread) : System.identityHashCode(thread);
        int hash = (int) (id ^ (id >>> 32)) * 0x9E3779B9; // ids are sequential: spread them over stripes and buckets
        return hash ^ (hash >>> 16);
    }

    /** The stripe takes the low bits of the hash; its buckets the ones above them. */
    private static int bucket(int hash, Stripe<?> stripe) {
        return (hash >>> 5) & (stripe.buckets.length - 1);
    }

    /** Doubles a stripe's buckets (under its lock); a stripe never shrinks, as the JVM's peak of threads does not. */
    private static <V> void grow(Stripe<V> stripe) {
        Node<V>[] old = stripe.buckets;
        Node<V>[] buckets = newBuckets(old.length * 2);
        stripe.buckets = buckets;
        for (Node<V> head : old) {
            Node<V> node = head;
            while (node != null) {
                Node<V> next = node.next;
                int index = bucket(node.hash, stripe);
                node.next = buckets[index];
                buckets[index] = node;
                node = next;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <V> Node<V>[] newBuckets(int capacity) {
        return (Node<V>[]) new Node[capacity];
    }
}
