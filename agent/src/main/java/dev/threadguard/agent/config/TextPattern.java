package dev.threadguard.agent.config;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A thread-name or frame pattern from an ignore list: a glob where {@code *} matches any run of characters
 * (dots included) and {@code ?} one character, or, prefixed with {@code regex:}, a Java regular expression. Both
 * must match the whole text.
 */
public final class TextPattern {

    public static final String REGEX_PREFIX = "regex:";

    private final String text;
    private final Pattern pattern;

    private TextPattern(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    /** @throws IllegalArgumentException when the pattern is empty or not a valid regular expression */
    public static TextPattern compile(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an empty pattern matches nothing: remove it or write one such as "
                    + "'pool-*' or 'regex:pool-\\d+-.*'");
        }
        String trimmed = text.trim();
        if (trimmed.startsWith(REGEX_PREFIX)) {
            String regex = trimmed.substring(REGEX_PREFIX.length());
            try {
                return new TextPattern(trimmed, Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("'" + regex + "' is not a valid regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
        }
        StringBuilder regex = new StringBuilder();
        for (char c : trimmed.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new TextPattern(trimmed, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    public boolean matches(String value) {
        return value != null && pattern.matcher(value).matches();
    }

    /** True when any of the patterns matches. */
    public static boolean any(List<TextPattern> patterns, String value) {
        for (TextPattern pattern : patterns) {
            if (pattern.matches(value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
