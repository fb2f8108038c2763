package dev.threadguard.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.threadguard.types.Variables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The exit-flag idiom: the catch itself records the stop, {@code catch (InterruptedException e) { setExiting(true); }}
 * or {@code exit = true;}, in the flag that ends the thread's loop ({@code while (!isExiting()) { onNotify(); }}),
 * so the thread stops after the iteration: the interruption is acted on, not forgotten.
 */
final class ExitFlags {

    /** Flags whose {@code true} means "stop", for a loop the file does not show (a daemon base class's). */
    private static final Set<String> STOP_WHEN_TRUE = Set.of("exit", "exiting", "exited", "stop", "stopped",
            "stopping", "shutdown", "shuttingdown", "terminate", "terminated", "terminating", "quit", "closed",
            "closing");
    /** Flags whose {@code false} means "stop". */
    private static final Set<String> STOP_WHEN_FALSE = Set.of("running", "active", "alive");

    private ExitFlags() {
    }

    /** A flag by property name ({@code exiting} for a field, {@code setExiting}, {@code isExiting()}), and a value. */
    private record Flag(String property, boolean value, boolean local) {

        Flag(String property, boolean value) {
            this(property, value, false);
        }

        boolean sameAs(Flag other) {
            return property.equals(other.property) && value == other.value;
        }
    }

    /**
     * True when a top-level statement of the catch sets a flag of its object ({@code exiting = true},
     * {@code this.exiting = true}, {@code setExiting(true)}) to the value that ends the loop it runs in, and the rest
     * of that loop's iteration only finishes up. The loop is the one around the catch in its method, whose condition
     * ({@code while (!exiting)}, {@code do .. while (!isExiting())}, alone or in a conjunction) reads the flag; or, for
     * a catch after which its method only finishes up, the loop around every call of that method in the file, when
     * no method reference names the method ({@code this::onNotify} could run it anywhere it is handed). When the
     * file never calls the method, the loop is a supertype's (a daemon base class whose {@code run()} loops
     * {@code while (!isExiting())} around the overridden {@code onNotify()}): then the method must be an instance
     * method of a class that extends another, and the flag must be named for stopping ({@code exiting}, {@code stopped},
     * {@code shutdown}, .. set to true; {@code running}, {@code active}, {@code alive} set to false).
     */
    static boolean setsTheLoopsExitFlag(CatchClause clause, BiPredicate<Node, Node> onlyFinishesAfter) {
        List<Flag> set = flagsSetBy(clause);
        Node tryStmt = clause.getParentNode().orElse(null);
        if (set.isEmpty() || tryStmt == null) {
            return false;
        }
        Optional<MethodDeclaration> method = clause.findAncestor(MethodDeclaration.class);
        Optional<Node> loop = Loops.enclosingLoop(clause).filter(found -> method.isEmpty()
                || Nodes.isWithin(found, method.get()));
        if (loop.isPresent()) {
            return endsOn(loop.get(), set) && onlyFinishesAfter.test(tryStmt, body(loop.get()));
        }
        if (method.isEmpty() || clause.findAncestor(LambdaExpr.class)
                .filter(lambda -> Nodes.isWithin(lambda, method.get())).isPresent()
                || !onlyFinishesAfter.test(tryStmt, method.get())) {
            return false;
        }
        // a local of the method says nothing about a loop elsewhere
        set = set.stream().filter(flag -> !flag.local()).toList();
        List<MethodCallExpr> calls = callsOf(method.get());
        if (set.isEmpty() || Nodes.isReferenced(method.get().findRootNode(), method.get().getNameAsString())) {
            return false; // this::onNotify may be run by a loop the file does not show, or by none
        }
        if (calls.isEmpty()) {
            return overridesALoopsStep(method.get()) && set.stream().allMatch(ExitFlags::namedForStopping);
        }
        for (MethodCallExpr call : calls) {
            Optional<Node> around = Loops.enclosingLoop(call);
            Optional<Statement> statement = call.findAncestor(Statement.class);
            if (around.isEmpty() || statement.isEmpty() || !endsOn(around.get(), set)
                    || !onlyFinishesAfter.test(statement.get(), body(around.get()))) {
                return false;
            }
        }
        return true;
    }

    private static List<Flag> flagsSetBy(CatchClause clause) {
        List<Flag> flags = new ArrayList<>();
        for (Statement statement : clause.getBody().getStatements()) {
            if (!(statement instanceof ExpressionStmt expression)) {
                continue;
            }
            Expression done = expression.getExpression();
            if (done instanceof MethodCallExpr setter && isOwn(setter) && setter.getArguments().size() == 1
                    && setter.getArgument(0) instanceof BooleanLiteralExpr value
                    && setter.getNameAsString().matches("set[A-Z]\\w*")) {
                flags.add(new Flag(property(setter.getNameAsString().substring(3)), value.getValue()));
            } else if (done instanceof AssignExpr assign && assign.getOperator() == AssignExpr.Operator.ASSIGN
                    && assign.getValue() instanceof BooleanLiteralExpr value) {
                fieldOrLocal(assign.getTarget()).ifPresent(name -> flags.add(new Flag(property(name), value.getValue(),
                        isLocal(assign.getTarget()))));
            }
        }
        return flags;
    }

    /** True when a conjunct of the loop's condition is false once one of the flags holds its value. */
    private static boolean endsOn(Node loop, List<Flag> set) {
        Expression condition = loop instanceof WhileStmt whileLoop ? whileLoop.getCondition()
                : loop instanceof DoStmt doLoop ? doLoop.getCondition()
                : loop instanceof ForStmt forLoop ? forLoop.getCompare().orElse(null) : null;
        if (condition == null) {
            return false;
        }
        List<Flag> ends = new ArrayList<>();
        conjuncts(condition, ends);
        return set.stream().anyMatch(flag -> ends.stream().anyMatch(flag::sameAs));
    }

    /** The flags of a condition's conjuncts, each with the value that makes the conjunct false. */
    private static void conjuncts(Expression condition, List<Flag> ends) {
        Expression inner = Nodes.unwrap(condition);
        if (inner instanceof BinaryExpr and && and.getOperator() == BinaryExpr.Operator.AND) {
            conjuncts(and.getLeft(), ends);
            conjuncts(and.getRight(), ends);
        } else if (inner instanceof UnaryExpr not && not.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
            read(Nodes.unwrap(not.getExpression())).ifPresent(name -> ends.add(new Flag(name, true)));
        } else {
            read(inner).ifPresent(name -> ends.add(new Flag(name, false)));
        }
    }

    /** {@code exiting}, {@code this.exiting}, {@code isExiting()}, {@code getExiting()}: the property read. */
    private static Optional<String> read(Expression expression) {
        if (expression instanceof MethodCallExpr getter && isOwn(getter) && getter.getArguments().isEmpty()) {
            String name = getter.getNameAsString();
            if (name.matches("is[A-Z]\\w*")) {
                return Optional.of(property(name.substring(2)));
            }
            if (name.matches("get[A-Z]\\w*")) {
                return Optional.of(property(name.substring(3)));
            }
            return Optional.empty();
        }
        return fieldOrLocal(expression).map(ExitFlags::property);
    }

    private static Optional<String> fieldOrLocal(Expression expression) {
        return StopFlags.fieldName(Nodes.unwrap(expression));
    }

    private static boolean isLocal(Expression target) {
        return Nodes.unwrap(target) instanceof NameExpr name
                && Variables.find(name.getNameAsString(), name).filter(found -> !found.field())
                .isPresent();
    }

    private static boolean isOwn(MethodCallExpr call) {
        return call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr self && self.getTypeName().isEmpty();
    }

    private static String property(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Node body(Node loop) {
        return loop instanceof WhileStmt whileLoop ? whileLoop.getBody()
                : loop instanceof DoStmt doLoop ? doLoop.getBody()
                : loop instanceof ForStmt forLoop ? forLoop.getBody() : loop;
    }

    /** The calls the file makes that may run {@code method}, by name and arity (all but {@code super.} calls). */
    private static List<MethodCallExpr> callsOf(MethodDeclaration method) {
        List<MethodCallExpr> calls = new ArrayList<>();
        for (MethodCallExpr call : method.findRootNode().findAll(MethodCallExpr.class)) {
            // super.step() runs the supertype's step, not this one
            if (call.getNameAsString().equals(method.getNameAsString())
                    && call.getArguments().size() == method.getParameters().size()
                    && !(call.getScope().orElse(null) instanceof com.github.javaparser.ast.expr.SuperExpr)) {
                calls.add(call);
            }
        }
        return calls;
    }

    /** An instance method of a class that extends another (or of an anonymous class), which may call it in its loop. */
    private static boolean overridesALoopsStep(MethodDeclaration method) {
        if (method.isPrivate() || method.isStatic()) {
            return false;
        }
        Node owner = method.getParentNode().orElse(null);
        return owner instanceof ClassOrInterfaceDeclaration type && !type.isInterface()
                && type.getExtendedTypes().isNonEmpty()
                || owner instanceof ObjectCreationExpr creation && creation.getAnonymousClassBody().isPresent();
    }

    private static boolean namedForStopping(Flag flag) {
        return flag.value() ? STOP_WHEN_TRUE.contains(flag.property()) : STOP_WHEN_FALSE.contains(flag.property());
    }
}
