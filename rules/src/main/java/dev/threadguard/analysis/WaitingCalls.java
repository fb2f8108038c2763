package dev.threadguard.analysis;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import dev.threadguard.api.FileContext;
import dev.threadguard.api.WaitSummary;
import dev.threadguard.api.WaitingMethods;
import dev.threadguard.types.FileTypes;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Untimed waits behind the project's own methods. {@link #summarise} tells what the methods of a file forward to
 * their callers ({@link Forwarding}): an untimed wait that is not excused where it is, or a call of a method of the
 * project; the engine resolves the summaries of all files into the project's {@link WaitingMethods}. Then
 * {@link #waitingCall} reports a call of such a method where the timeout is decided: at the outermost caller in the
 * sources, not at each method that only passes the wait on, and nowhere when no code of the project calls it (it is
 * an API, whose callers decide).
 */
public final class WaitingCalls {

    private WaitingCalls() {
    }

    /** What the methods of the file forward to their callers; a call suppressed for {@code ruleId} forwards nothing. */
    public static WaitSummary summarise(FileContext file, String ruleId) {
        Map<MethodDeclaration, List<WaitSummary.Forwarded>> forwarded = new IdentityHashMap<>();
        Map<MethodDeclaration, Boolean> byShape = new IdentityHashMap<>();
        List<MethodDeclaration> order = new ArrayList<>();
        for (MethodCallExpr call : file.nodes(MethodCallExpr.class)) {
            Optional<Forwarding.Forwarder> forwarder = Forwarding.of(call, file);
            if (forwarder.isEmpty() || !(forwarder.get().method().getParentNode().orElse(null)
                    instanceof TypeDeclaration<?>)) {
                continue; // an anonymous class's method: no code calls it by name
            }
            WaitSummary.Forwarded made = Blocking.isWait(call, file)
                    ? Blocking.forwardableWait(call, file).orElse(null)
                    : projectCall(call, file.types());
            // asked last: a suppression asked is one used, and it is used only when it silences a forwarded wait
            if (made == null || file.isSuppressed(ruleId, call)) {
                continue;
            }
            MethodDeclaration method = forwarder.get().method();
            if (!forwarded.containsKey(method)) {
                order.add(method);
                forwarded.put(method, new ArrayList<>());
            }
            forwarded.get(method).add(made);
            byShape.put(method, forwarder.get().byShape());
        }
        List<WaitSummary.Forwarder> forwarders = new ArrayList<>();
        for (MethodDeclaration method : order) {
            TypeDeclaration<?> type = (TypeDeclaration<?>) method.getParentNode().orElseThrow();
            String owner = FileTypes.qualifiedName(type, file.types().scope().packageName());
            String name = method.getNameAsString();
            int arity = method.getParameters().size();
            long declarations = type.getMethodsByName(name).stream()
                    .filter(other -> other.getParameters().size() == arity).count();
            forwarders.add(new WaitSummary.Forwarder(owner, name, arity, shown(owner, file, name, arity),
                    byShape.get(method) && method.getAnnotationByName("Override").isPresent(), (int) declarations,
                    forwarded.get(method)));
        }
        return forwarders.isEmpty() ? WaitSummary.NONE
                : new WaitSummary(file.file().getFileName().toString(), forwarders);
    }

    private static WaitSummary.Call projectCall(MethodCallExpr call, FileTypes types) {
        List<Integer> parameters = new ArrayList<>();
        for (Expression argument : call.getArguments()) {
            parameters.add(parameterIndex(argument, call));
        }
        return types.methodOwner(call).map(owner -> new WaitSummary.Call(owner.type(), call.getNameAsString(),
                call.getArguments().size(), owner.fromSupertypes(), parameters, line(call))).orElse(null);
    }

    /** The index of the parameter of the method around {@code call} that {@code expression} names, or -1. */
    static int parameterIndex(Expression expression, MethodCallExpr call) {
        if (!(expression instanceof NameExpr name)) {
            return -1;
        }
        Optional<MethodDeclaration> method = call.findAncestor(MethodDeclaration.class);
        if (method.isPresent()) {
            List<Parameter> parameters = method.get().getParameters();
            for (int i = 0; i < parameters.size(); i++) {
                if (parameters.get(i).getNameAsString().equals(name.getNameAsString())) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** {@code Gate.await()} or {@code Outer.Client.get(..)}: the type without its package, the arguments elided. */
    private static String shown(String owner, FileContext file, String name, int arity) {
        String packageName = file.types().scope().packageName();
        String type = packageName.isEmpty() ? owner : owner.substring(packageName.length() + 1);
        return type + '.' + name + (arity == 0 ? "()" : "(..)");
    }

    static int line(com.github.javaparser.ast.Node node) {
        return node.getBegin().map(position -> position.line).orElse(1);
    }

    /**
     * The untimed wait that {@code call} makes by calling a waiting method of the project, unless the method around
     * it forwards it to its own callers, or it is a worker's wait for its next item.
     */
    public static Optional<Blocking.UntimedWait> waitingCall(MethodCallExpr call, FileContext file) {
        WaitingMethods waiting = file.waitingMethods();
        if (waiting.isEmpty() || Blocking.isWait(call, file)) {
            return Optional.empty(); // a wait of the JDK or the configuration is judged as such
        }
        Optional<FileTypes.MethodOwner> owner = file.types().methodOwner(call);
        Optional<WaitingMethods.Waiting> found = owner.flatMap(type -> waiting.find(type.type(),
                call.getNameAsString(), call.getArguments().size(), type.fromSupertypes(), file.types()));
        if (found.isEmpty() || Blocking.forwardsToCallers(call, file) || Blocking.implementsAnUntimedWait(call, file)
                || found.get().nextItem() && Blocking.isIdleWorker(call, file)
                || awaitsAnArgumentThatCannotWaitForever(call, found.get(), file)) {
            return Optional.empty();
        }
        return Optional.of(new Blocking.UntimedWait(call.getName(),
                Calls.describe(call, file.types(), owner.get().type()), found.get().description(), fix(found.get())));
    }

    /** The untimed wait that a method reference such as {@code gate::await} makes, to a waiting method. */
    public static Optional<Blocking.UntimedWait> waitingCall(MethodReferenceExpr reference, FileContext file) {
        WaitingMethods waiting = file.waitingMethods();
        if (waiting.isEmpty() || Blocking.isWait(reference, file)) {
            return Optional.empty();
        }
        FileTypes types = file.types();
        Optional<WaitingMethods.Waiting> found = types.referenceOwner(reference).filter(types::exists)
                .flatMap(owner -> waiting.find(owner, reference.getIdentifier(), 0, false, types));
        return found.map(waitingMethod -> new Blocking.UntimedWait(reference, reference.toString(),
                waitingMethod.description(), fix(waitingMethod)));
    }

    /** {@code getUninterruptibly(future)} after {@code future.isDone()}, or on a future bounded by orTimeout. */
    private static boolean awaitsAnArgumentThatCannotWaitForever(MethodCallExpr call, WaitingMethods.Waiting waiting,
                                                                FileContext file) {
        int parameter = waiting.parameter();
        return parameter >= 0 && parameter < call.getArguments().size()
                && Completions.cannotWaitForever(call, call.getArgument(parameter), file.types());
    }

    private static String fix(WaitingMethods.Waiting waiting) {
        return "Give " + waiting.method() + " a timeout, or a timed variant to call here. " + waiting.fix();
    }
}
