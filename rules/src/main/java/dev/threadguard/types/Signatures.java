package dev.threadguard.types;

import java.util.Arrays;
import java.util.Collection;

/**
 * A compact set of names such as {@code await/0} or {@code get(..)}, kept as their sorted hash codes: a few bytes
 * per name for every file of a project. Two names with the same hash code count as one, so {@link #contains} can
 * answer true for a name that is not there (about once in four billion) but never false for one that is; callers
 * use it where a false "yes" only costs work (a file parsed, a lookup that finds nothing more).
 */
public final class Signatures {

    public static final Signatures NONE = new Signatures(new int[0]);

    private final int[] hashes;

    private Signatures(int[] sortedDistinctHashes) {
        this.hashes = sortedDistinctHashes;
    }

    public static Signatures of(Collection<String> names) {
        return fromHashes(names.stream().mapToInt(String::hashCode).toArray());
    }

    /** Restores a set from {@link #hashes()}. */
    public static Signatures fromHashes(int[] hashes) {
        return fromHashes(hashes.clone(), hashes.length);
    }

    /** A set of the first {@code length} hash codes of {@code hashes}, which it may reorder. */
    static Signatures fromHashes(int[] hashes, int length) {
        if (length == 0) {
            return NONE;
        }
        Arrays.sort(hashes, 0, length);
        int distinct = 1;
        for (int i = 1; i < length; i++) {
            if (hashes[i] != hashes[distinct - 1]) {
                hashes[distinct++] = hashes[i];
            }
        }
        return new Signatures(Arrays.copyOf(hashes, distinct));
    }

    /** The hash code of {@code prefix + suffix}, without building that string. */
    static int hash(String prefix, String suffix) {
        int hash = prefix.hashCode();
        for (int i = 0; i < suffix.length(); i++) {
            hash = 31 * hash + suffix.charAt(i);
        }
        return hash;
    }

    /** Hash codes collected one by one, for {@link #fromHashes(int[], int)}. */
    static final class Builder {
        private int[] hashes = new int[16];
        private int size;

        void add(int hash) {
            if (size == hashes.length) {
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            hashes[size++] = hash;
        }

        Signatures build() {
            return fromHashes(hashes, size);
        }
    }

    public boolean contains(String name) {
        return Arrays.binarySearch(hashes, name.hashCode()) >= 0;
    }

    public boolean isEmpty() {
        return hashes.length == 0;
    }

    /** The sorted hash codes, for the analysis cache. */
    public int[] hashes() {
        return hashes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Signatures signatures && Arrays.equals(hashes, signatures.hashes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hashes);
    }

    @Override
    public String toString() {
        return hashes.length + " signatures";
    }
}
