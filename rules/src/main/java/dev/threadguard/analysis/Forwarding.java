package dev.threadguard.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import dev.threadguard.api.FileContext;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Methods that forward a call to their own callers, so that what the call waits for is their callers' to bound:
 * <ul>
 *   <li>by name: a method of the same name and arity ({@code void await() { latch.await(); }},
 *   {@code V get() { return delegate.get(); }}), or of the same name or {@code nameUninterruptibly} whose receiver
 *   is its parameter ({@code static V getUninterruptibly(Future<V> f)});</li>
 *   <li>by shape: a method whose whole body is the call, returned or as a statement, maybe in a {@code try} whose
 *   every {@code catch} ends by throwing ({@code T get(K key) { return getAsync(key).join(); }}, the synchronous
 *   API of an asynchronous library), also with an accessor on its result
 *   ({@code return readDocument(reader).getRootElement();}, {@code .orElse(null)}). The body of a thread or task, {@code main} and a method carrying a
 *   framework's annotation are not forwarders: no code of the project calls them;</li>
 *   <li>as the untimed twin of a timed overload: {@code void waitFor(Condition c)} next to
 *   {@code waitFor(Condition c, long timeout, TimeUnit unit)}, whose every call is forwarded.</li>
 * </ul>
 * Only a call made directly by the method counts, not one in a lambda or a class inside it, which runs when that is
 * called.
 */
public final class Forwarding {

    /**
     * A method that forwards a call.
     *
     * @param method  the forwarding method
     * @param byShape true when it forwards by its shape only, not by its name
     */
    public record Forwarder(MethodDeclaration method, boolean byShape) {
    }

    private Forwarding() {
    }

    /** The method that forwards {@code call} to its callers, if any. */
    public static Optional<Forwarder> of(MethodCallExpr call, FileContext file) {
        Optional<MethodDeclaration> enclosing = directlyIn(call);
        if (enclosing.isEmpty()) {
            return Optional.empty();
        }
        MethodDeclaration method = enclosing.get();
        if (takesATimeLimit(method)) {
            return Optional.empty();
        }
        if (forwardsByName(call, method)) {
            return Optional.of(new Forwarder(method, false));
        }
        if (hasATimedTwin(method) && !isEntryPoint(method, call, file)) {
            return Optional.of(new Forwarder(method, false));
        }
        if (isWholeBody(call, method) && !isEntryPoint(method, call, file)) {
            return Optional.of(new Forwarder(method, true));
        }
        return Optional.empty();
    }

    /**
     * A method that takes a {@code TimeUnit} or a {@code Duration} is a timed wait for its callers, whatever it
     * does when given none ({@code wait(obj, timeout, unit)} waits without a limit for a negative timeout).
     */
    private static boolean takesATimeLimit(MethodDeclaration method) {
        return method.getParameters().stream().map(parameter -> parameter.getType().asString())
                .anyMatch(type -> TIME_LIMITS.contains(type));
    }

    private static final Set<String> TIME_LIMITS = Set.of("TimeUnit", "java.util.concurrent.TimeUnit", "Duration",
            "java.time.Duration");

    /**
     * {@code void waitFor(Condition c)} next to {@code boolean waitFor(Condition c, long timeout, TimeUnit unit)}:
     * the untimed variant of an API that offers both. Its waits are its contract, and whether to bound them is the
     * caller's choice, made by calling the other variant: the callers are judged, not the variant.
     */
    private static boolean hasATimedTwin(MethodDeclaration method) {
        if (!(method.getParentNode().orElse(null) instanceof TypeDeclaration<?> type)) {
            return false;
        }
        int arity = method.getParameters().size();
        for (MethodDeclaration twin : type.getMethodsByName(method.getNameAsString())) {
            if (twin == method || twin.getParameters().size() <= arity || !takesATimeLimit(twin)) {
                continue;
            }
            boolean samePrefix = true;
            for (int i = 0; i < arity && samePrefix; i++) {
                samePrefix = twin.getParameter(i).getType().asString()
                        .equals(method.getParameter(i).getType().asString());
            }
            if (samePrefix) {
                return true;
            }
        }
        return false;
    }

    /** The method whose body makes {@code call} itself, not in a lambda or a class within it. */
    static Optional<MethodDeclaration> directlyIn(Node call) {
        for (Node node = call.getParentNode().orElse(null); node != null; node = node.getParentNode().orElse(null)) {
            if (node instanceof MethodDeclaration method) {
                return method.getBody().isPresent() ? Optional.of(method) : Optional.empty();
            }
            if (node instanceof LambdaExpr || node instanceof ObjectCreationExpr creation
                    && creation.getAnonymousClassBody().isPresent() && creation != call
                    || node instanceof TypeDeclaration<?>) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean forwardsByName(MethodCallExpr call, MethodDeclaration method) {
        String name = method.getNameAsString();
        String called = call.getNameAsString();
        if (name.equals(called) && method.getParameters().size() == call.getArguments().size()) {
            return true;
        }
        if (name.equals(called) || name.equals(called + "Uninterruptibly")) {
            return call.getScope().filter(receiver -> receiver instanceof NameExpr).map(receiver -> method
                    .getParameters().stream().anyMatch(parameter -> parameter.getNameAsString()
                            .equals(((NameExpr) receiver).getNameAsString()))).orElse(false);
        }
        return false;
    }

    /** True when the method's body is {@code return call;} or {@code call;}, maybe in a try that only rethrows. */
    private static boolean isWholeBody(MethodCallExpr call, MethodDeclaration method) {
        Statement only = onlyStatement(method.getBody().orElseThrow());
        if (only instanceof TryStmt tryStmt && tryStmt.getResources().isEmpty()
                && tryStmt.getCatchClauses().stream().allMatch(Forwarding::endsByThrowing)) {
            only = onlyStatement(tryStmt.getTryBlock());
        }
        Expression made = only instanceof ReturnStmt returned ? returned.getExpression().orElse(null)
                : only instanceof ExpressionStmt statement ? statement.getExpression() : null;
        while (made != call && (made instanceof EnclosedExpr || made instanceof CastExpr || isAccessor(made))) {
            made = made instanceof EnclosedExpr enclosed ? enclosed.getInner()
                    : made instanceof CastExpr cast ? cast.getExpression()
                    : ((MethodCallExpr) made).getScope().orElseThrow();
        }
        return made == call;
    }

    /** Unwrapping what the call returns: {@code .orElse(null)}. */
    private static final Set<String> UNWRAPPING = Set.of("orElse", "orElseGet", "orElseThrow");
    /** An accessor's name: {@code getRootElement}, {@code isEmpty}, {@code asText}, {@code toList}. */
    private static final java.util.regex.Pattern ACCESSOR = java.util.regex.Pattern.compile("(get|is|as|to)[A-Z].*");

    /**
     * {@code x.getRootElement()} or {@code x.orElse(..)} on the call's result: the method still returns what the
     * call waited for ({@code return readDocument(reader).getRootElement();}). A call such as {@code x.run()} does
     * work of its own and is not one.
     */
    private static boolean isAccessor(Expression expression) {
        return expression instanceof MethodCallExpr accessor && accessor.getScope().isPresent()
                && (accessor.getArguments().isEmpty() && ACCESSOR.matcher(accessor.getNameAsString()).matches()
                || UNWRAPPING.contains(accessor.getNameAsString()));
    }

    private static Statement onlyStatement(BlockStmt block) {
        return block.getStatements().size() == 1 ? block.getStatement(0) : null;
    }

    private static boolean endsByThrowing(CatchClause clause) {
        List<Statement> statements = clause.getBody().getStatements();
        return !statements.isEmpty() && statements.get(statements.size() - 1) instanceof ThrowStmt;
    }

    /**
     * {@code main}, the bodies of threads and tasks, and methods a framework calls (any annotation but
     * {@code @Override}, {@code @Deprecated}, {@code @SuppressWarnings} and nullness annotations: {@code @GET},
     * {@code @Scheduled}, {@code @Test}, {@code @PostConstruct}, {@code @Subscribe}, ...) run without a caller in
     * the sources.
     */
    private static boolean isEntryPoint(MethodDeclaration method, MethodCallExpr call, FileContext file) {
        if (method.isStatic() && method.getNameAsString().equals("main") && method.getParameters().size() == 1) {
            return true;
        }
        for (AnnotationExpr annotation : method.getAnnotations()) {
            String name = annotation.getName().getIdentifier();
            if (!DESCRIPTIVE_ANNOTATIONS.contains(name) && !name.contains("Null") && !name.contains("null")) {
                return true;
            }
        }
        return Tasks.enclosingTask(call, file).isPresent();
    }

    /** Annotations that say something about a method without making it a framework's entry point. */
    private static final Set<String> DESCRIPTIVE_ANNOTATIONS = Set.of("Override", "Deprecated", "SuppressWarnings",
            "SafeVarargs", "VisibleForTesting", "Beta", "CanIgnoreReturnValue", "CheckReturnValue", "Blocking",
            "GuardedBy", "Contract", "Internal", "Experimental", "MustBeClosed");
}
