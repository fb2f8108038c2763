package dev.threadguard.types;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithTypeParameters;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.TypeParameter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The static types of one compilation unit, as far as they can be told from the file, the project's type index
 * and the JDK table: declared types of locals, parameters and fields (those inherited from the project's own
 * classes too), {@code var} initializers, object creations, casts and the return types of the JDK factories and
 * builders. Anything else is unknown ({@link Optional#empty()}), and rules stay silent about unknown types. As a
 * {@link TypeLookup} it knows the types of the file and of the project. One instance per file; not thread-safe.
 */
public final class FileTypes implements TypeLookup {

    private static final int MAX_DEPTH = 12;

    private final ImportScope scope;
    private final TypeLookup project;
    private final Map<String, List<String>> localSupertypes = new HashMap<>();
    private final Map<String, TypeDeclaration<?>> localDeclarations = new HashMap<>();
    private final Map<String, Boolean> subtypeCache = new HashMap<>();

    public FileTypes(CompilationUnit cu, TypeLookup project) {
        this.project = project;
        String packageName = cu.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
        Map<String, String> singleTypeImports = new HashMap<>();
        List<String> onDemandImports = new ArrayList<>();
        Map<String, String> staticMemberImports = new HashMap<>();
        List<String> staticOnDemandImports = new ArrayList<>();
        for (ImportDeclaration declaration : cu.getImports()) {
            String name = declaration.getNameAsString();
            if (declaration.isStatic() && declaration.isAsterisk()) {
                staticOnDemandImports.add(name);
            } else if (declaration.isStatic()) {
                int dot = name.lastIndexOf('.');
                if (dot > 0) {
                    staticMemberImports.put(name.substring(dot + 1), name.substring(0, dot));
                }
            } else if (declaration.isAsterisk()) {
                onDemandImports.add(name);
            } else {
                singleTypeImports.put(declaration.getName().getIdentifier(), name);
            }
        }
        Map<String, String> fileTypes = new HashMap<>();
        for (TypeDeclaration<?> type : cu.findAll(TypeDeclaration.class)) {
            String qualified = qualifiedName(type, packageName);
            fileTypes.putIfAbsent(type.getNameAsString(), qualified);
            localDeclarations.put(qualified, type);
        }
        this.scope = new ImportScope(packageName, singleTypeImports, onDemandImports, staticMemberImports,
                staticOnDemandImports, fileTypes);
    }

    /** The scope the file's names resolve in. */
    public ImportScope scope() {
        return scope;
    }

    /** The qualified name of a declared type in this file, also for local classes (then made up but stable). */
    public static String qualifiedName(TypeDeclaration<?> type, String packageName) {
        return type.getFullyQualifiedName().orElseGet(() -> {
            String prefix = type.findAncestor(TypeDeclaration.class)
                    .map(outer -> qualifiedName(outer, packageName))
                    .orElse(packageName);
            return prefix.isEmpty() ? type.getNameAsString() : prefix + '.' + type.getNameAsString();
        });
    }

    /** The qualified name of a type written in the source, or empty for primitives, arrays, type variables, var. */
    public Optional<String> resolve(Type type) {
        if (type instanceof ClassOrInterfaceType classType) {
            if (isTypeVariable(classType)) {
                return Optional.empty();
            }
            return Optional.of(scope.resolve(classType.getNameWithScope(), project));
        }
        return Optional.empty();
    }

    /** The qualified name of a type written as text, e.g. the scope of a static call. */
    public String resolve(String written) {
        return scope.resolve(written, project);
    }

    /** The declaration of a type declared in this file, by qualified name. */
    public Optional<TypeDeclaration<?>> declaration(String qualifiedName) {
        return Optional.ofNullable(localDeclarations.get(qualifiedName));
    }

    /** The type that declares {@code method}: a named type, or the type an anonymous class extends. */
    public Optional<String> declaringType(MethodDeclaration method) {
        Node parent = method.getParentNode().orElse(null);
        if (parent instanceof ObjectCreationExpr creation) {
            return resolve(creation.getType());
        }
        if (parent instanceof TypeDeclaration<?> type) {
            return Optional.of(qualifiedName(type, scope.packageName()));
        }
        return Optional.empty();
    }

    /** The qualified name of the innermost type declaration around {@code node}. */
    public Optional<String> enclosingType(Node node) {
        return node.findAncestor(TypeDeclaration.class)
                .map(type -> qualifiedName(type, scope.packageName()));
    }

    /** True when {@code expression}'s static type is known and is {@code target} or one of its subtypes. */
    public boolean isA(Expression expression, String target) {
        return typeOf(expression).map(type -> isSubtype(type, target)).orElse(false);
    }

    /** True when {@code expression}'s static type is known and is a subtype of any of {@code targets}. */
    public boolean isAny(Expression expression, Set<String> targets) {
        Optional<String> type = typeOf(expression);
        if (type.isEmpty()) {
            return false;
        }
        for (String target : targets) {
            if (isSubtype(type.get(), target)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code type} is {@code target} or inherits from it, through the file, the project and the JDK. */
    public boolean isSubtype(String type, String target) {
        if (type.equals(target)) {
            return true;
        }
        return subtypeCache.computeIfAbsent(type + ' ' + target, key -> {
            Set<String> seen = new HashSet<>();
            Deque<String> pending = new ArrayDeque<>(List.of(type));
            while (!pending.isEmpty()) {
                String current = pending.pop();
                if (current.equals(target)) {
                    return true;
                }
                if (seen.add(current)) {
                    pending.addAll(supertypesOf(current));
                }
            }
            return false;
        });
    }

    /**
     * True when the whole ancestry of {@code type} is known: each of its supertypes, transitively, is declared in
     * the file or the project, or is a JDK type of the table. False when some ancestor comes from a library whose
     * sources are not analysed, so that what the type inherits cannot be told.
     */
    public boolean isFullyKnown(String type) {
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(type));
        while (!pending.isEmpty()) {
            String current = pending.pop();
            if (!seen.add(current) || KnownTypes.isKnown(current)) {
                continue;
            }
            if (!localDeclarations.containsKey(current) && !project.exists(current)) {
                return false;
            }
            pending.addAll(supertypesOf(current));
        }
        return true;
    }

    /** True for a type declared in this file (local classes included) or elsewhere in the project. */
    @Override
    public boolean exists(String qualifiedName) {
        return localDeclarations.containsKey(qualifiedName) || project.exists(qualifiedName);
    }

    /** The direct supertypes of a type of the file, the project or the JDK table. */
    @Override
    public List<String> supertypesOf(String type) {
        TypeDeclaration<?> local = localDeclarations.get(type);
        if (local != null) {
            return localSupertypes.computeIfAbsent(type, name -> {
                List<String> result = new ArrayList<>();
                for (ClassOrInterfaceType written : writtenSupertypes(local)) {
                    resolve(written).ifPresent(result::add);
                }
                return result;
            });
        }
        List<String> jdk = KnownTypes.supertypesOf(type);
        return jdk.isEmpty() ? project.supertypesOf(type) : jdk;
    }

    @Override
    public Optional<String> fieldType(String type, String field) {
        TypeDeclaration<?> local = localDeclarations.get(type);
        if (local == null) {
            return project.fieldType(type, field);
        }
        for (FieldDeclaration declaration : local.getFields()) {
            for (VariableDeclarator variable : declaration.getVariables()) {
                if (variable.getNameAsString().equals(field)) {
                    return resolve(variable.getType());
                }
            }
        }
        return Optional.empty();
    }

    /** For a type of another file of the project; a type of this file is judged on its syntax tree instead. */
    @Override
    public boolean catchesEverything(String type, String name, int arity) {
        return !localDeclarations.containsKey(type) && project.catchesEverything(type, name, arity);
    }

    @Override
    public Optional<String> staticAccessorType(String type, String method) {
        TypeDeclaration<?> local = localDeclarations.get(type);
        if (local == null) {
            return project.staticAccessorType(type, method);
        }
        return local.getMethodsByName(method).stream()
                .filter(declared -> declared.isStatic() && declared.getParameters().isEmpty())
                .findFirst().flatMap(declared -> resolve(declared.getType()));
    }

    @Override
    public Declared declaredMethod(String type, String name, int arity) {
        TypeDeclaration<?> local = localDeclarations.get(type);
        if (local == null) {
            return project.declaredMethod(type, name, arity);
        }
        Declared declared = Declared.NO;
        for (MethodDeclaration method : local.getMethodsByName(name)) {
            if (method.getParameters().size() == arity || !method.getParameters().isEmpty()
                    && method.getParameters().get(method.getParameters().size() - 1).isVarArgs()) {
                if (method.getBody().isPresent()) {
                    return Declared.WITH_BODY;
                }
                declared = Declared.WITHOUT_BODY;
            }
        }
        return declared;
    }

    @Override
    public Set<String> subtypesOf(String type) {
        return project.subtypesOf(type);
    }

    /** For an enum of this file, its entries; for one of another file, what the project index read. */
    @Override
    public Optional<List<String>> enumConstants(String type) {
        TypeDeclaration<?> local = localDeclarations.get(type);
        if (local == null) {
            return project.enumConstants(type);
        }
        return local instanceof EnumDeclaration declaration ? Optional.of(declaration.getEntries().stream()
                .map(entry -> entry.getNameAsString()).toList()) : Optional.empty();
    }

    private static List<ClassOrInterfaceType> writtenSupertypes(TypeDeclaration<?> type) {
        List<ClassOrInterfaceType> result = new ArrayList<>();
        if (type instanceof ClassOrInterfaceDeclaration declaration) {
            result.addAll(declaration.getExtendedTypes());
            result.addAll(declaration.getImplementedTypes());
        } else if (type instanceof EnumDeclaration declaration) {
            result.addAll(declaration.getImplementedTypes());
        } else if (type instanceof RecordDeclaration declaration) {
            result.addAll(declaration.getImplementedTypes());
        }
        return result;
    }

    /** The static type of an expression, or empty when it cannot be told from the file. */
    public Optional<String> typeOf(Expression expression) {
        return typeOf(expression, 0);
    }

    private Optional<String> typeOf(Expression expression, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        if (expression instanceof EnclosedExpr enclosed) {
            return typeOf(enclosed.getInner(), depth + 1);
        } else if (expression instanceof CastExpr cast) {
            return resolve(cast.getType());
        } else if (expression instanceof ObjectCreationExpr creation) {
            return resolve(creation.getType());
        } else if (expression instanceof NameExpr name) {
            return typeOfVariable(name.getNameAsString(), name, depth);
        } else if (expression instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr) {
            return typeOfVariable(access.getNameAsString(), access, depth);
        } else if (expression instanceof FieldAccessExpr access && access.getScope() instanceof SuperExpr superExpr
                && superExpr.getTypeName().isEmpty()) {
            return enclosingType(access).flatMap(type -> inheritedField(supertypesOf(type), access.getNameAsString()));
        } else if (expression instanceof ThisExpr thisExpr) {
            return typeOfThis(thisExpr);
        } else if (expression instanceof AssignExpr assign) {
            return typeOf(assign.getTarget(), depth + 1);
        } else if (expression instanceof ConditionalExpr conditional) {
            Optional<String> then = typeOf(conditional.getThenExpr(), depth + 1);
            return then.equals(typeOf(conditional.getElseExpr(), depth + 1)) ? then : Optional.empty();
        } else if (expression instanceof MethodCallExpr call) {
            return returnTypeOf(call, depth);
        }
        return Optional.empty();
    }

    /**
     * The class {@code this} refers to: the innermost class declaration or anonymous class around it (an anonymous
     * class told by the type it extends or implements, which is all it is a subtype of), or for {@code Outer.this}
     * the enclosing declaration of that name. A lambda does not change it.
     */
    private Optional<String> typeOfThis(ThisExpr self) {
        String named = self.getTypeName().map(name -> name.getIdentifier()).orElse(null);
        Node child = self;
        for (Node node = self.getParentNode().orElse(null); node != null;
             child = node, node = node.getParentNode().orElse(null)) {
            if (node instanceof TypeDeclaration<?> type && (named == null || type.getNameAsString().equals(named))) {
                return Optional.of(qualifiedName(type, scope.packageName()));
            }
            if (named == null && node instanceof ObjectCreationExpr creation
                    && creation.getAnonymousClassBody().isPresent() && child instanceof BodyDeclaration<?>) {
                return resolve(creation.getType());
            }
        }
        return Optional.empty();
    }

    private Optional<String> typeOfVariable(String name, Node usage, int depth) {
        Optional<Variables.Declared> declared = Variables.find(name, usage);
        if (declared.isPresent() && !declared.get().field()) {
            return typeOfDeclared(declared.get(), depth);
        }
        // a field: a class around the usage, inside the one declaring it, may inherit one of that name, which then
        // comes first (javac looks in each enclosing class, its inherited members included, innermost first)
        Node declaringType = declared.flatMap(field -> field.declaration().findAncestor(Node.class,
                node -> node instanceof TypeDeclaration<?> || node instanceof ObjectCreationExpr)).orElse(null);
        Node child = usage;
        for (Node node = usage.getParentNode().orElse(null); node != null && node != declaringType;
             child = node, node = node.getParentNode().orElse(null)) {
            Optional<String> inherited = Optional.empty();
            if (node instanceof TypeDeclaration<?> type) {
                inherited = inheritedField(supertypesOf(qualifiedName(type, scope.packageName())), name);
            } else if (node instanceof ObjectCreationExpr creation && creation.getAnonymousClassBody().isPresent()
                    && child instanceof BodyDeclaration<?>) {
                inherited = resolve(creation.getType()).flatMap(created -> inheritedField(List.of(created), name));
            }
            if (inherited.isPresent()) {
                return inherited;
            }
        }
        return declared.flatMap(field -> typeOfDeclared(field, depth));
    }

    private Optional<String> typeOfDeclared(Variables.Declared variable, int depth) {
        if (variable.inferred()) {
            return variable.initializer().flatMap(init -> typeOf(init, depth + 1));
        }
        return resolve(variable.type());
    }

    /**
     * The type of the field {@code name} declared by one of {@code types} or their supertypes, nearest first,
     * through the types of this file and the project (the JDK's own fields are not known).
     */
    private Optional<String> inheritedField(List<String> types, String name) {
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(types);
        while (!pending.isEmpty()) {
            String type = pending.removeFirst();
            if (!seen.add(type) || !exists(type)) {
                continue;
            }
            Optional<String> field = fieldType(type, name);
            if (field.isPresent()) {
                return field;
            }
            pending.addAll(supertypesOf(type));
        }
        return Optional.empty();
    }

    /**
     * Whose method a call calls, as far as the file tells: the receiver's type, the type a static call names (or
     * a static import), the class around the call for {@code this.m()} and an unqualified {@code m()} (the
     * innermost one that declares a method of that name, else the innermost, which may inherit it), and the
     * supertypes of that class for {@code super.m()}. Only types of the file and the project are told.
     *
     * @param type           the type on which the method is looked up
     * @param fromSupertypes true for {@code super.m()}: the lookup starts at the supertypes of {@code type}
     */
    public record MethodOwner(String type, boolean fromSupertypes) {
    }

    /** The project type whose method {@code call} calls, if the file tells it; see {@link MethodOwner}. */
    public Optional<MethodOwner> methodOwner(MethodCallExpr call) {
        Optional<Expression> callScope = call.getScope();
        Optional<String> owner;
        boolean fromSupertypes = false;
        if (callScope.isEmpty()) {
            owner = staticOwner(call).or(() -> unqualifiedOwner(call));
        } else if (callScope.get() instanceof SuperExpr superExpr) {
            owner = superExpr.getTypeName().isPresent() ? Optional.empty() : enclosingType(call);
            fromSupertypes = true;
        } else if (callScope.get() instanceof ThisExpr thisExpr && thisExpr.getTypeName().isPresent()) {
            owner = Optional.of(resolve(thisExpr.getTypeName().get().asString()));
        } else {
            owner = staticOwner(call).or(() -> typeOf(callScope.get()));
        }
        boolean known = owner.map(this::exists).orElse(false);
        return known ? Optional.of(new MethodOwner(owner.get(), fromSupertypes)) : Optional.empty();
    }

    private Optional<String> unqualifiedOwner(MethodCallExpr call) {
        String name = call.getNameAsString();
        String innermost = null;
        Node child = call;
        for (Node node = call.getParentNode().orElse(null); node != null;
             child = node, node = node.getParentNode().orElse(null)) {
            List<BodyDeclaration<?>> members;
            Optional<String> type;
            if (node instanceof TypeDeclaration<?> declaration) {
                members = declaration.getMembers();
                type = Optional.of(qualifiedName(declaration, scope.packageName()));
            } else if (node instanceof ObjectCreationExpr creation && creation.getAnonymousClassBody().isPresent()
                    && child instanceof BodyDeclaration<?>) {
                members = creation.getAnonymousClassBody().get();
                type = resolve(creation.getType()); // what the anonymous class inherits from
            } else {
                continue;
            }
            boolean declares = members.stream().anyMatch(member -> member instanceof MethodDeclaration method
                    && method.getNameAsString().equals(name));
            if (declares) {
                // a method of an anonymous class: no other code can call it by name
                return node instanceof TypeDeclaration<?> ? type : Optional.empty();
            }
            if (innermost == null) {
                innermost = type.orElse("");
            }
        }
        return innermost == null || innermost.isEmpty() ? Optional.empty() : Optional.of(innermost);
    }

    /**
     * The type a call's scope names when the call is static, e.g. {@code java.util.concurrent.Executors} for
     * {@code Executors.newFixedThreadPool(4)} or for a statically imported {@code newFixedThreadPool(4)}.
     */
    public Optional<String> staticOwner(MethodCallExpr call) {
        Optional<Expression> callScope = call.getScope();
        if (callScope.isEmpty()) {
            if (declaresMethod(call)) {
                return Optional.empty();
            }
            return Optional.ofNullable(scope.staticImportOwner(call.getNameAsString()));
        }
        Expression owner = callScope.get();
        if (owner instanceof NameExpr name) {
            if (Variables.find(name.getNameAsString(), name).isPresent()) {
                return Optional.empty();
            }
            String simple = name.getNameAsString();
            String resolved = scope.resolveSimple(simple, project);
            return Optional.ofNullable(resolved);
        }
        if (owner instanceof FieldAccessExpr access && isQualifiedName(access)) {
            String written = access.toString();
            String resolved = resolve(written);
            return Optional.of(resolved);
        }
        return Optional.empty();
    }

    private static boolean isQualifiedName(Expression expression) {
        if (expression instanceof NameExpr) {
            return true;
        }
        return expression instanceof FieldAccessExpr access && access.getTypeArguments().isEmpty()
                && isQualifiedName(access.getScope());
    }

    /** The type of the receiver of an instance call, or empty for static and unscoped calls. */
    public Optional<String> receiverType(MethodCallExpr call) {
        return call.getScope().flatMap(this::typeOf);
    }

    /**
     * The type a method reference's method belongs to: the named type of {@code CompletableFuture::join}, or the
     * static type of the receiver of {@code future::get} and {@code this::run}; empty when unknown.
     */
    public Optional<String> referenceOwner(MethodReferenceExpr reference) {
        Expression owner = reference.getScope();
        if (owner instanceof TypeExpr typeExpr) {
            // the parser cannot tell `future::get` from `Future::get`: a variable in scope wins, as in javac
            if (typeExpr.getType() instanceof ClassOrInterfaceType written && written.getScope().isEmpty()
                    && Variables.find(written.getNameAsString(), reference).isPresent()) {
                return typeOfVariable(written.getNameAsString(), reference, 0);
            }
            return resolve(typeExpr.getType());
        }
        return typeOf(owner);
    }

    /** True when {@code call}'s receiver has a known type that is {@code target} or a subtype of it. */
    public boolean receiverIs(MethodCallExpr call, String target) {
        return call.getScope().map(receiver -> isA(receiver, target)).orElse(false);
    }

    private Optional<String> returnTypeOf(MethodCallExpr call, int depth) {
        String method = call.getNameAsString();
        Optional<String> owner = staticOwner(call);
        if (owner.isPresent()) {
            return Optional.ofNullable(knownReturnType(owner.get(), owner.get(), method));
        }
        if (call.getScope().isEmpty()) {
            return declaredReturnType(call);
        }
        Optional<String> receiver = typeOf(call.getScope().get(), depth + 1);
        return receiver.map(type -> knownReturnType(type, type, method));
    }

    /** Looks the method up on {@code type} and its supertypes; {@code receiver} replaces {@link KnownTypes#SELF}. */
    private String knownReturnType(String type, String receiver, String method) {
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(type));
        while (!pending.isEmpty()) {
            String current = pending.removeFirst();
            if (!seen.add(current)) {
                continue;
            }
            String returned = KnownTypes.declaredReturnType(current, method);
            if (returned != null) {
                return KnownTypes.SELF.equals(returned) ? receiver : returned;
            }
            pending.addAll(supertypesOf(current));
        }
        return null;
    }

    /** The declared return type of an unscoped call to a method of this file with the same name and arity. */
    private Optional<String> declaredReturnType(MethodCallExpr call) {
        for (Node node = call; node != null; node = node.getParentNode().orElse(null)) {
            if (node instanceof TypeDeclaration<?> type) {
                for (MethodDeclaration method : type.getMethodsByName(call.getNameAsString())) {
                    if (method.getParameters().size() == call.getArguments().size()) {
                        return resolve(method.getType());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean declaresMethod(MethodCallExpr call) {
        for (Node node = call; node != null; node = node.getParentNode().orElse(null)) {
            if (node instanceof TypeDeclaration<?> type && !type.getMethodsByName(call.getNameAsString()).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTypeVariable(ClassOrInterfaceType type) {
        if (type.getScope().isPresent()) {
            return false;
        }
        String name = type.getNameAsString();
        Optional<Node> current = type.getParentNode();
        while (current.isPresent()) {
            Node node = current.get();
            if (node instanceof NodeWithTypeParameters<?> generic) {
                for (TypeParameter parameter : generic.getTypeParameters()) {
                    if (parameter.getNameAsString().equals(name)) {
                        return true;
                    }
                }
            }
            current = node.getParentNode();
        }
        return false;
    }
}
