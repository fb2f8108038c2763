package dev.threadguard.rules;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import dev.threadguard.analysis.LocalUses;
import dev.threadguard.analysis.Spawns;
import dev.threadguard.api.FileContext;
import dev.threadguard.api.Rule;
import dev.threadguard.api.RuleMetadata;
import dev.threadguard.api.Severity;
import dev.threadguard.api.Triggers;
import dev.threadguard.types.FileTypes;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code executor-not-shutdown}: an executor made for a method and never shut down. */
public final class ExecutorNotShutdownRule implements Rule {

    static final RuleMetadata METADATA = new RuleMetadata("executor-not-shutdown",
            "Executor in a local variable never shut down",
            "An executor created into a local variable lives on after the method returns: its threads wait for "
                    + "work that never comes, non-daemon ones keep the JVM from exiting, and each call of the "
                    + "method leaks another pool. Executors that are shut down (shutdown, shutdownNow or close, "
                    + "anywhere in the method, a lambda or a shutdown hook included), declared in "
                    + "try-with-resources, returned, stored in a field or passed on to other code (which may shut "
                    + "them down) are not reported.",
            "Shut it down when done: try-with-resources on Java 19+, or shutdown() in a finally block.",
            Severity.WARNING);

    private static final Set<String> SHUTDOWNS = Set.of("shutdown", "shutdownNow", "close");
    private static final String EXECUTOR_SERVICE = "java.util.concurrent.ExecutorService";

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public Triggers triggers() {
        return Triggers.anyOf(Spawns.EXECUTOR_TYPES.toArray(String[]::new));
    }

    @Override
    public void check(FileContext file) {
        for (Spawns.ExecutorCreation creation : Spawns.executorCreations(file)) {
            Expression expression = creation.expression();
            if (!isExecutorService(expression, file.types())) {
                continue;
            }
            Optional<VariableDeclarator> local = LocalUses.storedIn(expression);
            if (local.isEmpty() || LocalUses.isResource(local.get()) || isReleased(LocalUses.of(local.get()))) {
                continue;
            }
            file.report(METADATA, expression, "`" + creation.description() + "` in local `"
                    + local.get().getNameAsString() + "` is never shut down: its threads outlive the method");
        }
    }

    private static boolean isExecutorService(Expression creation, FileTypes types) {
        return types.typeOf(creation).map(type -> types.isSubtype(type, EXECUTOR_SERVICE)).orElse(false);
    }

    private static boolean isReleased(List<LocalUses.Use> uses) {
        for (LocalUses.Use use : uses) {
            if (use.kind() == LocalUses.Kind.ESCAPES || use.kind() == LocalUses.Kind.CLOSED
                    || use.kind() == LocalUses.Kind.CALL && SHUTDOWNS.contains(use.method())) {
                return true;
            }
        }
        return false;
    }
}
