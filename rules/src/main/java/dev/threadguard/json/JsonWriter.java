package dev.threadguard.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer with two-space indentation, enough for SARIF and threadguard's reports without
 * pulling a JSON library into users' builds. Strings are escaped per RFC 8259; non-finite numbers become null.
 */
public final class JsonWriter implements AutoCloseable {

    private final Writer out;
    /** Per open container: true until its first element has been written. */
    private final Deque<Boolean> first = new ArrayDeque<>();
    private boolean afterName;

    public JsonWriter(Writer out) {
        this.out = out;
    }

    public JsonWriter beginObject() {
        beforeValue();
        write("{");
        first.push(true);
        return this;
    }

    public JsonWriter endObject() {
        return end("}");
    }

    public JsonWriter beginArray() {
        beforeValue();
        write("[");
        first.push(true);
        return this;
    }

    public JsonWriter endArray() {
        return end("]");
    }

    public JsonWriter name(String name) {
        separate();
        writeString(name);
        write(": ");
        afterName = true;
        return this;
    }

    public JsonWriter value(String value) {
        beforeValue();
        if (value == null) {
            write("null");
        } else {
            writeString(value);
        }
        return this;
    }

    public JsonWriter value(long value) {
        beforeValue();
        write(Long.toString(value));
        return this;
    }

    public JsonWriter value(double value) {
        beforeValue();
        write(Double.isFinite(value) ? Double.toString(value) : "null");
        return this;
    }

    public JsonWriter value(boolean value) {
        beforeValue();
        write(Boolean.toString(value));
        return this;
    }

    /** Writes a number, or null when {@code value} is null. */
    public JsonWriter value(Number value) {
        if (value == null) {
            beforeValue();
            write("null");
            return this;
        }
        if (value instanceof Double || value instanceof Float) {
            return value(value.doubleValue());
        }
        return value(value.longValue());
    }

    public JsonWriter nullValue() {
        beforeValue();
        write("null");
        return this;
    }

    /** Shorthand for {@code name(name).value(value)}. */
    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, Number value) {
        return name(name).value(value);
    }

    private JsonWriter end(String bracket) {
        boolean empty = first.pop();
        if (!empty) {
            newline();
        }
        write(bracket);
        if (first.isEmpty()) {
            write("\n");
        }
        return this;
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (!first.isEmpty()) {
            separate();
        }
    }

    private void separate() {
        if (!first.isEmpty()) {
            if (!first.peek()) {
                write(",");
            }
            first.pop();
            first.push(false);
            newline();
        }
    }

    private void newline() {
        write("\n");
        write("  ".repeat(first.size()));
    }

    private void writeString(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                case '\b' -> escaped.append("\\b");
                case '\f' -> escaped.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        write(escaped.append('"').toString());
    }

    private void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
