package dev.threadguard.rules;

import java.util.Set;

/**
 * What a file must mention for a rule to possibly report on it, so that the engine can skip parsing files that
 * cannot hold a finding. Rule findings depend on types the file names (see {@code FileTypes}): a rule lists the
 * JDK types its checks need ({@code types}, qualified), and the engine widens them to every type that leads to
 * them (subtypes, factories, the project's own subclasses). {@code words} are identifiers needed besides types,
 * e.g. {@code wait} for {@code Object.wait()}. The lists must be complete: when unsure, use {@link #ALWAYS}.
 *
 * @param types  qualified names of the types a finding needs
 * @param words  identifiers a finding needs when no type name is involved
 * @param always true when the rule must see every file
 */
public record Triggers(Set<String> types, Set<String> words, boolean always) {

    /** The rule needs to see every file. */
    public static final Triggers ALWAYS = new Triggers(Set.of(), Set.of(), true);

    /** A file is relevant when it names one of these types (or a type leading to them), or one of the words. */
    public static Triggers of(Set<String> types, Set<String> words) {
        return new Triggers(Set.copyOf(types), Set.copyOf(words), false);
    }

    public static Triggers types(String... types) {
        return of(Set.of(types), Set.of());
    }
}
