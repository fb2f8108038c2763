package dev.threadguard.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.threadguard.analysis.LocalUses;
import dev.threadguard.analysis.Queues;
import dev.threadguard.api.FileContext;
import dev.threadguard.api.Rule;
import dev.threadguard.api.RuleMetadata;
import dev.threadguard.api.Triggers;
import dev.threadguard.types.FileTypes;

import java.util.List;
import java.util.Optional;

/** {@code unbounded-executor}: a pool that creates a new platform thread whenever all of its threads are busy. */
public final class UnboundedExecutorRule implements Rule {

    static final RuleMetadata METADATA = new RuleMetadata("unbounded-executor",
            "Executor without a bound on its platform threads",
            "Executors.newCachedThreadPool() and a ThreadPoolExecutor whose maximum pool size is Integer.MAX_VALUE "
                    + "start a new platform thread whenever every existing one is busy. Under load, or when tasks "
                    + "block on slow I/O or a lock, the pool grows without limit (thousands of threads, each with "
                    + "its own stack) until memory or the OS thread limit runs out. A ThreadPoolExecutor with an "
                    + "unbounded queue (new LinkedBlockingQueue<>()) never grows past its core size and is not "
                    + "reported, nor is a cached pool handed to a Netty 3 channel factory "
                    + "(new NioServerSocketChannelFactory(boss, workers, n)) or to a Netty 4 event loop group "
                    + "(new NioEventLoopGroup(n, pool)), which run a fixed number of threads on it, nor a pool in a "
                    + "local or private field that is never given a task (only shut down, asked for its state or "
                    + "watched): it never starts a thread; nor one given tasks "
                    + "only through a bounding wrapper made once for it (airlift's new BoundedExecutor(pool, n), "
                    + "Guava's MoreExecutors.newSequentialExecutor(pool)), which keeps at most n of them running; "
                    + "nor a pool in a local, or used where it is created, that is given exactly one task, not in a "
                    + "loop or lambda, and handed to nobody: it never runs more than one thread.",
            "Use Executors.newFixedThreadPool(n), or a ThreadPoolExecutor with a finite maximum pool size and a "
                    + "bounded queue.",
            MeasuredPrecision.UNBOUNDED_EXECUTOR);

    private static final String THREAD_POOL = "java.util.concurrent.ThreadPoolExecutor";
    private static final String NETTY3_CHANNEL_FACTORIES = "org.jboss.netty.channel.socket.";
    private static final String NETTY4 = "io.netty.";

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public Triggers triggers() {
        return Triggers.anyOf("java.util.concurrent.Executors", THREAD_POOL);
    }

    @Override
    public void check(FileContext file) {
        FileTypes types = file.types();
        for (MethodCallExpr call : file.nodes(MethodCallExpr.class)) {
            if (call.getNameAsString().equals("newCachedThreadPool")
                    && types.staticOwner(call).filter("java.util.concurrent.Executors"::equals).isPresent()
                    && !isHandedToABoundedConsumer(call, types) && !PoolUses.neverGivenATask(call, file)
                    && !PoolUses.onlyThroughBoundingWrappers(call, file) && !PoolUses.givenOneTaskOnce(call, file)) {
                file.report(METADATA, call, "`Executors.newCachedThreadPool()` starts a new platform thread for "
                        + "every task that finds all threads busy, with no upper limit");
            } else if (call.getNameAsString().equals("setMaximumPoolSize") && call.getArguments().size() == 1
                    && isMaxInt(call.getArgument(0), types) && types.receiverIs(call, THREAD_POOL)) {
                file.report(METADATA, call, "`setMaximumPoolSize(Integer.MAX_VALUE)` lets the pool grow a platform "
                        + "thread per waiting task, with no upper limit");
            }
        }
        for (ObjectCreationExpr creation : file.nodes(ObjectCreationExpr.class)) {
            if (creation.getArguments().size() >= 5 && isThreadPool(creation, types)
                    && isMaxInt(creation.getArgument(1), types)
                    && (isMaxInt(creation.getArgument(0), types)
                            || !Queues.isUnboundedCreation(creation.getArgument(4), types))
                    && !PoolUses.neverGivenATask(creation, file)
                    && !PoolUses.onlyThroughBoundingWrappers(creation, file)
                    && !PoolUses.givenOneTaskOnce(creation, file)) {
                file.report(METADATA, creation, "`new " + creation.getType().getNameAsString() + "(..)` with "
                        + "maximumPoolSize Integer.MAX_VALUE starts a new platform thread whenever all threads are "
                        + "busy, with no upper limit");
            }
        }
    }

    /**
     * A Netty 3 channel factory ({@code org.jboss.netty.channel.socket.*ChannelFactory}) takes its boss and worker
     * executors as arguments and starts a fixed number of threads on them (one boss per bound channel, the
     * configured worker count): the pool it is given never grows with the load, so Netty's documentation itself
     * asks for cached pools there. Netty 4's event loop and executor groups ({@code new NioEventLoopGroup(n, pool)},
     * {@code EpollEventLoopGroup}, {@code DefaultEventExecutorGroup}) likewise run exactly their {@code n} loops,
     * one thread each, on the executor they are given.
     */
    private static boolean isHandedToABoundedConsumer(Expression pool, FileTypes types) {
        if (isBoundedConsumer(pool.getParentNode().orElse(null), pool, types)) {
            return true;
        }
        Optional<VariableDeclarator> local = LocalUses.storedIn(pool);
        if (local.isEmpty()) {
            return false;
        }
        // handed only to such consumers, and given no task of its own (a submit would grow it again)
        List<LocalUses.Use> uses = LocalUses.of(local.get());
        return uses.stream().anyMatch(use -> use.kind() == LocalUses.Kind.ESCAPES)
                && uses.stream().allMatch(use -> use.kind() == LocalUses.Kind.ESCAPES
                        ? isBoundedConsumer(use.at(), null, types) : PoolUses.givesNoTask(use, types));
    }

    private static boolean isBoundedConsumer(Node node, Expression argument, FileTypes types) {
        return node instanceof ObjectCreationExpr creation
                && (argument == null || creation.getArguments().stream().anyMatch(each -> each == argument))
                && types.resolve(creation.getType()).filter(type -> type.startsWith(NETTY3_CHANNEL_FACTORIES)
                        && type.endsWith("ChannelFactory") || type.startsWith(NETTY4)
                        && (type.endsWith("EventLoopGroup") || type.endsWith("EventExecutorGroup"))).isPresent();
    }

    private static boolean isThreadPool(ObjectCreationExpr creation, FileTypes types) {
        return types.resolve(creation.getType()).map(type -> types.isSubtype(type, THREAD_POOL)).orElse(false);
    }

    private static boolean isMaxInt(Expression expression, FileTypes types) {
        if (expression instanceof FieldAccessExpr access && access.getNameAsString().equals("MAX_VALUE")
                && access.getScope() instanceof NameExpr owner) {
            return "java.lang.Integer".equals(types.resolve(owner.getNameAsString()));
        }
        if (expression instanceof NameExpr name && name.getNameAsString().equals("MAX_VALUE")) {
            return "java.lang.Integer".equals(types.scope().staticImportOwner("MAX_VALUE"));
        }
        if (expression instanceof IntegerLiteralExpr literal) {
            return literal.asNumber().longValue() == Integer.MAX_VALUE;
        }
        return false;
    }
}
