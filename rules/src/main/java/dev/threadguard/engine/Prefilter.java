package dev.threadguard.engine;

import dev.threadguard.analysis.AnalysisSettings;
import dev.threadguard.analysis.KnownTypes;
import dev.threadguard.analysis.MethodPattern;
import dev.threadguard.analysis.ProjectIndex;
import dev.threadguard.analysis.TypeOutline;
import dev.threadguard.rules.Rule;
import dev.threadguard.rules.Triggers;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Decides, from the names a file mentions, whether any enabled rule can report on it, so that files that cannot
 * hold a finding are not parsed. Sound by construction: rules only know the types a file names (its imports,
 * declarations and the project's own types), so a file that names none of the types leading to a rule's
 * {@link Triggers} (nor one of its words) cannot yield a finding of that rule. User-configured methods add
 * their method names. A rule with {@link Triggers#ALWAYS} turns the filter off.
 */
final class Prefilter {

    private final Set<String> names;
    private final boolean enabled;

    private Prefilter(Set<String> names, boolean enabled) {
        this.names = names;
        this.enabled = enabled;
    }

    /** The lower-case identifiers the file scan must record, besides capitalised (type-like) names. */
    static Set<String> words(List<Rule> rules, AnalysisSettings settings) {
        Set<String> words = new HashSet<>();
        for (Rule rule : rules) {
            words.addAll(rule.triggers().words());
        }
        patterns(settings).map(MethodPattern::methodName).forEach(words::add);
        return words;
    }

    private static Stream<MethodPattern> patterns(AnalysisSettings settings) {
        return Stream.concat(settings.spawnMethods().stream(), settings.blockingMethods().stream());
    }

    /** A filter that lets every file through. */
    static Prefilter none() {
        return new Prefilter(Set.of(), false);
    }

    static Prefilter of(List<Rule> rules, AnalysisSettings settings, ProjectIndex index) {
        Set<String> targets = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Rule rule : rules) {
            Triggers triggers = rule.triggers();
            if (triggers.always()) {
                return none();
            }
            targets.addAll(triggers.types());
            names.addAll(triggers.words());
        }
        // a configured method can only be called by its name (its owner may be any subclass, or Object)
        patterns(settings).map(MethodPattern::methodName).forEach(names::add);
        Set<String> leading = KnownTypes.typesLeadingTo(targets);
        for (String type : leading) {
            names.add(KnownTypes.topLevelSimpleName(type));
        }
        for (String declared : index.declaredTypes()) {
            if (leading.contains(declared) || index.inheritsFromAny(declared, leading)) {
                TypeOutline.Declaration declaration = index.declaration(declared);
                names.add(declaration.simpleName());
                names.add(KnownTypes.topLevelSimpleName(declared));
            }
        }
        return new Prefilter(Set.copyOf(names), true);
    }

    /** True when some enabled rule may report on a file that mentions these names. */
    boolean mayReport(TypeOutline outline) {
        if (!enabled) {
            return true;
        }
        for (String name : outline.names()) {
            if (names.contains(name)) {
                return true;
            }
        }
        return false;
    }

    boolean enabled() {
        return enabled;
    }
}
