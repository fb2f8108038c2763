package dev.threadguard.types;

import java.util.function.Consumer;

/**
 * A forgiving tokenizer for Java source text: it reports identifiers (keywords included) and single punctuation
 * characters, and skips whitespace, comments, string, text-block and character literals and numbers. It never
 * fails; on malformed input it simply reports fewer tokens. This is much cheaper than a parse and is used where
 * a whole-project view is needed before parsing.
 */
final class SourceTokens {

    /** Receives the tokens of one scan: either an identifier or a single punctuation character. */
    interface Sink {
        void identifier(String name);

        void punctuation(char c);
    }

    private SourceTokens() {
    }

    static void scan(CharSequence text, Sink sink) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c < 128 && Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                i = skipLine(text, i + 2);
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                i = skipBlockComment(text, i + 2);
            } else if (c == '"') {
                i = i + 2 < n && text.charAt(i + 1) == '"' && text.charAt(i + 2) == '"'
                        ? skipTextBlock(text, i + 3)
                        : skipQuoted(text, i + 1, '"');
            } else if (c == '\'') {
                i = skipQuoted(text, i + 1, '\'');
            } else if (isIdentifierStart(c)) {
                int start = i++;
                while (i < n && isIdentifierPart(text.charAt(i))) {
                    i++;
                }
                sink.identifier(text.subSequence(start, i).toString());
            } else if (Character.isDigit(c)) {
                i++;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                        || text.charAt(i) == '.')) {
                    i++;
                }
            } else {
                sink.punctuation(c);
                i++;
            }
        }
    }

    static void identifiers(CharSequence text, Consumer<String> consumer) {
        scan(text, new Sink() {
            @Override
            public void identifier(String name) {
                consumer.accept(name);
            }

            @Override
            public void punctuation(char c) {
                // not needed
            }
        });
    }

    private static boolean isIdentifierStart(char c) {
        if (c < 128) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$';
        }
        return Character.isJavaIdentifierStart(c);
    }

    private static boolean isIdentifierPart(char c) {
        if (c < 128) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$';
        }
        return Character.isJavaIdentifierPart(c);
    }

    private static int skipLine(CharSequence text, int i) {
        while (i < text.length() && text.charAt(i) != '\n') {
            i++;
        }
        return i;
    }

    private static int skipBlockComment(CharSequence text, int i) {
        while (i + 1 < text.length() && !(text.charAt(i) == '*' && text.charAt(i + 1) == '/')) {
            i++;
        }
        return Math.min(text.length(), i + 2);
    }

    private static int skipQuoted(CharSequence text, int i, char quote) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote || c == '\n') {
                return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }

    private static int skipTextBlock(CharSequence text, int i) {
        while (i + 2 < text.length()) {
            if (text.charAt(i) == '\\') {
                i += 2;
            } else if (text.charAt(i) == '"' && text.charAt(i + 1) == '"' && text.charAt(i + 2) == '"') {
                return i + 3;
            } else {
                i++;
            }
        }
        return text.length();
    }
}
