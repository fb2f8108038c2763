package dev.threadguard.engine;

import dev.threadguard.api.AnalysisSettings;
import dev.threadguard.api.MethodPattern;
import dev.threadguard.api.Rule;
import dev.threadguard.api.Triggers;
import dev.threadguard.types.KnownTypes;
import dev.threadguard.types.ProjectIndex;
import dev.threadguard.types.TypeOutline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Decides, from the names a file mentions, whether any enabled rule can report on it, so that files that cannot
 * hold a finding are not parsed. Sound by construction: rules only know the types a file names (its imports,
 * declarations and the project's own types) and the calls it writes, so a file that matches none of the
 * {@link Triggers} of the enabled rules cannot yield a finding. Type names are widened to every type leading to
 * them and to the project's subclasses; configured spawn and blocking methods trigger by their name. A rule
 * with {@link Triggers#ALWAYS} turns the filter off.
 */
final class Prefilter {

    /** Alternatives of groups of simple names; null lets every file through. */
    private final List<List<Set<String>>> alternatives;

    private Prefilter(List<List<Set<String>>> alternatives) {
        this.alternatives = alternatives;
    }

    /** A filter that lets every file through. */
    static Prefilter none() {
        return new Prefilter(null);
    }

    /** The identifiers (other than type names, which are always recorded) the file scan must record. */
    static Set<String> words(List<Rule> rules, AnalysisSettings settings) {
        Set<String> words = new HashSet<>();
        for (Rule rule : rules) {
            for (List<Set<String>> alternative : rule.triggers().alternatives()) {
                for (Set<String> group : alternative) {
                    group.stream().filter(name -> !Triggers.isType(name)).forEach(words::add);
                }
            }
        }
        patterns(settings).map(MethodPattern::methodName).forEach(words::add);
        return words;
    }

    static Prefilter of(List<Rule> rules, AnalysisSettings settings, ProjectIndex index) {
        List<List<Set<String>>> alternatives = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.triggers().always()) {
                return none();
            }
            for (List<Set<String>> alternative : rule.triggers().alternatives()) {
                List<Set<String>> groups = new ArrayList<>();
                for (Set<String> group : alternative) {
                    groups.add(simpleNames(group, index));
                }
                alternatives.add(groups);
            }
        }
        // a configured method can only be called by its name (its owner may be any subclass, or Object)
        patterns(settings).forEach(pattern -> alternatives.add(List.of(Set.of(pattern.methodName()))));
        return new Prefilter(alternatives);
    }

    private static Stream<MethodPattern> patterns(AnalysisSettings settings) {
        return Stream.concat(settings.spawnMethods().stream(), settings.blockingMethods().stream());
    }

    /** The names a file may mention to satisfy a group: words as they are, types widened. */
    private static Set<String> simpleNames(Set<String> group, ProjectIndex index) {
        Set<String> names = new HashSet<>();
        Set<String> types = new HashSet<>();
        for (String name : group) {
            if (Triggers.isType(name)) {
                types.add(name);
            } else {
                names.add(name);
            }
        }
        if (!types.isEmpty()) {
            Set<String> leading = KnownTypes.typesLeadingTo(types);
            for (String type : leading) {
                names.add(KnownTypes.topLevelSimpleName(type));
            }
            for (String declared : index.declaredTypes()) {
                if (leading.contains(declared) || index.inheritsFromAny(declared, leading)) {
                    names.add(index.declaration(declared).simpleName());
                    names.add(KnownTypes.topLevelSimpleName(declared));
                }
            }
        }
        return Set.copyOf(names);
    }

    /** True when some enabled rule may report on a file that mentions these names. */
    boolean mayReport(TypeOutline outline) {
        if (alternatives == null) {
            return true;
        }
        Set<String> mentioned = outline.names();
        for (List<Set<String>> alternative : alternatives) {
            if (allGroupsMet(alternative, mentioned)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allGroupsMet(List<Set<String>> groups, Set<String> mentioned) {
        for (Set<String> group : groups) {
            if (!intersects(group, mentioned)) {
                return false;
            }
        }
        return true;
    }

    private static boolean intersects(Set<String> group, Set<String> mentioned) {
        Set<String> smaller = group.size() < mentioned.size() ? group : mentioned;
        Set<String> larger = smaller == group ? mentioned : group;
        for (String name : smaller) {
            if (larger.contains(name)) {
                return true;
            }
        }
        return false;
    }
}
