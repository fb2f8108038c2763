package dev.threadguard.engine;

import dev.threadguard.api.AnalysisSettings;
import dev.threadguard.api.MethodPattern;
import dev.threadguard.api.Rule;
import dev.threadguard.api.Triggers;
import dev.threadguard.api.WaitingMethods;
import dev.threadguard.types.KnownTypes;
import dev.threadguard.types.ProjectIndex;
import dev.threadguard.types.TypeLookup;
import dev.threadguard.types.TypeOutline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Decides, from the names a file mentions, whether any enabled rule can report on it, so that files that cannot
 * hold a finding are not parsed. Sound by construction: rules only know the types a file names (its imports,
 * declarations and the project's own types) and the calls it writes, so a file that matches none of the
 * {@link Triggers} of the enabled rules cannot yield a finding. Type names are widened to every type leading to
 * them, to the project's subclasses, and to the project's classes that declare a field of such a type (and their
 * subclasses, which inherit it); configured spawn and blocking methods trigger by their name. A call of one of the
 * project's {@link WaitingMethods} triggers by its shape ({@code await()}, {@code get(..)}, {@code ::await}) together
 * with a name of a type through which the file can reach that method. A rule with {@link Triggers#ALWAYS} turns the
 * filter off.
 */
final class Prefilter {

    /** Alternatives, each met when all of its groups are; null lets every file through. */
    private final List<List<Group>> alternatives;
    /** Calls that may reach a waiting method of the project. */
    private final List<CallTrigger> calls;

    /**
     * Names a file meets a group with: a name it mentions, or the simple name of a supertype it extends (in a class
     * header or with an anonymous class), through which it inherits a field.
     */
    private record Group(Set<String> mentioned, Set<String> extended) {

        boolean isMetBy(TypeOutline outline) {
            return intersects(mentioned, outline.names())
                    || !extended.isEmpty() && intersects(extended, outline.extended());
        }
    }

    /**
     * A call of a waiting method: its shape, and the types through which a file can reach the method (a file must
     * mention one of them, or extend a class that has a field of one, to tell that the call is to that method).
     */
    private record CallTrigger(String shape, Group types) {
    }

    private Prefilter(List<List<Group>> alternatives, List<CallTrigger> calls) {
        this.alternatives = alternatives;
        this.calls = calls;
    }

    /** A filter that lets every file through. */
    static Prefilter none() {
        return new Prefilter(null, List.of());
    }

    /**
     * A filter that lets through the files that may call one of the given waiting methods ({@code owner#name/arity}
     * keys), and nothing else.
     */
    static Prefilter callersOf(Collection<String> keys, ProjectIndex index) {
        return new Prefilter(List.of(), callTriggers(keys, index));
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

    /**
     * This filter, letting through also the files that may call one of the project's waiting methods. The rules'
     * triggers are kept as they are: widening them over the project's types is done once, not once per pass.
     */
    Prefilter withCallsOf(WaitingMethods waiting, ProjectIndex index) {
        return alternatives == null ? this : new Prefilter(alternatives, callTriggers(waiting.all().keySet(), index));
    }

    /** The filter of the enabled rules' triggers, without calls of waiting methods (see {@link #withCallsOf}). */
    static Prefilter of(List<Rule> rules, AnalysisSettings settings, ProjectIndex index) {
        List<List<Group>> alternatives = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.triggers().always()) {
                return none();
            }
            for (List<Set<String>> alternative : rule.triggers().alternatives()) {
                List<Group> groups = new ArrayList<>();
                for (Set<String> group : alternative) {
                    groups.add(group(group, index));
                }
                alternatives.add(groups);
            }
        }
        // a configured method can only be called by its name (its owner may be any subclass, or Object)
        patterns(settings).forEach(pattern -> alternatives.add(List.of(
                new Group(Set.of(pattern.methodName()), Set.of()))));
        return new Prefilter(alternatives, List.of());
    }

    /**
     * The triggers of calls of the given waiting methods. A call reaches the method of type {@code T} when made on
     * {@code T} or a subtype, or on a supertype that declares it abstract (every implementation then waits), so on
     * any type related to one of T's supertypes; the file names that type, or extends a class that declares a field
     * of it.
     */
    private static List<CallTrigger> callTriggers(Collection<String> keys, ProjectIndex index) {
        Map<String, Set<String>> mentionedByShape = new HashMap<>();
        Map<String, Set<String>> extendedByShape = new HashMap<>();
        for (String key : keys) {
            int hash = key.indexOf('#');
            int slash = key.lastIndexOf('/');
            String owner = key.substring(0, hash);
            String name = key.substring(hash + 1, slash);
            int arity = Integer.parseInt(key.substring(slash + 1));
            Group types = typesReaching(owner, name, arity, index);
            List<String> shapes = arity == 0
                    ? List.of(TypeOutline.callShape(name, 0), TypeOutline.referenceShape(name))
                    : List.of(TypeOutline.callShape(name, arity));
            for (String shape : shapes) {
                mentionedByShape.computeIfAbsent(shape, any -> new HashSet<>()).addAll(types.mentioned());
                extendedByShape.computeIfAbsent(shape, any -> new HashSet<>()).addAll(types.extended());
            }
        }
        List<CallTrigger> triggers = new ArrayList<>();
        mentionedByShape.forEach((shape, mentioned) -> triggers.add(new CallTrigger(shape,
                new Group(Set.copyOf(mentioned), Set.copyOf(extendedByShape.get(shape))))));
        return triggers;
    }

    /**
     * The types through which a call can reach {@code name/arity} of {@code type}: the type and its subtypes, which
     * inherit it, and a project supertype that declares the method (an abstract one waits when every
     * implementation does) with its subtypes. A supertype that does not declare it cannot be the receiver of a call
     * that reaches it.
     */
    private static Group typesReaching(String type, String name, int arity, ProjectIndex index) {
        Set<String> related = new HashSet<>();
        related.add(type);
        related.addAll(index.subtypesOf(type));
        for (String ancestor : index.ancestorsOf(type)) {
            if (index.exists(ancestor) && index.declaredMethod(ancestor, name, arity) != TypeLookup.Declared.NO) {
                related.add(ancestor);
                related.addAll(index.subtypesOf(ancestor));
            }
        }
        Set<String> mentioned = names(related, index);
        // a type of one file only (a local class) is named by its simple name there
        mentioned.add(type.substring(type.lastIndexOf('.') + 1));
        return new Group(mentioned, holders(related, index));
    }

    /**
     * The project types through which a call can reach a method of {@code type}: the type, its subtypes, and its
     * project supertypes with their subtypes.
     */
    static Set<String> relatedTypes(String type, ProjectIndex index) {
        Set<String> related = new HashSet<>();
        related.add(type);
        related.addAll(index.subtypesOf(type));
        for (String ancestor : index.ancestorsOf(type)) {
            if (index.exists(ancestor)) {
                related.add(ancestor);
                related.addAll(index.subtypesOf(ancestor));
            }
        }
        return related;
    }

    /** The names of the project types that declare a field of one of {@code types}, and of their subclasses. */
    private static Set<String> holders(Set<String> types, ProjectIndex index) {
        Set<String> holders = new HashSet<>();
        for (String holder : index.typesWithFieldsOf(types)) {
            holders.add(holder);
            holders.addAll(index.subtypesOf(holder));
        }
        return names(holders, index);
    }

    private static Set<String> names(Set<String> types, ProjectIndex index) {
        Set<String> names = new HashSet<>();
        for (String type : types) {
            TypeOutline.Declaration declaration = index.declaration(type);
            if (declaration != null) {
                names.add(declaration.simpleName());
                names.add(KnownTypes.topLevelSimpleName(type));
            }
        }
        return names;
    }

    private static Stream<MethodPattern> patterns(AnalysisSettings settings) {
        return Stream.concat(settings.spawnMethods().stream(), settings.blockingMethods().stream());
    }

    /**
     * The names a file may mention to meet a group: words as they are, types widened; and the classes it may
     * extend to inherit a field of such a type.
     */
    private static Group group(Set<String> group, ProjectIndex index) {
        Set<String> names = new HashSet<>();
        Set<String> types = new HashSet<>();
        for (String name : group) {
            if (Triggers.isType(name)) {
                types.add(name);
            } else {
                names.add(name);
            }
        }
        if (types.isEmpty()) {
            return new Group(Set.copyOf(names), Set.of());
        }
        Set<String> leading = KnownTypes.typesLeadingTo(types);
        for (String type : leading) {
            names.add(KnownTypes.topLevelSimpleName(type));
        }
        Set<String> reached = new HashSet<>(leading);
        for (String declared : index.declaredTypes()) {
            if (leading.contains(declared) || index.inheritsFromAny(declared, leading)) {
                names.add(index.declaration(declared).simpleName());
                names.add(KnownTypes.topLevelSimpleName(declared));
                reached.add(declared);
            }
        }
        return new Group(Set.copyOf(names), Set.copyOf(holders(reached, index)));
    }

    /** True when some enabled rule may report on a file that mentions these names. */
    boolean mayReport(TypeOutline outline) {
        if (alternatives == null) {
            return true;
        }
        for (List<Group> alternative : alternatives) {
            if (allGroupsMet(alternative, outline)) {
                return true;
            }
        }
        for (CallTrigger call : calls) {
            if (outline.calls().contains(call.shape()) && call.types().isMetBy(outline)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allGroupsMet(List<Group> groups, TypeOutline outline) {
        for (Group group : groups) {
            if (!group.isMetBy(outline)) {
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
