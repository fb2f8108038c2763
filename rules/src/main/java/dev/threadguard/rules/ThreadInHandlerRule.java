package dev.threadguard.rules;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.threadguard.analysis.Spawns;
import dev.threadguard.api.FileContext;
import dev.threadguard.api.Rule;
import dev.threadguard.api.RuleMetadata;
import dev.threadguard.api.Triggers;

import java.util.Optional;
import java.util.Set;

/** {@code thread-in-handler}: a thread started or a pool created once per request or message. */
public final class ThreadInHandlerRule implements Rule {

    static final RuleMetadata METADATA = new RuleMetadata("thread-in-handler",
            "Thread or executor created per request",
            "A request or message handler runs once per request. Starting a thread or creating a pool there ties "
                    + "the number of threads to the traffic: a burst of requests becomes a burst of threads, and "
                    + "pools created per request are rarely shut down, so their threads leak. Recognised handlers: "
                    + "Servlet service/doGet/doPost/... and filters, Spring @RequestMapping/@GetMapping/... and "
                    + "@KafkaListener/@JmsListener/@RabbitListener, JAX-RS @GET/@POST/..., com.sun.net.httpserver "
                    + "HttpHandler.handle, JMS MessageListener.onMessage and Netty channelRead. Virtual threads, "
                    + "started directly or by Executors.newVirtualThreadPerTaskExecutor(), are not reported: one per "
                    + "request or task is what they are for (JEP 444); nor is a pool the handler never gives a task "
                    + "(only shut down or asked for its state), which never starts a thread.",
            "Hand the work to a bounded executor created once at startup and shut down with the application.",
            MeasuredPrecision.THREAD_IN_HANDLER);

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public Triggers triggers() {
        return Triggers.whenAny(Spawns.THREAD_START_TRIGGERS, Handlers.triggerNames())
                .or(Triggers.when(Set.copyOf(Spawns.EXECUTOR_TYPES), Handlers.triggerNames()));
    }

    @Override
    public void check(FileContext file) {
        for (MethodCallExpr call : file.nodes(MethodCallExpr.class)) {
            Optional<Spawns.ThreadStart> start = Spawns.threadStart(call, file);
            if (start.isEmpty() || start.get().virtual()) {
                continue; // a virtual thread per request is what virtual threads are for (JEP 444)
            }
            Optional<Handlers.Handler> handler = Handlers.enclosingHandler(call, file.types());
            if (handler.isPresent() && Spawns.isCreatedWithin(start.get(), handler.get().node())) {
                file.report(METADATA, call.getName(), "`" + start.get().description() + "` in a request handler ("
                        + handler.get().description() + ") starts a new thread for every request");
            }
        }
        for (Spawns.ExecutorCreation creation : Spawns.executorCreations(file)) {
            Optional<Handlers.Handler> handler = creation.virtualPerTask() ? Optional.empty()
                    : Handlers.enclosingHandler(creation.expression(), file.types());
            // a pool never given a task never starts a thread, however often it is created
            if (handler.isPresent() && !PoolUses.neverGivenATask(creation.expression(), file)) {
                file.report(METADATA, creation.expression(), "`" + creation.description() + "` in a request handler ("
                        + handler.get().description() + ") creates a new thread pool for every request");
            }
        }
    }
}
