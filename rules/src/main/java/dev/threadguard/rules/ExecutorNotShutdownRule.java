package dev.threadguard.rules;

import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.threadguard.analysis.ExecutorUses;
import dev.threadguard.analysis.LocalUses;
import dev.threadguard.analysis.Nodes;
import dev.threadguard.analysis.Spawns;
import dev.threadguard.api.FileContext;
import dev.threadguard.api.Rule;
import dev.threadguard.api.RuleMetadata;
import dev.threadguard.api.Triggers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code executor-not-shutdown}: an executor that outlives its user on some path. */
public final class ExecutorNotShutdownRule implements Rule {

    static final RuleMetadata METADATA = new RuleMetadata("executor-not-shutdown",
            "Executor not shut down on every path",
            "An executor's threads wait for work until it is shut down: an executor that outlives the code that "
                    + "made it keeps them (non-daemon ones also keep the JVM from exiting), and code that runs "
                    + "again leaks another pool each time. Reported: an executor created and used in one expression "
                    + "and kept nowhere (Executors.newSingleThreadExecutor().execute(task)); one in a local "
                    + "variable never shut down, or shut down by a plain statement that a return, a throw or a "
                    + "failing Future.get() before it can skip; one a class creates into a private field and never "
                    + "shuts down although the class has a lifecycle method its owner calls: a close(), stop() or "
                    + "shutdown() that is not private, or a @PreDestroy method. Executors in "
                    + "try-with-resources or shut down in a finally block, executors returned, stored elsewhere or "
                    + "passed to other code (which may shut them down), injected ones, static ones (application-wide "
                    + "pools) and ones started at most once per JVM by a guarded lazy start on static or singleton "
                    + "state (if (POOL == null), started.compareAndSet(false, true), if (!started) of an enum "
                    + "singleton, an early if (started) return;) or made in the construction of a class with one "
                    + "instance per JVM (private constructors, made once by a holder class or a guarded lazy getter), "
                    + "fields of classes without a lifecycle method of their own and executors never given a "
                    + "task (which never start a thread) are not reported.",
            "Shut the executor down where its user's life ends: shutdown() in a finally block for a local "
                    + "(try-with-resources on Java 19+), in close()/stop() for a field.",
            MeasuredPrecision.EXECUTOR_NOT_SHUTDOWN);

    private static final Set<String> SHUTDOWNS = Set.of("shutdown", "shutdownNow", "close");
    private static final Set<String> THREAD_PER_TASK = Set.of("newVirtualThreadPerTaskExecutor",
            "newThreadPerTaskExecutor");
    private static final String EXECUTOR_SERVICE = "java.util.concurrent.ExecutorService";
    /** The first release where ExecutorService is AutoCloseable, so that try-with-resources can shut it down. */
    private static final int AUTO_CLOSEABLE_RELEASE = 19;

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
            if (!file.types().isA(expression, EXECUTOR_SERVICE) || isThreadPerTask(expression)
                    || PoolUses.neverGivenATask(expression, file)) {
                continue; // no thread to outlive anything: a pool starts its threads with its first task
            }
            if (OnceStarts.startedOncePerJvm(expression)) {
                continue; // one application-wide pool, like one kept in a static field
            }
            Optional<MethodCallExpr> losing = ExecutorUses.losingCall(expression, file);
            if (losing.isPresent()) {
                reportInline(file, creation, losing.get());
                continue;
            }
            LocalUses.storedIn(expression).ifPresent(local -> checkLocal(file, creation, local));
        }
        for (ExecutorFields.Unstopped field : ExecutorFields.unstopped(file)) {
            String lifecycle = field.lifecycle().getNameAsString()
                    + (field.lifecycle().getParameters().isEmpty() ? "()" : "(..)");
            String owner = field.lifecycle().findAncestor(TypeDeclaration.class)
                    .map(type -> type.getNameAsString()).orElse("its class");
            file.report(METADATA, field.creation(), "`" + field.described() + "` in field `"
                    + field.field().getNameAsString() + "` is never shut down: `" + lifecycle + "` ends a `" + owner
                    + "` but leaves the executor's threads running, so every instance leaks them",
                    "Shut the executor down in " + lifecycle + ": " + field.field().getNameAsString()
                            + ".shutdown() (shutdownNow() to interrupt running tasks), then awaitTermination if "
                            + "its tasks must finish first.", METADATA.defaultSeverity());
        }
    }

    /** An executor that starts a thread per task, which ends with its task: nothing idles to leak. */
    private static boolean isThreadPerTask(Expression creation) {
        return creation instanceof MethodCallExpr call && THREAD_PER_TASK.contains(call.getNameAsString());
    }

    private static void reportInline(FileContext file, Spawns.ExecutorCreation creation, MethodCallExpr losing) {
        boolean calledOn = losing.getScope().orElse(null) != null
                && Nodes.isWithin(creation.expression(), losing.getScope().get());
        String use = calledOn ? "is used once, by `." + losing.getNameAsString() + "(..)`,"
                : "is passed to `CompletableFuture." + losing.getNameAsString() + "(..)`, which never shuts it down,";
        file.report(METADATA, creation.expression(), "`" + creation.description() + "` " + use
                + " and kept nowhere: nothing can shut it down, so each call leaves another pool whose threads "
                + "outlive it",
                "Create the executor once and reuse it (a field shut down with its owner), or keep it in a local and "
                        + "shut it down when done: " + localFix(file, "pool"), METADATA.defaultSeverity());
    }

    private static void checkLocal(FileContext file, Spawns.ExecutorCreation creation, VariableDeclarator local) {
        if (LocalUses.isResource(local)) {
            return;
        }
        List<MethodCallExpr> shutdowns = new ArrayList<>();
        boolean otherShutdown = false;
        for (LocalUses.Use use : LocalUses.of(local)) {
            if (use.kind() == LocalUses.Kind.ESCAPES && ExecutorUses.borrows(use.at(), file.types())) {
                continue;
            }
            if (use.kind() == LocalUses.Kind.ESCAPES || use.kind() == LocalUses.Kind.CLOSED) {
                return;
            }
            if (use.kind() == LocalUses.Kind.CALL && SHUTDOWNS.contains(use.method())) {
                if (use.at() instanceof MethodCallExpr call) {
                    shutdowns.add(call);
                } else {
                    otherShutdown = true; // pool::shutdown handed to a hook or callback
                }
            }
        }
        String name = local.getNameAsString();
        if (shutdowns.isEmpty() && !otherShutdown) {
            file.report(METADATA, creation.expression(), "`" + creation.description() + "` in local `" + name
                    + "` is never shut down: its threads outlive the method", "Shut it down when done: "
                    + localFix(file, name), METADATA.defaultSeverity());
            return;
        }
        if (otherShutdown) {
            return;
        }
        ShutdownPaths.skippedShutdown(creation.expression(), shutdowns, file.types()).ifPresent(skip -> {
            int line = skip.shutdown().getBegin().map(position -> position.line).orElse(0);
            file.report(METADATA, creation.expression(), "`" + creation.description() + "` in local `" + name
                    + "` is shut down only on the normal path: " + skip.shown() + " before `" + name + "."
                    + skip.shutdown().getNameAsString() + "()` at line " + line + ", and the pool's threads "
                    + "outlive the method", "Shut it down on every path: " + localFix(file, name),
                    METADATA.defaultSeverity());
        });
    }

    /** How to shut a local executor down on every path, at the project's Java version. */
    private static String localFix(FileContext file, String name) {
        String tryFinally = "try { .. } finally { " + name + ".shutdown(); }";
        return file.release() >= AUTO_CLOSEABLE_RELEASE
                ? tryFinally + ", or declare it in try-with-resources (an ExecutorService is AutoCloseable since "
                + "Java 19; close() waits for its tasks)."
                : tryFinally + ".";
    }
}
