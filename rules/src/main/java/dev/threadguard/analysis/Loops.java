package dev.threadguard.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.threadguard.types.Variables;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where code runs once per iteration: loop bodies, conditions and updates, and lambdas or anonymous classes passed
 * to {@code forEach}. The search for an enclosing loop stops at method, class and lambda boundaries (other than
 * {@code forEach}), because code there runs when it is called, not once per iteration of the outer loop.
 */
public final class Loops {

    /** The largest constant iteration count that is treated as a fixed set of workers rather than an explosion. */
    static final int SMALL_CONSTANT_BOUND = 64;

    private static final Set<String> FOR_EACH = Set.of("forEach", "forEachOrdered", "forEachRemaining");

    /** The words one of which a file must contain to have a loop (for the prefilter's triggers). */
    public static final Set<String> WORDS = Set.of("for", "while", "do", "forEach", "forEachOrdered",
            "forEachRemaining");

    private Loops() {
    }

    /**
     * The loop that runs {@code node} once per iteration: a {@code for}, enhanced {@code for}, {@code while} or
     * {@code do} statement, or a {@code forEach} call whose lambda or anonymous class contains the node.
     */
    public static Optional<Node> enclosingLoop(Node node) {
        Node child = node;
        Optional<Node> parent = node.getParentNode();
        while (parent.isPresent()) {
            Node current = parent.get();
            if (current instanceof ForStmt loop) {
                if (!Nodes.containsSame(loop.getInitialization(), child)) {
                    return Optional.of(loop);
                }
            } else if (current instanceof ForEachStmt loop) {
                if (child == loop.getBody()) {
                    return Optional.of(loop);
                }
            } else if (current instanceof WhileStmt || current instanceof DoStmt) {
                return Optional.of(current);
            } else if (current instanceof LambdaExpr lambda) {
                return forEachCall(lambda);
            } else if (current instanceof BodyDeclaration<?> member
                    && member.getParentNode().orElse(null) instanceof ObjectCreationExpr creation) {
                // a method of an anonymous class runs once per call; it is a loop body when the class is the
                // callback of a forEach
                return forEachCall(creation);
            } else if (current instanceof BodyDeclaration<?> || current instanceof TypeDeclaration<?>) {
                return Optional.empty();
            }
            child = current;
            parent = current.getParentNode();
        }
        return Optional.empty();
    }

    /** The {@code forEach} call that {@code argument} is passed to, if any. */
    private static Optional<Node> forEachCall(Node argument) {
        if (argument.getParentNode().orElse(null) instanceof MethodCallExpr call
                && FOR_EACH.contains(call.getNameAsString()) && Nodes.containsSame(call.getArguments(), argument)) {
            return Optional.of(call);
        }
        return Optional.empty();
    }

    /** A few words naming the loop, for messages: "for loop", "while loop", "forEach". */
    public static String describe(Node loop) {
        if (loop instanceof ForStmt) {
            return "for loop";
        } else if (loop instanceof ForEachStmt) {
            return "for-each loop";
        } else if (loop instanceof WhileStmt) {
            return "while loop";
        } else if (loop instanceof DoStmt) {
            return "do-while loop";
        }
        return loop instanceof MethodCallExpr call ? call.getNameAsString() + " callback" : "loop";
    }

    /**
     * True for counted loops with a small constant bound, like {@code for (int i = 0; i < 4; i++)},
     * {@code i < availableProcessors()} or {@code IntStream.range(0, 8).forEach(..)}: they start a fixed set of
     * workers, which is a bounded pool written by hand, not a spawn per unit of work.
     */
    public static boolean hasSmallConstantBound(Node loop) {
        Optional<Counted> counted = counted(loop);
        if (counted.isPresent()) {
            return isSmallConstant(counted.get().bound());
        }
        if (loop instanceof MethodCallExpr forEach && forEach.getScope().orElse(null) instanceof MethodCallExpr range
                && (range.getNameAsString().equals("range") || range.getNameAsString().equals("rangeClosed"))
                && range.getArguments().size() == 2) {
            return isSmallConstant(range.getArgument(1));
        }
        return false;
    }

    /**
     * A loop that runs a number of times fixed when it starts: its counter, the bound that sizes it and its body.
     *
     * @param counter the counter's name
     * @param bound   what sizes the loop: the limit a loop counting up compares with, the value a loop counting down
     *                starts from
     * @param body    the loop's body
     */
    public record Counted(String counter, Expression bound, Statement body) {
    }

    /**
     * The loop as a counted one, in which the counter changes by one each iteration where the loop's header says so
     * and nowhere in the body:
     * <ul>
     *   <li>counting up: {@code for (..; i < bound; i++)}, {@code i <= bound}, {@code bound > i}, {@code ++i};</li>
     *   <li>counting down to a literal −1, 0 or 1 from the value of its declaration:
     *       {@code for (int i = bound; i >= 0; i--)} ({@code i > 0}, {@code 0 <= i}, {@code --i}),
     *       {@code for (int i = bound; --i >= 0; )} ({@code i-- > 0});</li>
     *   <li>{@code while (i-- > 0)} ({@code --i >= 0}) on a local declared with the bound as its value, or a parameter
     *       (itself the bound), that nothing else in its method or constructor writes.</li>
     * </ul>
     */
    public static Optional<Counted> counted(Node loop) {
        if (loop instanceof ForStmt forStmt) {
            String up = counterName(forStmt);
            Expression limit = up == null ? null : upperBound(forStmt, up);
            if (limit != null) {
                return writes(forStmt.getBody(), up) ? Optional.empty()
                        : Optional.of(new Counted(up, limit, forStmt.getBody()));
            }
            return countingDown(forStmt);
        }
        if (loop instanceof WhileStmt whileStmt) {
            return countingDown(whileStmt);
        }
        return Optional.empty();
    }

    private static Expression upperBound(ForStmt loop, String counter) {
        if (!(loop.getCompare().orElse(null) instanceof BinaryExpr compare)) {
            return null;
        }
        return switch (compare.getOperator()) {
            case LESS, LESS_EQUALS -> isName(compare.getLeft(), counter) ? compare.getRight() : null;
            case GREATER, GREATER_EQUALS -> isName(compare.getRight(), counter) ? compare.getLeft() : null;
            default -> null;
        };
    }

    private static Optional<Counted> countingDown(ForStmt loop) {
        if (loop.getInitialization().size() != 1
                || !(loop.getInitialization().get(0) instanceof VariableDeclarationExpr declaration)
                || declaration.getVariables().size() != 1
                || declaration.getVariable(0).getInitializer().isEmpty()
                || !(loop.getCompare().orElse(null) instanceof BinaryExpr compare)) {
            return Optional.empty();
        }
        String counter = declaration.getVariable(0).getNameAsString();
        Expression compared = comparedAboveALiteral(compare);
        boolean stepped;
        if (loop.getUpdate().isEmpty()) {
            stepped = compared != null && isDecrementOf(compared, counter); // --i >= 0, i-- > 0
        } else {
            stepped = loop.getUpdate().size() == 1 && isDecrementOf(loop.getUpdate().get(0), counter)
                    && compared != null && isName(compared, counter); // i >= 0; i--
        }
        if (!stepped || writes(loop.getBody(), counter)) {
            return Optional.empty();
        }
        return Optional.of(new Counted(counter, declaration.getVariable(0).getInitializer().get(), loop.getBody()));
    }

    private static Optional<Counted> countingDown(WhileStmt loop) {
        Expression compared = loop.getCondition() instanceof BinaryExpr compare ? comparedAboveALiteral(compare) : null;
        if (!(compared instanceof UnaryExpr step) || !isDecrement(step)
                || !(step.getExpression() instanceof NameExpr name)) {
            return Optional.empty();
        }
        Optional<Variables.Declared> declared = Variables.find(name.getNameAsString(), name);
        Node scope = loop.findAncestor(CallableDeclaration.class).orElse(null);
        if (declared.isEmpty() || declared.get().field() || scope == null) {
            return Optional.empty();
        }
        Expression bound;
        if (declared.get().declaration() instanceof Parameter) {
            bound = name;
        } else if (declared.get().initializer().isPresent()
                && declared.get().declaration().getParentNode().orElse(null) instanceof VariableDeclarationExpr) {
            bound = declared.get().initializer().get();
        } else {
            return Optional.empty();
        }
        // the condition's own step is the only write of the counter in its method
        for (Node write : writesIn(scope, name.getNameAsString())) {
            if (write != step) {
                return Optional.empty();
            }
        }
        return Optional.of(new Counted(name.getNameAsString(), bound, loop.getBody()));
    }

    /**
     * The side of a comparison that must stay above a literal −1, 0 or 1 for the loop to go on: {@code x} of
     * {@code x > 0}, {@code x >= 0}, {@code 0 < x}, {@code 0 <= x}; null for any other comparison.
     */
    private static Expression comparedAboveALiteral(BinaryExpr compare) {
        return switch (compare.getOperator()) {
            case GREATER, GREATER_EQUALS -> isSmallLiteral(compare.getRight()) ? compare.getLeft() : null;
            case LESS, LESS_EQUALS -> isSmallLiteral(compare.getLeft()) ? compare.getRight() : null;
            default -> null;
        };
    }

    private static boolean isSmallLiteral(Expression expression) {
        Expression inner = expression instanceof UnaryExpr minus && minus.getOperator() == UnaryExpr.Operator.MINUS
                ? minus.getExpression() : expression;
        return inner instanceof IntegerLiteralExpr literal && literal.asNumber().longValue() <= 1;
    }

    private static boolean isDecrementOf(Expression expression, String counter) {
        return expression instanceof UnaryExpr step && isDecrement(step) && isName(step.getExpression(), counter);
    }

    private static boolean isDecrement(UnaryExpr step) {
        return step.getOperator() == UnaryExpr.Operator.POSTFIX_DECREMENT
                || step.getOperator() == UnaryExpr.Operator.PREFIX_DECREMENT;
    }

    /** True when code under {@code node} assigns, increments or decrements a variable named {@code name}. */
    private static boolean writes(Node node, String name) {
        return !writesIn(node, name).isEmpty();
    }

    private static List<Node> writesIn(Node node, String name) {
        List<Node> writes = new ArrayList<>();
        for (AssignExpr assign : node.findAll(AssignExpr.class)) {
            if (isName(Nodes.unwrap(assign.getTarget()), name)) {
                writes.add(assign);
            }
        }
        for (UnaryExpr unary : node.findAll(UnaryExpr.class)) {
            if (IntValues.STEPS.contains(unary.getOperator()) && isName(Nodes.unwrap(unary.getExpression()), name)) {
                writes.add(unary);
            }
        }
        return writes;
    }

    /** The counter a {@code for} loop increments by one ({@code i} in {@code i++}), or null. */
    static String counterName(ForStmt loop) {
        if (loop.getUpdate().size() != 1 || !(loop.getUpdate().get(0) instanceof UnaryExpr update)
                || !(update.getExpression() instanceof NameExpr updated)) {
            return null;
        }
        if (update.getOperator() != UnaryExpr.Operator.POSTFIX_INCREMENT
                && update.getOperator() != UnaryExpr.Operator.PREFIX_INCREMENT) {
            return null;
        }
        return updated.getNameAsString();
    }

    static boolean isName(Expression expression, String name) {
        return expression instanceof NameExpr nameExpr && nameExpr.getNameAsString().equals(name);
    }

    private static boolean isSmallConstant(Expression bound) {
        if (bound instanceof IntegerLiteralExpr literal) {
            return literal.asNumber().longValue() <= SMALL_CONSTANT_BOUND;
        }
        if (isProcessorScaled(bound)) {
            return true;
        }
        if (bound instanceof NameExpr name) {
            return constantValue(name).map(value -> value <= SMALL_CONSTANT_BOUND).orElse(false);
        }
        return false;
    }

    /**
     * A count that follows the number of processors: {@code availableProcessors()}, times, plus or minus a tiny
     * literal, divided by a literal, {@code Math.max/min} with a small constant, also through a variable initialised
     * so ({@code int permits = 2 * Runtime.getRuntime().availableProcessors() + 1}).
     */
    private static boolean isProcessorScaled(Expression expression) {
        if (expression instanceof EnclosedExpr enclosed) {
            return isProcessorScaled(enclosed.getInner());
        }
        if (isProcessorCount(expression)) {
            return true;
        }
        if (expression instanceof BinaryExpr binary) {
            Expression left = binary.getLeft();
            Expression right = binary.getRight();
            return switch (binary.getOperator()) {
                case MULTIPLY, PLUS -> isProcessorScaled(left) && isTinyLiteral(right)
                        || isTinyLiteral(left) && isProcessorScaled(right);
                case MINUS, DIVIDE -> isProcessorScaled(left) && right.isIntegerLiteralExpr();
                default -> false;
            };
        }
        if (expression instanceof MethodCallExpr call && call.getArguments().size() == 2
                && call.getScope().filter(scope -> scope.toString().equals("Math")).isPresent()) {
            Expression first = call.getArgument(0);
            Expression second = call.getArgument(1);
            return switch (call.getNameAsString()) {
                case "max" -> isProcessorScaledOrSmall(first) && isProcessorScaledOrSmall(second);
                case "min" -> isProcessorScaledOrSmall(first) || isProcessorScaledOrSmall(second);
                default -> false;
            };
        }
        return expression instanceof NameExpr name && Variables.find(name.getNameAsString(), name)
                .flatMap(Variables.Declared::initializer)
                .map(Loops::isProcessorScaled)
                .orElse(false);
    }

    private static boolean isProcessorScaledOrSmall(Expression expression) {
        return isProcessorScaled(expression) || expression instanceof IntegerLiteralExpr literal
                && literal.asNumber().longValue() <= SMALL_CONSTANT_BOUND;
    }

    /** {@code Runtime.getRuntime().availableProcessors()}, directly or through a variable initialised with it. */
    private static boolean isProcessorCount(Expression expression) {
        if (expression instanceof MethodCallExpr call) {
            return call.getNameAsString().equals("availableProcessors") && call.getArguments().isEmpty();
        }
        return expression instanceof NameExpr name && Variables.find(name.getNameAsString(), name)
                .flatMap(Variables.Declared::initializer)
                .map(Loops::isProcessorCount)
                .orElse(false);
    }

    private static boolean isTinyLiteral(Expression expression) {
        return expression instanceof IntegerLiteralExpr literal && literal.asNumber().longValue() <= 4;
    }

    /**
     * The value of a {@code final} field, or of a local that never changes, initialised with an integer literal.
     */
    private static Optional<Long> constantValue(NameExpr name) {
        return Variables.find(name.getNameAsString(), name)
                .filter(IntValues::neverChanges)
                .flatMap(Variables.Declared::initializer)
                .filter(Expression::isIntegerLiteralExpr)
                .map(init -> init.asIntegerLiteralExpr().asNumber().longValue());
    }

    /**
     * The loop a {@code break} leaves: the labelled statement's loop for {@code break label}, else the innermost
     * loop around it; empty when the break leaves a {@code switch} (or nothing that is a loop).
     */
    public static Optional<Node> breakTarget(BreakStmt exit) {
        Optional<String> label = exit.getLabel().map(SimpleName::getIdentifier);
        for (Node current = exit.getParentNode().orElse(null); current != null;
             current = current.getParentNode().orElse(null)) {
            if (current instanceof LambdaExpr || current instanceof BodyDeclaration<?>) {
                return Optional.empty();
            }
            if (label.isPresent()) {
                if (current instanceof LabeledStmt labeled && labeled.getLabel().getIdentifier().equals(label.get())) {
                    Node target = labeled.getStatement();
                    return isLoop(target) ? Optional.of(target) : Optional.empty();
                }
            } else if (isLoop(current)) {
                return Optional.of(current);
            } else if (current instanceof SwitchStmt) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A {@code for}, enhanced {@code for}, {@code while} or {@code do} statement. */
    public static boolean isLoop(Node node) {
        return node instanceof ForStmt || node instanceof ForEachStmt || node instanceof WhileStmt
                || node instanceof DoStmt;
    }

    /** {@code while (true)}, {@code for (;;)} (or {@code for (..; true; ..)}) and {@code do .. while (true)}. */
    public static boolean isInfinite(Node loop) {
        if (loop instanceof WhileStmt whileStmt) {
            return isTrue(whileStmt.getCondition());
        }
        if (loop instanceof DoStmt doStmt) {
            return isTrue(doStmt.getCondition());
        }
        return loop instanceof ForStmt forStmt && forStmt.getCompare().map(Loops::isTrue).orElse(true);
    }

    private static boolean isTrue(Expression condition) {
        Expression inner = Nodes.unwrap(condition);
        return inner instanceof BooleanLiteralExpr literal && literal.getValue();
    }

    /**
     * True when a statement of the loop's own body can leave it: a {@code return}, a {@code throw}, or a
     * {@code break} whose target is the loop or encloses it. Code in nested lambdas and classes does not count.
     */
    public static boolean hasExitStatement(Node loop) {
        if (!Nodes.findInSameBody(loop, ReturnStmt.class).isEmpty()
                || !Nodes.findInSameBody(loop, ThrowStmt.class).isEmpty()) {
            return true;
        }
        for (BreakStmt exit : Nodes.findInSameBody(loop, BreakStmt.class)) {
            if (exit.getLabel().isPresent()) {
                String label = exit.getLabel().get().getIdentifier();
                for (Node current = exit.getParentNode().orElse(null); current != null;
                     current = current.getParentNode().orElse(null)) {
                    if (current instanceof LabeledStmt labeled && labeled.getLabel().getIdentifier().equals(label)) {
                        if (Nodes.isWithin(loop, labeled)) {
                            return true;
                        }
                        break;
                    }
                }
            } else if (breakTarget(exit).filter(target -> target == loop).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
