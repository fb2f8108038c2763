package dev.threadguard.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import dev.threadguard.types.Variables;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Loops that start threads or create pools without multiplying them: the set they build is sized by configuration
 * and kept for the component's life, or what an iteration creates is gone before the loop goes on. Shared by the
 * rules about spawning in loops, so that threads and pools are judged alike.
 *
 * <p>A loop builds a fixed set when
 * <ul>
 *   <li>a counted loop stores into the slot its counter indexes: {@code readers[i] = reader},
 *       {@code workers.set(i, worker)}; bounded by a number or a setting, or by the size of the very collection it
 *       refills (a dead worker replaced one for one);</li>
 *   <li>a counted loop bounded by a number or a setting (not the size of a collection of work) adds what it
 *       creates to a collection held in a field;</li>
 *   <li>a counted loop that runs once per call (in no other loop), bounded by a number, a setting or a parameter
 *       (neither the size of a collection of work nor a local holding one), adds what it creates to a local
 *       collection that the method uses after the loop: a worker set of the configured size that the method then
 *       monitors or joins;</li>
 *   <li>a for-each loop adds what it creates to a collection held in a field that the component iterates
 *       elsewhere (to stop, interrupt or join its workers): one worker per configured endpoint, kept for
 *       shutdown;</li>
 *   <li>a for-each loop over the component's own state (a field, or what a field's method returns: its volumes,
 *       its storage directories) collects what it creates in a local collection and waits for all of it after the
 *       loop: a fork-join over configuration.</li>
 * </ul>
 * A counted loop is one of {@link Loops#counted}: counting up to its bound, or down from it ({@code for (int i = size;
 * --i >= 0; )}, {@code while (i-- > 0)} on a local given the bound), its counter changed nowhere in its body. Any other
 * {@code while} or {@code do} loop never builds a fixed set: it runs as long as work arrives.
 */
public final class FixedWorkers {

    /** Accessors that give the size of a collection or array of work items. */
    private static final Set<String> SIZES = Set.of("size", "length", "count", "getSize", "getLength", "getCount");
    /** Methods that put an element into a collection. */
    private static final Set<String> STORES = Set.of("add", "addLast", "addFirst", "offer", "offerLast", "push",
            "put", "putIfAbsent");
    /** Methods through which a component walks the collection of its workers. */
    private static final Set<String> ITERATIONS = Set.of("forEach", "values", "stream", "iterator", "keySet",
            "entrySet", "toArray", "parallelStream");

    private FixedWorkers() {
    }

    /** True when {@code loop} builds a fixed set of workers out of {@code created} (see the class comment). */
    public static boolean isFixedSet(Node loop, Expression created) {
        String variable = variableOf(created);
        Optional<Loops.Counted> counted = Loops.counted(loop);
        if (counted.isPresent()) {
            String counter = counted.get().counter();
            Expression bound = counted.get().bound();
            Statement body = counted.get().body();
            if (refillsIndexedSlot(body, counter, bound)) {
                return true;
            }
            if (!isSizeOfWork(bound, null) && keptInField(body, created, variable).isPresent()) {
                return true;
            }
            if (!isSizeOfWork(bound, null) && !countsWork(bound) && Loops.enclosingLoop(loop).isEmpty()
                    && keptInLocalUsedAfter(loop, body, created, variable)) {
                return true;
            }
        }
        if (!(loop instanceof ForEachStmt) && !isIteratorLoop(loop)) {
            return false;
        }
        Optional<String> field = keptInField(loopBody(loop), created, variable);
        if (field.isPresent() && iteratedElsewhere(field.get(), loop)) {
            return true;
        }
        return iterable(loop).map(FixedWorkers::isOwnState).orElse(false)
                && joinedAfterTheLoop(loop, created, variable);
    }

    /**
     * True when every way on from the statement that runs {@code call} leaves {@code loop}: a {@code return}, a
     * {@code throw} or a {@code break} out of the loop follows it in its block, or in an enclosing block of the same
     * iteration that the statement's {@code if}, {@code try} or block falls through to ({@code if (cas) { ..;
     * t.start(); } return;}), with only straight-line statements in between (no loop, no {@code continue} or
     * {@code break}). The iteration that creates the worker is the loop's last, so the loop creates one.
     */
    public static boolean leavesTheLoopRightAfter(Node call, Node loop) {
        Node current = call;
        while (current != null && !(current instanceof ExpressionStmt)) {
            current = current.getParentNode().orElse(null);
        }
        while (current != null) {
            Node parent = current.getParentNode().orElse(null);
            if (parent == null || parent == loop || !Nodes.isWithin(parent, loop)) {
                return false;
            }
            if (parent instanceof BlockStmt block) {
                int index = indexOf(block, current);
                if (index < 0) {
                    return false;
                }
                for (Statement next : block.getStatements().subList(index + 1, block.getStatements().size())) {
                    if (next instanceof ReturnStmt || next instanceof ThrowStmt) {
                        return true;
                    }
                    if (next instanceof BreakStmt exit) {
                        Optional<Node> target = Loops.breakTarget(exit);
                        return target.isPresent() && Nodes.isWithin(loop, target.get());
                    }
                    if (!isStraightLine(next)) {
                        return false;
                    }
                }
            } else if (!(parent instanceof IfStmt || parent instanceof TryStmt || parent instanceof CatchClause)) {
                return false;
            }
            current = parent;
        }
        return false;
    }

    /** No loop, {@code continue} or {@code break} in it: control that enters it leaves it at its end (or throws). */
    private static boolean isStraightLine(Statement statement) {
        return statement.findAll(Node.class).stream().noneMatch(node -> Loops.isLoop(node)
                || node instanceof ContinueStmt || node instanceof BreakStmt || node instanceof SwitchStmt);
    }

    /**
     * True when the local or field holding {@code created} gets one of {@code enders} called on it later in the same
     * iteration ({@code pool.shutdown()} in the iteration's finally, {@code t.join()}): what the iteration created
     * is gone before the next one.
     */
    public static boolean endsInTheIteration(Expression created, Node loop, Set<String> enders) {
        String variable = variableOf(created);
        if (variable == null || created.getBegin().isEmpty()) {
            return false;
        }
        for (MethodCallExpr call : Nodes.findInSameBody(loop, MethodCallExpr.class)) {
            if (enders.contains(call.getNameAsString()) && call.getScope().map(Nodes::unwrap)
                    .map(scope -> variable.equals(nameOf(scope))).orElse(false)
                    && call.getBegin().isPresent() && call.getBegin().get().isAfter(created.getBegin().get())) {
                return true;
            }
        }
        return false;
    }

    /** {@code readers[i] = ..} or {@code workers.set(i, ..)}, with a bound that the set does not outgrow. */
    private static boolean refillsIndexedSlot(Statement body, String counter, Expression bound) {
        for (AssignExpr assign : body.findAll(AssignExpr.class)) {
            if (assign.getTarget() instanceof ArrayAccessExpr element && Loops.isName(element.getIndex(), counter)
                    && !isSizeOfWork(bound, nameOf(element.getName()))) {
                return true;
            }
        }
        List<MethodCallExpr> calls = body.findAll(MethodCallExpr.class);
        for (MethodCallExpr set : calls) {
            if ((set.getNameAsString().equals("set") || isReplacingAdd(set, counter, calls))
                    && set.getArguments().size() == 2
                    && Loops.isName(set.getArgument(0), counter) && set.getScope().isPresent()
                    && !isSizeOfWork(bound, nameOf(set.getScope().get()))) {
                return true;
            }
        }
        return false;
    }

    /** {@code workers.remove(i); workers.add(i, worker);}: the slot replaced one for one, as {@code set(i, ..)} does. */
    private static boolean isReplacingAdd(MethodCallExpr add, String counter, List<MethodCallExpr> calls) {
        if (!add.getNameAsString().equals("add") || add.getArguments().size() != 2 || add.getScope().isEmpty()) {
            return false;
        }
        String list = nameOf(add.getScope().get());
        return list != null && calls.stream().anyMatch(remove -> remove.getNameAsString().equals("remove")
                && remove.getArguments().size() == 1 && Loops.isName(remove.getArgument(0), counter)
                && remove.getScope().map(scope -> list.equals(nameOf(scope))).orElse(false));
    }

    /**
     * True when {@code bound} counts items of a collection or array other than {@code refilled}: its size or
     * length. A number, a variable or a setting ({@code conf.getInt("handlers", 10)}) sizes a fixed set.
     */
    private static boolean isSizeOfWork(Expression bound, String refilled) {
        for (MethodCallExpr call : bound.findAll(MethodCallExpr.class)) {
            if (SIZES.contains(call.getNameAsString()) && call.getArguments().isEmpty()
                    && (refilled == null || !call.getScope().map(scope -> refilled.equals(nameOf(scope))).orElse(false))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The field whose collection {@code created} (or the variable holding it) is put into in {@code body}:
     * {@code workers.add(t)}, {@code this.pools.put(key, pool)}, {@code readers[i] = t} where {@code readers} is a field.
     */
    private static Optional<String> keptInField(Node body, Expression created, String variable) {
        for (MethodCallExpr store : body.findAll(MethodCallExpr.class)) {
            if (STORES.contains(store.getNameAsString())
                    && store.getArguments().stream().anyMatch(argument -> holds(argument, created, variable))
                    && store.getScope().isPresent()) {
                Optional<String> field = fieldName(store.getScope().get());
                if (field.isPresent()) {
                    return field;
                }
            }
        }
        for (AssignExpr assign : body.findAll(AssignExpr.class)) {
            if (assign.getTarget() instanceof ArrayAccessExpr element && holds(assign.getValue(), created, variable)) {
                Optional<String> field = fieldName(element.getName());
                if (field.isPresent()) {
                    return field;
                }
            }
        }
        return Optional.empty();
    }

    /** True when the file walks the field's collection outside {@code loop}: {@code for (W w : workers)}, {@code workers.forEach(..)}. */
    private static boolean iteratedElsewhere(String field, Node loop) {
        Node file = loop.findRootNode();
        for (ForEachStmt each : file.findAll(ForEachStmt.class)) {
            if (each != loop && field.equals(rootName(each.getIterable()))) {
                return true;
            }
        }
        for (MethodCallExpr call : file.findAll(MethodCallExpr.class)) {
            if (ITERATIONS.contains(call.getNameAsString()) && !Nodes.isWithin(call, loop)
                    && call.getScope().map(scope -> field.equals(nameOf(Nodes.unwrap(scope)))).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when a name in {@code bound} is a local given the size of a collection of work
     * ({@code int n = jobs.size(); for (i < n)}).
     */
    private static boolean countsWork(Expression bound) {
        for (NameExpr name : bound.findAll(NameExpr.class)) {
            Optional<Variables.Declared> declared = Variables.find(name.getNameAsString(), name);
            if (declared.isPresent() && !declared.get().field() && Variables.assignedValues(name).stream()
                    .anyMatch(value -> isSizeOfWork(value, null))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code created} (or its variable) added to a local collection declared before {@code loop}, which the code
     * after the loop uses (walks, monitors, joins, hands on): the set is kept, not dropped.
     */
    private static boolean keptInLocalUsedAfter(Node loop, Statement body, Expression created, String variable) {
        Optional<NameExpr> collection = localCollection(body, created, variable);
        if (collection.isEmpty() || loop.getEnd().isEmpty()) {
            return false;
        }
        Node declaration = Variables.find(collection.get().getNameAsString(), collection.get())
                .map(Variables.Declared::declaration).orElse(null);
        Node method = loop.findAncestor(BodyDeclaration.class).map(Node.class::cast).orElse(null);
        if (declaration == null || method == null || Nodes.isWithin(declaration, loop)) {
            return false;
        }
        return method.findAll(NameExpr.class).stream().anyMatch(use -> use.getBegin().isPresent()
                && use.getBegin().get().isAfter(loop.getEnd().get())
                && use.getNameAsString().equals(collection.get().getNameAsString())
                && Variables.find(use.getNameAsString(), use).map(Variables.Declared::declaration)
                .filter(found -> found == declaration).isPresent());
    }

    /** The local collection {@code created} (or its variable) is added to in {@code body}: {@code threads.add(t)}. */
    private static Optional<NameExpr> localCollection(Node body, Expression created, String variable) {
        NameExpr collection = null;
        for (MethodCallExpr store : body.findAll(MethodCallExpr.class)) {
            if (STORES.contains(store.getNameAsString()) && store.getScope().isPresent()
                    && store.getArguments().stream().anyMatch(argument -> holds(argument, created, variable))
                    && store.getScope().get() instanceof NameExpr local
                    && Variables.find(local.getNameAsString(), local).map(declared -> !declared.field()).orElse(false)) {
                collection = local;
            }
        }
        return Optional.ofNullable(collection);
    }

    /**
     * {@code created} (or its variable) added to a local collection in the loop, and after the loop, in the same
     * block, that collection walked with {@code join()} or handed to a method that waits for it
     * ({@code waitForThreads(threads)}).
     */
    private static boolean joinedAfterTheLoop(Node loop, Expression created, String variable) {
        Optional<NameExpr> collection = localCollection(loopBody(loop), created, variable);
        if (collection.isEmpty() || !(loop.getParentNode().orElse(null) instanceof BlockStmt block)) {
            return false;
        }
        String collected = collection.get().getNameAsString();
        int index = indexOf(block, loop);
        for (int i = index + 1; i < block.getStatements().size(); i++) {
            Statement after = block.getStatement(i);
            for (ForEachStmt each : after.findAll(ForEachStmt.class)) {
                if (collected.equals(nameOf(each.getIterable())) && each.getBody().findAll(MethodCallExpr.class)
                        .stream().anyMatch(call -> call.getNameAsString().equals("join"))) {
                    return true;
                }
            }
            for (MethodCallExpr call : after.findAll(MethodCallExpr.class)) {
                String name = call.getNameAsString().toLowerCase(Locale.ROOT);
                if ((name.contains("wait") || name.contains("join"))
                        && call.getArguments().stream().anyMatch(argument -> Loops.isName(argument, collected))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True for a field, or what a call on a field returns ({@code storage.dirIterator(..)}, {@code config.getEndpoints()}). */
    private static boolean isOwnState(Expression iterable) {
        Expression current = Nodes.unwrap(iterable);
        while (current instanceof MethodCallExpr call && call.getScope().isPresent()) {
            current = Nodes.unwrap(call.getScope().get());
        }
        return fieldName(current).isPresent();
    }

    private static Optional<Expression> iterable(Node loop) {
        if (loop instanceof ForEachStmt each) {
            return Optional.of(each.getIterable());
        }
        ForStmt forStmt = (ForStmt) loop;
        for (Expression init : forStmt.getInitialization()) {
            if (init instanceof VariableDeclarationExpr declaration && declaration.getVariables().size() == 1) {
                return declaration.getVariable(0).getInitializer();
            }
        }
        return Optional.empty();
    }

    /** {@code for (Iterator<X> it = xs.iterator(); it.hasNext(); )}: a for-each written out. */
    private static boolean isIteratorLoop(Node loop) {
        return loop instanceof ForStmt forStmt && forStmt.getInitialization().size() == 1
                && forStmt.getCompare().orElse(null) instanceof MethodCallExpr hasNext
                && hasNext.getNameAsString().equals("hasNext") && hasNext.getArguments().isEmpty();
    }

    private static Node loopBody(Node loop) {
        return loop instanceof ForEachStmt each ? each.getBody() : ((ForStmt) loop).getBody();
    }

    private static boolean holds(Expression argument, Expression created, String variable) {
        return argument == created || variable != null && Loops.isName(Nodes.unwrap(argument), variable);
    }

    private static String variableOf(Expression created) {
        Expression inner = Nodes.unwrap(created);
        if (inner instanceof NameExpr name) {
            return name.getNameAsString();
        }
        return LocalUses.storedIn(created).map(VariableDeclarator::getNameAsString).orElse(null);
    }

    /** The field that {@code expression} ({@code workers} or {@code this.workers}) names, if it names one. */
    private static Optional<String> fieldName(Expression expression) {
        Expression inner = Nodes.unwrap(expression);
        if (inner instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr) {
            return Optional.of(access.getNameAsString());
        }
        if (inner instanceof NameExpr name && Variables.find(name.getNameAsString(), name)
                .map(Variables.Declared::field).orElse(false)) {
            return Optional.of(name.getNameAsString());
        }
        return Optional.empty();
    }

    private static String nameOf(Expression expression) {
        Expression inner = Nodes.unwrap(expression);
        if (inner instanceof NameExpr name) {
            return name.getNameAsString();
        }
        if (inner instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr) {
            return access.getNameAsString();
        }
        return null;
    }

    /** The variable at the root of {@code workers}, {@code this.workers}, {@code workers.values()}. */
    private static String rootName(Expression expression) {
        Expression current = Nodes.unwrap(expression);
        while (current instanceof MethodCallExpr call && call.getScope().isPresent()
                && ITERATIONS.contains(call.getNameAsString())) {
            current = Nodes.unwrap(call.getScope().get());
        }
        return nameOf(current);
    }

    private static int indexOf(BlockStmt block, Node statement) {
        for (int i = 0; i < block.getStatements().size(); i++) {
            if (block.getStatement(i) == statement) {
                return i;
            }
        }
        return -1;
    }
}
