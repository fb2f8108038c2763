package dev.threadguard.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.threadguard.analysis.Nodes;

import java.util.List;
import java.util.Optional;

/**
 * An executor started at most once per JVM by a guarded lazy start on per-JVM state: the static-field exemption of
 * {@code executor-not-shutdown} written another way. The creation is in the then-branch of an {@code if} (no loop or
 * lambda between) whose condition is a once-guard on a field of the class that is static, or an instance field of
 * a singleton (an enum with one constant, or a class whose constructors are all private and that keeps one instance
 * of itself in a static final field): {@code if (SCHEDULER == null)} where the branch assigns {@code SCHEDULER};
 * {@code if (started.compareAndSet(false, true))}; or {@code if (!started)} where the method sets
 * {@code started = true}; or after an early {@code if (started) return;} in such a method. Also an executor made in
 * the construction of a class that has one instance per JVM ({@link #constructedOnce}).
 */
final class OnceStarts {

    private OnceStarts() {
    }

    static boolean startedOncePerJvm(Expression creation) {
        return startedOncePerJvm(creation, 0);
    }

    /**
     * True when the code at {@code creation} runs at most once per JVM: behind a once-guard on the way up to its
     * method (a branch of {@code if (SCHEDULER == null)}, {@code if (!started)}, .., or after an early
     * {@code if (started) return;}), or in the construction of a class that has one instance per JVM
     * ({@link #constructedOnce}): in its constructor, or in a private method of it that only its constructors call.
     */
    private static boolean startedOncePerJvm(Node creation, int depth) {
        Node child = creation;
        for (Node parent = creation.getParentNode().orElse(null); parent != null;
             child = parent, parent = parent.getParentNode().orElse(null)) {
            if (parent instanceof IfStmt check && check.getThenStmt() == child && isOnceGuard(check)) {
                return true;
            }
            if (parent instanceof BlockStmt block && afterAnEarlyReturnOnceSet(block, child)) {
                return true;
            }
            if (parent instanceof ConstructorDeclaration constructor) {
                return depth < 3 && constructor.getParentNode().orElse(null) instanceof TypeDeclaration<?> type
                        && constructedOnce(type);
            }
            if (parent instanceof MethodDeclaration method) {
                return depth < 3 && onlyCalledInConstructorsOfAOnceClass(method, depth);
            }
            if (parent instanceof LambdaExpr || parent instanceof ForStmt
                    || parent instanceof ForEachStmt || parent instanceof WhileStmt || parent instanceof DoStmt
                    || parent instanceof TypeDeclaration<?> || parent instanceof ObjectCreationExpr
                    || parent instanceof InitializerDeclaration) {
                return false;
            }
        }
        return false;
    }

    /**
     * {@code if (emitting) return; emitting = true; .. create ..}: an earlier statement of the block returns when a
     * per-JVM boolean field is set, and the method sets it to {@code true}; also
     * {@code if (!started.compareAndSet(false, true)) return;}.
     */
    private static boolean afterAnEarlyReturnOnceSet(BlockStmt block, Node child) {
        Optional<MethodDeclaration> method = block.findAncestor(MethodDeclaration.class);
        for (Statement earlier : block.getStatements()) {
            if (earlier == child) {
                return false;
            }
            if (!(earlier instanceof IfStmt check) || check.getElseStmt().isPresent()
                    || !returns(check.getThenStmt())) {
                continue;
            }
            Expression condition = Nodes.unwrap(check.getCondition());
            if (perJvmField(condition).isPresent() && method.isPresent()
                    && assigns(method.get(), name(condition), Boolean.TRUE)) {
                return true;
            }
            if (condition instanceof UnaryExpr not && not.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT
                    && Nodes.unwrap(not.getExpression()) instanceof MethodCallExpr cas
                    && isCompareAndSetFalseToTrue(cas)
                    && cas.getScope().flatMap(OnceStarts::perJvmField).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static boolean returns(Statement statement) {
        Statement last = statement instanceof BlockStmt block ? block.getStatements().getLast().orElse(null)
                : statement;
        return last instanceof ReturnStmt;
    }

    /**
     * A private instance method whose every call in its class runs at most once per JVM itself: in a constructor of
     * a class made once per JVM ({@code private Clock() { scheduleTicks(); }}), through other such methods, or behind
     * a once-guard. Not when a nested class calls it or a method reference names it.
     */
    private static boolean onlyCalledInConstructorsOfAOnceClass(MethodDeclaration method, int depth) {
        if (!method.isPrivate() || method.isStatic()
                || !(method.getParentNode().orElse(null) instanceof TypeDeclaration<?> type)) {
            return false;
        }
        boolean called = false;
        for (MethodCallExpr call : type.findAll(MethodCallExpr.class)) {
            if (call.getNameAsString().equals(method.getNameAsString())
                    && call.getArguments().size() == method.getParameters().size()
                    && (call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr)) {
                if (call.findAncestor(TypeDeclaration.class).orElse(null) != type
                        || !startedOncePerJvm(call, depth + 1)) {
                    return false;
                }
                called = true;
            }
        }
        for (com.github.javaparser.ast.expr.MethodReferenceExpr reference
                : type.findAll(com.github.javaparser.ast.expr.MethodReferenceExpr.class)) {
            if (reference.getIdentifier().equals(method.getNameAsString())) {
                return false;
            }
        }
        return called;
    }

    /**
     * True when the class has one instance per JVM at most: a class (not abstract) whose constructors are all private,
     * so that only code of its file creates it, and the file creates it once, in a place that runs once per JVM: the
     * initializer of a static field (its own {@code static final X INSTANCE = new X()}, or that of a holder class,
     * the initialization-on-demand idiom), or behind a once-guard ({@code if (instance == null) instance = new X();}
     * in a lazy {@code getInstance()}, also double-checked). Code that makes instances by reflection or
     * deserialization is not seen.
     */
    private static boolean constructedOnce(TypeDeclaration<?> type) {
        if (type instanceof EnumDeclaration enumeration) {
            return enumeration.getEntries().size() == 1;
        }
        if (!(type instanceof ClassOrInterfaceDeclaration declared) || declared.isInterface() || declared.isAbstract()
                || declared.getConstructors().isEmpty()
                || declared.getConstructors().stream().anyMatch(constructor -> !constructor.isPrivate())) {
            return false;
        }
        List<ObjectCreationExpr> made = declared.findRootNode().findAll(ObjectCreationExpr.class).stream()
                .filter(creation -> creation.getType().getNameAsString().equals(declared.getNameAsString()))
                .toList();
        if (made.size() != 1 || made.get(0).getAnonymousClassBody().isPresent()) {
            return false;
        }
        ObjectCreationExpr only = made.get(0);
        if (only.getParentNode().orElse(null) instanceof VariableDeclarator variable
                && variable.getInitializer().orElse(null) == only
                && variable.getParentNode().orElse(null) instanceof FieldDeclaration field && field.isStatic()) {
            return true;
        }
        Node child = only;
        for (Node parent = only.getParentNode().orElse(null); parent != null;
             child = parent, parent = parent.getParentNode().orElse(null)) {
            if (parent instanceof IfStmt check && check.getThenStmt() == child && isOnceGuard(check)) {
                return true;
            }
            if (parent instanceof LambdaExpr || parent instanceof ForStmt || parent instanceof ForEachStmt
                    || parent instanceof WhileStmt || parent instanceof DoStmt
                    || parent instanceof com.github.javaparser.ast.body.BodyDeclaration<?>) {
                return false;
            }
        }
        return false;
    }

    private static boolean isOnceGuard(IfStmt check) {
        Expression condition = Nodes.unwrap(check.getCondition());
        Optional<MethodDeclaration> method = check.findAncestor(MethodDeclaration.class);
        if (condition instanceof BinaryExpr equals && equals.getOperator() == BinaryExpr.Operator.EQUALS) {
            Expression other = equals.getLeft() instanceof NullLiteralExpr ? equals.getRight()
                    : equals.getRight() instanceof NullLiteralExpr ? equals.getLeft() : null;
            Optional<FieldDeclaration> field = perJvmField(other);
            return field.isPresent() && field.get().isStatic() && assigns(check.getThenStmt(), name(other), null);
        }
        if (condition instanceof MethodCallExpr cas && isCompareAndSetFalseToTrue(cas)) {
            return cas.getScope().flatMap(OnceStarts::perJvmField).isPresent();
        }
        if (condition instanceof UnaryExpr not && not.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
            Expression flag = Nodes.unwrap(not.getExpression());
            return perJvmField(flag).isPresent() && method.isPresent()
                    && assigns(method.get(), name(flag), Boolean.TRUE);
        }
        return false;
    }

    private static boolean isCompareAndSetFalseToTrue(MethodCallExpr cas) {
        return cas.getNameAsString().equals("compareAndSet") && cas.getArguments().size() == 2
                && cas.getArgument(0) instanceof BooleanLiteralExpr from && !from.getValue()
                && cas.getArgument(1) instanceof BooleanLiteralExpr to && to.getValue();
    }

    /** True when {@code scope} assigns the field {@code name} (to {@code value} when that is given). */
    private static boolean assigns(Node scope, String name, Boolean value) {
        return scope.findAll(AssignExpr.class).stream().anyMatch(assign -> assign.getOperator()
                == AssignExpr.Operator.ASSIGN && name.equals(name(assign.getTarget()))
                && (value == null || assign.getValue() instanceof BooleanLiteralExpr literal
                && literal.getValue() == value));
    }

    private static String name(Expression expression) {
        Expression inner = Nodes.unwrap(expression);
        return inner instanceof NameExpr named ? named.getNameAsString()
                : inner instanceof FieldAccessExpr access ? access.getNameAsString() : "";
    }

    /** The field of the enclosing class {@code expression} names, when it exists once per JVM. */
    private static Optional<FieldDeclaration> perJvmField(Expression expression) {
        Expression inner = expression == null ? null : Nodes.unwrap(expression);
        if (!(inner instanceof NameExpr) && !(inner instanceof FieldAccessExpr access
                && access.getScope() instanceof ThisExpr)) {
            return Optional.empty();
        }
        Optional<TypeDeclaration> type = inner.findAncestor(TypeDeclaration.class);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        Optional<FieldDeclaration> field = ((TypeDeclaration<?>) type.get()).getFieldByName(name(inner));
        return field.filter(found -> found.isStatic() || isSingleton(type.get()));
    }

    private static boolean isSingleton(TypeDeclaration<?> type) {
        if (type instanceof EnumDeclaration enumeration) {
            return enumeration.getEntries().size() == 1;
        }
        if (!(type instanceof ClassOrInterfaceDeclaration declared) || declared.isInterface()
                || declared.getConstructors().isEmpty()
                || declared.getConstructors().stream().anyMatch(constructor -> !constructor.isPrivate())) {
            return false;
        }
        long instances = 0;
        for (FieldDeclaration field : declared.getFields()) {
            for (VariableDeclarator variable : field.getVariables()) {
                if (field.isStatic() && field.isFinal() && variable.getInitializer().orElse(null)
                        instanceof ObjectCreationExpr made && made.getType().getNameAsString()
                        .equals(declared.getNameAsString())) {
                    instances++;
                }
            }
        }
        return instances == 1 && declared.findAll(ObjectCreationExpr.class).stream().filter(made ->
                made.getType().getNameAsString().equals(declared.getNameAsString())).count() == 1;
    }
}
