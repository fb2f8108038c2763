package dev.threadguard.analysis;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.threadguard.types.Variables;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A guarded wait on the class's own state that every change of that state signals: {@code while (paused)
 * pausedCondition.await();} or {@code while (!ready) lock.wait();}, where the loop's condition reads only private
 * fields of the class (and literals and operators), and every statement of the file that writes one of those fields
 * outside a constructor is followed, in its method, by {@code signal()}/{@code signalAll()} of the same condition
 * or {@code notify()}/{@code notifyAll()} of the same monitor. Signalling needs the lock the waiter holds while it
 * tests the state, so no change can slip in between the test and the wait: the wait lasts exactly as long as the
 * state says (a user's pause, a dispatcher's idle time), and a timeout would only test the state and wait again.
 */
public final class GuardedWaits {

    private GuardedWaits() {
    }

    /** True when {@code call}, a {@code Condition.await()} or {@code Object.wait()}, is such a guarded wait. */
    public static boolean isSignalledGuard(MethodCallExpr call) {
        Set<String> signals = switch (call.getNameAsString()) {
            case "await" -> Set.of("signal", "signalAll");
            case "wait" -> Set.of("notify", "notifyAll");
            default -> Set.of();
        };
        Optional<Node> monitor = monitor(call);
        Optional<WhileStmt> loop = guardingLoop(call);
        if (signals.isEmpty() || call.getArguments().isNonEmpty() || monitor.isEmpty() || loop.isEmpty()) {
            return false;
        }
        Set<Node> fields = new HashSet<>();
        if (!readsOnlyPrivateFields(loop.get().getCondition(), fields) || fields.isEmpty()) {
            return false;
        }
        Set<String> names = new HashSet<>();
        fields.forEach(field -> names.add(((VariableDeclarator) field).getNameAsString()));
        List<Node> writers = new ArrayList<>();
        for (Node node : call.findRootNode().findAll(Node.class, node -> node instanceof AssignExpr
                || node instanceof UnaryExpr)) {
            Expression target = node instanceof AssignExpr assign ? assign.getTarget()
                    : node instanceof UnaryExpr unary && IntValues.STEPS.contains(unary.getOperator())
                    ? unary.getExpression() : null;
            if (target == null) {
                continue;
            }
            Expression written = Nodes.unwrap(target);
            if (field(written).filter(fields::contains).isPresent()) {
                writers.add(node);
            } else if (written instanceof FieldAccessExpr access && names.contains(access.getNameAsString())) {
                // other.paused = false, Outer.this.paused = false: a write this does not follow
                return false;
            }
        }
        boolean changedLater = false;
        for (Node writer : writers) {
            Node body = enclosingBody(writer);
            if (body instanceof ConstructorDeclaration) {
                continue; // before the object is shared nobody waits on it
            }
            if (body == null || !signalledAfter(writer, body, signals, monitor.get())) {
                return false;
            }
            changedLater = true;
        }
        return changedLater;
    }

    /**
     * What is waited on: the field a condition or monitor is kept in, or the class for {@code wait()} and
     * {@code this.wait()}.
     */
    private static Optional<Node> monitor(MethodCallExpr call) {
        if (call.getScope().isEmpty()
                || call.getScope().get() instanceof ThisExpr self && self.getTypeName().isEmpty()) {
            return call.findAncestor(TypeDeclaration.class).map(Node.class::cast)
                    .filter(type -> call.findAncestor(ObjectCreationExpr.class)
                            .filter(anonymous -> anonymous.getAnonymousClassBody().isPresent()
                                    && Nodes.isWithin(anonymous, type)).isEmpty());
        }
        return field(call.getScope().get());
    }

    /** The {@code while} whose body the wait is in, with no other loop, lambda or class between. */
    private static Optional<WhileStmt> guardingLoop(Node call) {
        Node child = call;
        for (Node node = call.getParentNode().orElse(null); node != null; node = node.getParentNode().orElse(null)) {
            if (node instanceof WhileStmt loop) {
                return loop.getBody() == child ? Optional.of(loop) : Optional.empty();
            }
            if (node instanceof DoStmt || node instanceof ForStmt || node instanceof ForEachStmt
                    || node instanceof LambdaExpr || node instanceof MethodDeclaration
                    || node instanceof TypeDeclaration<?> || node instanceof ObjectCreationExpr) {
                return Optional.empty();
            }
            child = node;
        }
        return Optional.empty();
    }

    /** Literals, operators and private fields of the class: {@code paused}, {@code !this.ready && count == 0}. */
    private static boolean readsOnlyPrivateFields(Expression condition, Set<Node> fields) {
        if (condition instanceof EnclosedExpr enclosed) {
            return readsOnlyPrivateFields(enclosed.getInner(), fields);
        }
        if (condition instanceof UnaryExpr unary && unary.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
            return readsOnlyPrivateFields(unary.getExpression(), fields);
        }
        if (condition instanceof BinaryExpr binary) {
            return readsOnlyPrivateFields(binary.getLeft(), fields)
                    && readsOnlyPrivateFields(binary.getRight(), fields);
        }
        if (condition instanceof LiteralExpr) {
            return true;
        }
        Optional<Node> field = field(condition).filter(GuardedWaits::isPrivateField);
        field.ifPresent(fields::add);
        return field.isPresent();
    }

    /** The declaration of the field {@code name} or {@code this.name} refers to. */
    private static Optional<Node> field(Expression expression) {
        Expression inner = Nodes.unwrap(expression);
        if (inner instanceof NameExpr named) {
            return Variables.find(named.getNameAsString(), inner).filter(Variables.Declared::field)
                    .map(Variables.Declared::declaration);
        }
        if (!(inner instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr self
                && self.getTypeName().isEmpty())) {
            return Optional.empty();
        }
        // this.name: a field of the class around it, whatever a parameter of the same name hides
        Optional<TypeDeclaration> type = inner.findAncestor(TypeDeclaration.class);
        if (type.isEmpty() || inner.findAncestor(ObjectCreationExpr.class)
                .filter(anonymous -> anonymous.getAnonymousClassBody().isPresent()
                        && Nodes.isWithin(anonymous, type.get())).isPresent()) {
            return Optional.empty();
        }
        return ((TypeDeclaration<?>) type.get()).getFieldByName(access.getNameAsString())
                .flatMap(field -> field.getVariables().stream()
                        .filter(variable -> variable.getNameAsString().equals(access.getNameAsString())).findFirst())
                .map(Node.class::cast);
    }

    private static boolean isPrivateField(Node declaration) {
        return declaration instanceof VariableDeclarator variable
                && variable.getParentNode().orElse(null) instanceof FieldDeclaration field && field.isPrivate();
    }

    /** The method, constructor, initializer or lambda whose code {@code node} is. */
    private static Node enclosingBody(Node node) {
        for (Node current = node.getParentNode().orElse(null); current != null;
             current = current.getParentNode().orElse(null)) {
            if (current instanceof MethodDeclaration || current instanceof ConstructorDeclaration
                    || current instanceof InitializerDeclaration || current instanceof LambdaExpr) {
                return current;
            }
        }
        return null;
    }

    /** A signal of the same condition or monitor after {@code writer}, in the same method. */
    private static boolean signalledAfter(Node writer, Node body, Set<String> signals, Node monitor) {
        Optional<Position> written = writer.getEnd();
        for (MethodCallExpr signal : Nodes.findInSameBody(body, MethodCallExpr.class)) {
            if (signals.contains(signal.getNameAsString()) && signal.getArguments().isEmpty() && written.isPresent()
                    && signal.getBegin().filter(signalled -> signalled.isAfter(written.get())).isPresent()
                    && monitor(signal).filter(signalled -> signalled == monitor).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
