package dev.threadguard.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import dev.threadguard.analysis.ExecutorUses;
import dev.threadguard.analysis.IntValues;
import dev.threadguard.analysis.LocalUses;
import dev.threadguard.analysis.Nodes;
import dev.threadguard.analysis.Spawns;
import dev.threadguard.api.FileContext;
import dev.threadguard.types.FileTypes;
import dev.threadguard.types.Variables;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Executors a class creates into a private instance field and never shuts down, although the class has a
 * lifecycle method its owner calls ({@code close()}, {@code stop()}, {@code @PreDestroy}, ...; not a private one) that
 * ends its instances' life.
 * Only private fields are judged, as all code that can touch them is in the file; the field must be given
 * executors this class creates and nothing else (no injected executor), and must not leave the class (returned,
 * passed to other code, aliased), as then someone else may shut it down.
 */
final class ExecutorFields {

    /**
     * An executor field that outlives its owner's lifecycle.
     *
     * @param field     the field
     * @param creation  the (first) creation stored in it
     * @param described how the creation is shown, e.g. {@code Executors.newSingleThreadScheduledExecutor(..)}
     * @param lifecycle the lifecycle method that should shut it down
     */
    record Unstopped(VariableDeclarator field, Expression creation, String described, MethodDeclaration lifecycle) {
    }

    /** Method names that end an object's life: close, stop, shutdown, destroy, dispose, terminate, and doStop etc. */
    private static final Pattern LIFECYCLE_NAME = Pattern.compile(
            "(?:(?:do|internal|service)(?=[A-Z]))?(?:close|stop|shutdown|destroy|dispose|terminate|tearDown)"
                    + "(?:Internal|Now|Gracefully|Service)?",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> LIFECYCLE_ANNOTATIONS = Set.of("PreDestroy", "After", "AfterEach", "AfterClass",
            "AfterAll", "AfterMethod");
    private static final Set<String> SHUTDOWNS = Set.of("shutdown", "shutdownNow", "close");
    /** Factories of {@code Executors} whose threads end when idle, or with their task. */
    private static final Set<String> IDLE_ENDS = Set.of("newCachedThreadPool", "newWorkStealingPool",
            "newVirtualThreadPerTaskExecutor", "newThreadPerTaskExecutor");
    private static final String EXECUTOR_SERVICE = "java.util.concurrent.ExecutorService";
    private static final String THREAD_POOL = "java.util.concurrent.ThreadPoolExecutor";

    private ExecutorFields() {
    }

    static List<Unstopped> unstopped(FileContext file) {
        List<Unstopped> result = new ArrayList<>();
        for (FieldDeclaration declaration : file.nodes(FieldDeclaration.class)) {
            if (declaration.isStatic() || !declaration.isPrivate()
                    || !(declaration.getParentNode().orElse(null) instanceof TypeDeclaration<?> owner)
                    || !(owner instanceof ClassOrInterfaceDeclaration type && !type.isInterface()
                            || owner instanceof EnumDeclaration)) {
                continue;
            }
            Optional<MethodDeclaration> lifecycle = lifecycleMethod(owner);
            if (lifecycle.isEmpty()) {
                continue;
            }
            for (VariableDeclarator field : declaration.getVariables()) {
                unstopped(field, lifecycle.get(), file).ifPresent(result::add);
            }
        }
        return result;
    }

    /**
     * The method that ends the class's instances: one its owner or container calls, named so ({@code close()},
     * {@code stop()}, {@code shutdown(timeout, unit)}) or annotated so ({@code @PreDestroy}). A private method is
     * neither: no owner can call it, and {@code private void shutdown(State expected)} or {@code private void
     * terminate()} is a step of the class's own work (a node's shutdown sequence run on the executor), not its end.
     */
    private static Optional<MethodDeclaration> lifecycleMethod(TypeDeclaration<?> owner) {
        for (BodyDeclaration<?> member : owner.getMembers()) {
            if (member instanceof MethodDeclaration method && !method.isStatic() && method.getBody().isPresent()
                    && (LIFECYCLE_NAME.matcher(method.getNameAsString()).matches()
                            && !method.isPrivate()
                            || method.getAnnotations().stream().map(AnnotationExpr::getNameAsString)
                            .map(name -> name.substring(name.lastIndexOf('.') + 1))
                            .anyMatch(LIFECYCLE_ANNOTATIONS::contains))) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }

    private static Optional<Unstopped> unstopped(VariableDeclarator field, MethodDeclaration lifecycle,
                                                 FileContext file) {
        List<Expression> values = new ArrayList<>();
        field.getInitializer().ifPresent(values::add);
        Optional<List<Expression>> named = occurrences(field, file);
        if (named.isEmpty()) {
            return Optional.empty();
        }
        List<Expression> occurrences = named.get();
        for (Expression occurrence : occurrences) {
            if (occurrence.getParentNode().orElse(null) instanceof AssignExpr assign
                    && assign.getTarget() == occurrence) {
                if (assign.getOperator() != AssignExpr.Operator.ASSIGN) {
                    return Optional.empty();
                }
                values.add(assign.getValue());
            }
        }
        Expression creation = null;
        String described = null;
        for (Expression value : values) {
            Expression inner = withoutCasts(value);
            if (inner instanceof NullLiteralExpr) {
                continue;
            }
            Optional<String> created = Spawns.executorCreation(inner, file);
            if (created.isEmpty() || !file.types().isA(inner, EXECUTOR_SERVICE)) {
                return Optional.empty(); // injected, or of unknown origin
            }
            if (idleThreadsEnd(inner, file.types())) {
                return Optional.empty();
            }
            if (creation == null) {
                creation = inner;
                described = created.get();
            }
        }
        List<LocalUses.Use> uses = occurrences.stream().map(PoolUses::use).toList();
        if (creation == null || uses.stream().allMatch(use -> PoolUses.givesNoTask(use, file.types()))) {
            return Optional.empty(); // never given a task: an executor starts its threads with its first task
        }
        for (LocalUses.Use use : uses) {
            if (use.kind() == LocalUses.Kind.CALL && use.method().equals("allowCoreThreadTimeOut")) {
                return Optional.empty();
            }
            if (use.kind() == LocalUses.Kind.CALL && (SHUTDOWNS.contains(use.method())
                    || LIFECYCLE_NAME.matcher(use.method()).matches())) {
                return Optional.empty(); // also the lifecycle method of a project's own executor type: stop(wait)
            }
            if (use.kind() == LocalUses.Kind.ESCAPES && !ExecutorUses.borrows(use.at(), file.types())) {
                return Optional.empty();
            }
        }
        return Optional.of(new Unstopped(field, creation, described, lifecycle));
    }

    /** The class a {@code this} or {@code Outer.this} refers to: a type declaration or an anonymous class. */
    private static Node typeOf(ThisExpr self) {
        for (Node current = self.getParentNode().orElse(null); current != null;
             current = current.getParentNode().orElse(null)) {
            if (self.getTypeName().isPresent()) {
                if (current instanceof TypeDeclaration<?> type
                        && type.getNameAsString().equals(self.getTypeName().get().getIdentifier())) {
                    return type;
                }
            } else if (current instanceof TypeDeclaration<?>
                    || current instanceof ObjectCreationExpr creation && creation.getAnonymousClassBody().isPresent()
                    && !Nodes.containsSame(creation.getArguments(), self)) {
                return current;
            }
        }
        return null;
    }

    private static Expression withoutCasts(Expression expression) {
        Expression current = Nodes.unwrap(expression);
        while (current instanceof CastExpr cast) {
            current = Nodes.unwrap(cast.getExpression());
        }
        return current;
    }

    /**
     * Pools whose threads all end once idle, so that an instance dropped without shutdown leaks nothing for long:
     * cached pools and those of core size 0, fork-join and work-stealing pools, and a thread per task.
     */
    private static boolean idleThreadsEnd(Expression creation, FileTypes types) {
        if (creation instanceof MethodCallExpr call) {
            return IDLE_ENDS.contains(call.getNameAsString());
        }
        if (creation instanceof ObjectCreationExpr construction) {
            Optional<String> type = types.resolve(construction.getType());
            if (type.isEmpty()) {
                return false;
            }
            if (types.isSubtype(type.get(), "java.util.concurrent.ForkJoinPool")) {
                return true;
            }
            // the constructors of a subclass may take their arguments in any order
            return type.get().equals(THREAD_POOL) && construction.getArguments().size() >= 5
                    && IntValues.constant(construction.getArgument(0), types).filter(core -> core == 0).isPresent();
        }
        return false;
    }

    /**
     * Every place the file names the field: {@code name}, {@code this.name}, {@code Outer.this.name} and method
     * references on them; empty when the file may name it another way ({@code other.name}), which this does not
     * follow.
     */
    static Optional<List<Expression>> occurrences(VariableDeclarator field, FileContext file) {
        String name = field.getNameAsString();
        List<Expression> result = new ArrayList<>();
        for (NameExpr occurrence : file.nodes(NameExpr.class)) {
            if (occurrence.getNameAsString().equals(name) && Variables.find(name, occurrence)
                    .map(declared -> declared.declaration() == field).orElse(false)) {
                result.add(occurrence);
            }
        }
        Node owner = field.getParentNode().flatMap(Node::getParentNode).orElseThrow();
        for (FieldAccessExpr access : file.nodes(FieldAccessExpr.class)) {
            if (!access.getNameAsString().equals(name)) {
                continue;
            }
            if (access.getScope() instanceof ThisExpr self) {
                if (typeOf(self) == owner) {
                    result.add(access);
                }
                continue;
            }
            Optional<String> scopeType = file.types().typeOf(access.getScope());
            if (scopeType.isEmpty() || owner instanceof TypeDeclaration<?> type
                    && scopeType.get().equals(FileTypes.qualifiedName(type, file.types().scope().packageName()))) {
                return Optional.empty(); // the field of another instance, or what this cannot tell apart from it
            }
        }
        for (MethodReferenceExpr reference : file.nodes(MethodReferenceExpr.class)) {
            // `name::method` is parsed with the name as a type
            if (reference.getScope() instanceof TypeExpr type && type.getType().asString().equals(name)
                    && Variables.find(name, reference).map(declared -> declared.declaration() == field)
                    .orElse(false)) {
                result.add(reference);
            }
        }
        return Optional.of(result);
    }
}
