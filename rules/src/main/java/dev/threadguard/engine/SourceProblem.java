package dev.threadguard.engine;

import java.nio.file.Path;

/**
 * A source file the engine could not analyse completely: it does not parse, cannot be read, or a rule failed on it.
 * Problems are reported as warnings; they never stop the other files from being analysed.
 *
 * @param file    the absolute path of the file
 * @param line    1-based line, or 1 when unknown
 * @param column  1-based column, or 1 when unknown
 * @param message what went wrong and what to do about it
 */
public record SourceProblem(Path file, int line, int column, String message) {
}
