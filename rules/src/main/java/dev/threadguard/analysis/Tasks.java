package dev.threadguard.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import dev.threadguard.api.FileContext;
import dev.threadguard.api.MethodPattern;
import dev.threadguard.types.FileTypes;

import java.util.Optional;
import java.util.Set;

/**
 * Recognises code that runs as the body of a thread or task: {@code run()} of a {@code Runnable} (a
 * {@code Thread} or {@code TimerTask} included) and {@code call()} of a {@code Callable}, named or anonymous, and a
 * lambda or method reference handed to a thread, an executor, {@code CompletableFuture.runAsync/supplyAsync}, a
 * thread builder or factory, or a configured spawn method. Nested lambdas and classes inside such a body are not
 * part of it: they run when they are called.
 */
public final class Tasks {

    private static final String RUNNABLE = "java.lang.Runnable";
    private static final String CALLABLE = "java.util.concurrent.Callable";
    private static final String THREAD = "java.lang.Thread";
    private static final String EXECUTOR = "java.util.concurrent.Executor";
    private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
    private static final Set<String> EXECUTOR_METHODS = Set.of("execute", "submit", "schedule",
            "scheduleAtFixedRate", "scheduleWithFixedDelay");
    /** The types a file must name for any of its code to run as a task (configured spawn methods aside). */
    public static final Set<String> SPAWNING_TYPES = Set.of(RUNNABLE, CALLABLE, THREAD, THREAD + ".Builder",
            EXECUTOR, COMPLETABLE_FUTURE, "java.util.concurrent.ThreadFactory");

    /** Executor methods that also take a Callable, whose body may throw checked exceptions. */
    private static final Set<String> CALLABLE_METHODS = Set.of("submit", "schedule");

    /**
     * A body that runs as a task.
     *
     * @param node           the method or lambda whose body it is
     * @param description    how it runs, for messages: "Runnable.run()", "lambda passed to submit(..)"
     * @param throwsChecked  true when checked exceptions, {@link InterruptedException} included, may leave it
     */
    public record Task(Node node, String description, boolean throwsChecked) {
    }

    private Tasks() {
    }

    /** The task whose body runs {@code node} directly (not in a nested lambda or class), if any. */
    public static Optional<Task> enclosingTask(Node node, FileContext file) {
        return enclosingTask(node, file, false);
    }

    /**
     * Like {@link #enclosingTask(Node, FileContext)}, and also counts as a task the {@code run()} that overrides a
     * method of a type from a library whose sources are not analysed ({@code new Daemon() { public void run() }}).
     * Only for excusing code as a task's: a finding that depended on it could be missed by the prefilter, which
     * cannot see that such a file has tasks.
     */
    public static Optional<Task> likelyEnclosingTask(Node node, FileContext file) {
        return enclosingTask(node, file, true);
    }

    private static Optional<Task> enclosingTask(Node node, FileContext file, boolean likely) {
        for (Node current = node.getParentNode().orElse(null); current != null;
             current = current.getParentNode().orElse(null)) {
            if (current instanceof LambdaExpr lambda) {
                return spawnedLambda(lambda, file, likely);
            }
            if (current instanceof MethodDeclaration method) {
                return taskMethod(method, file, likely);
            }
            if (current instanceof BodyDeclaration<?> || current instanceof ObjectCreationExpr) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A lambda passed to a thread, executor, CompletableFuture or spawn method. */
    private static Optional<Task> spawnedLambda(LambdaExpr lambda, FileContext file, boolean likely) {
        return spawnedBy(lambda, file, likely).map(spawn -> new Task(lambda, "lambda passed to " + spawn.description(),
                spawn.throwsChecked()));
    }

    private record Spawn(String description, boolean throwsChecked) {
    }

    /**
     * What {@code argument} is passed to, when that runs it as a task; when {@code likely}, also a method of the file
     * that only hands it on to one of those ({@link #handedOnBy}).
     */
    private static Optional<Spawn> spawnedBy(Expression argument, FileContext file, boolean likely) {
        FileTypes types = file.types();
        Node parent = argument.getParentNode().orElse(null);
        if (parent instanceof ObjectCreationExpr creation && Nodes.containsSame(creation.getArguments(), argument)
                && creation.getAnonymousClassBody().isEmpty()
                && types.resolve(creation.getType()).map(type -> types.isSubtype(type, THREAD)).orElse(false)) {
            return Optional.of(new Spawn("new " + creation.getType().getNameAsString() + "(..)", false));
        }
        if (!(parent instanceof MethodCallExpr call) || !Nodes.containsSame(call.getArguments(), argument)) {
            return Optional.empty();
        }
        String name = call.getNameAsString();
        if (EXECUTOR_METHODS.contains(name) && types.receiverIs(call, EXECUTOR)) {
            return Optional.of(new Spawn(name + "(..)", CALLABLE_METHODS.contains(name)));
        }
        if ((name.equals("runAsync") || name.equals("supplyAsync"))
                && types.staticOwner(call).filter(COMPLETABLE_FUTURE::equals).isPresent()) {
            return Optional.of(new Spawn("CompletableFuture." + name + "(..)", false));
        }
        // a ThreadFactory's newThread(task), and a project's own helper of that name (turms'
        // NamedThreadFactory.newThread(name, daemon, task) is new Thread(task)): by convention it makes the thread
        // that runs the task
        if (name.equals("newThread")
                || (name.equals("start") || name.equals("unstarted")) && types.receiverIs(call, THREAD + ".Builder")
                || name.equals("startVirtualThread") && types.staticOwner(call).filter(THREAD::equals).isPresent()) {
            return Optional.of(new Spawn(name + "(..)", false));
        }
        for (MethodPattern spawn : file.settings().spawnMethods()) {
            if (spawn.matches(call, types)) {
                return Optional.of(new Spawn(spawn.text(), false));
            }
        }
        return likely ? handedOnBy(call, argument, file) : Optional.empty();
    }

    /**
     * {@code asyncGo(() -> { .. })} with {@code static void asyncGo(Runnable runnable) { POOL.execute(runnable); }}:
     * a method of the file that no subclass can replace (private, static or final, or of a final class or a record),
     * not varargs, whose body mentions the parameter that receives the argument once, as the argument of one of the
     * calls above that runs it as a task (an executor's {@code execute}/{@code submit}, {@code new Thread(..)}, ..):
     * the argument is that task's whole body, run as if it were handed there directly, or not at all. One step only:
     * a helper of such a helper is not followed. Only for excusing code as a task's, as {@link #likelyEnclosingTask}.
     */
    private static Optional<Spawn> handedOnBy(MethodCallExpr call, Expression argument, FileContext file) {
        int index = Nodes.indexOfSame(call.getArguments(), argument);
        Optional<MethodDeclaration> helper = ownFinalMethod(call);
        if (index < 0 || helper.isEmpty() || helper.get().getBody().isEmpty()) {
            return Optional.empty();
        }
        String parameter = helper.get().getParameter(index).getNameAsString();
        java.util.List<NameExpr> uses = helper.get().getBody().get().findAll(NameExpr.class).stream()
                .filter(name -> name.getNameAsString().equals(parameter)).toList();
        if (uses.size() != 1) {
            return Optional.empty();
        }
        return spawnedBy(uses.get(0), file, false).map(spawn -> new Spawn(call.getNameAsString() + "(..)",
                spawn.throwsChecked()));
    }

    /**
     * The method of the file that an unqualified or {@code this.} call runs, found in the nearest class around it
     * that declares one of that name, when it has the call's arity, takes no varargs, and cannot be overridden.
     */
    private static Optional<MethodDeclaration> ownFinalMethod(MethodCallExpr call) {
        if (call.getScope().isPresent()
                && !(call.getScope().get() instanceof ThisExpr self && self.getTypeName().isEmpty())) {
            return Optional.empty();
        }
        for (Node node = call.getParentNode().orElse(null); node != null; node = node.getParentNode().orElse(null)) {
            if (!(node instanceof TypeDeclaration<?> type) || type.getMethodsByName(call.getNameAsString()).isEmpty()) {
                continue;
            }
            java.util.List<MethodDeclaration> matching = type.getMethodsByName(call.getNameAsString()).stream()
                    .filter(method -> method.getParameters().size() == call.getArguments().size()).toList();
            if (matching.size() != 1 || matching.get(0).getParameters().stream()
                    .anyMatch(com.github.javaparser.ast.body.Parameter::isVarArgs)) {
                return Optional.empty();
            }
            MethodDeclaration method = matching.get(0);
            // not an enum: a constant's body may override the method
            boolean sealed = type instanceof com.github.javaparser.ast.body.RecordDeclaration
                    || type instanceof com.github.javaparser.ast.body.ClassOrInterfaceDeclaration declared
                    && !declared.isInterface() && declared.isFinal();
            return method.isPrivate() || method.isStatic() || method.isFinal() || sealed
                    ? Optional.of(method) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * {@code run()} of a Runnable, {@code call()} of a Callable, or a method of this file passed as a method
     * reference ({@code this::loop}) to a thread or executor.
     */
    private static Optional<Task> taskMethod(MethodDeclaration method, FileContext file, boolean likely) {
        boolean throwsChecked = !method.getThrownExceptions().isEmpty();
        if (method.getParameters().isEmpty() && method.getBody().isPresent()) {
            String name = method.getNameAsString();
            Optional<String> owner = file.types().declaringType(method);
            if (name.equals("run") && owner.map(type -> file.types().isSubtype(type, RUNNABLE)
                    || likely && overridesRunOfAnUnknownType(method, type, file)).orElse(false)) {
                return Optional.of(new Task(method, "Runnable.run()", false));
            }
            if (name.equals("call") && owner.map(type -> file.types().isSubtype(type, CALLABLE)).orElse(false)) {
                return Optional.of(new Task(method, "Callable.call()", throwsChecked));
            }
        }
        for (MethodReferenceExpr reference : file.nodes(MethodReferenceExpr.class)) {
            if (reference.getIdentifier().equals(method.getNameAsString()) && refersToOwnMethod(reference, method)) {
                Optional<Spawn> spawn = spawnedBy(reference, file, likely);
                if (spawn.isPresent()) {
                    return Optional.of(new Task(method, method.getNameAsString() + "() passed to "
                            + spawn.get().description(), throwsChecked || spawn.get().throwsChecked()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * {@code new Daemon() { @Override public void run() { .. } }} where the supertype comes from a library whose
     * sources are not analysed: a {@code void run()} that overrides something is a thread's or task's body.
     */
    private static boolean overridesRunOfAnUnknownType(MethodDeclaration method, String owner, FileContext file) {
        return method.getType().isVoidType() && method.isAnnotationPresent("Override")
                && !file.types().isFullyKnown(owner);
    }

    /** {@code this::loop} or {@code Owner::loop} where {@code Owner} is the type declaring {@code method}. */
    private static boolean refersToOwnMethod(MethodReferenceExpr reference, MethodDeclaration method) {
        Optional<TypeDeclaration> declaring = method.findAncestor(TypeDeclaration.class);
        if (declaring.isEmpty() || method.getParentNode().orElse(null) != declaring.get()) {
            return false;
        }
        Expression scope = reference.getScope();
        if (scope instanceof ThisExpr thisExpr && thisExpr.getTypeName().isEmpty()) {
            return reference.findAncestor(TypeDeclaration.class).orElse(null) == declaring.get();
        }
        return scope instanceof TypeExpr typeExpr
                && typeExpr.getType().asString().equals(declaring.get().getNameAsString())
                && method.isStatic();
    }
}
