package dev.threadguard.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.threadguard.api.FileContext;
import dev.threadguard.api.MethodPattern;
import dev.threadguard.types.FileTypes;
import dev.threadguard.types.Variables;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises the places where threads come into being: thread starts (platform and virtual, through
 * {@code Thread}, its subclasses, builders, factories and user-configured spawn methods) and the creation of
 * executors and timers, which own threads. Shared by every rule about spawning.
 */
public final class Spawns {

    public static final String THREAD = "java.lang.Thread";
    private static final String THREAD_BUILDER = "java.lang.Thread.Builder";
    private static final String VIRTUAL_BUILDER = "java.lang.Thread.Builder.OfVirtual";
    private static final List<String> EXECUTOR_CLASSES = List.of("java.util.concurrent.ThreadPoolExecutor",
            "java.util.concurrent.ForkJoinPool", "java.util.Timer");

    /**
     * What a file must mention to start a thread (configured spawn methods aside), as alternatives of groups of
     * names for the prefilter: {@code start()} on a thread, {@code start(r)} on a builder, or
     * {@code Thread.startVirtualThread(r)}.
     */
    public static final List<List<Set<String>>> THREAD_START_TRIGGERS = List.of(
            List.of(Set.of(THREAD), Set.of("start()")),
            List.of(Set.of(THREAD), Set.of("Builder", "OfPlatform", "OfVirtual", "ofPlatform", "ofVirtual"),
                    Set.of("start")),
            List.of(Set.of(THREAD), Set.of("startVirtualThread")));

    /** The types whose names a file must mention to create an executor or timer. */
    public static final List<String> EXECUTOR_TYPES = List.of("java.util.concurrent.Executors",
            "java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.ForkJoinPool", "java.util.Timer");

    /**
     * A call that starts a thread.
     *
     * @param call        the starting call
     * @param description how the thread is started, for messages, e.g. {@code new Thread(..).start()}
     * @param virtual     whether the started thread is a virtual thread
     * @param thread      the expression whose thread is started ({@code t} in {@code t.start()}), if any
     */
    public record ThreadStart(MethodCallExpr call, String description, boolean virtual, Optional<Expression> thread) {
    }

    /** Methods that return an element that already exists rather than a new one. */
    private static final Set<String> ACCESSORS = Set.of("get", "getFirst", "getLast", "poll", "pollFirst",
            "pollLast", "peek", "peekFirst", "peekLast", "take", "takeFirst", "takeLast", "remove", "removeFirst",
            "removeLast", "pop", "element", "next", "previous", "orElse", "orElseThrow", "getThread", "getValue",
            "getKey");

    private Spawns() {
    }

    /** The thread start that {@code call} is, if it is one. */
    public static Optional<ThreadStart> threadStart(MethodCallExpr call, FileContext file) {
        FileTypes types = file.types();
        String name = call.getNameAsString();
        int arguments = call.getArguments().size();
        if (name.equals("start") && arguments == 0) {
            Optional<Expression> receiver = call.getScope();
            if (receiver.isPresent()) {
                if (types.isA(receiver.get(), THREAD)) {
                    return Optional.of(new ThreadStart(call, describeStart(receiver.get()),
                            isVirtualThread(receiver.get(), types), receiver));
                }
            } else if (types.enclosingType(call).map(type -> types.isSubtype(type, THREAD)).orElse(false)) {
                return Optional.of(new ThreadStart(call, "start()", false, Optional.empty()));
            }
        } else if (name.equals("start") && arguments == 1 && types.receiverIs(call, THREAD_BUILDER)) {
            boolean virtual = types.receiverIs(call, VIRTUAL_BUILDER);
            return Optional.of(new ThreadStart(call,
                    virtual ? "Thread.ofVirtual()...start(..)" : "Thread.ofPlatform()...start(..)", virtual,
                    Optional.empty()));
        } else if (name.equals("startVirtualThread") && arguments == 1
                && types.staticOwner(call).filter(THREAD::equals).isPresent()) {
            return Optional.of(new ThreadStart(call, "Thread.startVirtualThread(..)", true, Optional.empty()));
        }
        for (MethodPattern spawn : file.settings().spawnMethods()) {
            if (spawn.matches(call, types)) {
                return Optional.of(new ThreadStart(call, spawn.text(), false, Optional.empty()));
            }
        }
        return Optional.empty();
    }

    private static String describeStart(Expression receiver) {
        Expression inner = Nodes.unwrap(receiver);
        if (inner instanceof ObjectCreationExpr creation) {
            return "new " + creation.getType().getNameAsString() + "(..).start()";
        }
        if (inner instanceof MethodCallExpr call && call.getNameAsString().equals("newThread")) {
            return "ThreadFactory.newThread(..).start()";
        }
        if (inner instanceof MethodCallExpr call && call.getNameAsString().equals("unstarted")) {
            return "Thread.Builder.unstarted(..).start()";
        }
        return inner + ".start()";
    }

    /**
     * {@code Thread.ofVirtual()...unstarted(r)}, inline or in a local every value of which is one
     * ({@code Thread t = builder.unstarted(r); ... t.start();}).
     */
    private static boolean isVirtualThread(Expression receiver, FileTypes types) {
        Expression inner = Nodes.unwrap(receiver);
        if (inner instanceof NameExpr) {
            List<Expression> values = Variables.assignedValues(inner);
            return !values.isEmpty() && values.stream().allMatch(value -> isVirtualUnstarted(value, types));
        }
        return isVirtualUnstarted(inner, types);
    }

    private static boolean isVirtualUnstarted(Expression expression, FileTypes types) {
        return Nodes.unwrap(expression) instanceof MethodCallExpr call && call.getNameAsString().equals("unstarted")
                && types.receiverIs(call, VIRTUAL_BUILDER);
    }

    /**
     * True when the started thread object is created inside {@code region}: created inline
     * ({@code new Thread(r).start()}, a factory or builder call), or held in a variable that is declared or
     * assigned there. A thread created elsewhere and only started in the region (e.g. each element of a list of
     * prepared workers) is not.
     */
    public static boolean isCreatedWithin(ThreadStart start, Node region) {
        if (start.thread().isEmpty()) {
            // builder.start(r), Thread.startVirtualThread(r), spawn methods and start() on this: created by the call
            return start.call().getScope().isPresent() || start.call().getArguments().isNonEmpty();
        }
        Expression thread = Nodes.unwrap(start.thread().get());
        if (isCreation(thread)) {
            return true;
        }
        String variable = variableName(thread);
        if (variable == null) {
            return false;
        }
        Optional<Variables.Declared> declared = Variables.find(variable, thread);
        if (declared.isPresent() && !declared.get().field() && Nodes.isWithin(declared.get().declaration(), region)
                && declared.get().initializer().map(Spawns::isCreation).orElse(false)) {
            return true;
        }
        for (AssignExpr assign : region.findAll(AssignExpr.class)) {
            if (assign.getOperator() == AssignExpr.Operator.ASSIGN && variable.equals(variableName(assign.getTarget()))
                    && isCreation(assign.getValue())) {
                return true;
            }
        }
        return false;
    }

    /**
     * True for an expression that makes a new object: a constructor call, or a method call that is not one of
     * the accessors that hand out existing elements ({@code list.get(i)}, {@code queue.poll()}, ...).
     */
    private static boolean isCreation(Expression expression) {
        Expression inner = Nodes.unwrap(expression);
        if (inner instanceof CastExpr cast) {
            return isCreation(cast.getExpression());
        }
        if (inner instanceof ConditionalExpr conditional) {
            return isCreation(conditional.getThenExpr()) || isCreation(conditional.getElseExpr());
        }
        return inner instanceof ObjectCreationExpr
                || inner instanceof MethodCallExpr call && !ACCESSORS.contains(call.getNameAsString());
    }

    private static String variableName(Expression expression) {
        if (expression instanceof NameExpr name) {
            return name.getNameAsString();
        }
        if (expression instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr) {
            return access.getNameAsString();
        }
        return null;
    }

    /** An expression that creates an executor or timer, and what it creates, for messages. */
    public record ExecutorCreation(Expression expression, String description) {

        /**
         * True for {@code Executors.newVirtualThreadPerTaskExecutor()}: a new virtual thread for each task, which
         * Java's own guidance prefers to any pool of them (JEP 444).
         */
        public boolean virtualPerTask() {
            return expression instanceof MethodCallExpr call
                    && call.getNameAsString().equals("newVirtualThreadPerTaskExecutor");
        }
    }

    /** Every executor or timer creation in the file, in source order of kind (calls, then constructors). */
    public static List<ExecutorCreation> executorCreations(FileContext file) {
        List<ExecutorCreation> result = new ArrayList<>();
        for (MethodCallExpr call : file.nodes(MethodCallExpr.class)) {
            executorCreation(call, file).ifPresent(description -> result.add(new ExecutorCreation(call, description)));
        }
        for (ObjectCreationExpr creation : file.nodes(ObjectCreationExpr.class)) {
            executorCreation(creation, file)
                    .ifPresent(description -> result.add(new ExecutorCreation(creation, description)));
        }
        return result;
    }

    /**
     * What {@code expression} creates if it creates an executor or timer, for messages: e.g.
     * {@code Executors.newFixedThreadPool(..)}, {@code new ThreadPoolExecutor(..)}, {@code new Timer()}.
     */
    public static Optional<String> executorCreation(Expression expression, FileContext file) {
        FileTypes types = file.types();
        if (expression instanceof MethodCallExpr call && call.getNameAsString().startsWith("new")
                && types.staticOwner(call).filter("java.util.concurrent.Executors"::equals).isPresent()) {
            return Optional.of("Executors." + call.getNameAsString() + "(..)");
        }
        if (expression instanceof ObjectCreationExpr creation) {
            Optional<String> type = types.resolve(creation.getType());
            if (type.isPresent()) {
                for (String executorClass : EXECUTOR_CLASSES) {
                    if (types.isSubtype(type.get(), executorClass)) {
                        return Optional.of("new " + creation.getType().getNameAsString()
                                + (creation.getArguments().isEmpty() ? "()" : "(..)"));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
