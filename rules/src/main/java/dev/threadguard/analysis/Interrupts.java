package dev.threadguard.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.UnionType;
import dev.threadguard.api.FileContext;
import dev.threadguard.types.FileTypes;
import dev.threadguard.types.KnownTypes;
import dev.threadguard.types.Variables;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How code takes part in interruption, Java's cancellation: catch clauses that receive an
 * {@link InterruptedException} and whether they keep it (rethrow or restore the thread's interrupt status), and
 * the checks of the interrupt status.
 */
public final class Interrupts {

    private static final String INTERRUPTED_EXCEPTION = "java.lang.InterruptedException";
    /** Catch types that receive an InterruptedException thrown in their try block. */
    private static final Set<String> CATCHING_TYPES = Set.of(INTERRUPTED_EXCEPTION, "java.lang.Exception",
            "java.lang.Throwable");
    private static final Set<String> STATUS_CHECKS = Set.of("interrupted", "isInterrupted");
    /** How the name of a helper that throws the exception it is handed begins. */
    private static final java.util.regex.Pattern RETHROWING =
            java.util.regex.Pattern.compile("(sneaky)?(re)?throw(?!able)|propagate");

    private Interrupts() {
    }

    /** True when the clause names {@code InterruptedException} itself, alone or in a multi-catch. */
    public static boolean catchesInterruptedException(CatchClause clause, FileTypes types) {
        return caughtTypes(clause).stream()
                .anyMatch(type -> types.resolve(type).filter(INTERRUPTED_EXCEPTION::equals).isPresent());
    }

    /** True when an InterruptedException thrown in the try block ends up in this clause (also Exception, Throwable). */
    public static boolean receivesInterruptedException(CatchClause clause, FileTypes types) {
        return caughtTypes(clause).stream()
                .anyMatch(type -> types.resolve(type).filter(CATCHING_TYPES::contains).isPresent());
    }

    private static List<? extends Type> caughtTypes(CatchClause clause) {
        Type type = clause.getParameter().getType();
        return type instanceof UnionType union ? union.getElements() : List.of(type);
    }

    /**
     * True when the clause forgets the interruption: it neither rethrows (anything) nor restores the interrupt
     * status, directly or through a flag that its method turns back into {@code interrupt()}
     * ({@code catch (InterruptedException e) { interrupted = true; } ... finally { if (interrupted) ...; }}), nor
     * ends the task it runs in, which is how a thread obeys the request to stop, nor falls through to a loop
     * condition that reads the stop flag the class sets before it interrupts ({@link StopFlags}; also from the end of
     * a private helper that such loops alone call), nor receives no
     * interruption at all because its try block only reads completed CompletableFutures or FutureTasks, nor sets
     * the flag that ends the thread's loop itself ({@link ExitFlags}).
     */
    public static boolean swallows(CatchClause clause, FileContext file) {
        List<MethodCallExpr> calls = Nodes.findInSameBody(clause.getBody(), MethodCallExpr.class);
        String caught = clause.getParameter().getNameAsString();
        if (!Nodes.findInSameBody(clause.getBody(), ThrowStmt.class).isEmpty()
                || calls.stream().anyMatch(call -> restoresStatus(call) || endsTheProcess(call, file.types())
                        || rethrows(call, caught))
                || wrapsTheException(clause)) {
            return false;
        }
        return !restoresThroughAFlag(clause) && !cannotBeThrown(clause, file.types()) && !endsTheTask(clause, file)
                && !StopFlags.endsThroughTheLoopsStopFlag(clause, file.types(),
                        (statement, body) -> onlyFinishesAfter(statement, body, file.types()))
                && !StopFlags.endsThroughItsCallersStopFlags(clause, file.types(),
                        (statement, body) -> onlyFinishesAfter(statement, body, file.types()))
                && !StopFlags.continuesToTheLoopsStopFlag(clause, file.types(),
                        loop -> reachesTheNextCheck(clause, loop, file.types()))
                && !ExitFlags.setsTheLoopsExitFlag(clause,
                        (statement, body) -> onlyFinishesAfter(statement, body, file.types()));
    }

    /**
     * {@code if (f.isDone()) { try { use(f.get()); } catch (InterruptedException | ExecutionException e) { .. } }}:
     * the waits in the try block are all {@code get()} of a {@code CompletableFuture} or a {@code FutureTask} that is
     * complete there ({@link Completions#isCompleteWhereRead}; {@link Completions#getIgnoresTheStatusOnceDone}), also
     * through a private helper that reads a field future proven done where it is called, and a completed future of
     * those kinds returns its result without looking at the interrupt status, so the catch is there for the compiler
     * and receives no interruption. Not a plain {@code Future}: Guava's {@code AbstractFuture.get()} and
     * ForkJoinTask's test (and clear) the status before they look at the result. Not when a method of the file that declares InterruptedException (or Exception, Throwable)
     * is called in the try block. Calls of unknown code are taken not to throw it, as elsewhere in this analysis.
     */
    private static boolean cannotBeThrown(CatchClause clause, FileTypes types) {
        if (!(clause.getParentNode().orElse(null) instanceof TryStmt attempt)) {
            return false;
        }
        boolean read = false;
        List<MethodCallExpr> calls = new java.util.ArrayList<>(Nodes.findInSameBody(attempt.getTryBlock(),
                MethodCallExpr.class));
        attempt.getResources().forEach(resource -> calls.addAll(Nodes.findInSameBody(resource, MethodCallExpr.class)));
        for (MethodCallExpr call : calls) {
            if (Blocking.throwsInterruptedException(call, types)) {
                if (!call.getNameAsString().equals("get") || !Completions.getIgnoresTheStatusOnceDone(call, types)
                        || !Completions.isCompleteWhereRead(call, types)) {
                    return false;
                }
                read = true;
            } else if (ownMethod(call).filter(method -> declaresInterruption(method, types)).isPresent()) {
                if (!onlyReadsCompletedFields(call, ownMethod(call).get(), types)) {
                    return false;
                }
                read = true;
            }
        }
        return read;
    }

    private static boolean declaresInterruption(MethodDeclaration method, FileTypes types) {
        return method.getThrownExceptions().stream()
                .anyMatch(thrown -> CATCHING_TYPES.contains(types.resolve(thrown).orElse(""))
                        || thrown.asString().endsWith("InterruptedException"));
    }

    /**
     * {@code if (!future.isDone()) return "pending"; try { return read(); } catch (InterruptedException e) { .. }}
     * with a private {@code read()} whose only interruptible calls are {@code get()} of a field future of the kinds
     * {@link Completions#getIgnoresTheStatusOnceDone} takes, each proven done where the helper is called (or where it
     * reads): the helper declares InterruptedException for the compiler, and cannot throw it from there. Not when the
     * caller has a local of the field's name, nor when the helper calls another method of the file that declares it.
     */
    private static boolean onlyReadsCompletedFields(MethodCallExpr site, MethodDeclaration helper, FileTypes types) {
        if (!helper.isPrivate() || helper.getBody().isEmpty()) {
            return false;
        }
        boolean read = false;
        for (MethodCallExpr call : Nodes.findInSameBody(helper.getBody().get(), MethodCallExpr.class)) {
            if (Blocking.throwsInterruptedException(call, types)) {
                String key = call.getScope().map(Completions::key).orElse(null);
                if (key == null || !call.getNameAsString().equals("get")
                        || !Completions.getIgnoresTheStatusOnceDone(call, types)
                        || !key.startsWith(Completions.FIELD)
                        || !Variables.find(key.substring(Completions.FIELD.length()), call)
                        .map(Variables.Declared::field).orElse(false)
                        || !Completions.isCompleteWhereRead(call, types)
                        && (Variables.find(key.substring(Completions.FIELD.length()), site)
                        .map(declared -> !declared.field()).orElse(true)
                        || !Completions.isDoneWhereRead(key, site))) {
                    return false;
                }
                read = true;
            } else if (ownMethod(call).filter(method -> declaresInterruption(method, types)).isPresent()) {
                return false;
            }
        }
        return read;
    }

    /**
     * {@code firstException.compareAndSet(null, new InterruptException(e))}: the caught exception is wrapped in a new
     * exception, which is kept to be thrown later (kafka's InterruptException also restores the status).
     */
    private static boolean wrapsTheException(CatchClause clause) {
        String caught = clause.getParameter().getNameAsString();
        return Nodes.findInSameBody(clause.getBody(), ObjectCreationExpr.class).stream()
                .anyMatch(creation -> isExceptionName(creation.getType().getNameAsString())
                        && creation.getArguments().stream().anyMatch(argument -> argument instanceof NameExpr name
                        && name.getNameAsString().equals(caught)));
    }

    private static boolean isExceptionName(String simpleName) {
        return simpleName.endsWith("Exception") || simpleName.endsWith("Error");
    }

    /**
     * {@code System.exit(1)}, {@code Runtime.getRuntime().exit(1)} or {@code halt(1)}: the process ends, which acts on
     * the interruption more thoroughly than any status could.
     */
    private static boolean endsTheProcess(MethodCallExpr call, FileTypes types) {
        String name = call.getNameAsString();
        if (call.getArguments().size() != 1) {
            return false;
        }
        return name.equals("exit") && types.staticOwner(call).filter("java.lang.System"::equals).isPresent()
                || (name.equals("exit") || name.equals("halt")) && types.receiverIs(call, "java.lang.Runtime");
    }

    /**
     * {@code sneakyThrow(e)}, {@code rethrow(e)}, {@code throwAsUnchecked(e)}, {@code ExceptionUtil.propagate(e)}: a
     * helper handed the caught exception whose name says it throws it. Not {@code throwIfUnchecked(e)}, which lets a
     * checked InterruptedException through, nor {@code ignoreThrowable(e)} or {@code traceThrowable(e)}.
     */
    private static boolean rethrows(MethodCallExpr call, String caught) {
        String name = call.getNameAsString().toLowerCase(java.util.Locale.ROOT);
        return (RETHROWING.matcher(name).lookingAt() && !name.startsWith("throwif"))
                && call.getArguments().stream().anyMatch(argument -> argument instanceof NameExpr passed
                        && passed.getNameAsString().equals(caught));
    }

    /** {@code thread.interrupt()}, usually {@code Thread.currentThread().interrupt()}. */
    public static boolean isInterrupt(MethodCallExpr call) {
        return call.getNameAsString().equals("interrupt") && call.getArguments().isEmpty();
    }

    /**
     * {@code interrupt()}, or a helper named for it ({@code interruptCurrentThread()}, {@code restoreInterrupt()});
     * not {@code Thread.interrupted()}, which clears the status.
     */
    private static boolean restoresStatus(MethodCallExpr call) {
        String name = call.getNameAsString().toLowerCase(java.util.Locale.ROOT);
        return isInterrupt(call) || name.contains("interrupt") && !isStatusCheck(call);
    }

    /**
     * {@code catch (InterruptedException e) { return; }} in the body of a thread or task, a {@code break} out of
     * the task's own loop (on every path through the catch: {@link #alwaysEnds}), or a catch after which the task
     * only finishes up (no loop, no wait): the task stops, which is what the interruption asked for. Also in a
     * private helper of the task ({@code run() { runLoop(); }}) that the catch leaves the same way, when every call
     * of the helper in the file (whatever its receiver) is in a task that finishes after it, and no method reference
     * names it ({@code this::runLoop} may run it anywhere). And
     * the same in {@code main(String[])}, the main thread's body: the catch returns from it, or only finishing up
     * follows it.
     */
    private static boolean endsTheTask(CatchClause clause, FileContext file) {
        Optional<Tasks.Task> task = Tasks.likelyEnclosingTask(clause, file);
        if (task.isPresent()) {
            return leaves(clause, task.get().node(), file.types());
        }
        Optional<MethodDeclaration> helper = clause.findAncestor(MethodDeclaration.class);
        if (helper.isPresent() && isMain(helper.get()) && !inLambdaWithin(clause, helper.get())) {
            // main(String[]) is the body of the main thread: leaving it ends the program's own work
            return leaves(clause, helper.get(), file.types());
        }
        if (helper.isEmpty() || !helper.get().isPrivate() || inLambdaWithin(clause, helper.get())
                || !leaves(clause, helper.get(), file.types())) {
            return false;
        }
        // the whole file: a private method of a nested class is called from the classes around it too
        Node root = helper.get().findRootNode();
        String name = helper.get().getNameAsString();
        if (Nodes.isReferenced(root, name)) {
            return false; // this::helper may be run anywhere
        }
        boolean varargs = helper.get().getParameters().stream()
                .anyMatch(com.github.javaparser.ast.body.Parameter::isVarArgs);
        boolean called = false;
        // whatever the receiver (other.helper(), outer.helper()): the call runs the helper in the caller's thread
        for (MethodCallExpr call : root.findAll(MethodCallExpr.class)) {
            if (!call.getNameAsString().equals(name)
                    || !varargs && call.getArguments().size() != helper.get().getParameters().size()) {
                continue;
            }
            Optional<Tasks.Task> caller = Tasks.likelyEnclosingTask(call, file);
            Optional<Statement> statement =
                    call.findAncestor(Statement.class);
            if (caller.isEmpty() || statement.isEmpty()
                    || !onlyFinishesAfter(statement.get(), caller.get().node(), file.types())) {
                return false;
            }
            called = true;
        }
        return called;
    }

    private static boolean inLambdaWithin(Node node, MethodDeclaration method) {
        return node.findAncestor(LambdaExpr.class).filter(lambda -> Nodes.isWithin(lambda, method)).isPresent();
    }

    /** {@code public static void main(String[] args)} (or {@code String...}): the program's entry point. */
    private static boolean isMain(MethodDeclaration method) {
        if (!method.getNameAsString().equals("main") || !method.isStatic() || !method.isPublic()
                || !method.getType().isVoidType() || method.getParameters().size() != 1) {
            return false;
        }
        var parameter = method.getParameter(0);
        String type = parameter.getType().asString();
        return type.equals("String[]") && !parameter.isVarArgs() || type.equals("String") && parameter.isVarArgs()
                || type.equals("java.lang.String[]");
    }

    /**
     * True when every path through the catch returns or breaks out of the outermost loop of {@code body}, or only
     * finishing up follows the catch. Not {@code catch (..) { if (stale) break; }}: when the condition is false the
     * loop goes on with the interrupt forgotten.
     */
    private static boolean leaves(CatchClause clause, Node body, FileTypes types) {
        return alwaysEnds(clause.getBody(), leavesTheOutermostLoopOf(body))
                || onlyFinishesAfter(clause.getParentNode().orElse(null), body, types);
    }

    /** A {@code return}, or a {@code break} out of the outermost loop of {@code body}: the task's work ends. */
    private static java.util.function.Predicate<Statement> leavesTheOutermostLoopOf(Node body) {
        return jump -> jump instanceof ReturnStmt || jump instanceof BreakStmt exit
                && Loops.breakTarget(exit).filter(loop -> isOutermostLoopOf(loop, body)).isPresent();
    }

    /**
     * True when {@code statement} ends on every path with a jump that {@code exit} accepts (a {@code return}, a
     * {@code break} or a {@code continue}): a block in which such a statement is reached (no statement before it can
     * jump elsewhere), an {@code if} whose two branches both do, a {@code synchronized} block that does. Anything else
     * (a {@code switch}, a {@code try}, a labelled statement, a loop) is taken to fall through.
     */
    private static boolean alwaysEnds(Statement statement, java.util.function.Predicate<Statement> exit) {
        if (statement instanceof ReturnStmt || statement instanceof BreakStmt
                || statement instanceof com.github.javaparser.ast.stmt.ContinueStmt) {
            return exit.test(statement);
        }
        if (statement instanceof BlockStmt block) {
            for (Statement each : block.getStatements()) {
                if (alwaysEnds(each, exit)) {
                    return true;
                }
                if (mayJumpElsewhere(each, exit)) {
                    return false;
                }
            }
            return false;
        }
        if (statement instanceof IfStmt branch) {
            return branch.getElseStmt().isPresent() && alwaysEnds(branch.getThenStmt(), exit)
                    && alwaysEnds(branch.getElseStmt().get(), exit);
        }
        return statement instanceof SynchronizedStmt block && alwaysEnds(block.getBody(), exit);
    }

    /**
     * True when a {@code return}, {@code break} or {@code continue} in {@code statement} that {@code exit} does not
     * accept jumps past the statements after it (out of the method, or to a loop or switch around it).
     */
    private static boolean mayJumpElsewhere(Statement statement, java.util.function.Predicate<Statement> exit) {
        List<Statement> jumps = new java.util.ArrayList<>(Nodes.findInSameBody(statement, BreakStmt.class));
        jumps.addAll(Nodes.findInSameBody(statement, com.github.javaparser.ast.stmt.ContinueStmt.class));
        jumps.addAll(Nodes.findInSameBody(statement, ReturnStmt.class));
        for (Statement jump : jumps) {
            if (exit.test(jump)) {
                continue;
            }
            Optional<Node> target = jump instanceof ReturnStmt ? Optional.empty() : jumpTarget(jump);
            if (target.isEmpty() || !Nodes.isWithin(target.get(), statement)) {
                return true;
            }
        }
        return false;
    }

    /** The statement a {@code break} or {@code continue} leaves: the labelled one, else the innermost loop (or switch). */
    private static Optional<Node> jumpTarget(Statement jump) {
        Optional<String> label = jump instanceof BreakStmt exit
                ? exit.getLabel().map(com.github.javaparser.ast.expr.SimpleName::getIdentifier)
                : jump.asContinueStmt().getLabel().map(com.github.javaparser.ast.expr.SimpleName::getIdentifier);
        for (Node current = jump.getParentNode().orElse(null); current != null;
             current = current.getParentNode().orElse(null)) {
            if (current instanceof LambdaExpr || current instanceof com.github.javaparser.ast.body.BodyDeclaration<?>) {
                return Optional.empty();
            }
            if (label.isPresent()) {
                if (current instanceof com.github.javaparser.ast.stmt.LabeledStmt labeled
                        && labeled.getLabel().getIdentifier().equals(label.get())) {
                    return Optional.of(labeled.getStatement());
                }
            } else if (Loops.isLoop(current)
                    || jump instanceof BreakStmt && current instanceof com.github.javaparser.ast.stmt.SwitchStmt) {
                return Optional.of(current);
            }
        }
        return Optional.empty();
    }

    /** True when {@code loop} is in {@code body} and in no other loop there: leaving it leaves the task's work. */
    private static boolean isOutermostLoopOf(Node loop, Node body) {
        for (Node current = loop.getParentNode().orElse(null); current != null;
             current = current.getParentNode().orElse(null)) {
            if (current == body) {
                return true;
            }
            if (Loops.isLoop(current) || current instanceof LambdaExpr || current instanceof MethodDeclaration) {
                return false;
            }
        }
        return false;
    }

    /**
     * True when what {@code body} runs after {@code statement} completes only finishes up: no loop and no call that
     * waits (throws InterruptedException), so the task ends without waiting again.
     */
    private static boolean onlyFinishesAfter(Node statement, Node body, FileTypes types) {
        Node current = statement;
        while (current != null && current != body) {
            Node parent = current.getParentNode().orElse(null);
            if (parent instanceof BlockStmt block) {
                boolean after = false;
                for (Statement sibling : block.getStatements()) {
                    if (after && !finishesUp(sibling, types)) {
                        return false;
                    }
                    after |= sibling == current;
                }
            } else if (!(parent instanceof TryStmt || parent instanceof LambdaExpr
                    || parent instanceof MethodDeclaration || parent instanceof CatchClause
                    // a branch of an if, or a synchronized block, that completes goes on after the statement
                    || parent instanceof IfStmt || parent instanceof SynchronizedStmt)) {
                return false;
            }
            current = parent;
        }
        return current == body;
    }

    private static boolean finishesUp(Node code, FileTypes types) {
        return code.findAll(Node.class).stream().noneMatch(Loops::isLoop)
                && Nodes.findInSameBody(code, MethodCallExpr.class).stream()
                .noneMatch(call -> Blocking.throwsInterruptedException(call, types));
    }

    /**
     * True when every path from the catch reaches {@code loop}'s next check of its condition, doing on the way only
     * what finishes up (no loop, no call that waits): the catch, or the statements that follow it in the iteration,
     * end with a {@code continue} of that loop (unlabelled in the loop itself, or with its label), or the iteration
     * ends. Every path: a statement that may jump elsewhere ({@code return}, {@code break}, a {@code continue} of
     * another loop), or a {@code continue} only on some paths after which a wait follows, keeps the report. The
     * {@code finally} blocks that the way out runs (of every {@code try} between the catch and the loop) must finish
     * up and not jump, and so must what the loop runs before it reads the flag again: a {@code for} loop's update,
     * the condition, and, for a loop without one ({@code while (true)}, {@code for (;;)}), the condition of the
     * {@code if} that the loop's body starts with. Statements are taken as {@link #onlyFinishesAfter} takes them:
     * a branch of an {@code if} and a {@code try} or {@code synchronized} block go on after the statement; a
     * {@code switch}, a labelled block or another loop on the way keeps the report.
     */
    private static boolean reachesTheNextCheck(CatchClause clause, Node loop, FileTypes types) {
        Statement body;
        List<Node> check = new java.util.ArrayList<>();
        if (loop instanceof com.github.javaparser.ast.stmt.WhileStmt whileLoop) {
            body = whileLoop.getBody();
            check.add(whileLoop.getCondition());
        } else if (loop instanceof com.github.javaparser.ast.stmt.DoStmt doLoop) {
            body = doLoop.getBody();
            check.add(doLoop.getCondition());
        } else if (loop instanceof com.github.javaparser.ast.stmt.ForStmt forLoop) {
            body = forLoop.getBody();
            forLoop.getCompare().ifPresent(check::add);
            check.addAll(forLoop.getUpdate());
        } else {
            return false;
        }
        if (Loops.isInfinite(loop) && body instanceof BlockStmt block && !block.getStatements().isEmpty()
                && block.getStatement(0) instanceof IfStmt first) {
            check.add(first.getCondition()); // while (true) { if (closed) break; .. } reads the flag there
        }
        if (!finishesUp(clause.getBody(), types) || check.stream().anyMatch(part -> !finishesUp(part, types))) {
            return false;
        }
        for (Node current = clause.getParentNode().orElse(null); current != loop;
             current = current.getParentNode().orElse(null)) {
            if (current == null || current instanceof LambdaExpr
                    || current instanceof com.github.javaparser.ast.body.BodyDeclaration<?>) {
                return false;
            }
            if (current instanceof TryStmt attempt && attempt.getFinallyBlock()
                    .filter(last -> !finishesUp(last, types) || jumps(last)).isPresent()) {
                return false;
            }
        }
        java.util.function.Predicate<Statement> next = jump -> jump instanceof com.github.javaparser.ast.stmt.ContinueStmt
                && jumpTarget(jump).filter(target -> target == loop).isPresent();
        if (alwaysEnds(clause.getBody(), next)) {
            return true;
        }
        if (mayJumpElsewhere(clause.getBody(), next)) {
            return false;
        }
        Node current = clause.getParentNode().orElse(null);
        while (current != body) {
            Node parent = current.getParentNode().orElse(null);
            if (parent instanceof BlockStmt block) {
                boolean after = false;
                for (Statement sibling : block.getStatements()) {
                    if (after) {
                        if (!finishesUp(sibling, types) || mayJumpElsewhere(sibling, next)) {
                            return false;
                        }
                        if (alwaysEnds(sibling, next)) {
                            return true;
                        }
                    }
                    after |= sibling == current;
                }
            } else if (!(parent instanceof TryStmt attempt && !isFinallyOf(current, attempt)
                    || parent instanceof CatchClause || parent instanceof IfStmt || parent instanceof SynchronizedStmt)) {
                return false; // after a finally block an exception or a jump may go on; a switch, a loop: elsewhere
            }
            current = parent;
        }
        return true;
    }

    private static boolean isFinallyOf(Node node, TryStmt attempt) {
        return attempt.getFinallyBlock().filter(last -> last == node).isPresent();
    }

    /** True when a {@code return}, {@code break}, {@code continue} or {@code throw} in the block ends it abruptly. */
    private static boolean jumps(BlockStmt block) {
        return !Nodes.findInSameBody(block, ReturnStmt.class).isEmpty()
                || !Nodes.findInSameBody(block, BreakStmt.class).isEmpty()
                || !Nodes.findInSameBody(block, com.github.javaparser.ast.stmt.ContinueStmt.class).isEmpty()
                || !Nodes.findInSameBody(block, ThrowStmt.class).isEmpty();
    }

    /** {@code Thread.interrupted()} or {@code thread.isInterrupted()}. */
    public static boolean isStatusCheck(MethodCallExpr call) {
        return STATUS_CHECKS.contains(call.getNameAsString()) && call.getArguments().isEmpty();
    }

    private static boolean restoresThroughAFlag(CatchClause clause) {
        Optional<Node> method = clause.findAncestor(CallableDeclaration.class).map(Node.class::cast)
                .or(() -> clause.findAncestor(LambdaExpr.class).map(Node.class::cast));
        if (method.isEmpty()) {
            return false;
        }
        for (AssignExpr assign : Nodes.findInSameBody(clause.getBody(), AssignExpr.class)) {
            if (!(assign.getTarget() instanceof NameExpr flag) || !(assign.getValue() instanceof BooleanLiteralExpr)) {
                continue;
            }
            for (IfStmt check : method.get().findAll(IfStmt.class)) {
                boolean mentionsFlag = check.getCondition().findAll(NameExpr.class).stream()
                        .anyMatch(name -> name.getNameAsString().equals(flag.getNameAsString()));
                if (mentionsFlag && (check.getThenStmt().findAll(MethodCallExpr.class).stream()
                        .anyMatch(Interrupts::restoresStatus)
                        || !check.getThenStmt().findAll(ThrowStmt.class).isEmpty())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True when interrupting the thread can end {@code loop}: it checks the interrupt status
     * ({@code Thread.interrupted()}, {@code isInterrupted()}, directly or in a method of the file it calls), or a
     * call in it can let {@link InterruptedException} out of the loop: a JDK call that throws it, a method of the
     * file that declares checked exceptions, or a call of unknown code where checked exceptions may leave the loop
     * (a task that throws them, or a try around the loop that catches them). A call inside a try within the loop
     * that catches InterruptedException (or Exception, Throwable) does not let it out.
     */
    public static boolean canEnd(Node loop, Tasks.Task task, FileContext file) {
        boolean checkedMayLeave = task.throwsChecked() || caughtOutside(loop, task.node());
        for (MethodCallExpr call : Nodes.findInSameBody(loop, MethodCallExpr.class)) {
            if (isStatusCheck(call)) {
                return true;
            }
            Optional<MethodDeclaration> own = ownMethod(call);
            if (own.isPresent() && own.get().getBody().isPresent()
                    && Nodes.findInSameBody(own.get().getBody().get(), MethodCallExpr.class).stream()
                    .anyMatch(Interrupts::isStatusCheck)) {
                return true;
            }
            boolean mayThrow = Blocking.throwsInterruptedException(call, file.types())
                    || own.map(method -> !method.getThrownExceptions().isEmpty()).orElse(false)
                    || own.isEmpty() && checkedMayLeave && !isKnownJdkCall(call, file.types());
            if (mayThrow && !caughtWithin(call, loop, file.types())) {
                return true;
            }
        }
        return false;
    }

    /** True when a try between {@code loop} and the task's body catches what the loop could throw. */
    private static boolean caughtOutside(Node loop, Node taskBody) {
        for (Node current = loop.getParentNode().orElse(null); current != null && current != taskBody;
             current = current.getParentNode().orElse(null)) {
            if (current instanceof TryStmt tryStmt && Nodes.isWithin(loop, tryStmt.getTryBlock())
                    && !tryStmt.getCatchClauses().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** True when a try inside {@code loop} around {@code call} receives an InterruptedException. */
    private static boolean caughtWithin(Node call, Node loop, FileTypes types) {
        for (Node current = call.getParentNode().orElse(null); current != null && current != loop;
             current = current.getParentNode().orElse(null)) {
            if (current instanceof TryStmt tryStmt && Nodes.isWithin(call, tryStmt.getTryBlock())
                    && tryStmt.getCatchClauses().stream()
                    .anyMatch(clause -> receivesInterruptedException(clause, types))) {
                return true;
            }
        }
        return false;
    }

    /** The method of this file that an unqualified or {@code this.} call runs, by name and arity. */
    private static Optional<MethodDeclaration> ownMethod(MethodCallExpr call) {
        if (call.getScope().isPresent() && !(call.getScope().get() instanceof ThisExpr)) {
            return Optional.empty();
        }
        for (Node node = call; node != null; node = node.getParentNode().orElse(null)) {
            if (node instanceof TypeDeclaration<?> type) {
                for (MethodDeclaration method : type.getMethodsByName(call.getNameAsString())) {
                    if (method.getParameters().size() == call.getArguments().size()) {
                        return Optional.of(method);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A call of a JDK type that the table knows, which throws no checked exception unless the table says so. */
    private static boolean isKnownJdkCall(MethodCallExpr call, FileTypes types) {
        Optional<String> owner = types.staticOwner(call).or(() -> types.receiverType(call));
        return owner.map(type -> type.startsWith("java.") && KnownTypes.isKnown(type)).orElse(false);
    }
}
