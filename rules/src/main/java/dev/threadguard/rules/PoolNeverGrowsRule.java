package dev.threadguard.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import dev.threadguard.analysis.IntValues;
import dev.threadguard.analysis.Queues;
import dev.threadguard.api.FileContext;
import dev.threadguard.api.Rule;
import dev.threadguard.api.RuleMetadata;
import dev.threadguard.api.Triggers;
import dev.threadguard.types.FileTypes;

import java.util.Optional;
import java.util.Set;

/** {@code pool-never-grows}: a ThreadPoolExecutor whose maximum pool size its unbounded queue never lets it reach. */
public final class PoolNeverGrowsRule implements Rule {

    static final RuleMetadata METADATA = new RuleMetadata("pool-never-grows",
            "Thread pool whose maximum size is never reached",
            "A ThreadPoolExecutor starts threads up to its core size, then queues tasks, and starts threads beyond "
                    + "the core size only when the queue refuses a task because it is full. A queue without a "
                    + "capacity (new LinkedBlockingQueue<>(), LinkedBlockingDeque, LinkedTransferQueue, "
                    + "PriorityBlockingQueue, DelayQueue) never is: the pool stays at its core size forever, with "
                    + "core size 0 at a single thread, and maximumPoolSize is a number nobody will ever see. Under "
                    + "load the tasks pile up in the queue instead of getting the threads the configuration "
                    + "promises. allowCoreThreadTimeOut does not change this. Sizes are judged when they can be "
                    + "told from the code (literals, constants, simple arithmetic, n against n * 2); a bounded "
                    + "queue, a SynchronousQueue and core size equal to the maximum are not reported.",
            "Set corePoolSize to the number of threads you want (with allowCoreThreadTimeOut(true) if idle threads "
                    + "should end), or give the queue a capacity and handle rejections, or use a SynchronousQueue "
                    + "to grow up to the maximum.",
            MeasuredPrecision.POOL_NEVER_GROWS);

    private static final String THREAD_POOL = "java.util.concurrent.ThreadPoolExecutor";
    private static final Set<String> RESIZES = Set.of("setCorePoolSize", "setMaximumPoolSize");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public Triggers triggers() {
        return Triggers.anyOf(THREAD_POOL);
    }

    @Override
    public void check(FileContext file) {
        FileTypes types = file.types();
        for (ObjectCreationExpr creation : file.nodes(ObjectCreationExpr.class)) {
            if (creation.getArguments().size() >= 5
                    && types.resolve(creation.getType()).filter(THREAD_POOL::equals).isPresent()) {
                check(file, creation, creation.getArguments(), "new " + creation.getType().getNameAsString());
            }
        }
        for (ExplicitConstructorInvocationStmt call : file.nodes(ExplicitConstructorInvocationStmt.class)) {
            if (!call.isThis() && call.getArguments().size() >= 5 && extendsThreadPool(call, types)) {
                check(file, call, call.getArguments(), "super");
            }
        }
    }

    private static boolean extendsThreadPool(Node constructorCall, FileTypes types) {
        return constructorCall.findAncestor(ClassOrInterfaceDeclaration.class)
                .filter(type -> type.getExtendedTypes().size() == 1)
                .flatMap(type -> types.resolve(type.getExtendedTypes().get(0)))
                .filter(THREAD_POOL::equals).isPresent();
    }

    private static void check(FileContext file, Node site, NodeList<Expression> arguments, String shown) {
        FileTypes types = file.types();
        Expression queue = arguments.get(4);
        Optional<String> unbounded = Queues.unboundedQueueType(queue, types);
        if (unbounded.isEmpty() || resizesAPool(file)) {
            return;
        }
        Optional<IntValues.Linear> core = IntValues.of(arguments.get(0), types);
        Optional<IntValues.Linear> max = IntValues.of(arguments.get(1), types);
        if (core.isEmpty() || max.isEmpty() || !neverReached(core.get(), max.get())) {
            return;
        }
        String shownCore = shown(arguments.get(0), core.get());
        String shownMax = shown(arguments.get(1), max.get());
        String queueText = "this unbounded `" + unbounded.get() + "` never fills, so its maximum (" + shownMax
                + ") is never reached";
        String call = "`" + shown + "(" + arguments.get(0) + ", " + arguments.get(1) + ", ..)`";
        if (core.get().isConstant() && core.get().b() == 0) {
            file.report(METADATA, site, call + " never runs more than one thread: with core size 0 a pool starts a "
                    + "single thread and queues every other task while its queue takes them, and " + queueText);
        } else {
            file.report(METADATA, site, call + " never grows past its core size (" + shownCore + "): a pool starts "
                    + "threads beyond its core size only when its queue is full, and " + queueText);
        }
    }

    /** A size as written, with its value when that differs: {@code 2}, {@code `CORE` = 4}, {@code `n * 2`}. */
    private static String shown(Expression size, IntValues.Linear value) {
        String written = size.toString();
        if (!value.isConstant()) {
            return "`" + written + "`";
        }
        String number = value.b() == Integer.MAX_VALUE ? "Integer.MAX_VALUE" : Long.toString(value.b());
        return written.equals(number) ? number : "`" + written + "` = " + number;
    }

    /**
     * Sizes set again after construction make the constructor's moot; a file that resizes any pool is left alone,
     * as telling which pool a call resizes would need more than this file's types.
     */
    private static boolean resizesAPool(FileContext file) {
        return file.nodes(MethodCallExpr.class).stream()
                .anyMatch(call -> RESIZES.contains(call.getNameAsString()) && call.getArguments().size() == 1);
    }

    /**
     * True when {@code max > max(core, 1)} for every value of the unknown that makes a valid pool
     * ({@code 0 <= core}, {@code 1 <= max}): the pool then runs fewer threads than its maximum, whatever the
     * unknown is. A pool of core size 0 runs one thread.
     */
    static boolean neverReached(IntValues.Linear core, IntValues.Linear max) {
        if (!core.compatible(max)) {
            return false;
        }
        if (core.isConstant() && max.isConstant()) {
            return max.b() > Math.max(core.b(), 1);
        }
        if (core.a() < 0 || max.a() < 0) {
            return false;
        }
        Long least = core.isConstant() ? max.minimum() : core.minimum();
        if (core.a() > 0) {
            least = atLeast(least, ceilDiv(-core.b(), core.a()));
        }
        if (max.a() > 0) {
            least = atLeast(least, ceilDiv(1 - max.b(), max.a()));
        }
        if (least == null) {
            return false;
        }
        return alwaysPositive(max.a() - core.a(), max.b() - core.b(), least)
                && alwaysPositive(max.a(), max.b() - 1, least);
    }

    /** True when {@code a·x + b > 0} for every {@code x >= least}. */
    private static boolean alwaysPositive(long a, long b, long least) {
        return a >= 0 && a * least + b > 0;
    }

    private static Long atLeast(Long bound, long other) {
        return bound == null ? other : Math.max(bound, other);
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
