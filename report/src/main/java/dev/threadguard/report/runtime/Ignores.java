package dev.threadguard.report.runtime;

import dev.threadguard.agent.config.Frames;
import dev.threadguard.agent.config.TextPattern;

import java.util.ArrayList;
import java.util.List;

/**
 * The ignore lists: thread-name patterns and creation-frame patterns (globs, or {@code regex:} regular
 * expressions; see {@link TextPattern}). A frame pattern is matched against {@code pkg.Class.method} of every
 * frame of the creation stack.
 */
public record Ignores(List<TextPattern> names, List<TextPattern> frames) {

    public static final Ignores NONE = new Ignores(List.of(), List.of());

    /** @throws IllegalArgumentException naming the parameter and the bad pattern */
    public static Ignores of(List<String> names, List<String> frames, String namesParameter, String framesParameter) {
        return new Ignores(compile(names, namesParameter), compile(frames, framesParameter));
    }

    private static List<TextPattern> compile(List<String> patterns, String parameter) {
        List<TextPattern> compiled = new ArrayList<>();
        if (patterns != null) {
            for (String pattern : patterns) {
                try {
                    compiled.add(TextPattern.compile(pattern));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(parameter + " has a bad pattern '" + pattern + "': "
                            + e.getMessage());
                }
            }
        }
        return List.copyOf(compiled);
    }

    public boolean isEmpty() {
        return names.isEmpty() && frames.isEmpty();
    }

    public boolean ignores(String threadName, List<String> creationStack) {
        if (TextPattern.any(names, threadName)) {
            return true;
        }
        if (!frames.isEmpty()) {
            for (String frame : creationStack) {
                if (TextPattern.any(frames, Frames.methodOf(frame))) {
                    return true;
                }
            }
        }
        return false;
    }
}
