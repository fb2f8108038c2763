package dev.threadguard.analysis;

import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import dev.threadguard.types.FileTypes;
import dev.threadguard.types.Variables;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What can be told about the capacity of a {@code java.util.concurrent} queue from the expression that creates it.
 * An unbounded queue never fills: a pool in front of it never grows past its core size, and {@code put} on it
 * never waits.
 */
public final class Queues {

    /** Queues without a capacity limit, whatever their constructor arguments. */
    private static final Set<String> ALWAYS_UNBOUNDED = Set.of("java.util.concurrent.PriorityBlockingQueue",
            "java.util.concurrent.DelayQueue", "java.util.concurrent.LinkedTransferQueue");
    /** Queues that are unbounded unless a capacity is passed to the constructor. */
    private static final Set<String> LINKED = Set.of("java.util.concurrent.LinkedBlockingQueue",
            "java.util.concurrent.LinkedBlockingDeque");

    private Queues() {
    }

    /** True when the static type alone says the queue has no capacity limit ({@code PriorityBlockingQueue}...). */
    public static boolean isUnboundedType(String qualifiedName) {
        return ALWAYS_UNBOUNDED.contains(qualifiedName);
    }

    /**
     * True when {@code expression} creates a queue that never fills: {@code new LinkedBlockingQueue<>()} (or with a
     * collection to copy, or a capacity of {@code Integer.MAX_VALUE}), {@code new PriorityBlockingQueue<>(..)},
     * {@code new DelayQueue<>()} and {@code new LinkedTransferQueue<>()}. {@code new LinkedBlockingQueue<>(capacity)}
     * is bounded.
     */
    public static boolean isUnboundedCreation(Expression expression, FileTypes types) {
        if (!(Nodes.unwrap(expression) instanceof ObjectCreationExpr creation)) {
            return false;
        }
        Optional<String> type = types.resolve(creation.getType());
        if (type.isEmpty()) {
            return false;
        }
        if (ALWAYS_UNBOUNDED.contains(type.get())) {
            return true;
        }
        if (LINKED.contains(type.get())) {
            // new LinkedBlockingQueue<>(capacity) is bounded; new LinkedBlockingQueue<>(collection) is not
            return creation.getArguments().isEmpty() || types.isA(creation.getArgument(0), "java.util.Collection")
                    || IntValues.constant(creation.getArgument(0), types)
                    .filter(capacity -> capacity >= Integer.MAX_VALUE).isPresent();
        }
        return types.declaration(type.get()).map(subclass -> isUnboundedSubclass(subclass, types)).orElse(false);
    }

    /**
     * The simple name of the queue's type when {@code expression} is a queue that never fills: created so right
     * there, or a variable every value of which in this file is created so. Empty when bounded or unknown.
     */
    public static Optional<String> unboundedQueueType(Expression expression, FileTypes types) {
        Expression inner = Nodes.unwrap(expression);
        if (inner instanceof ObjectCreationExpr creation) {
            return isUnboundedCreation(creation, types) ? Optional.of(creation.getType().getNameAsString())
                    : Optional.empty();
        }
        if (!(inner instanceof NameExpr || inner instanceof FieldAccessExpr)) {
            return Optional.empty();
        }
        List<Expression> values = Variables.assignedValues(inner);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> first = Optional.empty();
        for (Expression value : values) {
            if (!(Nodes.unwrap(value) instanceof ObjectCreationExpr creation)
                    || !isUnboundedCreation(creation, types)) {
                return Optional.empty();
            }
            if (first.isEmpty()) {
                first = Optional.of(creation.getType().getNameAsString());
            }
        }
        return first;
    }

    /**
     * A queue class of this file that extends an unbounded queue, or a linked queue without ever passing a
     * capacity to its constructor ({@code class Unique extends LinkedBlockingQueue<Runnable> { .. }}).
     */
    private static boolean isUnboundedSubclass(TypeDeclaration<?> subclass, FileTypes types) {
        if (!(subclass instanceof ClassOrInterfaceDeclaration declaration)
                || declaration.getExtendedTypes().size() != 1) {
            return false;
        }
        Optional<String> superclass = types.resolve(declaration.getExtendedTypes().get(0));
        if (superclass.isEmpty()) {
            return false;
        }
        if (ALWAYS_UNBOUNDED.contains(superclass.get())) {
            return true;
        }
        return LINKED.contains(superclass.get()) && declaration.findAll(ExplicitConstructorInvocationStmt.class)
                .stream().noneMatch(call -> !call.isThis() && call.getArguments().isNonEmpty());
    }
}
