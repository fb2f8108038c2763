package dev.threadguard.types;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the analysed project itself declares, as far as name resolution, subtyping, inherited fields and calls of
 * its own methods need to know.
 */
public interface TypeLookup {

    /** Whether a type declares a method of some name and arity itself, and with a body or not. */
    enum Declared {
        NO,
        WITH_BODY,
        WITHOUT_BODY
    }

    /** A lookup that knows no project types: resolution falls back to the JDK table alone. */
    TypeLookup NONE = new TypeLookup() {
        @Override
        public boolean exists(String qualifiedName) {
            return false;
        }

        @Override
        public List<String> supertypesOf(String qualifiedName) {
            return List.of();
        }
    };

    /** True when a source file of the project declares a type of this qualified name. */
    boolean exists(String qualifiedName);

    /** The resolved direct supertypes of a project type; empty when unknown. */
    List<String> supertypesOf(String qualifiedName);

    /** The qualified type of a field that the project type declares itself; empty when unknown. */
    default Optional<String> fieldType(String qualifiedName, String field) {
        return Optional.empty();
    }

    /** Whether the project type declares a method {@code name} taking {@code arity} arguments itself. */
    default Declared declaredMethod(String qualifiedName, String name, int arity) {
        return Declared.NO;
    }

    /**
     * Whether the project type declares a method {@code name} of {@code arity} whose body catches every exception
     * its work can throw: one {@code try} with a {@code catch} of {@code Throwable} or {@code Exception} after
     * statements that cannot throw. Told from the tokens for the project's other files.
     */
    default boolean catchesEverything(String qualifiedName, String name, int arity) {
        return false;
    }

    /**
     * The return type of a static method without parameters that the project type declares itself, such as a
     * singleton's {@code getInstance()}: a class type as declared, without type arguments; empty when unknown.
     */
    default Optional<String> staticAccessorType(String qualifiedName, String method) {
        return Optional.empty();
    }

    /**
     * The names of the constants of a project type declared {@code enum}; empty when the type is not one or is not
     * known (a library's enum). Distinct constants of one enum are distinct objects, and {@code Enum.equals} is
     * identity.
     */
    default Optional<List<String>> enumConstants(String qualifiedName) {
        return Optional.empty();
    }

    /** Every project type that inherits from the given one, directly or not. */
    default Set<String> subtypesOf(String qualifiedName) {
        return Set.of();
    }
}
