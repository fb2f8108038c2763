package dev.threadguard.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.threadguard.types.FileTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stop-flag idiom: a worker loops {@code while (!stopped)}, and the class's stop method sets the flag
 * first and only then interrupts the worker ({@code stopped = true; worker.interrupt();}) to wake it from a sleep or
 * a wait. A catch of the interruption at the end of the loop's iteration needs to restore nothing: the loop's next
 * check of the flag ends the thread, which is what the interrupt asked for.
 */
final class StopFlags {

    private StopFlags() {
    }

    /**
     * True when the clause is in a {@code while}/{@code do} loop whose condition ends the loop on a boolean field of
     * the class that it owns ({@code !stopped}, {@code running}, alone or in a conjunction; or a final
     * {@code AtomicBoolean} read through {@code get()}; see {@link #isOwnFlag}; a {@code while (true)} loop whose first
     * statement is {@code if (stopped) break;} counts as {@code while (!stopped)}, see {@link #checkedFirst}), or,
     * for a loop in an inner class, of an enclosing class ({@link #enclosingOwner}; its interrupts are then those of
     * the file's top-level class), the
     * rest of the iteration after the catch only finishes up, and every interruption the class makes
     * ({@code interrupt()}, {@code shutdownNow()}, {@code cancel(true)}) — at least one — comes right after a statement
     * that sets the flag to its stop value, itself or through a method of the class that does so first.
     */
    static boolean endsThroughTheLoopsStopFlag(CatchClause clause, FileTypes types,
                                               java.util.function.BiPredicate<Node, Node> onlyFinishesAfter) {
        return clause.getParentNode().filter(attempt -> endsThroughTheStopFlagOfTheLoopAround(attempt, types,
                onlyFinishesAfter)).isPresent();
    }

    /**
     * {@code while (!stopped) { processUpdate(); }} where the catch ends {@code private void processUpdate()}: true
     * when the catch is in a private method of a class (not in a lambda or a loop of it), only finishing up follows
     * it there, and every call of a method of that name in the file is a statement whose loop ends on a stop flag as
     * {@link #endsThroughTheLoopsStopFlag} requires of a catch in the loop itself (the rest of the iteration after
     * the call only finishes up; every interrupt follows the setting of the flag); at least one call. The helper is
     * then that loop's iteration, written elsewhere: a private method cannot be overridden nor called from another
     * file, and a method reference to it (which could run it anywhere) keeps the report.
     */
    static boolean endsThroughItsCallersStopFlags(CatchClause clause, FileTypes types,
                                                  java.util.function.BiPredicate<Node, Node> onlyFinishesAfter) {
        Node attempt = clause.getParentNode().orElse(null);
        Optional<MethodDeclaration> helper = clause.findAncestor(MethodDeclaration.class);
        if (attempt == null || helper.isEmpty() || !helper.get().isPrivate()
                || !(helper.get().getParentNode().orElse(null) instanceof TypeDeclaration<?>)
                || clause.findAncestor(com.github.javaparser.ast.expr.LambdaExpr.class)
                .filter(lambda -> Nodes.isWithin(lambda, helper.get())).isPresent()
                || !onlyFinishesAfter.test(attempt, helper.get())) {
            return false;
        }
        String name = helper.get().getNameAsString();
        Node root = clause.findRootNode();
        if (Nodes.isReferenced(root, name)) {
            return false;
        }
        boolean called = false;
        // by name alone, whatever the arity or receiver: an overload or a varargs call counts as a call too
        for (MethodCallExpr call : root.findAll(MethodCallExpr.class)) {
            if (!call.getNameAsString().equals(name)) {
                continue;
            }
            if (!(call.getParentNode().orElse(null) instanceof ExpressionStmt statement)
                    || !endsThroughTheStopFlagOfTheLoopAround(statement, types, onlyFinishesAfter)) {
                return false;
            }
            called = true;
        }
        return called;
    }

    /**
     * {@code while (!stopped) { try { task = queue.take(); } catch (InterruptedException e) { continue; } .. }}: true
     * when a loop around the clause (in the same body) ends on a stop flag as {@link #endsThroughTheLoopsStopFlag}
     * requires (a {@code while} or {@code do} loop, also a {@code for} loop with such a condition, or
     * {@code for (;;)} whose body starts with {@code if (stopped) break;}) and {@code reachesTheNextCheck} holds for
     * it: every path from the catch goes on to that loop's next check of its condition ({@code continue} of that
     * loop, or the end of the iteration), which reads the flag as falling off the end of the body does.
     */
    static boolean continuesToTheLoopsStopFlag(CatchClause clause, FileTypes types,
                                               java.util.function.Predicate<Node> reachesTheNextCheck) {
        for (Node current = clause.getParentNode().orElse(null); current != null;
             current = current.getParentNode().orElse(null)) {
            if (current instanceof com.github.javaparser.ast.expr.LambdaExpr
                    || current instanceof com.github.javaparser.ast.body.BodyDeclaration<?>) {
                return false;
            }
            if ((current instanceof WhileStmt || current instanceof DoStmt || current instanceof ForStmt)
                    && reachesTheNextCheck.test(current) && endsOnAStopFlag(current, types)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The check of {@link #endsThroughTheLoopsStopFlag} for the statement after which the rest of the iteration must
     * only finish up: the try of the catch, or the call of the helper whose catch it is.
     */
    private static boolean endsThroughTheStopFlagOfTheLoopAround(
            Node statement, FileTypes types, java.util.function.BiPredicate<Node, Node> onlyFinishesAfter) {
        Optional<Node> loop = Loops.enclosingLoop(statement);
        Statement body;
        if (loop.orElse(null) instanceof WhileStmt whileLoop) {
            body = whileLoop.getBody();
        } else if (loop.orElse(null) instanceof DoStmt doLoop) {
            body = doLoop.getBody();
        } else {
            return false;
        }
        return onlyFinishesAfter.test(statement, body) && endsOnAStopFlag(loop.get(), types);
    }

    /**
     * True when {@code loop} (a {@code while}, {@code do} or {@code for} statement) ends on a stop flag of its class,
     * or of an enclosing class, that every interruption of the class comes right after setting (see
     * {@link #endsThroughTheLoopsStopFlag}), or is the run loop of a Guava {@code AbstractExecutionThreadService}.
     */
    private static boolean endsOnAStopFlag(Node loop, FileTypes types) {
        Expression condition;
        if (loop instanceof WhileStmt whileLoop) {
            condition = whileLoop.getCondition();
        } else if (loop instanceof DoStmt doLoop) {
            condition = doLoop.getCondition();
        } else if (loop instanceof ForStmt forLoop) {
            condition = forLoop.getCompare().orElse(null);
        } else {
            return false;
        }
        List<Flag> flags = !(loop instanceof DoStmt) && (condition == null || isTrue(condition))
                ? checkedFirst((Statement) loop).map(exit -> flagsEndedBy(exit, types)).orElse(List.of())
                : flagsOf(condition, types);
        Optional<TypeDeclaration<?>> type = loop.findAncestor(TypeDeclaration.class)
                .map(found -> (TypeDeclaration<?>) found);
        if (type.isEmpty()) {
            return false;
        }
        if (condition != null && isGuavaServiceRunLoop(loop, condition, type.get(), types)) {
            return true;
        }
        for (Flag flag : flags) {
            if (isOwnFlag(type.get(), flag, types) && everyInterruptFollowsTheStop(type.get(), flag, types)) {
                return true;
            }
            Optional<TypeDeclaration<?>> owner = enclosingOwner(type.get(), flag, types);
            if (owner.isPresent() && isOwnFlag(owner.get(), flag, types)
                    && everyInterruptFollowsTheStop(topLevel(type.get()), flag, types)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The enclosing class that declares the flag read by a loop of an inner class ({@code class Reader extends Thread}
     * inside the class, not {@code static}; or a local class), seen through inner classes only, when no class on the
     * way (the loop's own included) declares or inherits a field of that name: the field of the enclosing instance
     * the loop reads. A class on the way with a supertype whose fields cannot be seen (one of a library or of another
     * file, other than the JDK's) might inherit one, and ends the search.
     */
    private static Optional<TypeDeclaration<?>> enclosingOwner(TypeDeclaration<?> inner, Flag flag, FileTypes types) {
        TypeDeclaration<?> current = inner;
        while (declaresField(current, flag.name()).isEmpty() && isInner(current)
                && inheritsNoField(current, flag.name(), types)) {
            Optional<TypeDeclaration<?>> outer = current.getParentNode()
                    .flatMap(parent -> parent instanceof TypeDeclaration<?> type ? Optional.of(type)
                            : parent.findAncestor(TypeDeclaration.class).map(found -> (TypeDeclaration<?>) found));
            if (outer.isEmpty()) {
                return Optional.empty();
            }
            current = outer.get();
            if (declaresField(current, flag.name()).isPresent()) {
                return Optional.of(current);
            }
        }
        return Optional.empty();
    }

    /**
     * True when no supertype of the class declares a field of that name: each one, but for the JDK's, is declared in
     * the file and has none. A supertype of a library or of another file of the project might have one (the project's
     * index of other files keeps no primitive fields), and counts as declaring it.
     */
    private static boolean inheritsNoField(TypeDeclaration<?> type, String name, FileTypes types) {
        String self = FileTypes.qualifiedName(type, types.scope().packageName());
        if (!types.isFullyKnown(self)) {
            return false;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Deque<String> pending = new java.util.ArrayDeque<>(types.supertypesOf(self));
        while (!pending.isEmpty()) {
            String current = pending.pop();
            if (!seen.add(current) || dev.threadguard.types.KnownTypes.isKnown(current)) {
                continue;
            }
            // a type of the file is read from its tree; the project index of other files keeps no primitive
            // fields, so a supertype declared there might have one
            if (types.declaration(current).map(declared -> declaresField(declared, name).isPresent()).orElse(true)) {
                return false;
            }
            pending.addAll(types.supertypesOf(current));
        }
        return true;
    }

    /** A class that is not static: a member class declared without {@code static}, or a local class. */
    private static boolean isInner(TypeDeclaration<?> type) {
        if (!(type instanceof com.github.javaparser.ast.body.ClassOrInterfaceDeclaration declaration)
                || declaration.isInterface() || declaration.isStatic()) {
            return false;
        }
        Node parent = type.getParentNode().orElse(null);
        return parent instanceof com.github.javaparser.ast.stmt.LocalClassDeclarationStmt
                || parent instanceof com.github.javaparser.ast.body.ClassOrInterfaceDeclaration enclosing
                && !enclosing.isInterface()
                || parent instanceof com.github.javaparser.ast.body.EnumDeclaration;
    }

    private static Optional<FieldDeclaration> declaresField(TypeDeclaration<?> type, String name) {
        return type.getFields().stream().filter(field -> field.getVariables().stream()
                .anyMatch(variable -> variable.getNameAsString().equals(name))).findFirst();
    }

    private static TypeDeclaration<?> topLevel(TypeDeclaration<?> type) {
        TypeDeclaration<?> top = type;
        for (Node node = type; node != null; node = node.getParentNode().orElse(null)) {
            if (node instanceof TypeDeclaration<?> found) {
                top = found;
            }
        }
        return top;
    }

    private static final String GUAVA_EXECUTION_SERVICE =
            "com.google.common.util.concurrent.AbstractExecutionThreadService";

    /**
     * Guava's {@code AbstractExecutionThreadService}: {@code run()} loops {@code while (isRunning())}, and the
     * service interrupts its thread (in {@code triggerShutdown()}) only after its state has left RUNNING, so the loop's
     * next check ends it. The service's own stop flag, kept by the library rather than a field of the class.
     */
    private static boolean isGuavaServiceRunLoop(Node clause, Expression condition, TypeDeclaration<?> type,
                                                 FileTypes types) {
        boolean checksRunning = Nodes.unwrap(condition) instanceof MethodCallExpr call
                && call.getNameAsString().equals("isRunning") && call.getArguments().isEmpty()
                && (call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr);
        boolean inRun = clause.findAncestor(MethodDeclaration.class).filter(method -> method.getNameAsString()
                .equals("run") && method.getParameters().isEmpty()).map(method -> method.getParentNode().orElse(null)
                == type).orElse(false);
        return checksRunning && inRun && types.isSubtype(FileTypes.qualifiedName(type, types.scope().packageName()),
                GUAVA_EXECUTION_SERVICE);
    }

    /**
     * A field the loop's condition reads, and the value that ends the loop; {@code atomic} when the field is an
     * {@code AtomicBoolean} read through {@code get()}, or, with a {@code constant}, an {@code AtomicReference} of an
     * enum compared with that constant: the flag is then whether the state is the constant
     * ({@code RUNNING.equals(state.get())}, {@code state.get() == RUNNING}), and the stop value that comparison's
     * result that ends the loop.
     */
    private record Flag(String name, boolean stopValue, boolean atomic, EnumStates.Constant constant) {

        Flag(String name, boolean stopValue, boolean atomic) {
            this(name, stopValue, atomic, null);
        }
    }

    private static boolean isTrue(Expression condition) {
        return Nodes.unwrap(condition) instanceof BooleanLiteralExpr literal && literal.getValue();
    }

    /**
     * The condition of {@code while (true) { if (condition) break; .. }} (or of such a {@code for (;;)} loop): the
     * loop's first statement is an {@code if} without {@code else} whose only statement is an unlabelled
     * {@code break}, or a {@code return} with no value when the loop is the last statement of a method's or lambda's
     * body. The loop is then {@code while (!condition) { .. }}.
     */
    private static Optional<Expression> checkedFirst(Statement loop) {
        Statement body = loop instanceof WhileStmt whileLoop ? whileLoop.getBody()
                : loop instanceof ForStmt forLoop ? forLoop.getBody() : null;
        if (!(body instanceof BlockStmt block) || block.getStatements().isEmpty()
                || !(block.getStatement(0) instanceof com.github.javaparser.ast.stmt.IfStmt check)
                || check.getElseStmt().isPresent()) {
            return Optional.empty();
        }
        Statement exit = check.getThenStmt();
        if (exit instanceof BlockStmt only && only.getStatements().size() == 1) {
            exit = only.getStatement(0);
        }
        boolean ends = exit instanceof com.github.javaparser.ast.stmt.BreakStmt leave && leave.getLabel().isEmpty()
                || exit instanceof com.github.javaparser.ast.stmt.ReturnStmt back && back.getExpression().isEmpty()
                && isLastOfABody(loop);
        return ends ? Optional.of(check.getCondition()) : Optional.empty();
    }

    private static boolean isLastOfABody(Statement statement) {
        return statement.getParentNode().orElse(null) instanceof BlockStmt block
                && block.getStatement(block.getStatements().size() - 1) == statement
                && (block.getParentNode().orElse(null) instanceof MethodDeclaration
                || block.getParentNode().orElse(null) instanceof com.github.javaparser.ast.expr.LambdaExpr);
    }

    /** The flags whose stop value makes the condition of an exit true: its disjuncts {@code flag} or {@code !flag}. */
    private static List<Flag> flagsEndedBy(Expression exitCondition, FileTypes types) {
        return flags(exitCondition, BinaryExpr.Operator.OR, true, types);
    }

    /** The conjuncts of a loop's condition that are {@code flag} or {@code !flag}: the loop ends on their other value. */
    private static List<Flag> flagsOf(Expression condition, FileTypes types) {
        return flags(condition, BinaryExpr.Operator.AND, false, types);
    }

    /**
     * The operands of {@code joined} by {@code joiner} that are a flag read or its negation, each with the value that
     * ends the loop: {@code endsWhen} for a plain read, the other for a negated one.
     */
    private static List<Flag> flags(Expression joined, BinaryExpr.Operator joiner, boolean endsWhen, FileTypes types) {
        List<Flag> flags = new ArrayList<>();
        Expression inner = Nodes.unwrap(joined);
        if (inner instanceof BinaryExpr binary && binary.getOperator() == joiner) {
            flags.addAll(flags(binary.getLeft(), joiner, endsWhen, types));
            flags.addAll(flags(binary.getRight(), joiner, endsWhen, types));
        } else if (inner instanceof UnaryExpr not && not.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
            flag(Nodes.unwrap(not.getExpression()), !endsWhen, types).ifPresent(flags::add);
        } else {
            flag(inner, endsWhen, types).ifPresent(flags::add);
        }
        return flags;
    }

    /**
     * {@code flag}, {@code flag.get()} (an {@code AtomicBoolean}) or a comparison of {@code state.get()} with a
     * constant of a project enum ({@code RUNNING.equals(state.get())}, {@code state.get() == RUNNING},
     * {@code RUNNING == state.get()}, {@code state.get() != STOPPED}) that ends the loop when it is {@code stopValue}.
     */
    private static Optional<Flag> flag(Expression read, boolean stopValue, FileTypes types) {
        if (read instanceof BinaryExpr compare && (compare.getOperator() == BinaryExpr.Operator.EQUALS
                || compare.getOperator() == BinaryExpr.Operator.NOT_EQUALS)) {
            // a != b is !(a == b): the comparison of the state with the constant ends the loop on the other value
            boolean equalsEnds = compare.getOperator() == BinaryExpr.Operator.EQUALS ? stopValue : !stopValue;
            return stateFlag(compare.getLeft(), compare.getRight(), equalsEnds, types)
                    .or(() -> stateFlag(compare.getRight(), compare.getLeft(), equalsEnds, types));
        }
        if (read instanceof MethodCallExpr equals && equals.getNameAsString().equals("equals")
                && equals.getArguments().size() == 1 && equals.getScope().isPresent()) {
            // only the constant's own equals, which is Enum.equals: identity
            return stateFlag(equals.getArgument(0), equals.getScope().get(), stopValue, types);
        }
        Optional<String> atomic = atomicRead(read);
        if (atomic.isPresent()) {
            return atomic.map(name -> new Flag(name, stopValue, true));
        }
        return fieldName(read).map(name -> new Flag(name, stopValue, false));
    }

    /** {@code state.get()} compared with the enum constant {@code constant}. */
    private static Optional<Flag> stateFlag(Expression read, Expression constant, boolean stopValue, FileTypes types) {
        Optional<String> state = atomicRead(Nodes.unwrap(read));
        if (state.isEmpty()) {
            return Optional.empty();
        }
        return EnumStates.constant(constant, types).map(value -> new Flag(state.get(), stopValue, true, value));
    }

    /** The field of {@code field.get()} or {@code this.field.get()}. */
    private static Optional<String> atomicRead(Expression read) {
        if (read instanceof MethodCallExpr get && get.getNameAsString().equals("get") && get.getArguments().isEmpty()
                && get.getScope().isPresent()) {
            return fieldName(Nodes.unwrap(get.getScope().get()));
        }
        return Optional.empty();
    }

    /** The name of {@code name} or {@code this.name}; empty for anything else. */
    static Optional<String> fieldName(Expression expression) {
        if (expression instanceof NameExpr name) {
            return Optional.of(name.getNameAsString());
        }
        if (expression instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr self
                && self.getTypeName().isEmpty()) {
            return Optional.of(access.getNameAsString());
        }
        return Optional.empty();
    }

    /**
     * True when {@code flag} is a {@code boolean} field declared by the class that is not {@code public}, and no code
     * of the file outside the class writes its running value.
     *
     * <p>What the exemption needs is that the flag holds its stop value when the caught interruption has happened:
     * the class sets it right before each interrupt it makes, and nobody sets it back in between. Who else can write
     * the field decides that. A private field is written by the class alone. A protected or package-private one
     * ({@code protected volatile boolean stopped} of an abstract worker whose subclasses read it) can also be written
     * by subclasses and classes of the package: those in the file are checked (a write of the running value outside
     * the class, a restart racing with the class's stop, keeps the report); those in other files would have to restart
     * the loop behind the class's own stop method, which breaks the class's protocol rather than this catch. A public
     * field is left out: any code may drive it, so the flag is no longer the class's own protocol.
     *
     * <p>{@code volatile} is not needed for this path: writing the flag happens before {@code interrupt()} in the
     * stopping thread, and an interrupt synchronizes-with the point where the interrupted thread learns of it, here the
     * throw of the caught InterruptedException (JLS 17.4.4). So the loop's next check after the catch sees the stop
     * value whether the field is volatile or not.
     */
    private static boolean isOwnFlag(TypeDeclaration<?> type, Flag flag, FileTypes types) {
        for (FieldDeclaration field : type.getFields()) {
            for (VariableDeclarator variable : field.getVariables()) {
                if (variable.getNameAsString().equals(flag.name())) {
                    String declared = variable.getType().asString();
                    boolean typed = flag.constant() != null
                            ? field.isFinal() && EnumStates.holdsTheEnum(variable, flag.constant().enumType(), types)
                            : flag.atomic() ? field.isFinal() && (declared.equals("AtomicBoolean")
                            || declared.equals("java.util.concurrent.atomic.AtomicBoolean"))
                            : declared.equals("boolean");
                    return !field.isPublic() && typed && (field.isPrivate() || !restartedOutside(type, flag, types));
                }
            }
        }
        return false;
    }

    /**
     * True when code of the file outside {@code type} assigns the flag anything but its stop value (for an
     * {@code AtomicBoolean} or an {@code AtomicReference}, calls on a field of its name anything but a
     * {@link #setsTheFlag setting} of that value).
     */
    private static boolean restartedOutside(TypeDeclaration<?> type, Flag flag, FileTypes types) {
        if (flag.atomic()) {
            for (MethodCallExpr call : type.findRootNode().findAll(MethodCallExpr.class)) {
                if (!Nodes.isWithin(call, type) && WRITES.contains(call.getNameAsString())
                        && call.getScope().map(Nodes::unwrap).map(scope -> scope instanceof NameExpr name
                        ? name.getNameAsString() : scope instanceof FieldAccessExpr access ? access.getNameAsString()
                        : null).filter(flag.name()::equals).isPresent()
                        && !(call.getParentNode().orElse(null) instanceof ExpressionStmt statement
                        && setsTheFlag(statement, flag, types))) {
                    return true;
                }
            }
            return false;
        }
        for (AssignExpr assign : type.findRootNode().findAll(AssignExpr.class)) {
            Expression target = Nodes.unwrap(assign.getTarget());
            String written = target instanceof NameExpr name ? name.getNameAsString()
                    : target instanceof FieldAccessExpr access ? access.getNameAsString() : null;
            if (flag.name().equals(written) && !Nodes.isWithin(assign, type)
                    && !(assign.getOperator() == AssignExpr.Operator.ASSIGN
                    && assign.getValue() instanceof BooleanLiteralExpr value && value.getValue() == flag.stopValue())) {
                return true;
            }
        }
        return false;
    }

    /** Every interruption in the type comes right after the flag is set to its stop value; there is one at least. */
    private static boolean everyInterruptFollowsTheStop(TypeDeclaration<?> type, Flag flag, FileTypes types) {
        boolean any = false;
        for (MethodCallExpr call : type.findAll(MethodCallExpr.class)) {
            if (!isInterruption(call)) {
                continue;
            }
            if (!followsTheStop(call, type, flag, types)) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static boolean isInterruption(MethodCallExpr call) {
        String name = call.getNameAsString();
        return (name.equals("interrupt") || name.equals("shutdownNow")) && call.getArguments().isEmpty()
                || name.equals("cancel") && call.getArguments().size() == 1
                && !(call.getArgument(0) instanceof BooleanLiteralExpr literal && !literal.getValue());
    }

    /** An earlier statement of a block around the call, in the same method, sets the flag (or calls what does). */
    private static boolean followsTheStop(MethodCallExpr call, TypeDeclaration<?> type, Flag flag, FileTypes types) {
        Node current = call;
        for (Node parent = call.getParentNode().orElse(null); parent != null && !(parent instanceof MethodDeclaration);
             current = parent, parent = parent.getParentNode().orElse(null)) {
            if (parent instanceof BlockStmt block) {
                for (Statement sibling : block.getStatements()) {
                    if (sibling == current) {
                        break;
                    }
                    if (setsTheFlag(sibling, flag, types) || typesAround(call, type).stream()
                            .anyMatch(around -> callsAStop(sibling, around, flag, types))) {
                        return true;
                    }
                }
            }
            if (parent instanceof com.github.javaparser.ast.expr.LambdaExpr
                    || parent instanceof com.github.javaparser.ast.body.BodyDeclaration<?>) {
                return false;
            }
        }
        return false;
    }

    /** The classes around {@code node}, nearest first, up to {@code type} (the class whose interrupts are checked). */
    private static List<TypeDeclaration<?>> typesAround(Node node, TypeDeclaration<?> type) {
        List<TypeDeclaration<?>> around = new ArrayList<>();
        for (Node current = node; current != null; current = current.getParentNode().orElse(null)) {
            if (current instanceof TypeDeclaration<?> found) {
                around.add(found);
            }
            if (current == type) {
                break;
            }
        }
        return around;
    }

    /** The calls that write an {@code AtomicBoolean} or an {@code AtomicReference}. */
    private static final java.util.Set<String> WRITES = java.util.Set.of("set", "lazySet", "getAndSet",
            "getAndUpdate", "updateAndGet", "getAndAccumulate", "accumulateAndGet",
            "compareAndSet", "weakCompareAndSet", "setPlain", "setOpaque", "setRelease", "compareAndExchange",
            "weakCompareAndSetPlain", "weakCompareAndSetVolatile", "weakCompareAndSetAcquire",
            "weakCompareAndSetRelease", "compareAndExchangeAcquire", "compareAndExchangeRelease", "getAndSetPlain");

    /**
     * {@code stopped = true;} or {@code this.stopped = true;}; for an {@code AtomicBoolean},
     * {@code stopped.set(true);}, {@code lazySet(true)}, {@code getAndSet(true)}, or {@code compareAndSet(false,
     * true)} (which, when it fails, found the flag at its stop value already); for an enum state, see
     * {@link #setsTheState}.
     */
    private static boolean setsTheFlag(Statement statement, Flag flag, FileTypes types) {
        if (flag.atomic()) {
            if (!(statement instanceof ExpressionStmt expression)
                    || !(expression.getExpression() instanceof MethodCallExpr call) || call.getScope().isEmpty()
                    || fieldName(Nodes.unwrap(call.getScope().get())).filter(flag.name()::equals).isEmpty()) {
                return false;
            }
            List<Expression> arguments = call.getArguments();
            if (flag.constant() != null) {
                return setsTheState(call, flag, types);
            }
            return switch (call.getNameAsString()) {
                case "set", "lazySet", "getAndSet" -> arguments.size() == 1 && isLiteral(arguments.get(0),
                        flag.stopValue());
                case "compareAndSet" -> arguments.size() == 2 && isLiteral(arguments.get(0), !flag.stopValue())
                        && isLiteral(arguments.get(1), flag.stopValue());
                default -> false;
            };
        }
        return statement instanceof ExpressionStmt expression && expression.getExpression() instanceof AssignExpr assign
                && assign.getOperator() == AssignExpr.Operator.ASSIGN
                && fieldName(assign.getTarget()).filter(flag.name()::equals).isPresent()
                && assign.getValue() instanceof BooleanLiteralExpr value && value.getValue() == flag.stopValue();
    }

    /**
     * {@code state.set(SHUTDOWN)}, {@code lazySet(..)} or {@code getAndSet(..)} with a constant of the loop's enum
     * whose comparison with the loop's constant gives the stop value: another constant when the loop runs while the
     * state is its constant, the same one when the loop ends on it. {@code compareAndSet(RUNNING, SHUTDOWN)} only in
     * the first case and with the loop's constant expected: when it fails, the state was not that constant already.
     */
    private static boolean setsTheState(MethodCallExpr call, Flag flag, FileTypes types) {
        List<Expression> arguments = call.getArguments();
        return switch (call.getNameAsString()) {
            case "set", "lazySet", "getAndSet" -> arguments.size() == 1
                    && endsTheLoop(EnumStates.constant(arguments.get(0), types), flag);
            case "compareAndSet" -> arguments.size() == 2 && !flag.stopValue()
                    && EnumStates.constant(arguments.get(0), types).filter(flag.constant()::equals).isPresent()
                    && endsTheLoop(EnumStates.constant(arguments.get(1), types), flag);
            default -> false;
        };
    }

    /** True when the state set to {@code value} makes the loop's comparison its stop value. */
    private static boolean endsTheLoop(Optional<EnumStates.Constant> value, Flag flag) {
        return value.filter(set -> set.enumType().equals(flag.constant().enumType())
                && set.name().equals(flag.constant().name()) == flag.stopValue()).isPresent();
    }

    private static boolean isLiteral(Expression expression, boolean value) {
        return Nodes.unwrap(expression) instanceof BooleanLiteralExpr literal && literal.getValue() == value;
    }

    /**
     * {@code stopWorkers();} where that method of the class sets the flag as one of its top-level statements, with
     * no {@code return} or {@code throw} before it.
     */
    private static boolean callsAStop(Statement statement, TypeDeclaration<?> type, Flag flag, FileTypes types) {
        if (!(statement instanceof ExpressionStmt expression) || !(expression.getExpression() instanceof MethodCallExpr call)
                || call.getScope().isPresent() && !(call.getScope().get() instanceof ThisExpr)
                || !call.getArguments().isEmpty()) {
            return false;
        }
        for (MethodDeclaration method : type.getMethodsByName(call.getNameAsString())) {
            if (!method.getParameters().isEmpty() || method.getBody().isEmpty()) {
                continue;
            }
            for (Statement each : method.getBody().get().getStatements()) {
                if (setsTheFlag(each, flag, types)) {
                    return true;
                }
                if (!Nodes.findInSameBody(each, com.github.javaparser.ast.stmt.ReturnStmt.class).isEmpty()
                        || !Nodes.findInSameBody(each, com.github.javaparser.ast.stmt.ThrowStmt.class).isEmpty()) {
                    break; // a way out before the flag is set
                }
            }
        }
        return false;
    }
}
