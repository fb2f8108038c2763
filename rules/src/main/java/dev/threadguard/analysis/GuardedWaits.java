package dev.threadguard.analysis;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
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
import dev.threadguard.api.FileContext;
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

    /** Calls that put an item into a collection, which must wake a thread waiting for one. */
    private static final Set<String> ADDS = Set.of("add", "addAll", "offer", "put", "addFirst", "addLast",
            "offerFirst", "offerLast", "push");

    /** True when {@code call}, a {@code Condition.await()} or {@code Object.wait()}, is such a guarded wait. */
    public static boolean isSignalledGuard(MethodCallExpr call) {
        Set<String> signals = signalsOf(call);
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
            Node body = Nodes.enclosingCode(writer);
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
     * A worker thread's idle wait written with a monitor or a condition rather than {@code take()}: {@code
     * while (queue.isEmpty()) wait();} (or {@code queue.size() == 0}) where that guard is a loop inside another loop
     * of a thread's or task's own body (the worker's loop), the wait in it directly or in a private helper every
     * call of which in the class is directly in such a guard; the queue is a private field of the class that the
     * file only calls methods on, and each statement of the file that adds to it outside a constructor is followed,
     * in its method, by a notify (signal) of the same monitor (condition). The wait then lasts exactly as long as the
     * worker has nothing to do, as a worker's idle {@code take()} does, and a timeout would only wake it to test the
     * queue and wait again. A guard loop that is the whole wait of a task (no worker loop around it), a caller's own
     * wait for an item outside any thread body, or a queue something adds to without a notify is not such a wait.
     */
    public static boolean isIdleQueueWait(MethodCallExpr call, FileContext file) {
        Set<String> signals = signalsOf(call);
        Optional<Node> monitor = monitor(call);
        if (signals.isEmpty() || call.getArguments().isNonEmpty() || monitor.isEmpty()) {
            return false;
        }
        List<WhileStmt> guards = new ArrayList<>();
        Optional<WhileStmt> direct = guardingLoop(call);
        if (direct.isPresent()) {
            guards.add(direct.get());
        } else if (!helperGuards(call, guards)) {
            return false;
        }
        Node queue = null;
        for (WhileStmt guard : guards) {
            Optional<Node> tested = emptinessTested(guard.getCondition());
            if (tested.isEmpty() || queue != null && queue != tested.get() || !inWorkerLoop(guard, file)) {
                return false;
            }
            queue = tested.get();
        }
        return queue != null && everyAddSignals((VariableDeclarator) queue, call.findRootNode(), signals,
                monitor.get());
    }

    private static Set<String> signalsOf(MethodCallExpr call) {
        return switch (call.getNameAsString()) {
            case "await" -> Set.of("signal", "signalAll");
            case "wait" -> Set.of("notify", "notifyAll");
            default -> Set.of();
        };
    }

    /**
     * The guard loops around every call, in the class, of the private method {@code call} is directly in (not in a
     * loop, lambda or class of its own): {@code private void idle(long ms) { if (ms == 0) wait(); else wait(ms); }}.
     */
    private static boolean helperGuards(MethodCallExpr call, List<WhileStmt> guards) {
        Optional<MethodDeclaration> helper = call.findAncestor(MethodDeclaration.class);
        if (helper.isEmpty() || !helper.get().isPrivate() || Nodes.enclosingCode(call) != helper.get()) {
            return false;
        }
        for (Node node = call.getParentNode().orElse(null); node != null && node != helper.get();
             node = node.getParentNode().orElse(null)) {
            if (Loops.isLoop(node) || node instanceof ObjectCreationExpr) {
                return false;
            }
        }
        String name = helper.get().getNameAsString();
        int arity = helper.get().getParameters().size();
        Optional<TypeDeclaration> type = helper.get().findAncestor(TypeDeclaration.class);
        if (type.map(declaration -> Nodes.isReferenced(declaration, name)).orElse(true)) {
            return false; // this::idle may be run anywhere
        }
        for (MethodCallExpr use : type.map(declaration -> declaration.findAll(MethodCallExpr.class))
                .orElse(List.of())) {
            if (!use.getNameAsString().equals(name) || use.getArguments().size() != arity
                    || use.getScope().isPresent() && !(use.getScope().get() instanceof ThisExpr)) {
                continue;
            }
            Optional<WhileStmt> guard = guardingLoop(use);
            if (guard.isEmpty()) {
                return false;
            }
            guards.add(guard.get());
        }
        return !guards.isEmpty();
    }

    /** The private field of {@code queue.isEmpty()}, {@code queue.size() == 0} or {@code 0 == queue.size()}. */
    private static Optional<Node> emptinessTested(Expression condition) {
        Expression inner = Nodes.unwrap(condition);
        if (inner instanceof MethodCallExpr call && call.getNameAsString().equals("isEmpty")
                && call.getArguments().isEmpty()) {
            return call.getScope().flatMap(GuardedWaits::field).filter(GuardedWaits::isPrivateField);
        }
        if (inner instanceof BinaryExpr binary && binary.getOperator() == BinaryExpr.Operator.EQUALS) {
            Expression size = isZero(binary.getRight()) ? Nodes.unwrap(binary.getLeft())
                    : isZero(binary.getLeft()) ? Nodes.unwrap(binary.getRight()) : null;
            if (size instanceof MethodCallExpr call && call.getNameAsString().equals("size")
                    && call.getArguments().isEmpty()) {
                return call.getScope().flatMap(GuardedWaits::field).filter(GuardedWaits::isPrivateField);
            }
        }
        return Optional.empty();
    }

    private static boolean isZero(Expression expression) {
        return Nodes.unwrap(expression) instanceof IntegerLiteralExpr literal && literal.getValue().equals("0");
    }

    /** A loop inside another loop of a thread's or task's body: the idle wait between the worker's items. */
    private static boolean inWorkerLoop(WhileStmt guard, FileContext file) {
        Optional<Node> body = Tasks.enclosingTask(guard, file).map(Tasks.Task::node);
        if (body.isEmpty()) {
            return false;
        }
        for (Node node = guard.getParentNode().orElse(null); node != null && node != body.get();
             node = node.getParentNode().orElse(null)) {
            if (Loops.isLoop(node)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the file uses {@code queue} only as the receiver of calls, adds to it at least once, and each add
     * outside a constructor is followed in its method by a signal of {@code monitor}.
     */
    private static boolean everyAddSignals(VariableDeclarator queue, Node root, Set<String> signals, Node monitor) {
        String name = queue.getNameAsString();
        boolean added = false;
        for (Expression use : root.findAll(Expression.class, expression -> expression instanceof NameExpr named
                && named.getNameAsString().equals(name) || expression instanceof FieldAccessExpr access
                && access.getNameAsString().equals(name))) {
            if (field(use).filter(declared -> declared == queue).isEmpty()) {
                if (use instanceof FieldAccessExpr) {
                    return false; // other.queue, Outer.this.queue: perhaps the same field, used unseen
                }
                continue; // a local or parameter of the same name
            }
            if (!(use.getParentNode().orElse(null) instanceof MethodCallExpr call
                    && call.getScope().filter(scope -> scope == use).isPresent())) {
                return false; // assigned, passed or returned: others may add to it
            }
            if (!ADDS.contains(call.getNameAsString())) {
                continue;
            }
            Node body = Nodes.enclosingCode(call);
            if (body instanceof ConstructorDeclaration) {
                continue;
            }
            if (body == null || !signalledAfter(call, body, signals, monitor)) {
                return false;
            }
            added = true;
        }
        return added;
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
