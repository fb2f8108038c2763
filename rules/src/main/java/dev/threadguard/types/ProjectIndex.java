package dev.threadguard.types;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The types the analysed project declares, from the {@link TypeOutline}s of all its files: which qualified names
 * exist (so a same-package class shadows a JDK class of the same simple name), their supertypes (so
 * {@code class Worker extends Thread} in one file makes {@code new Worker().start()} in another a thread start),
 * their fields (so a subclass knows the type of an inherited {@code protected CountDownLatch latch}) and the
 * methods they declare. Built before parsing; needs no classpath and no symbol solving. Thread-safe once built.
 */
public final class ProjectIndex implements TypeLookup {

    private final Map<String, TypeOutline.Declaration> declarations = new HashMap<>();
    private final Map<String, ImportScope> scopes = new HashMap<>();
    private final Map<String, List<String>> resolvedSupertypes = new ConcurrentHashMap<>();
    private final Map<String, java.util.Set<String>> ancestors = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> fieldTypes = new ConcurrentHashMap<>();
    private final Map<String, java.util.Set<String>> subtypes = new ConcurrentHashMap<>();
    /** Direct project subtypes by supertype, and types by the types of their fields: built on first use. */
    private volatile Map<String, java.util.Set<String>> directSubtypes;
    private volatile Map<String, java.util.Set<String>> typesByFieldType;
    private final String fingerprint;

    private ProjectIndex(Collection<TypeOutline> outlines) {
        Map<String, List<String>> forFingerprint = new TreeMap<>();
        for (TypeOutline outline : outlines) {
            ImportScope scope = outline.importScope();
            for (TypeOutline.Declaration declaration : outline.declarations()) {
                declarations.putIfAbsent(declaration.qualifiedName(), declaration);
                scopes.putIfAbsent(declaration.qualifiedName(), scope);
                // which methods catch everything is judged with the callers' files: a change re-checks them
                List<String> fingerprinted = new ArrayList<>(declaration.writtenSupertypes());
                fingerprinted.add(java.util.Arrays.toString(declaration.catchAllMethods().hashes()));
                fingerprinted.add(new TreeMap<>(declaration.staticAccessors()).toString());
                if (declaration.isEnum()) {
                    fingerprinted.add("enum " + declaration.enumConstants());
                }
                forFingerprint.put(declaration.qualifiedName(), fingerprinted);
            }
        }
        this.fingerprint = digest(forFingerprint.toString());
    }

    /** An index of the given file outlines. */
    public static ProjectIndex of(Collection<TypeOutline> outlines) {
        return new ProjectIndex(outlines);
    }

    @Override
    public boolean exists(String qualifiedName) {
        return declarations.containsKey(qualifiedName);
    }

    @Override
    public List<String> supertypesOf(String qualifiedName) {
        TypeOutline.Declaration declaration = declarations.get(qualifiedName);
        if (declaration == null) {
            return List.of();
        }
        return resolvedSupertypes.computeIfAbsent(qualifiedName, name -> {
            ImportScope scope = scopes.get(name);
            List<String> resolved = new ArrayList<>();
            for (String written : declaration.writtenSupertypes()) {
                resolved.add(scope.resolve(written, this));
            }
            return List.copyOf(resolved);
        });
    }

    @Override
    public Optional<String> fieldType(String qualifiedName, String field) {
        TypeOutline.Declaration declaration = declarations.get(qualifiedName);
        String written = declaration == null ? null : declaration.fields().get(field);
        if (written == null) {
            return Optional.empty();
        }
        // resolved in the scope of the file that declares it, whose imports the subclass's file may not have
        return fieldTypes.computeIfAbsent(qualifiedName + '#' + field,
                key -> Optional.of(scopes.get(qualifiedName).resolve(written, this)));
    }

    @Override
    public Optional<String> staticAccessorType(String qualifiedName, String method) {
        TypeOutline.Declaration declaration = declarations.get(qualifiedName);
        String written = declaration == null ? null : declaration.staticAccessors().get(method);
        // resolved in the scope of the file that declares it, as a field's type
        return written == null ? Optional.empty() : Optional.of(scopes.get(qualifiedName).resolve(written, this));
    }

    @Override
    public Declared declaredMethod(String qualifiedName, String name, int arity) {
        TypeOutline.Declaration declaration = declarations.get(qualifiedName);
        return declaration == null ? Declared.NO : declaration.declares(name, arity);
    }

    @Override
    public boolean catchesEverything(String qualifiedName, String name, int arity) {
        TypeOutline.Declaration declaration = declarations.get(qualifiedName);
        return declaration != null && declaration.catchesEverything(name, arity);
    }

    @Override
    public Optional<List<String>> enumConstants(String qualifiedName) {
        TypeOutline.Declaration declaration = declarations.get(qualifiedName);
        return declaration != null && declaration.isEnum() ? Optional.of(declaration.enumConstants())
                : Optional.empty();
    }

    @Override
    public java.util.Set<String> subtypesOf(String qualifiedName) {
        return subtypes.computeIfAbsent(qualifiedName, this::findSubtypes);
    }

    private java.util.Set<String> findSubtypes(String qualifiedName) {
        Map<String, java.util.Set<String>> direct = directSubtypes();
        java.util.Set<String> result = new java.util.HashSet<>();
        java.util.Deque<String> pending = new java.util.ArrayDeque<>(direct.getOrDefault(qualifiedName, java.util.Set.of()));
        while (!pending.isEmpty()) {
            String subtype = pending.pop();
            if (result.add(subtype)) {
                pending.addAll(direct.getOrDefault(subtype, java.util.Set.of()));
            }
        }
        return java.util.Set.copyOf(result);
    }

    private Map<String, java.util.Set<String>> directSubtypes() {
        Map<String, java.util.Set<String>> direct = directSubtypes;
        if (direct == null) {
            direct = new HashMap<>();
            for (String type : declarations.keySet()) {
                for (String supertype : supertypesOf(type)) {
                    direct.computeIfAbsent(supertype, key -> new java.util.HashSet<>()).add(type);
                }
            }
            directSubtypes = direct;
        }
        return direct;
    }

    /** The project types that declare a field of any of {@code types} (as resolved in their own files). */
    public java.util.Set<String> typesWithFieldsOf(java.util.Set<String> types) {
        Map<String, java.util.Set<String>> byFieldType = typesByFieldType;
        if (byFieldType == null) {
            byFieldType = new HashMap<>();
            for (TypeOutline.Declaration declaration : declarations.values()) {
                for (String field : declaration.fields().keySet()) {
                    String type = fieldType(declaration.qualifiedName(), field).orElseThrow();
                    byFieldType.computeIfAbsent(type, key -> new java.util.HashSet<>())
                            .add(declaration.qualifiedName());
                }
            }
            typesByFieldType = byFieldType;
        }
        java.util.Set<String> result = new java.util.HashSet<>();
        for (String type : types) {
            result.addAll(byFieldType.getOrDefault(type, java.util.Set.of()));
        }
        return result;
    }

    /** The qualified names of every type the project declares. */
    public java.util.Set<String> declaredTypes() {
        return declarations.keySet();
    }

    /** The declaration of a project type, or null. */
    public TypeOutline.Declaration declaration(String qualifiedName) {
        return declarations.get(qualifiedName);
    }

    /**
     * True when the project type inherits, through project and JDK types, from any of {@code targets}. Only
     * supertypes known to the project index or {@link KnownTypes} are followed.
     */
    public boolean inheritsFromAny(String qualifiedName, java.util.Set<String> targets) {
        for (String ancestor : ancestorsOf(qualifiedName)) {
            if (targets.contains(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /** Every supertype of a project type, direct or not, through project and JDK types; computed once. */
    public java.util.Set<String> ancestorsOf(String qualifiedName) {
        java.util.Set<String> known = ancestors.get(qualifiedName);
        if (known != null) {
            return known;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Deque<String> pending = new java.util.ArrayDeque<>(supertypesOf(qualifiedName));
        while (!pending.isEmpty()) {
            String current = pending.pop();
            if (seen.add(current)) {
                pending.addAll(exists(current) ? supertypesOf(current) : KnownTypes.supertypesOf(current));
            }
        }
        ancestors.put(qualifiedName, seen);
        return seen;
    }

    /** Number of declared types, for diagnostics. */
    public int size() {
        return declarations.size();
    }

    /**
     * Changes whenever a type is added, removed, changes its supertypes, which of its methods catch every exception,
     * what its static accessors return or, for an enum, its constants; part of the analysis cache key.
     */
    public String fingerprint() {
        return fingerprint;
    }

    private static String digest(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
