package dev.threadguard.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a file must mention for a rule to possibly report on it, so that the engine skips parsing files that
 * cannot hold a finding. Rules only know the types a file names (see {@code FileTypes}) and the calls it writes, so
 * their findings need certain names in the text.
 *
 * <p>Triggers are alternatives; each alternative is a list of groups, and a file matches an alternative when it
 * mentions something of every group. A name with a dot is a type ({@code java.util.concurrent.Future}): the file
 * must name it, a type leading to it (a subtype, a factory such as {@code Executors} for {@code ExecutorService}) or
 * a project class inheriting from those. A name without a dot is an identifier that must occur as such (a method
 * name like {@code join}, a keyword like {@code catch}). The conditions must be necessary for a finding: when
 * unsure, use {@link #ALWAYS}.
 */
public final class Triggers {

    /** The rule needs to see every file. */
    public static final Triggers ALWAYS = new Triggers(null);

    private final List<List<Set<String>>> alternatives;

    private Triggers(List<List<Set<String>>> alternatives) {
        this.alternatives = alternatives;
    }

    /** A file is relevant when it mentions something of every group. */
    @SafeVarargs
    public static Triggers when(Set<String>... groups) {
        return new Triggers(List.of(List.of(groups)));
    }

    /**
     * A file is relevant when it matches one of the alternatives (each a list of groups) and also mentions
     * something of every extra group.
     */
    @SafeVarargs
    public static Triggers whenAny(List<List<Set<String>>> alternatives, Set<String>... extraGroups) {
        List<List<Set<String>>> combined = new ArrayList<>();
        for (List<Set<String>> alternative : alternatives) {
            List<Set<String>> groups = new ArrayList<>(alternative);
            groups.addAll(List.of(extraGroups));
            combined.add(List.copyOf(groups));
        }
        return new Triggers(List.copyOf(combined));
    }

    /** A file is relevant when it mentions one of these names. */
    public static Triggers anyOf(String... names) {
        return when(Set.of(names));
    }

    /** A file is relevant when it matches these triggers or the other ones. */
    public Triggers or(Triggers other) {
        if (always() || other.always()) {
            return ALWAYS;
        }
        List<List<Set<String>>> both = new ArrayList<>(alternatives);
        both.addAll(other.alternatives);
        return new Triggers(List.copyOf(both));
    }

    public boolean always() {
        return alternatives == null;
    }

    /** The alternatives, each a list of groups of names; empty when {@link #always()}. */
    public List<List<Set<String>>> alternatives() {
        return always() ? List.of() : alternatives;
    }

    /** True for a name that stands for a type (it has a dot), false for a plain identifier. */
    public static boolean isType(String name) {
        return name.indexOf('.') >= 0;
    }
}
