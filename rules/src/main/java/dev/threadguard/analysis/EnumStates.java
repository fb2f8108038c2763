package dev.threadguard.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.threadguard.types.FileTypes;
import dev.threadguard.types.KnownTypes;
import dev.threadguard.types.Variables;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stop state kept in a field {@code AtomicReference<State>} of a project enum: {@code state.set(SHUTDOWN)} before
 * the interrupt, {@code while (RUNNING.equals(state.get()))} in the worker. Whether the value set ends the loop is
 * told only for constants of one enum: distinct constants of an enum are distinct objects and {@code Enum.equals} is
 * identity, while two {@code static final} fields of a class may hold the same value. The enum must be the project's
 * (of the file, or of another file through the project index), whose constants are known; a library's is not.
 *
 * <p>Names are resolved the way javac does, as far as the file and the project index tell: a simple type name is
 * first a member type of a class around it or of their supertypes, then what the imports say; a constant written
 * alone is a field of a class around it or of their supertypes before it is a statically imported constant. A
 * supertype whose members cannot be known (a library's, or the JDK's but for a few) leaves the name unresolved.
 */
final class EnumStates {

    /** A constant {@code name} of the project enum {@code enumType} (qualified). */
    record Constant(String enumType, String name) {
    }

    /**
     * JDK supertypes whose member types are known (here, by simple name): the only ones a name may be looked up
     * through. Their fields are primitives or absent, and a primitive cannot be an operand the accepted forms compare
     * with or store into an {@code AtomicReference} of an enum.
     */
    private static final Map<String, Set<String>> KNOWN_MEMBER_TYPES = Map.of(
            "java.lang.Object", Set.of(),
            "java.lang.Runnable", Set.of(),
            "java.lang.AutoCloseable", Set.of(),
            "java.io.Closeable", Set.of(),
            "java.util.concurrent.Callable", Set.of(),
            "java.lang.Thread", Set.of("State", "UncaughtExceptionHandler", "Builder"));

    private EnumStates() {
    }

    /** The enum constant {@code expression} names: {@code State.RUNNING}, {@code pkg.State.RUNNING}, {@code RUNNING}. */
    static Optional<Constant> constant(Expression expression, FileTypes types) {
        Expression inner = Nodes.unwrap(expression);
        if (inner instanceof FieldAccessExpr access && isName(access.getScope())) {
            return typeNamed(access.getScope().toString(), access, types)
                    .flatMap(type -> constantOf(type, access.getNameAsString(), types));
        }
        if (!(inner instanceof NameExpr name)) {
            return Optional.empty();
        }
        String written = name.getNameAsString();
        // a local, a parameter or a field of a class around it shadows a static import; so would an inherited field
        if (Variables.find(written, name).isPresent() || !inheritsNoField(name, written, types)) {
            return Optional.empty();
        }
        String owner = types.scope().singleStaticImportOwner(written);
        if (owner != null) {
            return constantOf(owner, written, types);
        }
        // javac rejects a name two on-demand imports bring in, so an enum that has the constant is the one
        for (String onDemand : types.scope().staticOnDemandOwners()) {
            Optional<Constant> found = constantOf(onDemand, written, types);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** True when the field is an {@code AtomicReference} whose type argument is the enum {@code enumType}. */
    static boolean holdsTheEnum(VariableDeclarator variable, String enumType, FileTypes types) {
        if (!(variable.getType() instanceof ClassOrInterfaceType reference)
                || !(reference.getNameWithScope().equals("AtomicReference")
                || reference.getNameWithScope().equals("java.util.concurrent.atomic.AtomicReference"))
                || reference.getTypeArguments().map(List::size).orElse(0) != 1
                || !(reference.getTypeArguments().get().get(0) instanceof ClassOrInterfaceType argument)) {
            return false;
        }
        return typeNamed(argument.getNameWithScope(), variable, types).filter(enumType::equals).isPresent();
    }

    private static Optional<Constant> constantOf(String type, String name, FileTypes types) {
        return types.enumConstants(type).filter(constants -> constants.contains(name))
                .map(constants -> new Constant(type, name));
    }

    private static boolean isName(Expression expression) {
        return expression instanceof NameExpr || expression instanceof FieldAccessExpr access && isName(access.getScope());
    }

    /**
     * The qualified name of a type written at {@code at}: its first segment a member type of a class around it or
     * of one of their supertypes (nearest first), else as the file's imports resolve it.
     */
    private static Optional<String> typeNamed(String written, Node at, FileTypes types) {
        int dot = written.indexOf('.');
        String first = dot < 0 ? written : written.substring(0, dot);
        String rest = dot < 0 ? "" : written.substring(dot);
        for (ClassAround around : classesAround(at, types)) {
            Optional<String> member = memberType(around.searched(), first, types);
            if (member == null) {
                return Optional.empty();
            }
            if (member.isPresent()) {
                return Optional.of(member.get() + rest);
            }
            if (around.name().equals(first)) {
                return Optional.of(around.searched().get(0) + rest);
            }
        }
        return Optional.of(types.resolve(written));
    }

    /**
     * A class around a node, innermost first: a declared one ({@code searched} is the class itself) or an anonymous
     * one ({@code searched} is the type it extends, {@code ?} when it cannot be told; its {@code name} is empty).
     */
    private record ClassAround(String name, List<String> searched) {
    }

    private static List<ClassAround> classesAround(Node at, FileTypes types) {
        List<ClassAround> around = new java.util.ArrayList<>();
        Node child = at;
        for (Node node = at.getParentNode().orElse(null); node != null;
             child = node, node = node.getParentNode().orElse(null)) {
            if (node instanceof TypeDeclaration<?> type) {
                around.add(new ClassAround(type.getNameAsString(),
                        List.of(FileTypes.qualifiedName(type, types.scope().packageName()))));
            } else if (node instanceof com.github.javaparser.ast.expr.ObjectCreationExpr creation
                    && creation.getAnonymousClassBody().isPresent()
                    && child instanceof com.github.javaparser.ast.body.BodyDeclaration<?>) {
                // an anonymous class's type that cannot be told is searched as one whose members are unknown
                around.add(new ClassAround("", List.of(types.resolve(creation.getType()).orElse("?"))));
            }
        }
        return around;
    }

    /**
     * The member type {@code simple} that the searched types declare or inherit: empty when they have none, null
     * when a supertype's members cannot be known.
     */
    private static Optional<String> memberType(List<String> searched, String simple, FileTypes types) {
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(searched);
        while (!pending.isEmpty()) {
            String current = pending.removeFirst();
            if (!seen.add(current)) {
                continue;
            }
            if (KNOWN_MEMBER_TYPES.containsKey(current)) {
                if (KNOWN_MEMBER_TYPES.get(current).contains(simple)) {
                    return Optional.of(current + '.' + simple);
                }
                continue;
            }
            if (!types.exists(current)) {
                return null;
            }
            if (types.exists(current + '.' + simple)) {
                return Optional.of(current + '.' + simple);
            }
            pending.addAll(types.supertypesOf(current));
        }
        return Optional.empty();
    }

    /**
     * True when no class around {@code at} inherits a field {@code name} (those it declares are found as variables):
     * every supertype is of the file (its fields read), of the project (its reference-typed fields in the index; a
     * primitive one cannot be compared with or stored into an {@code AtomicReference} of an enum in the forms
     * accepted) or one of the few JDK types whose members are known.
     */
    private static boolean inheritsNoField(Node at, String name, FileTypes types) {
        for (ClassAround around : classesAround(at, types)) {
            Set<String> seen = new HashSet<>();
            Deque<String> pending = new ArrayDeque<>();
            for (String searched : around.searched()) {
                if (around.name().isEmpty()) {
                    pending.add(searched); // an anonymous class inherits the fields of the type it extends
                } else {
                    pending.addAll(types.supertypesOf(searched));
                }
            }
            while (!pending.isEmpty()) {
                String current = pending.removeFirst();
                if (!seen.add(current) || KNOWN_MEMBER_TYPES.containsKey(current)) {
                    continue;
                }
                if (!types.exists(current)) {
                    return false;
                }
                Optional<TypeDeclaration<?>> local = types.declaration(current);
                boolean declares = local.isPresent() ? declaresField(local.get(), name)
                        : types.fieldType(current, name).isPresent();
                if (declares) {
                    return false;
                }
                pending.addAll(types.supertypesOf(current));
            }
        }
        return true;
    }

    private static boolean declaresField(TypeDeclaration<?> type, String name) {
        for (FieldDeclaration field : type.getFields()) {
            for (VariableDeclarator variable : field.getVariables()) {
                if (variable.getNameAsString().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
