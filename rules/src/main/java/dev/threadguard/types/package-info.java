/**
 * Types without a symbol solver: what the names in a source file stand for, told from the file itself, the
 * project's own declarations ({@link dev.threadguard.types.ProjectIndex}, built from cheap token outlines) and a
 * table of the JDK ({@link dev.threadguard.types.KnownTypes}). The bottom layer: it depends on JavaParser only.
 *
 * <p>Packages point one way: {@code types} &larr; {@code api} &larr; {@code analysis} &larr; {@code rules}
 * &larr; {@code engine} &larr; {@code sarif}; {@code PackageCyclesTest} fails when a cycle comes back.
 */
package dev.threadguard.types;
