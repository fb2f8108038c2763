package dev.threadguard.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Small tree helpers. JavaParser's {@code Node.equals} compares structure, so two identical expressions in
 * different places are "equal"; these helpers compare identity, which is what position questions need.
 */
public final class Nodes {

    private Nodes() {
    }

    /** True when {@code list} holds {@code node} itself (not merely a structurally equal node). */
    public static boolean containsSame(List<? extends Node> list, Node node) {
        for (Node element : list) {
            if (element == node) {
                return true;
            }
        }
        return false;
    }

    /** The index of {@code node} itself in {@code list} (not of a structurally equal node), or -1. */
    public static int indexOfSame(List<? extends Node> list, Node node) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == node) {
                return i;
            }
        }
        return -1;
    }

    /**
     * True when a method reference inside {@code scope} names {@code method} ({@code this::poll}, {@code Type::poll}):
     * such a method may be run from anywhere the reference is handed.
     */
    public static boolean isReferenced(Node scope, String method) {
        return scope.findAll(com.github.javaparser.ast.expr.MethodReferenceExpr.class).stream()
                .anyMatch(reference -> reference.getIdentifier().equals(method));
    }

    /** True when {@code ancestor} is {@code node} or one of its ancestors. */
    /** The method, constructor, initializer or lambda whose code {@code node} is; null outside of one. */
    public static Node enclosingCode(Node node) {
        for (Node current = node.getParentNode().orElse(null); current != null;
             current = current.getParentNode().orElse(null)) {
            if (current instanceof MethodDeclaration || current instanceof ConstructorDeclaration
                    || current instanceof InitializerDeclaration || current instanceof LambdaExpr) {
                return current;
            }
        }
        return null;
    }

    public static boolean isWithin(Node node, Node ancestor) {
        for (Optional<Node> current = Optional.of(node); current.isPresent();
             current = current.get().getParentNode()) {
            if (current.get() == ancestor) {
                return true;
            }
        }
        return false;
    }

    /**
     * The nodes of a kind inside {@code root} that run as part of it: nested lambdas, anonymous class bodies and
     * local classes are left out, as their code runs when it is called, not where it is written.
     */
    public static <T extends Node> List<T> findInSameBody(Node root, Class<T> kind) {
        List<T> found = new ArrayList<>();
        collect(root, kind, found, true);
        return found;
    }

    private static <T extends Node> void collect(Node node, Class<T> kind, List<T> found, boolean isRoot) {
        if (!isRoot && (node instanceof LambdaExpr || node instanceof BodyDeclaration<?>
                || node instanceof LocalClassDeclarationStmt || node instanceof LocalRecordDeclarationStmt)) {
            return;
        }
        if (kind.isInstance(node)) {
            found.add(kind.cast(node));
        }
        for (Node child : node.getChildNodes()) {
            collect(child, kind, found, false);
        }
    }

    /** The expression inside any parentheses: {@code x} for {@code ((x))}. */
    public static Expression unwrap(Expression expression) {
        Expression current = expression;
        while (current instanceof EnclosedExpr enclosed) {
            current = enclosed.getInner();
        }
        return current;
    }
}
