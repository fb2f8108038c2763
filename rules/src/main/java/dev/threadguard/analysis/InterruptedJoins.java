package dev.threadguard.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.TryStmt;
import dev.threadguard.types.Variables;

import java.util.List;
import java.util.Optional;

/**
 * The join of a thread this code has just told to stop: {@code worker.interrupt(); worker.join();}, the canonical
 * cancel-then-wait. The join waits for the thread to honour the interrupt; whether it does is what
 * {@code uncancellable-loop} and {@code swallowed-interrupt} check where the thread's body is.
 *
 * <p>Only the plain form counts: the interrupt is a statement of its own before the join's statement, in the same
 * block (or before the {@code try} whose block the join opens), with only expression statements between, none of
 * which gives the variable another thread. A join in a private helper of the file ({@code tillThreadDies(thread)})
 * counts when the thread is its parameter and every call of the helper is such a statement after the interrupt of
 * its argument.
 */
final class InterruptedJoins {

    private InterruptedJoins() {
    }

    /** True when {@code join}, a {@code Thread.join()}, waits for a thread interrupted just before on every path. */
    static boolean joinsAnInterruptedThread(MethodCallExpr join) {
        Expression thread = join.getScope().map(Nodes::unwrap).orElse(null);
        if (name(thread) == null) {
            return false;
        }
        if (join.getParentNode().orElse(null) instanceof ExpressionStmt statement && interruptedBefore(statement, thread)) {
            return true;
        }
        return joinsTheParameterOfAHelperCalledAfterInterrupts(thread);
    }

    /** {@code x} or {@code this.x}: the variable's name, or null for any other expression. */
    private static String name(Expression expression) {
        return StopFlags.fieldName(expression).orElse(null);
    }

    /**
     * True when {@code statement} comes after {@code thread.interrupt();} on every path: walking back through the
     * statements of its block (and out of a {@code try} block it opens), only expression statements that cannot
     * give the variable another value come before the interrupt.
     */
    private static boolean interruptedBefore(Statement statement, Expression thread) {
        String name = name(thread);
        Optional<Variables.Declared> declared = Variables.find(name, thread);
        boolean stable = declared.isPresent() && (!declared.get().field() || isFinalField(declared.get()));
        Statement current = statement;
        while (current.getParentNode().orElse(null) instanceof BlockStmt block) {
            List<Statement> statements = block.getStatements();
            int index = Nodes.indexOfSame(statements, current);
            for (int i = index - 1; i >= 0; i--) {
                if (!(statements.get(i) instanceof ExpressionStmt before)) {
                    return false;
                }
                if (isInterruptOf(before.getExpression(), name, declared)) {
                    return true;
                }
                if (mayChange(before, name, stable)) {
                    return false;
                }
            }
            if (block.getParentNode().orElse(null) instanceof TryStmt tryStmt && tryStmt.getTryBlock() == block
                    && tryStmt.getResources().isEmpty()) {
                current = tryStmt;
            } else {
                return false;
            }
        }
        return false;
    }

    private static boolean isFinalField(Variables.Declared field) {
        return field.declaration().getParentNode().orElse(null) instanceof FieldDeclaration declaration
                && declaration.isFinal();
    }

    /** {@code thread.interrupt()} of the same variable. */
    private static boolean isInterruptOf(Expression expression, String name, Optional<Variables.Declared> declared) {
        if (!(expression instanceof MethodCallExpr call) || !call.getNameAsString().equals("interrupt")
                || !call.getArguments().isEmpty() || call.getScope().isEmpty()) {
            return false;
        }
        Expression interrupted = Nodes.unwrap(call.getScope().get());
        if (!name.equals(name(interrupted))) {
            return false;
        }
        Optional<Variables.Declared> same = Variables.find(name, interrupted);
        return same.isPresent() == declared.isPresent()
                && (same.isEmpty() || same.get().declaration() == declared.get().declaration());
    }

    /**
     * True when the statement may give the variable another value: assigns or declares its name, or, for a field
     * that is not final, calls a method of the object itself or creates one (code of the class that may assign it).
     */
    private static boolean mayChange(ExpressionStmt statement, String name, boolean stable) {
        for (AssignExpr assign : statement.findAll(AssignExpr.class)) {
            Expression target = assign.getTarget();
            if (target instanceof NameExpr named && named.getNameAsString().equals(name)
                    || target instanceof FieldAccessExpr access && access.getNameAsString().equals(name)) {
                return true;
            }
        }
        for (VariableDeclarationExpr declaration : statement.findAll(VariableDeclarationExpr.class)) {
            if (declaration.getVariables().stream().anyMatch(variable -> variable.getNameAsString().equals(name))) {
                return true;
            }
        }
        if (stable) {
            return false;
        }
        return !statement.findAll(ObjectCreationExpr.class).isEmpty() || statement.findAll(MethodCallExpr.class)
                .stream().anyMatch(call -> call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr
                        || call.getScope().get() instanceof SuperExpr);
    }

    /**
     * {@code private void tillThreadDies(Thread thread) { ... thread.join(); ... }} where every call of the helper in
     * the file is a statement after the interrupt of its argument, and the parameter is never reassigned.
     */
    private static boolean joinsTheParameterOfAHelperCalledAfterInterrupts(Expression thread) {
        if (!(thread instanceof NameExpr name)) {
            return false;
        }
        Optional<Variables.Declared> declared = Variables.find(name.getNameAsString(), thread);
        if (declared.isEmpty() || !(declared.get().declaration() instanceof Parameter parameter)
                || !(parameter.getParentNode().orElse(null) instanceof MethodDeclaration helper) || !helper.isPrivate()
                || helper.findAll(AssignExpr.class).stream().anyMatch(assign -> assign.getTarget() instanceof NameExpr
                        target && target.getNameAsString().equals(name.getNameAsString()))) {
            return false;
        }
        int index = Nodes.indexOfSame(helper.getParameters(), parameter);
        Node file = helper.findRootNode();
        String helperName = helper.getNameAsString();
        if (index < 0 || Nodes.isReferenced(file, helperName)) {
            return false;
        }
        boolean called = false;
        for (MethodCallExpr call : file.findAll(MethodCallExpr.class)) {
            if (!call.getNameAsString().equals(helperName)
                    || call.getArguments().size() != helper.getParameters().size()) {
                continue;
            }
            Expression argument = Nodes.unwrap(call.getArgument(index));
            if (name(argument) == null || !(call.getParentNode().orElse(null) instanceof ExpressionStmt statement)
                    || !interruptedBefore(statement, argument)) {
                return false;
            }
            called = true;
        }
        return called;
    }
}
