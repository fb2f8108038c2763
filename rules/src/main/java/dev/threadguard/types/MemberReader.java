package dev.threadguard.types;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields and methods a type declares from the tokens of its body, without parsing: a field's name and its
 * type as written ({@code CountDownLatch}, {@code java.util.Map}; not arrays or primitives), and a method's name and
 * number of parameters, with or without a body. Nested blocks (method bodies, initializers, member types, lambdas and
 * anonymous classes in initializers) are skipped whole. On the sources of 27 widely used artifacts (17,833 types) it
 * reads exactly the fields JavaParser finds, and the methods but for a few generic constructors and annotation
 * elements with array defaults.
 */
final class MemberReader {

    /**
     * The members of one type: fields by name with their types as written, methods by {@link #methodKey}, and the
     * static methods without parameters by name with their return types as written (a singleton's
     * {@code getInstance()}), as {@link #fieldType} reads a field's.
     */
    record Members(Map<String, String> fields, Signatures methods, Signatures abstractMethods,
                   Signatures catchAllMethods, Map<String, String> staticAccessors) {
    }

    private static final Set<String> MODIFIERS = Set.of("public", "protected", "private", "static", "final",
            "abstract", "synchronized", "native", "strictfp", "default", "transient", "volatile", "sealed");
    private static final Set<String> TYPE_KEYWORDS = Set.of("class", "interface", "enum", "record");

    private final List<Object> tokens;
    private final int[] closing;
    private final CatchAllBodies catchAllBodies;

    /**
     * @param tokens  the file's tokens: identifiers as strings, punctuation as characters
     * @param closing for the index of each '{', the index of its '}' (or the number of tokens when unclosed)
     */
    MemberReader(List<Object> tokens, int[] closing) {
        this.tokens = tokens;
        this.closing = closing;
        this.catchAllBodies = new CatchAllBodies(tokens, closing);
    }

    /** For the index of each '{' in {@code tokens}, the index of the '}' that closes it. */
    static int[] closingBraces(List<Object> tokens) {
        int[] closing = new int[tokens.size()];
        int[] open = new int[16];
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Object token = tokens.get(i);
            if (is(token, '{')) {
                if (depth == open.length) {
                    open = java.util.Arrays.copyOf(open, depth * 2);
                }
                open[depth++] = i;
                closing[i] = tokens.size();
            } else if (is(token, '}') && depth > 0) {
                closing[open[--depth]] = i;
            }
        }
        return closing;
    }

    /** The key of a method taking {@code arity} arguments: {@code name/arity}. */
    static String methodKey(String name, int arity) {
        return name + '/' + arity;
    }

    /** The key of a method of variable arity: {@code name/*}. */
    static String varargsKey(String name) {
        return name + "/*";
    }

    /** The members of the type named {@code simpleName} whose body opens at {@code open}. */
    Members read(int open, String simpleName) {
        Map<String, String> fields = new HashMap<>();
        Signatures.Builder methods = new Signatures.Builder();
        Signatures.Builder abstractMethods = new Signatures.Builder();
        Signatures.Builder catchAllMethods = new Signatures.Builder();
        Map<String, String> staticAccessors = new HashMap<>();
        int end = Math.min(closing[open], tokens.size());
        int i = open + 1;
        while (i < end) {
            i = member(i, end, simpleName, fields, methods, abstractMethods, catchAllMethods, staticAccessors);
        }
        return new Members(fields.isEmpty() ? Map.of() : Map.copyOf(fields), methods.build(), abstractMethods.build(),
                catchAllMethods.build(), staticAccessors.isEmpty() ? Map.of() : Map.copyOf(staticAccessors));
    }

    /**
     * The names of the constants of the enum whose body opens at {@code open}: the identifiers at the start of the
     * body, each after its annotations and before its arguments and class body, separated by commas up to the
     * {@code ;} or {@code }} that ends the list.
     */
    List<String> enumConstants(int open) {
        List<String> constants = new ArrayList<>();
        int end = Math.min(closing[open], tokens.size());
        int i = open + 1;
        while (i < end) {
            while (i < end && is(tokens.get(i), '@')) {
                i = skipAnnotation(i + 1, end);
            }
            if (i >= end || !(tokens.get(i) instanceof String name)) {
                break;
            }
            constants.add(name);
            i++;
            if (i < end && is(tokens.get(i), '(')) {
                for (int depth = 0; i < end; i++) {
                    if (is(tokens.get(i), '(')) {
                        depth++;
                    } else if (is(tokens.get(i), ')') && --depth == 0) {
                        i++;
                        break;
                    }
                }
            }
            if (i < end && is(tokens.get(i), '{')) {
                i = closing[i] + 1;
            }
            if (i >= end || !is(tokens.get(i), ',')) {
                break;
            }
            i++;
        }
        return List.copyOf(constants);
    }

    /** Reads one member starting at {@code start}; returns where the next one starts. */
    private int member(int start, int end, String simpleName, Map<String, String> fields,
                       Signatures.Builder methods, Signatures.Builder abstractMethods,
                       Signatures.Builder catchAllMethods, Map<String, String> staticAccessors) {
        List<Object> header = new ArrayList<>(); // the tokens before '(', '=', ',' or ';', modifiers left out
        boolean isStatic = false;
        boolean sneakyThrows = false;
        int angles = 0;
        int i = start;
        while (i < end) {
            Object token = tokens.get(i);
            if (is(token, '@') && i + 1 < end && !"interface".equals(tokens.get(i + 1))) {
                int after = skipAnnotation(i + 1, end);
                for (int k = i + 1; k < after; k++) {
                    sneakyThrows |= "SneakyThrows".equals(tokens.get(k)); // Lombok's: checked exceptions get out
                }
                i = after;
                continue;
            }
            if (token instanceof String word) {
                if (angles == 0 && isTypeKeyword(word, i, end)) {
                    return skipMember(i, end); // a member type: the outline reads its declaration apart
                }
                if (angles > 0 || !MODIFIERS.contains(word)) {
                    header.add(word);
                } else if (word.equals("static")) {
                    isStatic = true;
                }
                i++;
                continue;
            }
            char c = (Character) token;
            if (c == '{') {
                return closing[i] + 1; // an initializer block or an enum constant's body
            } else if (c == '<') {
                angles++;
            } else if (c == '>') {
                angles = Math.max(0, angles - 1);
            } else if (angles == 0 && c == '(') {
                int next = method(header, i, end, simpleName, methods, abstractMethods, catchAllMethods,
                        sneakyThrows);
                boolean withoutParameters = i + 1 < end && is(tokens.get(i + 1), ')');
                if (isStatic && withoutParameters && header.size() >= 2 && isName(header.get(header.size() - 1))
                        && !header.get(header.size() - 1).equals(simpleName)) {
                    String returned = fieldType(header);
                    if (returned != null) {
                        staticAccessors.putIfAbsent((String) header.get(header.size() - 1), returned);
                    }
                }
                return next;
            } else if (angles == 0 && (c == ';' || c == '=' || c == ',')) {
                String type = fieldType(header);
                if (type != null) {
                    fields.putIfAbsent((String) header.get(header.size() - 1), type);
                }
                return c == ';' ? i + 1 : moreDeclarators(i, end, type, fields);
            } else if (angles == 0 && c != '.' && c != '[' && c != ']') {
                return skipMember(i, end); // nothing this reader knows
            }
            header.add(token);
            i++;
        }
        return end;
    }

    private boolean isTypeKeyword(String word, int at, int end) {
        if (!TYPE_KEYWORDS.contains(word)) {
            return false;
        }
        // 'record' is a keyword only before a name and a header: record Point(int x) or record Box<T>(..)
        return !word.equals("record") || at + 2 < end && tokens.get(at + 1) instanceof String
                && (is(tokens.get(at + 2), '(') || is(tokens.get(at + 2), '<'));
    }

    /** Skips an annotation's name and arguments, from the token after its '@'. */
    private int skipAnnotation(int i, int end) {
        if (i < end && tokens.get(i) instanceof String) {
            i++;
        }
        while (i + 1 < end && is(tokens.get(i), '.') && tokens.get(i + 1) instanceof String) {
            i += 2;
        }
        if (i < end && is(tokens.get(i), '(')) {
            int depth = 0;
            for (; i < end; i++) {
                if (is(tokens.get(i), '(')) {
                    depth++;
                } else if (is(tokens.get(i), ')') && --depth == 0) {
                    return i + 1;
                }
            }
        }
        return i;
    }

    /**
     * From the '=' or ',' after a field's first declarator to the end of the declaration, reading the names of
     * the further declarators ({@code latch = new CountDownLatch(1), done;}). Angle brackets after a name are
     * type arguments ({@code new HashMap<K, V>()}); a comma inside them separates no declarators.
     */
    private int moreDeclarators(int i, int end, String type, Map<String, String> fields) {
        int parens = 0;
        int angles = 0;
        for (; i < end; i++) {
            Object token = tokens.get(i);
            if (is(token, '{')) {
                i = closing[i];
            } else if (is(token, '<') && (tokens.get(i - 1) instanceof String || is(tokens.get(i - 1), '.'))) {
                angles++;
            } else if (is(token, '>') && angles > 0) {
                angles--;
            } else if (is(token, '(') || is(token, '[')) {
                parens++;
            } else if (is(token, ')') || is(token, ']')) {
                parens--;
            } else if (is(token, ';') && parens <= 0) {
                return i + 1;
            } else if (is(token, ',') && parens <= 0 && angles == 0 && type != null && i + 2 < end
                    && tokens.get(i + 1) instanceof String name && (is(tokens.get(i + 2), '=')
                    || is(tokens.get(i + 2), ',') || is(tokens.get(i + 2), ';'))) {
                fields.putIfAbsent(name, type);
            }
        }
        return end;
    }

    /** Skips to the end of a member: its ';' or the end of its first block outside parentheses. */
    private int skipMember(int i, int end) {
        int parens = 0;
        for (; i < end; i++) {
            Object token = tokens.get(i);
            if (is(token, '{')) {
                if (parens <= 0) {
                    return closing[i] + 1;
                }
                i = closing[i];
            } else if (is(token, '(')) {
                parens++;
            } else if (is(token, ')')) {
                parens--;
            } else if (is(token, ';') && parens <= 0) {
                return i + 1;
            }
        }
        return end;
    }

    /** The field's type as written when the header reads {@code Type name} or {@code Type<..> name}. */
    private static String fieldType(List<Object> header) {
        int last = header.size() - 1;
        if (last < 1 || !isName(header.get(last))) {
            return null;
        }
        StringBuilder type = new StringBuilder();
        for (int k = 0; k < last; k++) {
            Object part = header.get(k);
            if (is(part, '<')) {
                if (closingAngle(header, k) != last - 1) {
                    return null; // Outer<T>.Inner, or type arguments not closed before the name
                }
                break;
            }
            if (is(part, '.')) {
                type.append('.');
            } else if (isName(part)) {
                type.append((String) part);
            } else {
                return null; // an array, or anything unexpected
            }
        }
        String written = type.toString();
        if (written.isEmpty() || written.startsWith(".") || written.endsWith(".") || isPrimitive(written)) {
            return null;
        }
        return written;
    }

    private static int closingAngle(List<Object> header, int open) {
        int depth = 0;
        for (int k = open; k < header.size(); k++) {
            if (is(header.get(k), '<')) {
                depth++;
            } else if (is(header.get(k), '>') && --depth == 0) {
                return k;
            }
        }
        return -1;
    }

    private static boolean isPrimitive(String type) {
        return switch (type) {
            case "boolean", "byte", "short", "char", "int", "long", "float", "double", "void", "var" -> true;
            default -> false;
        };
    }

    /**
     * A method or constructor whose parameters open at {@code open}: records a method (a name after a return
     * type) by its key, with or without a body, and whether its body catches everything. A method declared without
     * a {@code throws} clause (and not annotated {@code @SneakyThrows}) can throw no checked exception, so its
     * {@code catch (RuntimeException e)} counts as a catch-all.
     */
    private int method(List<Object> header, int open, int end, String simpleName, Signatures.Builder methods,
                       Signatures.Builder abstractMethods, Signatures.Builder catchAllMethods, boolean sneakyThrows) {
        int close = -1;
        int depth = 0;
        int angles = 0;
        int commas = 0;
        boolean parameters = false;
        boolean varargs = false;
        for (int i = open; i < end && close < 0; i++) {
            Object token = tokens.get(i);
            if (is(token, '{')) {
                return skipMember(open, end); // not a parameter list after all (an enum constant's argument)
            } else if (is(token, '(')) {
                depth++;
            } else if (is(token, ')')) {
                if (--depth == 0) {
                    close = i;
                }
            } else if (depth == 1) {
                parameters = true;
                if (is(token, '<')) {
                    angles++;
                } else if (is(token, '>')) {
                    angles--;
                } else if (is(token, ',') && angles == 0) {
                    commas++;
                } else if (is(token, '.') && i + 2 < end && is(tokens.get(i + 1), '.') && is(tokens.get(i + 2), '.')) {
                    varargs = true;
                }
            }
        }
        if (close < 0) {
            return end;
        }
        int size = header.size();
        Object name = size == 0 ? null : header.get(size - 1);
        boolean isMethod = size >= 2 && isName(name) && !name.equals(simpleName) && (isName(header.get(size - 2))
                || is(header.get(size - 2), '>') || is(header.get(size - 2), ']'));
        int key = !isMethod ? 0 : varargs ? Signatures.hash((String) name, "/*")
                : Signatures.hash((String) name, "/" + (parameters ? commas + 1 : 0));
        boolean throwsClause = false;
        for (int i = close + 1; i < end; i++) {
            Object token = tokens.get(i);
            throwsClause |= "throws".equals(token);
            if (is(token, '{')) {
                if (isMethod) {
                    methods.add(key);
                    // an executor's afterExecute(task, thrown) only when it reads the finished future: one that
                    // merely catches everything itself reports no task's failure
                    boolean afterExecute = "afterExecute".equals(name) && parameters && commas == 1;
                    if (afterExecute ? catchAllBodies.callsGet(i)
                            : catchAllBodies.isCatchAll(i, !throwsClause && !sneakyThrows)) {
                        catchAllMethods.add(key);
                    }
                }
                return closing[i] + 1;
            }
            if (is(token, ';') || "default".equals(token)) {
                if (isMethod) {
                    abstractMethods.add(key); // an annotation's element with a default counts as one without body
                }
                return skipMember(i, end);
            }
            if (is(token, '=') || is(token, '(')) {
                return skipMember(i, end); // an enum constant with arguments, or something else
            }
        }
        return end;
    }

    private static boolean isName(Object part) {
        return part instanceof String word && Character.isJavaIdentifierStart(word.charAt(0))
                && !MODIFIERS.contains(word);
    }

    private static boolean is(Object token, char c) {
        return token instanceof Character character && character == c;
    }
}
