package dev.threadguard.types;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outline of one source file read from its tokens, without parsing: package, imports, the top-level and
 * member types it declares with their supertypes, fields and methods as written ({@link MemberReader}), and the
 * shapes of the calls it makes ({@link #calls()}). Local and anonymous classes are left out, as no other file can
 * name them.
 */
public final class TypeOutline {

    /**
     * A type declared in the file.
     *
     * @param qualifiedName     its qualified name
     * @param simpleName        its simple name
     * @param writtenSupertypes its supertypes as written, without type arguments
     * @param fields            the fields it declares, by name, with their types as written (without type
     *                          arguments; arrays and primitives left out)
     * @param methods           the methods it declares with a body, as {@code name/arity} or {@code name/*} for
     *                          variable arity
     * @param abstractMethods   the methods it declares without a body, likewise
     * @param catchAllMethods   the methods of {@code methods} whose body catches every exception its work can throw
     *                          ({@link CatchAllBodies}), likewise; but an executor's {@code afterExecute(task, thrown)}
     *                          only when it reads the finished future's outcome with {@code get()}, which sees every
     *                          failure of the tasks submitted to it
     * @param staticAccessors   the static methods without parameters it declares, by name, with their return types
     *                          as written, as for {@code fields}: a singleton's {@code getInstance()}
     * @param isEnum            whether it is declared {@code enum}
     * @param enumConstants     the names of its enum constants, in order (empty for a type that is not an enum)
     */
    public record Declaration(String qualifiedName, String simpleName, List<String> writtenSupertypes,
                              Map<String, String> fields, Signatures methods, Signatures abstractMethods,
                              Signatures catchAllMethods, Map<String, String> staticAccessors, boolean isEnum,
                              List<String> enumConstants) {

        /** A declaration whose members are not known. */
        public Declaration(String qualifiedName, String simpleName, List<String> writtenSupertypes) {
            this(qualifiedName, simpleName, writtenSupertypes, Map.of(), Signatures.NONE, Signatures.NONE,
                    Signatures.NONE, Map.of(), false, List.of());
        }

        /** Whether it declares a method {@code name} of {@code arity} whose body catches every exception. */
        public boolean catchesEverything(String name, int arity) {
            return catchAllMethods.contains(MemberReader.methodKey(name, arity));
        }

        /** Whether it declares a method {@code name} that takes {@code arity} arguments, and with a body or not. */
        public TypeLookup.Declared declares(String name, int arity) {
            String exact = MemberReader.methodKey(name, arity);
            String varargs = MemberReader.varargsKey(name);
            if (methods.contains(exact) || methods.contains(varargs)) {
                return TypeLookup.Declared.WITH_BODY;
            }
            if (abstractMethods.contains(exact) || abstractMethods.contains(varargs)) {
                return TypeLookup.Declared.WITHOUT_BODY;
            }
            return TypeLookup.Declared.NO;
        }
    }

    private static final Set<String> TYPE_KEYWORDS = Set.of("class", "interface", "enum", "record");

    private final String packageName;
    private final Map<String, String> singleTypeImports = new HashMap<>();
    private final List<String> onDemandImports = new ArrayList<>();
    private final Map<String, String> staticMemberImports = new HashMap<>();
    private final List<String> staticOnDemandImports = new ArrayList<>();
    private final List<Declaration> declarations = new ArrayList<>();
    private final Set<String> names;
    private Signatures calls = Signatures.NONE;
    private Set<String> extended = Set.of();

    private TypeOutline(List<Object> tokens, Set<String> names) {
        Reader reader = new Reader(tokens);
        this.packageName = reader.read();
        this.names = names;
        this.calls = callShapes(tokens);
        int[] closing = MemberReader.closingBraces(tokens);
        MemberReader members = new MemberReader(tokens, closing);
        for (int i = 0; i < declarations.size(); i++) {
            Declaration declaration = declarations.get(i);
            int body = reader.bodies.get(i);
            MemberReader.Members read = members.read(body, declaration.simpleName());
            boolean isEnum = reader.enums.contains(body);
            declarations.set(i, new Declaration(declaration.qualifiedName(), declaration.simpleName(),
                    declaration.writtenSupertypes(), read.fields(), read.methods(), read.abstractMethods(),
                    read.catchAllMethods(), read.staticAccessors(), isEnum,
                    isEnum ? members.enumConstants(body) : List.of()));
        }
        Set<String> supertypes = new java.util.HashSet<>(reader.extended);
        addAnonymousSupertypes(tokens, supertypes);
        this.extended = supertypes.isEmpty() ? Set.of() : Set.copyOf(supertypes);
        if (hasEndlessLoop(tokens)) {
            names.add(ENDLESS_LOOP);
        }
    }

    /**
     * Recorded in {@link #names()} when the file has a loop without an end condition: {@code while (true)},
     * {@code do .. while (true)} or a {@code for} without a condition ({@code for (;;)}) or with the condition
     * {@code true}.
     */
    public static final String ENDLESS_LOOP = "<endless-loop>";

    private static boolean hasEndlessLoop(List<Object> tokens) {
        for (int i = 0; i + 3 < tokens.size(); i++) {
            Object keyword = tokens.get(i);
            if (!Character.valueOf('(').equals(tokens.get(i + 1))) {
                continue;
            }
            if ("while".equals(keyword)) {
                int at = i + 1;
                while (at < tokens.size() && Character.valueOf('(').equals(tokens.get(at))) {
                    at++;
                }
                if (at < tokens.size() && "true".equals(tokens.get(at))) {
                    return true;
                }
            } else if ("for".equals(keyword) && hasNoEndCondition(tokens, i + 2)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the for header starting after its '(' is a basic for without a condition or with the condition
     * {@code true}: {@code for (;;)}, {@code for (int i = 0; true; i++)}, {@code for (; (true); )}, as
     * {@code Loops.isInfinite} has it. An enhanced for has no semicolon at the header's top level.
     */
    private static boolean hasNoEndCondition(List<Object> tokens, int from) {
        int depth = 0;
        int semicolons = 0;
        List<Object> condition = new ArrayList<>();
        for (int at = from; at < tokens.size(); at++) {
            Object token = tokens.get(at);
            if (Character.valueOf('(').equals(token) || Character.valueOf('{').equals(token)) {
                depth++;
            } else if (Character.valueOf(')').equals(token) || Character.valueOf('}').equals(token)) {
                if (depth-- == 0) {
                    return false;
                }
            } else if (depth == 0 && Character.valueOf(';').equals(token)) {
                if (++semicolons == 2) {
                    condition.removeIf(part -> Character.valueOf('(').equals(part)
                            || Character.valueOf(')').equals(part));
                    return condition.isEmpty() || condition.equals(List.of("true"));
                }
                continue;
            }
            if (semicolons == 1) {
                condition.add(token);
            }
        }
        return false;
    }

    /**
     * Recorded in {@link #names()} when the words ask for it and the file may hold a threadguard suppression: its
     * text has a {@code "threadguard} string or a {@code threadguard:ignore} comment.
     */
    public static final String SUPPRESSION = "<threadguard-suppression>";

    /** Reads the outline of a source text. Never fails; unreadable parts are skipped. */
    public static TypeOutline of(CharSequence source) {
        return of(source, Set.of());
    }

    /**
     * Reads the outline of a source text and the names it mentions: every identifier that starts with an
     * upper-case letter (type names) and those of {@code words} that occur.
     */
    public static TypeOutline of(CharSequence source, Set<String> words) {
        List<Object> tokens = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        SourceTokens.scan(source, new SourceTokens.Sink() {
            @Override
            public void identifier(String name) {
                tokens.add(name);
                if (Character.isUpperCase(name.charAt(0)) || words.contains(name)) {
                    names.add(name);
                }
            }

            @Override
            public void punctuation(char c) {
                tokens.add(c);
            }
        });
        addCallShapes(tokens, words, names);
        if (words.contains(SUPPRESSION) && mayHoldSuppression(source.toString())) {
            names.add(SUPPRESSION);
        }
        return new TypeOutline(tokens, names);
    }

    /**
     * Records {@code name()} for a call of {@code name} without arguments and {@code ::name} for a method
     * reference to it, where the words ask for them: a trigger can then need {@code get()} rather than any
     * {@code get}, as {@code map.get(key)} is not {@code future.get()}.
     */
    private static void addCallShapes(List<Object> tokens, Set<String> words, Set<String> names) {
        for (int i = 0; i < tokens.size(); i++) {
            if (!(tokens.get(i) instanceof String name)) {
                continue;
            }
            if (i + 2 < tokens.size() && Character.valueOf('(').equals(tokens.get(i + 1))
                    && Character.valueOf(')').equals(tokens.get(i + 2))) {
                String call = name + "()";
                if (words.contains(call)) {
                    names.add(call);
                }
            }
            if (i >= 2 && Character.valueOf(':').equals(tokens.get(i - 1))
                    && Character.valueOf(':').equals(tokens.get(i - 2))) {
                String reference = "::" + name;
                if (words.contains(reference)) {
                    names.add(reference);
                }
            }
        }
    }

    /** Words before '(' that are no calls. */
    private static final Set<String> NOT_CALLED = Set.of("if", "for", "while", "switch", "catch", "synchronized",
            "return", "try", "throw", "assert", "yield");

    /**
     * The shapes of the calls the file makes: {@code name(..)} for every call, {@code name()} also for one that looks
     * without arguments (tokens leave literals out, so {@code get("key")} looks like {@code get()} too), and
     * {@code ::name} for a method reference. A method's own declaration has the shape of a call too, which only
     * makes the set larger.
     */
    private static Signatures callShapes(List<Object> tokens) {
        Signatures.Builder shapes = new Signatures.Builder();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (!(tokens.get(i) instanceof String name)) {
                continue;
            }
            Object previous = i > 0 ? tokens.get(i - 1) : null;
            if (Character.valueOf('(').equals(tokens.get(i + 1)) && !"new".equals(previous)
                    && !Character.valueOf('@').equals(previous) && !NOT_CALLED.contains(name)) {
                shapes.add(Signatures.hash(name, ANY_ARGUMENTS));
                if (i + 2 < tokens.size() && Character.valueOf(')').equals(tokens.get(i + 2))) {
                    shapes.add(Signatures.hash(name, NO_ARGUMENTS));
                }
            }
            if (i >= 2 && Character.valueOf(':').equals(previous) && Character.valueOf(':').equals(tokens.get(i - 2))) {
                shapes.add(Signatures.hash(REFERENCE, name));
            }
        }
        return shapes.build();
    }

    private static final String NO_ARGUMENTS = "()";
    private static final String ANY_ARGUMENTS = "(..)";
    private static final String REFERENCE = "::";

    /**
     * The shape a file has when it may call {@code name} with {@code arity} arguments: {@code name()} for none,
     * {@code name(..)} for any number.
     */
    public static String callShape(String name, int arity) {
        return name + (arity == 0 ? NO_ARGUMENTS : ANY_ARGUMENTS);
    }

    /** The shape of a method reference to {@code name}: {@code ::name}. */
    public static String referenceShape(String name) {
        return REFERENCE + name;
    }

    /** The shapes of the calls and method references the file makes ({@link #callShape}, {@link #referenceShape}). */
    public Signatures calls() {
        return calls;
    }

    /**
     * The simple names of the supertypes written in the file's class headers, local classes included, and of the
     * types its anonymous classes extend: a file can only use an inherited field through one of them.
     */
    public Set<String> extended() {
        return extended;
    }

    /** Adds the type of every {@code new Type(..) { .. }}, by its simple name. */
    private static void addAnonymousSupertypes(List<Object> tokens, Set<String> supertypes) {
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (!"new".equals(tokens.get(i))) {
                continue;
            }
            int at = i + 1;
            String name = null;
            while (at < tokens.size() && tokens.get(at) instanceof String word) {
                name = word;
                at++;
                if (at < tokens.size() && Character.valueOf('.').equals(tokens.get(at))) {
                    at++;
                } else {
                    break;
                }
            }
            int angles = 0;
            while (at < tokens.size() && (angles > 0 || Character.valueOf('<').equals(tokens.get(at)))) {
                Object token = tokens.get(at++);
                angles += Character.valueOf('<').equals(token) ? 1 : Character.valueOf('>').equals(token) ? -1 : 0;
            }
            if (name == null || at >= tokens.size() || !Character.valueOf('(').equals(tokens.get(at))) {
                continue;
            }
            int depth = 0;
            for (; at < tokens.size(); at++) {
                Object token = tokens.get(at);
                if (Character.valueOf('(').equals(token)) {
                    depth++;
                } else if (Character.valueOf(')').equals(token) && --depth == 0) {
                    break;
                }
            }
            if (at + 1 < tokens.size() && Character.valueOf('{').equals(tokens.get(at + 1))) {
                supertypes.add(name);
            }
        }
    }

    private static boolean mayHoldSuppression(String text) {
        return text.contains("\"threadguard") || text.contains("threadguard:ignore");
    }

    /** Restores an outline saved in the analysis cache. */
    public static TypeOutline restore(String packageName, Map<String, String> singleTypeImports,
                                      List<String> onDemandImports, Map<String, String> staticMemberImports,
                                      List<String> staticOnDemandImports, List<Declaration> declarations,
                                      Set<String> names, Signatures calls, Set<String> extended) {
        TypeOutline outline = new TypeOutline(List.of(), names, packageName);
        outline.calls = calls;
        outline.extended = Set.copyOf(extended);
        outline.singleTypeImports.putAll(singleTypeImports);
        outline.onDemandImports.addAll(onDemandImports);
        outline.staticMemberImports.putAll(staticMemberImports);
        outline.staticOnDemandImports.addAll(staticOnDemandImports);
        outline.declarations.addAll(declarations);
        return outline;
    }

    private TypeOutline(List<Object> tokens, Set<String> names, String packageName) {
        this.packageName = packageName;
        this.names = names;
    }

    /** Type-like names (capitalised identifiers) and the requested words that the file mentions. */
    public Set<String> names() {
        return names;
    }

    public Map<String, String> singleTypeImports() {
        return singleTypeImports;
    }

    public List<String> onDemandImports() {
        return onDemandImports;
    }

    public Map<String, String> staticMemberImports() {
        return staticMemberImports;
    }

    public List<String> staticOnDemandImports() {
        return staticOnDemandImports;
    }

    public String packageName() {
        return packageName;
    }

    public List<Declaration> declarations() {
        return declarations;
    }

    /** The scope in which the names written in this file resolve. */
    public ImportScope importScope() {
        Map<String, String> fileTypes = new HashMap<>();
        for (Declaration declaration : declarations) {
            fileTypes.putIfAbsent(declaration.simpleName(), declaration.qualifiedName());
        }
        return new ImportScope(packageName, singleTypeImports, onDemandImports, staticMemberImports,
                staticOnDemandImports, fileTypes);
    }

    /** A type body being read: its qualified name (null for a local type) and the brace depth inside it. */
    private record TypeBody(String qualifiedName, int depth) {
    }

    /** Walks the tokens once, keeping a stack of the type bodies it is in. */
    private final class Reader {
        private final List<Object> tokens;
        private int position;
        private String pkg = "";

        /** The type bodies we are in, innermost first. */
        private final Deque<TypeBody> typeBodies = new ArrayDeque<>();

        /** For each declaration read, the index of its body's '{'. */
        final List<Integer> bodies = new ArrayList<>();

        /** The indexes of the bodies' '{' of the declarations read that are enums. */
        final Set<Integer> enums = new java.util.HashSet<>();

        /** The simple names of the supertypes of every class header read, local classes included. */
        final Set<String> extended = new java.util.HashSet<>();

        Reader(List<Object> tokens) {
            this.tokens = tokens;
        }

        String read() {
            int depth = 0;
            Object previous = null;
            while (position < tokens.size()) {
                Object token = tokens.get(position);
                if (depth == 0 && "package".equals(token) && typeBodies.isEmpty()) {
                    position++;
                    pkg = qualifiedName();
                } else if (depth == 0 && "import".equals(token)) {
                    position++;
                    readImport();
                } else if (token instanceof String word && TYPE_KEYWORDS.contains(word)
                        && !Character.valueOf('.').equals(previous) && isTypeName(position + 1, word)) {
                    depth = readTypeHeader(depth);
                } else if (Character.valueOf('{').equals(token)) {
                    depth++;
                    position++;
                } else if (Character.valueOf('}').equals(token)) {
                    if (!typeBodies.isEmpty() && typeBodies.peek().depth() == depth) {
                        typeBodies.pop();
                    }
                    depth = Math.max(0, depth - 1);
                    position++;
                } else {
                    position++;
                }
                previous = token;
            }
            return pkg;
        }

        private boolean isTypeName(int index, String keyword) {
            if (index >= tokens.size() || !(tokens.get(index) instanceof String)) {
                return false;
            }
            if (!"record".equals(keyword)) {
                return true;
            }
            // 'record' is only a keyword when a name and a header follow: record Point(int x) or record Box<T>(..)
            Object after = index + 1 < tokens.size() ? tokens.get(index + 1) : null;
            return Character.valueOf('(').equals(after) || Character.valueOf('<').equals(after);
        }

        private int readTypeHeader(int depth) {
            boolean isEnum = "enum".equals(tokens.get(position));
            String simpleName = (String) tokens.get(position + 1);
            position += 2;
            List<String> supertypes = new ArrayList<>();
            boolean inSupertypeList = false;
            int angles = 0;
            int parens = 0;
            while (position < tokens.size()) {
                Object token = tokens.get(position);
                if (token instanceof Character c) {
                    if (c == '<') {
                        angles++;
                    } else if (c == '>') {
                        angles = Math.max(0, angles - 1);
                    } else if (c == '(') {
                        parens++;
                    } else if (c == ')') {
                        parens = Math.max(0, parens - 1);
                    } else if (c == '@' && angles == 0 && parens == 0) {
                        position++; // skip the annotation's name; its arguments are skipped as parentheses
                    } else if (c == '{' && angles == 0 && parens == 0) {
                        break;
                    } else if ((c == ';' || c == '}') && parens == 0) {
                        return depth; // not a type declaration after all
                    }
                    position++;
                } else {
                    String word = (String) token;
                    if (angles == 0 && parens == 0 && ("extends".equals(word) || "implements".equals(word))) {
                        inSupertypeList = true;
                        position++;
                    } else if (angles == 0 && parens == 0 && "permits".equals(word)) {
                        inSupertypeList = false;
                        position++;
                    } else if (inSupertypeList && angles == 0 && parens == 0) {
                        String supertype = qualifiedNameNoTerminator();
                        supertypes.add(supertype);
                        extended.add(supertype.substring(supertype.lastIndexOf('.') + 1));
                    } else {
                        position++;
                    }
                }
            }
            if (position >= tokens.size()) {
                return depth;
            }
            // position is at the body's '{'
            position++;
            int bodyDepth = depth + 1;
            TypeBody enclosing = typeBodies.peek();
            boolean member = enclosing == null
                    ? depth == 0
                    : enclosing.qualifiedName() != null && enclosing.depth() == depth;
            String qualifiedName = null;
            if (member) {
                String prefix = enclosing == null ? pkg : enclosing.qualifiedName();
                qualifiedName = prefix.isEmpty() ? simpleName : prefix + '.' + simpleName;
                declarations.add(new Declaration(qualifiedName, simpleName, List.copyOf(supertypes)));
                bodies.add(position - 1);
                if (isEnum) {
                    enums.add(position - 1);
                }
            }
            // a local type gets a null name, so that its own member types are local too
            typeBodies.push(new TypeBody(qualifiedName, bodyDepth));
            return bodyDepth;
        }

        private void readImport() {
            boolean isStatic = false;
            if ("static".equals(tokenAt(position))) {
                isStatic = true;
                position++;
            }
            StringBuilder name = new StringBuilder();
            boolean onDemand = false;
            while (position < tokens.size()) {
                Object token = tokens.get(position++);
                if (Character.valueOf(';').equals(token)) {
                    break;
                } else if (Character.valueOf('*').equals(token)) {
                    onDemand = true;
                } else if (token instanceof String word) {
                    name.append(word);
                } else if (Character.valueOf('.').equals(token) && !onDemand) {
                    name.append('.');
                }
            }
            String imported = name.toString();
            if (imported.endsWith(".")) {
                imported = imported.substring(0, imported.length() - 1);
            }
            int lastDot = imported.lastIndexOf('.');
            if (imported.isEmpty() || lastDot < 0) {
                return;
            }
            if (isStatic && onDemand) {
                staticOnDemandImports.add(imported);
            } else if (isStatic) {
                staticMemberImports.put(imported.substring(lastDot + 1), imported.substring(0, lastDot));
            } else if (onDemand) {
                onDemandImports.add(imported);
            } else {
                singleTypeImports.put(imported.substring(lastDot + 1), imported);
            }
        }

        private String qualifiedName() {
            StringBuilder name = new StringBuilder();
            while (position < tokens.size()) {
                Object token = tokens.get(position++);
                if (token instanceof String word) {
                    name.append(word);
                } else if (Character.valueOf('.').equals(token)) {
                    name.append('.');
                } else {
                    break;
                }
            }
            return name.toString();
        }

        /** Reads a dotted name and leaves the position on the first token after it. */
        private String qualifiedNameNoTerminator() {
            StringBuilder name = new StringBuilder();
            while (position < tokens.size()) {
                Object token = tokens.get(position);
                if (token instanceof String word && (name.isEmpty() || name.charAt(name.length() - 1) == '.')) {
                    name.append(word);
                } else if (Character.valueOf('.').equals(token)) {
                    name.append('.');
                } else {
                    break;
                }
                position++;
            }
            return name.toString();
        }

        private Object tokenAt(int index) {
            return index < tokens.size() ? tokens.get(index) : null;
        }
    }
}
