package dev.threadguard.types;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells from a method body's tokens, without parsing, whether every exception its work can throw is caught in the
 * body: its last statement catches everything (a {@code try} with a {@code catch} of {@code Throwable} or
 * {@code Exception}, or of {@code RuntimeException} in a method declared without a {@code throws} clause, which the
 * compiler lets throw no checked exception; a {@code synchronized} block, an {@code if}/{@code else} over a condition
 * that cannot throw, a {@code while} or {@code do} loop over one, or a for-each loop over a collection no one else
 * holds, around such bodies), and every statement before it is one that cannot throw (a local, a name or a field of this object set to a
 * literal, a name or a chain of getters, a local set to a new JDK or Guava collection, the running thread renamed,
 * logging, an early-return guard over names and getters) or catches everything too.
 * The same judgement {@code HandedTasks} makes on the syntax tree of the file being checked, made here for the
 * methods of the other files of the project, whose trees are not at hand. Tokens leave literals out, so {@code x = 0} reads {@code x =} (and a getter given a
 * literal, {@code getX(1)}, reads as one without arguments).
 */
public final class CatchAllBodies {

    private static final Set<String> CATCH_ALL = Set.of("Throwable", "Exception", "java.lang.Throwable",
            "java.lang.Exception");
    /** What a body that can throw no checked exception may catch instead: every exception it can throw. */
    private static final Set<String> RUNTIME_EXCEPTION = Set.of("RuntimeException", "java.lang.RuntimeException");
    /** Calls without arguments a guard or a local may read: getters and flags. */
    private static final Pattern GETTER = Pattern.compile("(get|is|has|should|can)([A-Z_].*)?|currentTimeMillis|nanoTime"
            + "|currentThread|isTraceEnabled|isDebugEnabled|isInfoEnabled");
    /** Calls with arguments a guard may make: an atomic flag's compare-and-set. */
    private static final Set<String> GUARD_CALLS_WITH_ARGUMENTS = Set.of("compareAndSet");
    /** Words that are not a name a quiet value may read: {@code new}, {@code super}, {@code Foo.class}. */
    private static final Set<String> NOT_A_VALUE = Set.of("new", "super", "class");
    /** JDK collections whose constructors, given a size or a collection, only copy in memory. */
    private static final Set<String> NEW_COLLECTIONS = Set.of("ArrayList", "LinkedList", "ArrayDeque", "HashMap",
            "LinkedHashMap", "TreeMap", "HashSet", "LinkedHashSet", "TreeSet", "ConcurrentHashMap",
            "ConcurrentLinkedQueue", "ConcurrentLinkedDeque", "CopyOnWriteArrayList", "CopyOnWriteArraySet");
    /**
     * Guava's and the JDK's static collection factories, as {@code Owner.method}; not {@code Set.of} or {@code Map.of},
     * which throw on a duplicate.
     */
    private static final Set<String> COLLECTION_FACTORIES = Set.of("Lists.newArrayList", "Lists.newLinkedList",
            "Lists.newArrayListWithCapacity", "Lists.newArrayListWithExpectedSize", "Lists.newCopyOnWriteArrayList",
            "Maps.newHashMap", "Maps.newLinkedHashMap", "Maps.newTreeMap", "Maps.newConcurrentMap",
            "Maps.newHashMapWithExpectedSize", "Sets.newHashSet", "Sets.newLinkedHashSet", "Sets.newTreeSet",
            "Sets.newConcurrentHashSet", "Sets.newHashSetWithExpectedSize", "List.of", "Collections.emptyList",
            "Collections.emptyMap", "Collections.emptySet");
    /** A map's or a collection's views without arguments, which a new collection may copy. */
    private static final Set<String> COLLECTION_VIEWS = Set.of("values", "keySet", "entrySet");
    private static final Pattern LOGGER = Pattern.compile("_?(log|logger)", Pattern.CASE_INSENSITIVE);

    private final List<Object> tokens;
    private final int[] closing;

    /**
     * True for the name of a call without arguments that a guard or a local before the catch-all {@code try} may
     * make, taken not to throw: a getter ({@code getX}, {@code isX}, {@code hasX}, {@code shouldX}, {@code canX}),
     * a clock, {@code Thread.currentThread()}, a log-level test.
     */
    public static boolean isQuietGetter(String name) {
        return GETTER.matcher(name).matches();
    }

    /** True for the simple name of a JDK collection whose constructor only copies in memory: {@code ArrayList}. */
    public static boolean isNewCollection(String simpleName) {
        return NEW_COLLECTIONS.contains(simpleName);
    }

    /** True for a static collection factory of Guava or the JDK: {@code Lists.newArrayList}, {@code List.of}. */
    public static boolean isCollectionFactory(String owner, String method) {
        return COLLECTION_FACTORIES.contains(owner + "." + method);
    }

    /** True for a view a new collection may copy: {@code values}, {@code keySet}, {@code entrySet}. */
    public static boolean isCollectionView(String method) {
        return COLLECTION_VIEWS.contains(method);
    }

    /** True for a logger's name: {@code log}, {@code LOG}, {@code logger}, {@code _log}. */
    public static boolean isLoggerName(String name) {
        return LOGGER.matcher(name).matches();
    }

    CatchAllBodies(List<Object> tokens, int[] closing) {
        this.tokens = tokens;
        this.closing = closing;
    }

    /**
     * True when the block whose '{' is at {@code open} calls {@code get()}: in an executor's
     * {@code afterExecute(task, thrown)}, reading the finished future's outcome, which holds every failure of a
     * submitted task.
     */
    boolean callsGet(int open) {
        int end = Math.min(closing[open], tokens.size());
        for (int i = open + 1; i + 2 < end; i++) {
            if ("get".equals(tokens.get(i)) && is(i - 1, '.') && is(i + 1, '(') && is(i + 2, ')')) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the block whose '{' is at {@code open} is a catch-all body. {@code unchecked}: the body can throw no
     * checked exception (its method declares no {@code throws} clause), so a {@code catch (RuntimeException e)}
     * catches everything a {@code catch (Exception e)} would.
     */
    boolean isCatchAll(int open, boolean unchecked) {
        return closing[open] < tokens.size() && isCatchAll(open, 0, unchecked);
    }

    /** How deeply branches and loops around catch-all bodies may nest in a body. */
    private static final int MAX_NESTING = 4;
    /** Java's primitive types: a for-each variable of one unboxes each element, which may be {@code null}. */
    private static final Set<String> PRIMITIVES = Set.of("boolean", "byte", "char", "short", "int", "long", "float",
            "double");

    /**
     * The block whose '{' is at {@code open}: statements that cannot throw, or that catch everything themselves
     * ({@link #catchAllStatement}), the last one of the latter kind.
     */
    private boolean isCatchAll(int open, int nesting, boolean unchecked) {
        int end = closing[open];
        if (nesting > MAX_NESTING || end >= tokens.size()) {
            return false;
        }
        Set<String> freshLocals = Set.of();
        int i = open + 1;
        while (i < end) {
            int next = catchAllStatement(i, open, freshLocals, nesting, unchecked);
            if (next == end) {
                return true;
            }
            if (next < 0) {
                next = "if".equals(tokens.get(i)) ? earlyReturn(i, end) : quietStatement(i, end);
                if (next < 0) {
                    return false;
                }
                String fresh = freshLocal(i, next);
                if (fresh != null) {
                    freshLocals = new java.util.HashSet<>(freshLocals);
                    freshLocals.add(fresh);
                }
            }
            i = next;
        }
        return false;
    }

    /**
     * A statement at {@code at} of the block opened at {@code open} that catches every exception it can throw: a
     * catch-all {@code try}; a {@code synchronized} block around a catch-all body; an {@code if} over a condition that
     * cannot throw whose branches are catch-all bodies (an {@code else} may only log, or be such an {@code if}); a
     * {@code while} or {@code do}/{@code while} loop over such a condition around a catch-all body; a for-each loop of
     * a catch-all body over a collection no one else holds. Returns the index after it, or -1.
     */
    private int catchAllStatement(int at, int open, Set<String> freshLocals, int nesting, boolean unchecked) {
        int end = closing[open];
        Object token = tokens.get(at);
        if ("try".equals(token)) {
            // try { a(); } catch (Throwable t) { .. } try { b(); } catch (Exception e) { .. }: each step its own
            return catchAllTryEnd(at + 1, end, unchecked);
        }
        if ("if".equals(token)) {
            return catchAllIf(at, end, nesting, unchecked);
        }
        if ("do".equals(token) && is(at + 1, '{')) {
            int after = closing[at + 1] + 1;
            int close = "while".equals(tokenAt(after)) && is(after + 1, '(') ? closingParen(after + 1, end) : -1;
            return close > 0 && is(close + 1, ';') && isQuietCondition(after + 2, close)
                    && isCatchAll(at + 1, nesting + 1, unchecked) ? close + 2 : -1;
        }
        boolean loop = "while".equals(token) || "for".equals(token);
        if (!loop && !"synchronized".equals(token) || !is(at + 1, '(')) {
            return -1;
        }
        int close = closingParen(at + 1, end);
        int body = close + 1;
        if (close < 0 || !is(body, '{') || closing[body] >= end) {
            return -1;
        }
        boolean header = "for".equals(token) ? iteratesAFreshCollection(at + 2, close, open, freshLocals)
                : isQuietCondition(at + 2, close);
        return header && isCatchAll(body, nesting + 1, unchecked) ? closing[body] + 1 : -1;
    }

    /**
     * An {@code if} at {@code at} over a condition that cannot throw, whose block is a catch-all body and whose
     * {@code else} (if any) is one too, only logs, or is such an {@code if} again; or whose block only logs and whose
     * {@code else} is a catch-all body. Returns the index after the whole statement, or -1.
     */
    private int catchAllIf(int at, int end, int nesting, boolean unchecked) {
        int close = is(at + 1, '(') ? closingParen(at + 1, end) : -1;
        int then = close + 1;
        if (close < 0 || nesting >= MAX_NESTING || !isQuietCondition(at + 2, close) || !is(then, '{')
                || closing[then] >= end) {
            return -1;
        }
        boolean thenCatches = isCatchAll(then, nesting + 1, unchecked);
        int after = closing[then] + 1;
        if (!"else".equals(tokenAt(after))) {
            return thenCatches ? after : -1;
        }
        int otherwise = after + 1;
        int last;
        boolean otherwiseCatches;
        if ("if".equals(tokenAt(otherwise))) {
            last = catchAllIf(otherwise, end, nesting + 1, unchecked);
            otherwiseCatches = last > 0;
        } else if (is(otherwise, '{') && closing[otherwise] < end) {
            last = closing[otherwise] + 1;
            otherwiseCatches = isCatchAll(otherwise, nesting + 1, unchecked);
        } else {
            last = logging(otherwise, end);
            otherwiseCatches = false;
        }
        if (last < 0) {
            return -1;
        }
        boolean otherwiseLogs = !otherwiseCatches && logsOnly(otherwise, last);
        return thenCatches && (otherwiseCatches || otherwiseLogs)
                || otherwiseCatches && logsOnly(then, closing[then] + 1) ? last : -1;
    }

    /**
     * The header of a for-each loop, from after its '(' to its ')' at {@code close}: a variable that is not of a
     * primitive type (which would unbox a {@code null}), over a new JDK or Guava collection, or over a local of the
     * block opened at {@code open} set to one before the loop ({@code freshLocals}) and used nowhere else in the block,
     * or such a map's view ({@code copy.values()}). Not a field, a parameter or a call's result: another thread may
     * change it while the loop runs (a {@code ConcurrentModificationException}), or it may be {@code null}.
     */
    private boolean iteratesAFreshCollection(int from, int close, int open, Set<String> freshLocals) {
        int colon = from;
        while (colon < close && !is(colon, ':')) {
            if (!(tokens.get(colon) instanceof String) && !is(colon, '.') && !is(colon, '<') && !is(colon, '>')
                    && !is(colon, ',') && !is(colon, '?')) {
                return false; // ;, (, = : a basic for loop
            }
            colon++;
        }
        if (colon == close || colon - from < 2 || PRIMITIVES.contains(tokenAt(colon - 2))) {
            return false;
        }
        if (isNewCollection(colon + 1, close)) {
            return true;
        }
        int to = close;
        if (close - colon == 6 && is(close - 1, ')') && is(close - 2, '(')
                && COLLECTION_VIEWS.contains(tokenAt(close - 3)) && is(close - 4, '.')) {
            to = close - 4; // copy.values()
        }
        if (to != colon + 2 || !(tokens.get(colon + 1) instanceof String local) || !freshLocals.contains(local)) {
            return false;
        }
        // the loop's header is its only use: nothing else adds to it, hands it on, or changes it while it is iterated
        int uses = 0;
        for (int i = open + 1; i < closing[open]; i++) {
            if (local.equals(tokens.get(i)) && !is(i - 1, '.')) {
                uses++;
            }
        }
        return uses == 2; // the declaration and the loop
    }

    /**
     * The local a quiet statement from {@code at} to {@code next} declares and sets to a new collection
     * ({@code List<Job> copy = new ArrayList<>(pending);}), or null.
     */
    private String freshLocal(int at, int next) {
        int equals = at;
        int angles = 0;
        while (equals < next && !(is(equals, '=') && angles == 0)) {
            angles += is(equals, '<') ? 1 : is(equals, '>') ? -1 : 0;
            equals++;
        }
        return equals - at >= 2 && equals < next && tokens.get(equals - 1) instanceof String name
                && !is(equals - 2, '.') && isNewCollection(equals + 1, next - 1) ? name : null;
    }

    /**
     * An early-return guard at {@code at}: {@code if (!shouldRun()) return;}, {@code if (busy) { log.debug(..);
     * return; }}; returns the index after it, or -1.
     */
    private int earlyReturn(int at, int end) {
        if (!is(at + 1, '(')) {
            return -1;
        }
        int close = closingParen(at + 1, end);
        if (close < 0 || !isQuietCondition(at + 2, close)) {
            return -1;
        }
        int then = close + 1;
        if ("return".equals(tokenAt(then)) && is(then + 1, ';')) {
            return then + 2;
        }
        if (!is(then, '{') || closing[then] >= end || "else".equals(tokenAt(closing[then] + 1))) {
            return -1;
        }
        // { log.debug(..); return; }
        int i = then + 1;
        while (i < closing[then]) {
            if ("return".equals(tokens.get(i)) && is(i + 1, ';') && i + 2 == closing[then]) {
                return closing[then] + 1;
            }
            i = logging(i, closing[then]);
            if (i < 0) {
                return -1;
            }
        }
        return -1;
    }

    /** Names, field reads, operators and getters: a condition that cannot throw. */
    private boolean isQuietCondition(int from, int to) {
        for (int i = from; i < to; i++) {
            Object token = tokens.get(i);
            if (token instanceof String word && is(i + 1, '(')) {
                int close = closingParen(i + 1, to + 1);
                boolean getter = close == i + 2 && GETTER.matcher(word).matches();
                if (!getter && !GUARD_CALLS_WITH_ARGUMENTS.contains(word) || "new".equals(tokenAt(i - 1))) {
                    return false;
                }
                if (!getter) {
                    i = close; // compareAndSet(false, true): its arguments are literals
                    continue;
                }
                i = close;
            } else if (token instanceof Character c && "{}[;".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A statement that cannot throw: a local or field set to a literal, a name, {@code this.name} or a getter, or a
     * logging call; returns the index after it, or -1.
     */
    private int quietStatement(int at, int end) {
        int logged = logging(at, end);
        if (logged >= 0) {
            return logged;
        }
        int named = namingTheThread(at, end);
        if (named >= 0) {
            return named;
        }
        int equals = -1;
        int angles = 0;
        int i = at;
        for (; i < end; i++) {
            Object token = tokens.get(i);
            if (is(i, '<')) {
                angles++;
            } else if (is(i, '>')) {
                angles--;
            } else if (is(i, '=') && angles == 0) {
                equals = i;
                break;
            } else if (is(i, ';') && angles == 0) {
                return declarationOnly(at, i) ? i + 1 : -1; // int count;
            } else if (!(token instanceof String) && !is(i, '.') && !is(i, '[') && !is(i, ']') && !is(i, ',')
                    && !is(i, '?')) {
                return -1;
            }
        }
        if (equals < 0 || is(equals + 1, '=')) {
            return -1;
        }
        int semicolon = equals + 1;
        while (semicolon < end && !is(semicolon, ';')) {
            semicolon++;
        }
        return semicolon < end && isQuietTarget(at, equals)
                && (isQuietValue(equals + 1, semicolon) || isNewCollection(equals + 1, semicolon)) ? semicolon + 1 : -1;
    }

    /**
     * {@code Thread.currentThread().setName(..);} with literals, names and {@code +} only: returns the index after it,
     * or -1. What {@code HandedTasks} accepts on the tree.
     */
    private int namingTheThread(int at, int end) {
        if (!"Thread".equals(tokenAt(at)) || !is(at + 1, '.') || !"currentThread".equals(tokenAt(at + 2))
                || !is(at + 3, '(') || !is(at + 4, ')') || !is(at + 5, '.') || !"setName".equals(tokenAt(at + 6))
                || !is(at + 7, '(')) {
            return -1;
        }
        int close = closingParen(at + 7, end);
        if (close < 0 || !is(close + 1, ';')) {
            return -1;
        }
        for (int i = at + 8; i < close; i++) {
            boolean name = tokens.get(i) instanceof String word && !NOT_A_VALUE.contains(word) && !is(i + 1, '(');
            if (!name && !is(i, '.') && !is(i, '+')) {
                return -1;
            }
        }
        return close + 2;
    }

    /**
     * {@code new ArrayList<>(pending)}, {@code Lists.newArrayList(byUser.values())}, {@code Maps.newHashMap()}: a new
     * JDK or Guava collection, empty or copied from quiet values or a map's views. What {@code HandedTasks} accepts
     * on the tree.
     */
    private boolean isNewCollection(int from, int to) {
        int i = from;
        boolean created = "new".equals(tokenAt(i));
        if (created) {
            i++;
        }
        String owner = null;
        String last = null;
        while (i < to && tokens.get(i) instanceof String word) {
            owner = last;
            last = word;
            if (!is(i + 1, '.')) {
                break;
            }
            i += 2;
        }
        if (last == null) {
            return false;
        }
        i++;
        if (created) {
            if (!NEW_COLLECTIONS.contains(last)) {
                return false;
            }
            if (is(i, '<')) {
                int angles = 0;
                do {
                    angles += is(i, '<') ? 1 : is(i, '>') ? -1 : 0;
                    i++;
                } while (i < to && angles > 0);
            }
        } else if (owner == null || !COLLECTION_FACTORIES.contains(owner + "." + last)) {
            return false;
        }
        if (!is(i, '(') || closingParen(i, to) != to - 1) {
            return false;
        }
        // the arguments, split at their top-level commas
        int start = i + 1;
        for (int j = start; j <= to - 1; j++) {
            if (is(j, '(')) {
                j = closingParen(j, to);
                if (j < 0) {
                    return false;
                }
            } else if (is(j, ',') || j == to - 1) {
                if (!isQuietValue(start, j) && !isMapView(start, j)) {
                    return false;
                }
                start = j + 1;
            }
        }
        return true;
    }

    /** {@code byUser.values()}, {@code this.byUser.keySet()}: a view of a quiet value. */
    private boolean isMapView(int from, int to) {
        return to - from >= 5 && is(to - 1, ')') && is(to - 2, '(') && tokens.get(to - 3) instanceof String view
                && COLLECTION_VIEWS.contains(view) && is(to - 4, '.') && isQuietValue(from, to - 4);
    }

    private boolean declarationOnly(int from, int to) {
        return to - from >= 2 && tokens.subList(from, to).stream().allMatch(token -> token instanceof String);
    }

    /**
     * Nothing (a literal), {@code -} (a negative literal), or a chain of names and getters without arguments, read
     * from a name or {@code this}: {@code a}, {@code a.b}, {@code getB()}, {@code Thread.currentThread()
     * .getContextClassLoader()}, maybe in parentheses; what {@code HandedTasks.cannotThrow} accepts on the tree.
     */
    private boolean isQuietValue(int from, int to) {
        if (from == to || is(from, '-') && from + 1 == to) {
            return true;
        }
        if (is(from, '(') && closingParen(from, to) == to - 1) {
            return isQuietValue(from + 1, to - 1);
        }
        int i = from;
        while (i < to && tokens.get(i) instanceof String word && !NOT_A_VALUE.contains(word)) {
            int next = i + 1;
            if (is(next, '(')) {
                if (!is(next + 1, ')') || !GETTER.matcher(word).matches()) {
                    return false;
                }
                next += 2;
            }
            if (next == to) {
                return true;
            }
            if (!is(next, '.')) {
                return false;
            }
            i = next + 1;
        }
        return false;
    }

    /**
     * What a quiet statement may assign to: a local it declares ({@code final Type name}, {@code List<T> name}), a
     * name, or a field of this object ({@code this.name}, {@code Outer.this.name}); not another object's field or
     * an array element, whose reading may throw.
     */
    private boolean isQuietTarget(int from, int to) {
        if (to - from == 1) {
            return tokens.get(from) instanceof String;
        }
        if (to - from >= 3 && "this".equals(tokens.get(to - 3)) && is(to - 2, '.')
                && tokens.get(to - 1) instanceof String) {
            for (int i = from; i < to - 3; i++) {
                if (!(tokens.get(i) instanceof String) && !is(i, '.')) {
                    return false;
                }
            }
            return true;
        }
        Object before = tokens.get(to - 2);
        return tokens.get(to - 1) instanceof String && (before instanceof String || is(to - 2, '>')
                || is(to - 2, ']'));
    }

    /** A branch from {@code at} to {@code end}: one logging call, or a block of them. */
    private boolean logsOnly(int at, int end) {
        if (!is(at, '{')) {
            return logging(at, end) == end;
        }
        if (closing[at] + 1 != end) {
            return false;
        }
        int i = at + 1;
        while (i < closing[at]) {
            i = logging(i, closing[at]);
            if (i < 0) {
                return false;
            }
        }
        return i > at + 1;
    }

    /** {@code log.debug(..);}: returns the index after it, or -1. */
    private int logging(int at, int end) {
        if (!(tokenAt(at) instanceof String logger) || !LOGGER.matcher(logger).matches() || !is(at + 1, '.')
                || !(tokenAt(at + 2) instanceof String) || !is(at + 3, '(')) {
            return -1;
        }
        int close = closingParen(at + 3, end);
        return close >= 0 && is(close + 1, ';') ? close + 2 : -1;
    }

    /**
     * From after {@code try}: optional resources, the block, catches (one of them catch-all) and an optional finally;
     * returns the index after the statement, or -1 when it is not such a {@code try}.
     */
    private int catchAllTryEnd(int at, int end, boolean unchecked) {
        int i = at;
        if (is(i, '(')) {
            i = closingParen(i, end) + 1;
            if (i <= 0) {
                return -1;
            }
        }
        if (!is(i, '{')) {
            return -1;
        }
        i = closing[i] + 1;
        boolean catchesAll = false;
        while ("catch".equals(tokenAt(i)) && is(i + 1, '(')) {
            int close = closingParen(i + 1, end);
            if (close < 0) {
                return -1;
            }
            catchesAll |= catchesAll(i + 2, close - 1, unchecked);
            i = close + 1;
            if (!is(i, '{')) {
                return -1;
            }
            i = closing[i] + 1;
        }
        if ("finally".equals(tokenAt(i)) && is(i + 1, '{')) {
            i = closing[i + 1] + 1;
        }
        return catchesAll && i <= end ? i : -1;
    }

    /**
     * The types of a catch parameter, from {@code from} to the parameter's name at {@code name}: one of them is
     * {@code Throwable} or {@code Exception}, or, with {@code unchecked}, {@code RuntimeException}.
     */
    private boolean catchesAll(int from, int name, boolean unchecked) {
        StringBuilder type = new StringBuilder();
        for (int i = from; i < name; i++) {
            Object token = tokens.get(i);
            if (is(i, '|')) {
                if (catchesAll(type.toString(), unchecked)) {
                    return true;
                }
                type.setLength(0);
            } else if (token instanceof String word && !"final".equals(word)) {
                type.append(word);
            } else if (is(i, '.')) {
                type.append('.');
            }
        }
        return catchesAll(type.toString(), unchecked);
    }

    private static boolean catchesAll(String type, boolean unchecked) {
        return CATCH_ALL.contains(type) || unchecked && RUNTIME_EXCEPTION.contains(type);
    }

    private int closingParen(int open, int end) {
        int depth = 0;
        for (int i = open; i < end; i++) {
            if (is(i, '(')) {
                depth++;
            } else if (is(i, ')') && --depth == 0) {
                return i;
            } else if (is(i, '{')) {
                i = closing[i];
            }
        }
        return -1;
    }

    private Object tokenAt(int index) {
        return index >= 0 && index < tokens.size() ? tokens.get(index) : null;
    }

    private boolean is(int index, char c) {
        return tokenAt(index) instanceof Character character && character == c;
    }
}
