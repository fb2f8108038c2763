package dev.threadguard.types;

import java.util.List;

/** What the analysed project itself declares, as far as name resolution and subtyping need to know. */
public interface TypeLookup {

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
}
