package dev.threadguard.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.threadguard.types.Variables;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What happens to a local variable in the code that can see it: which methods are called on it, whether it is
 * closed by try-with-resources, and whether it escapes (returned, stored, passed to a method or constructor,
 * aliased, captured in an expression whose fate is unknown). Rules about resources that must be released use it
 * to stay silent whenever someone else may release them.
 */
public final class LocalUses {

    /** How one occurrence of the variable is used. */
    public enum Kind {
        /** {@code v.method(..)} or {@code v::method}. */
        CALL,
        /** {@code try (v) { .. }}. */
        CLOSED,
        /** Returned, stored, passed on, aliased, or used in a way this analysis does not follow. */
        ESCAPES,
        /** Compared, tested, assigned a new value, or locked on: none of these hand the object to anyone. */
        OTHER
    }

    /**
     * One occurrence of the variable.
     *
     * @param kind   how it is used
     * @param method the method called on it, for {@link Kind#CALL}; empty otherwise
     * @param at     the call or method reference for {@link Kind#CALL}, else the node that uses the variable (the
     *               call it is passed to, the return statement, ...)
     */
    public record Use(Kind kind, String method, Node at) {
    }

    private LocalUses() {
    }

    /**
     * The local variable that {@code value} is stored in: the initializer of a local declaration, or the value of
     * a plain assignment to a local. Empty for fields, parameters, and values used any other way.
     */
    public static Optional<VariableDeclarator> storedIn(Expression value) {
        Node child = value;
        Node parent = value.getParentNode().orElse(null);
        while (parent instanceof EnclosedExpr || parent instanceof CastExpr) {
            child = parent;
            parent = parent.getParentNode().orElse(null);
        }
        if (parent instanceof VariableDeclarator declarator && declarator.getInitializer().orElse(null) == child
                && declarator.getParentNode().orElse(null) instanceof VariableDeclarationExpr) {
            return Optional.of(declarator);
        }
        if (parent instanceof AssignExpr assign && assign.getOperator() == AssignExpr.Operator.ASSIGN
                && assign.getValue() == child && assign.getTarget() instanceof NameExpr target) {
            return declaredBy(target);
        }
        return Optional.empty();
    }

    /** The local variable (declared by a statement: not a field or a parameter) that {@code name} refers to. */
    public static Optional<VariableDeclarator> declaredBy(NameExpr name) {
        return Variables.find(name.getNameAsString(), name)
                .filter(declared -> !declared.field())
                .map(Variables.Declared::declaration)
                .filter(declaration -> declaration instanceof VariableDeclarator)
                .map(VariableDeclarator.class::cast)
                .filter(declarator -> declarator.getParentNode().orElse(null) instanceof VariableDeclarationExpr);
    }

    /** True when the local is declared as a resource of a try-with-resources statement. */
    public static boolean isResource(VariableDeclarator local) {
        Node declaration = local.getParentNode().orElse(null);
        return declaration != null && declaration.getParentNode().orElse(null) instanceof TryStmt;
    }

    /** Every use of the local in the code that can see it, nested lambdas and classes included. */
    public static List<Use> of(VariableDeclarator local) {
        List<Use> uses = new ArrayList<>();
        String name = local.getNameAsString();
        for (NameExpr occurrence : scopeOf(local).findAll(NameExpr.class)) {
            if (occurrence.getNameAsString().equals(name) && Variables.find(name, occurrence)
                    .map(declared -> declared.declaration() == local).orElse(false)) {
                uses.add(classify(occurrence));
            }
        }
        // `v::m` is parsed with v as a type name
        for (MethodReferenceExpr reference : scopeOf(local).findAll(MethodReferenceExpr.class)) {
            if (reference.getScope() instanceof TypeExpr type && type.getType().asString().equals(name)
                    && Variables.find(name, reference).map(declared -> declared.declaration() == local)
                    .orElse(false)) {
                uses.add(new Use(Kind.CALL, reference.getIdentifier(), reference));
            }
        }
        return uses;
    }

    /** The statement list (or for, try) in which the local is visible. */
    private static Node scopeOf(VariableDeclarator local) {
        Node declaration = local.getParentNode().orElseThrow();
        Node holder = declaration.getParentNode().orElseThrow();
        return holder instanceof ExpressionStmt statement ? statement.getParentNode().orElse(statement) : holder;
    }

    /**
     * How one occurrence of a variable ({@code v}, or {@code this.v} for a field) is used: a method called on it or
     * referenced ({@code this.v::shutdown}), a try-with-resources, a use that hands it to nobody, or an escape.
     */
    public static Use classify(Expression occurrence) {
        Node child = occurrence;
        Node parent = occurrence.getParentNode().orElse(null);
        while (parent instanceof EnclosedExpr || parent instanceof CastExpr) {
            child = parent;
            parent = parent.getParentNode().orElse(null);
        }
        if (parent instanceof MethodCallExpr call && call.getScope().orElse(null) == child) {
            return new Use(Kind.CALL, call.getNameAsString(), call);
        }
        if (parent instanceof MethodReferenceExpr reference && reference.getScope() == child) {
            return new Use(Kind.CALL, reference.getIdentifier(), reference);
        }
        if (parent instanceof TryStmt) {
            return new Use(Kind.CLOSED, "", parent);
        }
        if (parent instanceof AssignExpr assign && assign.getTarget() == child
                || parent instanceof BinaryExpr || parent instanceof InstanceOfExpr || parent instanceof UnaryExpr
                || parent instanceof SynchronizedStmt || parent instanceof FieldAccessExpr
                || parent instanceof IfStmt || parent instanceof WhileStmt
                || parent instanceof ForEachStmt loop && loop.getIterable() == child) {
            return new Use(Kind.OTHER, "", parent);
        }
        return new Use(Kind.ESCAPES, "", parent == null ? occurrence : parent);
    }
}
