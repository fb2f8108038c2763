package dev.threadguard.report.html;

/**
 * A tiny HTML builder. Everything that comes from users (thread names, paths, messages, source text) goes
 * through {@link #text(String)}, which escapes it, so a thread named {@code <img src=x onerror=alert(1)>} shows
 * as text. Markup is only ever written with {@link #raw(String)} from constants in this package.
 */
final class Html {

    private final StringBuilder out = new StringBuilder(64 * 1024);

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Appends markup written by this package, never user data. */
    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** Appends user data, escaped. */
    Html text(String text) {
        out.append(escape(text));
        return this;
    }

    Html text(long number) {
        out.append(number);
        return this;
    }

    /** {@code <tag class="cls">escaped text</tag>}. */
    Html element(String tag, String cssClass, String text) {
        out.append('<').append(tag);
        if (cssClass != null) {
            out.append(" class=\"").append(cssClass).append('"');
        }
        out.append('>').append(escape(text)).append("</").append(tag).append('>');
        return this;
    }

    /** An id or anchor made only of safe characters. */
    static String anchor(String text) {
        return text.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
