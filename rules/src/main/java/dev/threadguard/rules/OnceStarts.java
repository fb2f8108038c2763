package dev.threadguard.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.WhileStmt;

import java.util.Optional;

/**
 * An executor started at most once per JVM by a guarded lazy start on per-JVM state: the static-field exemption of
 * {@code executor-not-shutdown} written another way. The creation is in the then-branch of an {@code if} (no loop or
 * lambda between) whose condition is a once-guard on a field of the class that is static, or an instance field of
 * a singleton (an enum with one constant, or a class whose constructors are all private and that keeps one instance
 * of itself in a static final field): {@code if (SCHEDULER == null)} where the branch assigns {@code SCHEDULER};
 * {@code if (started.compareAndSet(false, true))}; or {@code if (!started)} where the method sets
 * {@code started = true}.
 */
final class OnceStarts {

    private OnceStarts() {
    }

    static boolean startedOncePerJvm(Expression creation) {
        Node child = creation;
        for (Node parent = creation.getParentNode().orElse(null); parent != null;
             child = parent, parent = parent.getParentNode().orElse(null)) {
            if (parent instanceof IfStmt check && check.getThenStmt() == child) {
                return isOnceGuard(check);
            }
            if (parent instanceof LambdaExpr || parent instanceof MethodDeclaration || parent instanceof ForStmt
                    || parent instanceof ForEachStmt || parent instanceof WhileStmt || parent instanceof DoStmt
                    || parent instanceof TypeDeclaration<?> || parent instanceof ObjectCreationExpr) {
                return false;
            }
        }
        return false;
    }

    private static boolean isOnceGuard(IfStmt check) {
        Expression condition = unwrap(check.getCondition());
        Optional<MethodDeclaration> method = check.findAncestor(MethodDeclaration.class);
        if (condition instanceof BinaryExpr equals && equals.getOperator() == BinaryExpr.Operator.EQUALS) {
            Expression other = equals.getLeft() instanceof NullLiteralExpr ? equals.getRight()
                    : equals.getRight() instanceof NullLiteralExpr ? equals.getLeft() : null;
            Optional<FieldDeclaration> field = perJvmField(other);
            return field.isPresent() && field.get().isStatic() && assigns(check.getThenStmt(), name(other), null);
        }
        if (condition instanceof MethodCallExpr cas && cas.getNameAsString().equals("compareAndSet")
                && cas.getArguments().size() == 2 && cas.getArgument(0) instanceof BooleanLiteralExpr from
                && !from.getValue() && cas.getArgument(1) instanceof BooleanLiteralExpr to && to.getValue()) {
            return cas.getScope().flatMap(OnceStarts::perJvmField).isPresent();
        }
        if (condition instanceof UnaryExpr not && not.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
            Expression flag = unwrap(not.getExpression());
            return perJvmField(flag).isPresent() && method.isPresent()
                    && assigns(method.get(), name(flag), Boolean.TRUE);
        }
        return false;
    }

    /** True when {@code scope} assigns the field {@code name} (to {@code value} when that is given). */
    private static boolean assigns(Node scope, String name, Boolean value) {
        return scope.findAll(AssignExpr.class).stream().anyMatch(assign -> assign.getOperator()
                == AssignExpr.Operator.ASSIGN && name.equals(name(assign.getTarget()))
                && (value == null || assign.getValue() instanceof BooleanLiteralExpr literal
                && literal.getValue() == value));
    }

    private static String name(Expression expression) {
        Expression inner = unwrap(expression);
        return inner instanceof NameExpr named ? named.getNameAsString()
                : inner instanceof FieldAccessExpr access ? access.getNameAsString() : "";
    }

    /** The field of the enclosing class {@code expression} names, when it exists once per JVM. */
    private static Optional<FieldDeclaration> perJvmField(Expression expression) {
        Expression inner = expression == null ? null : unwrap(expression);
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

    private static Expression unwrap(Expression expression) {
        Expression current = expression;
        while (current instanceof EnclosedExpr enclosed) {
            current = enclosed.getInner();
        }
        return current;
    }
}
