package dev.threadguard.analysis;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.threadguard.types.FileTypes;

import java.util.Optional;

/** How calls are shown in messages: short, recognisable, and on one line. */
public final class Calls {

    private Calls() {
    }

    /**
     * The call as shown in messages: {@code future.get()}, {@code queue.put(item)}, {@code pool.submit(..)},
     * {@code wait()}; with the simple name of the receiver's type (or {@code owner}, when that is unknown) in place
     * of a longer receiver expression, e.g. {@code CompletableFuture.join()} for {@code supplyAsync(..).join()}.
     */
    public static String describe(MethodCallExpr call, FileTypes types, String owner) {
        String arguments = call.getArguments().isEmpty() ? "()"
                : call.getArguments().size() == 1 && call.getArgument(0) instanceof NameExpr name ? "(" + name + ")"
                : "(..)";
        Optional<Expression> scope = call.getScope();
        if (scope.isEmpty()) {
            return call.getNameAsString() + arguments;
        }
        Expression receiver = scope.get();
        String shown;
        if (receiver instanceof NameExpr || receiver instanceof ThisExpr
                || receiver instanceof FieldAccessExpr access && access.getScope() instanceof ThisExpr) {
            shown = receiver.toString();
        } else {
            String type = types.staticOwner(call).or(() -> types.receiverType(call)).orElse(owner);
            shown = type.substring(type.lastIndexOf('.') + 1);
        }
        return shown + '.' + call.getNameAsString() + arguments;
    }

    /**
     * True when {@code call} is made by a method of the same name and arity: {@code V get() { return f.get(); }},
     * {@code void connect(SocketAddress a) { socket.connect(a); }}. Such a method forwards the call's behaviour to
     * its own callers, which is its contract; a finding belongs at those callers.
     */
    public static boolean isForwardedBy(MethodCallExpr call) {
        return call.findAncestor(MethodDeclaration.class)
                .filter(method -> method.getNameAsString().equals(call.getNameAsString())
                        && method.getParameters().size() == call.getArguments().size())
                .isPresent();
    }
}
