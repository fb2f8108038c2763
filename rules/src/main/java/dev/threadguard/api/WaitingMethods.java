package dev.threadguard.api;

import dev.threadguard.types.TypeLookup;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The methods of the analysed project that wait without a time limit on their callers' behalf: each forwards an
 * untimed wait ({@code void await() { latch.await(); }}), or a call of another such method, to its callers
 * (transitively). Resolved from the {@link WaitSummary} of every file to a fixed point, with the project's type
 * index for supertypes and declared methods. A call of such a method is looked up as the call would be: on the
 * receiver's type and then its supertypes; the first type that declares the method decides, and an abstract
 * declaration waits when every implementation of it in the project does. Immutable and thread-safe.
 */
public final class WaitingMethods {

    /**
     * What a call of a waiting method waits for.
     *
     * @param method   how messages name the method called, e.g. {@code Gate.await()}
     * @param waitCall the untimed wait underneath, e.g. {@code CountDownLatch.await()}
     * @param location where that wait is, e.g. {@code Gate.java:12}
     * @param through  the method of the project that makes the wait, when it is not {@code method} itself
     * @param fix      the wait's timed alternative, one sentence
     * @param nextItem  true for a wait for the next item of a queue (a worker's idle state in its loop)
     * @param parameter the index of the argument of a call of the method that the wait is on (a future passed to
     *                  {@code getUninterruptibly(future)}), or -1
     */
    public record Waiting(String method, String waitCall, String location, String through, String fix,
                          boolean nextItem, int parameter) {

        /** "calls Gate.await(), which waits on CountDownLatch.await() without a timeout (Gate.java:12)". */
        public String description() {
            return "calls " + method + ", which waits on " + waitCall + " without a timeout (" + location
                    + (through == null ? "" : ", through " + through) + ")";
        }
    }

    /** A project without waiting methods. */
    public static final WaitingMethods NONE = new WaitingMethods(TypeLookup.NONE);

    /** Filled while the summaries are resolved, never changed afterwards. */
    private final Map<String, Waiting> byKey = new HashMap<>();
    /** {@code name/arity} of every waiting method, so that most calls are told apart by one lookup. */
    private final Set<String> signatures = new HashSet<>();
    private final TypeLookup project;

    private WaitingMethods(TypeLookup project) {
        this.project = project;
    }

    private void add(String key, Waiting waiting) {
        byKey.put(key, waiting);
        signatures.add(key.substring(key.indexOf('#') + 1));
    }

    /** The key of a method: {@code owner#name/arity}. */
    public static String key(String owner, String name, int arity) {
        return owner + '#' + name + '/' + arity;
    }

    /** The waiting methods of a project, from the summaries of its files. */
    public static WaitingMethods resolve(Collection<WaitSummary> summaries, TypeLookup project) {
        Map<String, List<Pending>> forwarders = new TreeMap<>();
        for (WaitSummary summary : summaries) {
            for (WaitSummary.Forwarder forwarder : summary.forwarders()) {
                forwarders.computeIfAbsent(forwarder.key(), key -> new java.util.ArrayList<>())
                        .add(new Pending(forwarder, summary.fileName()));
            }
        }
        WaitingMethods waiting = new WaitingMethods(project);
        // to a fixed point: a method that forwards a call of a waiting method waits too
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, List<Pending>> entry : forwarders.entrySet()) {
                if (!waiting.byKey.containsKey(entry.getKey())) {
                    Waiting resolved = resolveOne(entry.getValue(), waiting, project);
                    if (resolved != null) {
                        waiting.add(entry.getKey(), resolved);
                        changed = true;
                    }
                }
            }
        }
        return waiting;
    }

    private record Pending(WaitSummary.Forwarder forwarder, String fileName) {
    }

    /**
     * What the method of these forwarders waits for, or null: every declaration of the method with that arity
     * (overloads told apart by their parameter types only) must forward a wait.
     */
    private static Waiting resolveOne(List<Pending> declarations, WaitingMethods known, TypeLookup project) {
        Waiting first = null;
        for (Pending pending : declarations) {
            WaitSummary.Forwarder forwarder = pending.forwarder();
            if (declarations.size() < forwarder.declarations()
                    || forwarder.ifOverrides() && !overridesProjectMethod(forwarder, project)) {
                return null;
            }
            Waiting waiting = null;
            for (WaitSummary.Forwarded forwarded : forwarder.forwarded()) {
                waiting = waitingOf(forwarded, forwarder, pending.fileName(), known);
                if (waiting != null) {
                    break;
                }
            }
            if (waiting == null) {
                return null;
            }
            first = first == null ? waiting : alsoAt(first, waiting);
        }
        return first;
    }

    /**
     * Overloads that calls cannot tell apart (same name and arity) wait each at its own line: a message names every
     * place, since the call may be to any of them.
     */
    private static Waiting alsoAt(Waiting first, Waiting other) {
        if (first.location().equals(other.location())
                || (", " + first.location() + ",").contains(", " + other.location() + ",")) {
            return first;
        }
        String waitCall = (" or " + first.waitCall() + " or ").contains(" or " + other.waitCall() + " or ")
                ? first.waitCall() : first.waitCall() + " or " + other.waitCall();
        return new Waiting(first.method(), waitCall, first.location() + ", " + other.location(), first.through(),
                first.fix(), first.nextItem(), first.parameter());
    }

    private static Waiting waitingOf(WaitSummary.Forwarded forwarded, WaitSummary.Forwarder forwarder,
                                     String fileName, WaitingMethods known) {
        if (forwarded instanceof WaitSummary.Wait wait) {
            return new Waiting(forwarder.shown(), wait.shown(), fileName + ":" + wait.line(), null, wait.fix(),
                    wait.nextItem(), wait.parameter());
        }
        WaitSummary.Call call = (WaitSummary.Call) forwarded;
        return known.find(call.owner(), call.name(), call.arity(), call.fromSupertypes(), known.project)
                .map(target -> new Waiting(forwarder.shown(), target.waitCall(), target.location(),
                        target.through() != null ? target.through() : target.method(), target.fix(),
                        target.nextItem(), target.parameter() >= 0 && target.parameter() < call.parameters().size()
                        ? call.parameters().get(target.parameter()) : -1))
                .orElse(null);
    }

    /** True when a project supertype of the forwarder's type declares the method it overrides. */
    private static boolean overridesProjectMethod(WaitSummary.Forwarder forwarder, TypeLookup project) {
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(project.supertypesOf(forwarder.owner()));
        while (!pending.isEmpty()) {
            String type = pending.removeFirst();
            if (!seen.add(type) || !project.exists(type)) {
                continue;
            }
            if (project.declaredMethod(type, forwarder.name(), forwarder.arity()) != TypeLookup.Declared.NO) {
                return true;
            }
            pending.addAll(project.supertypesOf(type));
        }
        return false;
    }

    /** The waiting method declared exactly as {@code owner#name/arity}, if it is one. */
    public Optional<Waiting> declared(String owner, String name, int arity) {
        return Optional.ofNullable(byKey.get(key(owner, name, arity)));
    }

    /**
     * What a call of {@code name} with {@code arity} arguments on {@code owner} waits for: the method is looked up
     * on the owner (or, for {@code super.name(..)}, its supertypes) and then their supertypes, through
     * {@code types}; the first type that declares it decides.
     */
    public Optional<Waiting> find(String owner, String name, int arity, boolean fromSupertypes, TypeLookup types) {
        if (!signatures.contains(name + '/' + arity)) {
            return Optional.empty();
        }
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(fromSupertypes ? types.supertypesOf(owner) : List.of(owner));
        while (!pending.isEmpty()) {
            String type = pending.removeFirst();
            if (!seen.add(type)) {
                continue;
            }
            Waiting waiting = byKey.get(key(type, name, arity));
            if (waiting != null) {
                return Optional.of(waiting);
            }
            if (!types.exists(type)) {
                continue;
            }
            TypeLookup.Declared declared = types.declaredMethod(type, name, arity);
            if (declared == TypeLookup.Declared.WITH_BODY) {
                return Optional.empty();
            }
            if (declared == TypeLookup.Declared.WITHOUT_BODY) {
                return implementations(type, name, arity, types);
            }
            pending.addAll(types.supertypesOf(type));
        }
        return Optional.empty();
    }

    /** An abstract method waits when the project implements it and every implementation waits. */
    private Optional<Waiting> implementations(String type, String name, int arity, TypeLookup types) {
        Waiting first = null;
        for (String subtype : new TreeSet<>(types.subtypesOf(type))) {
            if (types.declaredMethod(subtype, name, arity) == TypeLookup.Declared.WITH_BODY) {
                Waiting waiting = byKey.get(key(subtype, name, arity));
                if (waiting == null) {
                    return Optional.empty();
                }
                first = first == null ? waiting : first;
            }
        }
        if (first == null) {
            return Optional.empty();
        }
        String simpleName = type.substring(type.lastIndexOf('.') + 1);
        return Optional.of(new Waiting(simpleName + '.' + name + (arity == 0 ? "()" : "(..)"), first.waitCall(),
                first.location(), first.through() != null ? first.through() : first.method(), first.fix(),
                first.nextItem(), first.parameter()));
    }

    /** Every waiting method by key ({@code owner#name/arity}). */
    public Map<String, Waiting> all() {
        return java.util.Collections.unmodifiableMap(byKey);
    }

    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    /** The keys whose methods wait here and not in {@code other}, or the other way round, or differently. */
    public Set<String> changedKeys(WaitingMethods other) {
        Set<String> changed = new TreeSet<>();
        for (Map.Entry<String, Waiting> entry : byKey.entrySet()) {
            if (!Objects.equals(entry.getValue(), other.byKey.get(entry.getKey()))) {
                changed.add(entry.getKey());
            }
        }
        for (String key : other.byKey.keySet()) {
            if (!byKey.containsKey(key)) {
                changed.add(key);
            }
        }
        return changed;
    }
}
