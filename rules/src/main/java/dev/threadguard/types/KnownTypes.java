package dev.threadguard.types;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What threadguard knows about the JDK (and the request-handler APIs of common frameworks) without a classpath:
 * the supertypes of the concurrency, networking and collection types the rules care about, and the return types
 * of the factory and builder methods that produce them. Names are canonical, with nested types joined by dots
 * ({@code java.lang.Thread.Builder}).
 *
 * <p>The table is deliberately small: a type that is not here is unknown, and rules stay silent about unknown types.
 */
public final class KnownTypes {

    /** Marks a method that returns the type of its receiver (builders, {@code CompletableFuture} chains). */
    static final String SELF = "<self>";

    private static final Map<String, List<String>> SUPERTYPES = new HashMap<>();
    private static final Map<String, String> RETURNS = new HashMap<>();

    static {
        // java.lang
        type("java.lang.Object");
        type("java.lang.Runnable");
        type("java.lang.AutoCloseable");
        type("java.lang.Iterable");
        type("java.lang.Thread", "java.lang.Runnable");
        type("java.lang.Thread.Builder");
        type("java.lang.Thread.Builder.OfPlatform", "java.lang.Thread.Builder");
        type("java.lang.Thread.Builder.OfVirtual", "java.lang.Thread.Builder");
        type("java.lang.ThreadGroup");
        type("java.lang.String");
        type("java.lang.Integer");
        type("java.lang.Long");
        type("java.lang.Math");
        type("java.lang.System");
        type("java.lang.Runtime");
        type("java.lang.Process");
        type("java.lang.Throwable");
        type("java.lang.Exception", "java.lang.Throwable");
        type("java.lang.RuntimeException", "java.lang.Exception");
        type("java.lang.InterruptedException", "java.lang.Exception");
        type("java.lang.IllegalStateException", "java.lang.RuntimeException");

        // java.util
        type("java.util.Collection", "java.lang.Iterable");
        type("java.util.List", "java.util.Collection");
        type("java.util.Set", "java.util.Collection");
        type("java.util.Queue", "java.util.Collection");
        type("java.util.Deque", "java.util.Queue");
        type("java.util.Map");
        type("java.util.Iterator");
        type("java.util.Optional");
        type("java.util.Timer");
        type("java.util.TimerTask", "java.lang.Runnable");
        type("java.util.stream.Stream");
        type("java.util.stream.IntStream");
        type("java.util.stream.LongStream");

        // java.util.concurrent: executors
        type("java.util.concurrent.Executor");
        type("java.util.concurrent.ExecutorService", "java.util.concurrent.Executor", "java.lang.AutoCloseable");
        type("java.util.concurrent.ScheduledExecutorService", "java.util.concurrent.ExecutorService");
        type("java.util.concurrent.AbstractExecutorService", "java.util.concurrent.ExecutorService");
        type("java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.AbstractExecutorService");
        type("java.util.concurrent.ScheduledThreadPoolExecutor", "java.util.concurrent.ThreadPoolExecutor",
                "java.util.concurrent.ScheduledExecutorService");
        type("java.util.concurrent.ForkJoinPool", "java.util.concurrent.AbstractExecutorService");
        type("java.util.concurrent.ForkJoinPool.ForkJoinWorkerThreadFactory");
        type("java.util.concurrent.ForkJoinWorkerThread", "java.lang.Thread");
        type("java.util.concurrent.ThreadFactory");
        type("java.util.concurrent.Executors");
        type("java.util.concurrent.Callable");
        type("java.util.concurrent.TimeUnit");
        type("java.util.concurrent.CompletionService");
        type("java.util.concurrent.ExecutorCompletionService", "java.util.concurrent.CompletionService");

        // java.util.concurrent: what waits for a task rethrow
        type("java.util.concurrent.ExecutionException", "java.lang.Exception");
        type("java.util.concurrent.TimeoutException", "java.lang.Exception");
        type("java.util.concurrent.CompletionException", "java.lang.RuntimeException");
        type("java.util.concurrent.CancellationException", "java.lang.IllegalStateException");

        // java.util.concurrent: futures
        type("java.util.concurrent.Future");
        type("java.util.concurrent.Delayed");
        type("java.util.concurrent.RunnableFuture", "java.lang.Runnable", "java.util.concurrent.Future");
        type("java.util.concurrent.ScheduledFuture", "java.util.concurrent.Delayed", "java.util.concurrent.Future");
        type("java.util.concurrent.RunnableScheduledFuture", "java.util.concurrent.RunnableFuture",
                "java.util.concurrent.ScheduledFuture");
        type("java.util.concurrent.FutureTask", "java.util.concurrent.RunnableFuture");
        type("java.util.concurrent.CompletionStage");
        type("java.util.concurrent.CompletableFuture", "java.util.concurrent.Future",
                "java.util.concurrent.CompletionStage");
        type("java.util.concurrent.ForkJoinTask", "java.util.concurrent.Future");
        type("java.util.concurrent.RecursiveTask", "java.util.concurrent.ForkJoinTask");
        type("java.util.concurrent.RecursiveAction", "java.util.concurrent.ForkJoinTask");
        type("java.util.concurrent.CountedCompleter", "java.util.concurrent.ForkJoinTask");

        // java.util.concurrent: synchronizers and queues
        type("java.util.concurrent.CountDownLatch");
        type("java.util.concurrent.CyclicBarrier");
        type("java.util.concurrent.Semaphore");
        type("java.util.concurrent.Phaser");
        type("java.util.concurrent.Exchanger");
        type("java.util.concurrent.BlockingQueue", "java.util.Queue");
        type("java.util.concurrent.BlockingDeque", "java.util.concurrent.BlockingQueue", "java.util.Deque");
        type("java.util.concurrent.TransferQueue", "java.util.concurrent.BlockingQueue");
        type("java.util.concurrent.ArrayBlockingQueue", "java.util.concurrent.BlockingQueue");
        type("java.util.concurrent.LinkedBlockingQueue", "java.util.concurrent.BlockingQueue");
        type("java.util.concurrent.PriorityBlockingQueue", "java.util.concurrent.BlockingQueue");
        type("java.util.concurrent.DelayQueue", "java.util.concurrent.BlockingQueue");
        type("java.util.concurrent.SynchronousQueue", "java.util.concurrent.BlockingQueue");
        type("java.util.concurrent.LinkedBlockingDeque", "java.util.concurrent.BlockingDeque");
        type("java.util.concurrent.LinkedTransferQueue", "java.util.concurrent.TransferQueue");
        type("java.util.concurrent.ConcurrentLinkedQueue", "java.util.Queue");
        type("java.util.concurrent.ConcurrentLinkedDeque", "java.util.Deque");
        type("java.util.concurrent.ConcurrentMap", "java.util.Map");
        type("java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentMap");
        type("java.util.concurrent.locks.Lock");
        type("java.util.concurrent.locks.ReentrantLock", "java.util.concurrent.locks.Lock");
        type("java.util.concurrent.locks.Condition");
        type("java.util.concurrent.locks.LockSupport");

        // networking
        type("java.net.URI");
        type("java.net.URL");
        type("java.net.URLConnection");
        type("java.net.HttpURLConnection", "java.net.URLConnection");
        type("java.net.JarURLConnection", "java.net.URLConnection");
        type("javax.net.ssl.HttpsURLConnection", "java.net.HttpURLConnection");
        type("java.net.Socket", "java.lang.AutoCloseable");
        type("java.net.ServerSocket", "java.lang.AutoCloseable");
        type("javax.net.ssl.SSLSocket", "java.net.Socket");
        type("java.net.InetAddress");
        type("java.net.SocketAddress");
        type("java.net.InetSocketAddress", "java.net.SocketAddress");
        type("javax.net.SocketFactory");
        type("javax.net.ssl.SSLSocketFactory", "javax.net.SocketFactory");
        type("java.net.http.HttpClient", "java.lang.AutoCloseable");
        type("java.net.http.HttpClient.Builder");
        type("java.net.http.HttpRequest");
        type("java.net.http.HttpRequest.Builder");
        type("java.net.http.HttpResponse");
        type("java.io.InputStream");

        // request and message handler APIs, so that on-demand imports of their packages resolve
        for (String ee : List.of("javax", "jakarta")) {
            type(ee + ".servlet.ServletRequest");
            type(ee + ".servlet.ServletResponse");
            type(ee + ".servlet.http.HttpServletRequest", ee + ".servlet.ServletRequest");
            type(ee + ".servlet.http.HttpServletResponse", ee + ".servlet.ServletResponse");
            type(ee + ".jms.Message");
            type(ee + ".jms.MessageListener");
            for (String verb : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")) {
                type(ee + ".ws.rs." + verb);
            }
        }
        type("com.sun.net.httpserver.HttpExchange");
        type("com.sun.net.httpserver.HttpHandler");
        type("com.sun.net.httpserver.HttpServer");
        type("com.sun.net.httpserver.HttpsServer", "com.sun.net.httpserver.HttpServer");
        type("io.netty.channel.ChannelHandlerContext");
        for (String mapping : List.of("RequestMapping", "GetMapping", "PostMapping", "PutMapping", "DeleteMapping",
                "PatchMapping")) {
            type("org.springframework.web.bind.annotation." + mapping);
        }
        type("org.springframework.kafka.annotation.KafkaListener");
        type("org.springframework.kafka.annotation.KafkaHandler");
        type("org.springframework.jms.annotation.JmsListener");
        type("org.springframework.amqp.rabbit.annotation.RabbitListener");
        type("org.springframework.amqp.rabbit.annotation.RabbitHandler");

        // factories and builders
        for (String factory : List.of("newFixedThreadPool", "newCachedThreadPool", "newSingleThreadExecutor",
                "newWorkStealingPool", "newVirtualThreadPerTaskExecutor", "newThreadPerTaskExecutor",
                "unconfigurableExecutorService")) {
            returns("java.util.concurrent.Executors", factory, "java.util.concurrent.ExecutorService");
        }
        for (String factory : List.of("newScheduledThreadPool", "newSingleThreadScheduledExecutor",
                "unconfigurableScheduledExecutorService")) {
            returns("java.util.concurrent.Executors", factory, "java.util.concurrent.ScheduledExecutorService");
        }
        returns("java.util.concurrent.Executors", "defaultThreadFactory", "java.util.concurrent.ThreadFactory");
        returns("java.util.concurrent.Executors", "privilegedThreadFactory", "java.util.concurrent.ThreadFactory");
        returns("java.util.concurrent.Executors", "callable", "java.util.concurrent.Callable");
        returns("java.util.concurrent.ExecutorService", "submit", "java.util.concurrent.Future");
        returns("java.util.concurrent.ExecutorService", "invokeAll", "java.util.List");
        returns("java.util.concurrent.ThreadPoolExecutor", "getQueue", "java.util.concurrent.BlockingQueue");
        returns("java.util.concurrent.ForkJoinPool", "submit", "java.util.concurrent.ForkJoinTask");
        returns("java.util.concurrent.ForkJoinPool", "commonPool", "java.util.concurrent.ForkJoinPool");
        for (String schedule : List.of("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay")) {
            returns("java.util.concurrent.ScheduledExecutorService", schedule, "java.util.concurrent.ScheduledFuture");
        }
        returns("java.util.concurrent.CompletionService", "submit", "java.util.concurrent.Future");
        returns("java.util.concurrent.CompletionService", "take", "java.util.concurrent.Future");
        returns("java.util.concurrent.CompletionService", "poll", "java.util.concurrent.Future");
        returns("java.util.concurrent.ThreadFactory", "newThread", "java.lang.Thread");
        returns("java.util.concurrent.ForkJoinPool.ForkJoinWorkerThreadFactory", "newThread",
                "java.util.concurrent.ForkJoinWorkerThread");
        returns("java.util.concurrent.ForkJoinTask", "fork", "java.util.concurrent.ForkJoinTask");

        for (String factory : List.of("supplyAsync", "runAsync", "completedFuture", "failedFuture", "allOf",
                "anyOf")) {
            returns("java.util.concurrent.CompletableFuture", factory, "java.util.concurrent.CompletableFuture");
        }
        for (String chained : List.of("thenApply", "thenApplyAsync", "thenAccept", "thenAcceptAsync", "thenRun",
                "thenRunAsync", "thenCombine", "thenCombineAsync", "thenAcceptBoth", "thenAcceptBothAsync",
                "runAfterBoth", "runAfterBothAsync", "applyToEither", "applyToEitherAsync", "acceptEither",
                "acceptEitherAsync", "runAfterEither", "runAfterEitherAsync", "thenCompose", "thenComposeAsync",
                "handle", "handleAsync", "whenComplete", "whenCompleteAsync", "exceptionally",
                "exceptionallyAsync", "exceptionallyCompose", "exceptionallyComposeAsync")) {
            returns("java.util.concurrent.CompletableFuture", chained, SELF);
            returns("java.util.concurrent.CompletionStage", chained, SELF);
        }
        for (String own : List.of("orTimeout", "completeOnTimeout", "copy", "newIncompleteFuture",
                "completeAsync", "toCompletableFuture")) {
            returns("java.util.concurrent.CompletableFuture", own, "java.util.concurrent.CompletableFuture");
        }
        returns("java.util.concurrent.CompletionStage", "toCompletableFuture",
                "java.util.concurrent.CompletableFuture");

        returns("java.lang.Thread", "ofPlatform", "java.lang.Thread.Builder.OfPlatform");
        returns("java.lang.Thread", "ofVirtual", "java.lang.Thread.Builder.OfVirtual");
        returns("java.lang.Thread", "currentThread", "java.lang.Thread");
        returns("java.lang.Thread", "startVirtualThread", "java.lang.Thread");
        for (String setter : List.of("name", "inheritInheritableThreadLocals", "uncaughtExceptionHandler",
                "group", "daemon", "priority", "stackSize")) {
            returns("java.lang.Thread.Builder", setter, SELF);
        }
        returns("java.lang.Thread.Builder", "unstarted", "java.lang.Thread");
        returns("java.lang.Thread.Builder", "start", "java.lang.Thread");
        returns("java.lang.Thread.Builder", "factory", "java.util.concurrent.ThreadFactory");
        returns("java.lang.Runtime", "getRuntime", "java.lang.Runtime");

        returns("java.util.concurrent.locks.Lock", "newCondition", "java.util.concurrent.locks.Condition");

        returns("java.net.URI", "toURL", "java.net.URL");
        returns("java.net.URL", "openConnection", "java.net.URLConnection");
        returns("java.net.URL", "openStream", "java.io.InputStream");
        returns("java.net.ServerSocket", "accept", "java.net.Socket");
        returns("java.net.http.HttpClient", "newHttpClient", "java.net.http.HttpClient");
        returns("java.net.http.HttpClient", "newBuilder", "java.net.http.HttpClient.Builder");
        returns("java.net.http.HttpClient", "send", "java.net.http.HttpResponse");
        returns("java.net.http.HttpClient", "sendAsync", "java.util.concurrent.CompletableFuture");
        returns("java.net.http.HttpClient.Builder", "build", "java.net.http.HttpClient");
        returns("java.net.http.HttpRequest", "newBuilder", "java.net.http.HttpRequest.Builder");
        returns("java.net.http.HttpRequest.Builder", "build", "java.net.http.HttpRequest");
        returns("java.net.http.HttpRequest.Builder", "copy", SELF);
        for (String setter : List.of("connectTimeout", "executor", "followRedirects", "version", "priority",
                "proxy", "authenticator", "cookieHandler", "sslContext", "sslParameters", "localAddress")) {
            returns("java.net.http.HttpClient.Builder", setter, SELF);
        }
        for (String setter : List.of("uri", "timeout", "header", "headers", "setHeader", "GET", "POST", "PUT",
                "DELETE", "HEAD", "method", "version", "expectContinue")) {
            returns("java.net.http.HttpRequest.Builder", setter, SELF);
        }
    }

    private KnownTypes() {
    }

    private static void type(String name, String... supertypes) {
        SUPERTYPES.put(name, List.of(supertypes));
    }

    private static void returns(String owner, String method, String returnType) {
        RETURNS.put(owner + '#' + method, returnType);
    }

    /** True when the table knows {@code qualifiedName}. */
    public static boolean isKnown(String qualifiedName) {
        return SUPERTYPES.containsKey(qualifiedName);
    }

    /** The direct supertypes of a known JDK type; empty for unknown types. */
    static List<String> supertypesOf(String qualifiedName) {
        return SUPERTYPES.getOrDefault(qualifiedName, List.of());
    }

    /**
     * The declared return type of {@code owner.method}, looking only at {@code owner} itself; {@link #SELF} for
     * methods returning the receiver's type, or null when unknown.
     */
    static String declaredReturnType(String owner, String method) {
        return RETURNS.get(owner + '#' + method);
    }

    /**
     * Every known type whose values can become one of {@code targets} as far as {@link FileTypes} can tell: the
     * targets, their subtypes, and the owners (and their subtypes) of methods that return such a value, e.g. for
     * {@code Future}: {@code CompletableFuture}, {@code ExecutorService} ({@code submit}), {@code Executors}
     * ({@code newFixedThreadPool}). A file can only yield a value of a target type if it names one of these.
     */
    public static Set<String> typesLeadingTo(Set<String> targets) {
        Set<String> result = new java.util.HashSet<>(targets);
        boolean grown = true;
        while (grown) {
            grown = false;
            for (String type : SUPERTYPES.keySet()) {
                if (!result.contains(type) && (inherits(type, result) || returnsAny(type, result))) {
                    result.add(type);
                    grown = true;
                }
            }
        }
        return result;
    }

    private static boolean inherits(String type, Set<String> targets) {
        for (String supertype : SUPERTYPES.getOrDefault(type, List.of())) {
            if (targets.contains(supertype) || inherits(supertype, targets)) {
                return true;
            }
        }
        return false;
    }

    private static boolean returnsAny(String owner, Set<String> targets) {
        String prefix = owner + '#';
        for (Map.Entry<String, String> entry : RETURNS.entrySet()) {
            if (entry.getKey().startsWith(prefix) && targets.contains(entry.getValue())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The name a source file must contain to refer to a type: the simple name of its top-level class, e.g.
     * {@code Thread} for {@code java.lang.Thread.Builder.OfVirtual}.
     */
    public static String topLevelSimpleName(String qualifiedName) {
        String[] parts = qualifiedName.split("\\.");
        for (String part : parts) {
            if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
                return part;
            }
        }
        return parts[parts.length - 1];
    }
}
