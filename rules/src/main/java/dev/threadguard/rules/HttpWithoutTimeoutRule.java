package dev.threadguard.rules;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import dev.threadguard.analysis.Calls;
import dev.threadguard.analysis.LocalUses;
import dev.threadguard.api.FileContext;
import dev.threadguard.api.Rule;
import dev.threadguard.api.RuleMetadata;
import dev.threadguard.api.Triggers;
import dev.threadguard.types.FileTypes;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code http-without-timeout}: network clients and connections that can wait forever for a peer. */
public final class HttpWithoutTimeoutRule implements Rule {

    static final RuleMetadata METADATA = new RuleMetadata("http-without-timeout",
            "Network call without a timeout",
            "The JDK's network clients wait without limit unless told otherwise: HttpClient has no connect timeout "
                    + "and HttpRequest no response timeout by default, URLConnection and HttpURLConnection connect "
                    + "and read with a timeout of 0 (forever), URL.openStream() cannot be given one, and a Socket "
                    + "connected by its constructor or connect(endpoint), or read without setSoTimeout, waits for "
                    + "as long as the peer stays silent. One slow or unreachable service then holds the calling "
                    + "thread, and every thread after it, until the pool runs dry. URLs are only judged when their "
                    + "http(s) scheme is written in the code or the connection is used as an HTTP connection: "
                    + "class-path and file URLs need no timeout. Objects handed to other code, which may set the "
                    + "timeouts, are not reported, nor is an HttpClient without connectTimeout in a file that gives "
                    + "its HttpRequests a timeout and builds none without, since the request timeout bounds the "
                    + "connect too.",
            "Set explicit connect and read timeouts on every network client and connection.",
            MeasuredPrecision.HTTP_WITHOUT_TIMEOUT);

    private static final String HTTP_CLIENT = "java.net.http.HttpClient";
    private static final String HTTP_REQUEST = "java.net.http.HttpRequest";
    private static final String URL = "java.net.URL";
    private static final String HTTP_URL_CONNECTION = "java.net.HttpURLConnection";
    private static final String HTTPS_URL_CONNECTION = "javax.net.ssl.HttpsURLConnection";
    private static final String SOCKET_FACTORY = "javax.net.SocketFactory";
    /** How code names the loopback interface: a peer there accepts or refuses a connect at once. */
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "0:0:0:0:0:0:0:1");
    private static final String INET_ADDRESS = "java.net.InetAddress";
    /** Accessors of the local end of a socket or channel: an address of this host. */
    private static final Set<String> LOCAL_END = Set.of("getLocalAddress", "getLocalSocketAddress");
    /** What code reads from an {@code InetSocketAddress} or an {@code InetAddress} to connect to it. */
    private static final Set<String> ADDRESS_PARTS = Set.of("getAddress", "getHostName", "getHostString",
            "getHostAddress", "getCanonicalHostName");
    /** Server sockets and channels: their {@code getInetAddress()} is the address they listen on. */
    private static final Set<String> LISTENERS = Set.of("java.net.ServerSocket",
            "java.nio.channels.ServerSocketChannel", "java.nio.channels.AsynchronousServerSocketChannel");
    /** Sockets and channels whose {@code getLocalAddress()} and {@code getLocalSocketAddress()} are this host's. */
    private static final Set<String> LOCAL_END_HOLDERS = Set.of("java.net.ServerSocket", "java.net.Socket",
            "java.net.DatagramSocket", "java.nio.channels.NetworkChannel", "java.nio.channels.ServerSocketChannel",
            "java.nio.channels.SocketChannel", "java.nio.channels.AsynchronousServerSocketChannel",
            "java.nio.channels.AsynchronousSocketChannel", "java.nio.channels.DatagramChannel");
    private static final String SOCKET = "java.net.Socket";
    private static final String SERVER_SOCKET = "java.net.ServerSocket";
    private static final Set<String> BUILD = Set.of("build");
    private static final Set<String> SENDS = Set.of("send", "sendAsync");
    /** URLConnection methods that connect and wait for the peer. */
    private static final Set<String> CONNECTION_IO = Set.of("connect", "getInputStream", "getOutputStream",
            "getResponseCode", "getResponseMessage", "getContent", "getContentLength", "getContentLengthLong",
            "getContentType", "getContentEncoding", "getHeaderField", "getHeaderFields", "getHeaderFieldInt",
            "getHeaderFieldLong", "getHeaderFieldDate", "getHeaderFieldKey", "getLastModified", "getDate",
            "getExpiration", "getErrorStream");
    /** Methods that only an HTTP connection has, or that only make sense for one. */
    private static final Set<String> HTTP_ONLY = Set.of("setRequestMethod", "getResponseCode", "getResponseMessage",
            "getErrorStream", "setInstanceFollowRedirects", "setChunkedStreamingMode", "setFixedLengthStreamingMode",
            "setRequestProperty", "addRequestProperty");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public Triggers triggers() {
        return Triggers.when(Set.of(HTTP_CLIENT), Set.of("newHttpClient", "newBuilder"))
                .or(Triggers.when(Set.of(HTTP_REQUEST), Set.of("newBuilder")))
                .or(Triggers.when(Set.of(URL), Set.of("openConnection", "openStream")))
                .or(Triggers.anyOf(SOCKET, SERVER_SOCKET));
    }

    @Override
    public void check(FileContext file) {
        FileTypes types = file.types();
        for (MethodCallExpr call : file.nodes(MethodCallExpr.class)) {
            String name = call.getNameAsString();
            Optional<String> owner = types.staticOwner(call);
            if (name.equals("newHttpClient") && owner.filter(HTTP_CLIENT::equals).isPresent()) {
                file.report(METADATA, call, "`HttpClient.newHttpClient()` has no connect timeout: a host that does "
                        + "not answer holds the calling thread until the operating system gives up",
                        "Build it with HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().",
                        METADATA.defaultSeverity());
            } else if (name.equals("newBuilder") && owner.filter(HTTP_CLIENT::equals).isPresent()) {
                checkClientBuilder(call, file);
            } else if (name.equals("newBuilder") && call.getArguments().size() <= 1
                    && owner.filter(HTTP_REQUEST::equals).isPresent()) {
                checkRequestBuilder(call, file);
            } else if (name.equals("openConnection") && call.getArguments().size() <= 1
                    && types.receiverIs(call, URL)) {
                checkConnection(call, file);
            } else if (name.equals("openStream") && call.getArguments().isEmpty() && types.receiverIs(call, URL)
                    && NetworkUrls.isNetworkUrl(call.getScope().orElseThrow(), types)) {
                file.report(METADATA, call, "`" + Calls.describe(call, types, URL) + "` connects and reads an "
                        + "http(s) URL with no timeout at all", "Open a URLConnection, call setConnectTimeout and "
                        + "setReadTimeout, then getInputStream().", METADATA.defaultSeverity());
            } else if (name.equals("connect") && call.getArguments().size() == 1 && types.receiverIs(call, SOCKET)
                    && !Calls.isForwardedBy(call) && !inSocketFactory(call, types)
                    && !(isLocalAddress(call.getArgument(0), types)
                    && readsOnlyWithATimeout(call.getScope().orElseThrow()))) {
                file.report(METADATA, call, "`" + Calls.describe(call, types, SOCKET) + "` has no connect timeout: "
                        + "an unreachable host holds the calling thread until the operating system gives up",
                        "Pass a timeout: connect(endpoint, timeoutMillis).", METADATA.defaultSeverity());
            } else if (name.equals("accept") && call.getArguments().isEmpty() && types.receiverIs(call, SERVER_SOCKET)
                    && readsWithoutTimeout(call)) {
                file.report(METADATA, call, "The socket from `" + Calls.describe(call, types, SERVER_SOCKET)
                        + "` is read without setSoTimeout: a client that stops sending blocks the read forever",
                        "Call setSoTimeout(millis) on the accepted socket before reading from it.",
                        METADATA.defaultSeverity());
            }
        }
        for (ObjectCreationExpr creation : file.nodes(ObjectCreationExpr.class)) {
            if (creation.getAnonymousClassBody().isEmpty()
                    && types.resolve(creation.getType()).filter(SOCKET::equals).isPresent()) {
                checkSocket(creation, file);
            }
        }
    }

    /** {@code HttpClient.newBuilder()...build()} without {@code connectTimeout}. */
    private static void checkClientBuilder(MethodCallExpr factory, FileContext file) {
        Optional<List<MethodCallExpr>> calls = Chains.callsOnBuilder(factory, BUILD);
        if (calls.isPresent() && Chains.contains(calls.get(), "build")
                && !Chains.contains(calls.get(), "connectTimeout") && !everyRequestHasATimeout(file)) {
            file.report(METADATA, factory, "This `HttpClient` is built without `connectTimeout`: a host that does "
                    + "not answer holds the calling thread until the operating system gives up",
                    "Add .connectTimeout(Duration.ofSeconds(10)) to the builder.", METADATA.defaultSeverity());
        }
    }

    /**
     * True when the file gives its requests a timeout ({@code timeout(..)} on an {@code HttpRequest.Builder}, in a
     * chain or on a builder handed to a helper) and builds none that is known to lack one: the JDK's request
     * timeout starts before the connection is made, so it bounds the connect of a client built without
     * connectTimeout.
     */
    private static boolean everyRequestHasATimeout(FileContext file) {
        boolean timed = false;
        for (MethodCallExpr call : file.nodes(MethodCallExpr.class)) {
            if (call.getNameAsString().equals("newBuilder") && call.getArguments().size() <= 1
                    && file.types().staticOwner(call).filter(HTTP_REQUEST::equals).isPresent()) {
                Optional<List<MethodCallExpr>> calls = Chains.callsOnBuilder(call, BUILD);
                if (calls.isPresent() && !Chains.contains(calls.get(), "timeout")) {
                    return false;
                }
                timed |= calls.isPresent();
            } else if (call.getNameAsString().equals("timeout") && call.getArguments().size() == 1
                    && file.types().receiverIs(call, HTTP_REQUEST + ".Builder")) {
                timed = true;
            }
        }
        return timed;
    }

    /** {@code HttpRequest.newBuilder(uri)...build()} without {@code timeout}, and the request is sent. */
    private static void checkRequestBuilder(MethodCallExpr factory, FileContext file) {
        Optional<List<MethodCallExpr>> calls = Chains.callsOnBuilder(factory, BUILD);
        if (calls.isEmpty() || Chains.contains(calls.get(), "timeout")) {
            return;
        }
        for (MethodCallExpr build : calls.get()) {
            if (build.getNameAsString().equals("build") && isSent(Chains.end(build), file.types())) {
                file.report(METADATA, factory, "This `HttpRequest` is sent without `timeout`: a server that "
                        + "accepts the connection but never answers holds the calling thread forever",
                        "Add .timeout(Duration.ofSeconds(30)) to the request builder.", METADATA.defaultSeverity());
                return;
            }
        }
    }

    /** Passed to {@code HttpClient.send/sendAsync}, directly or through a local. */
    private static boolean isSent(Expression request, FileTypes types) {
        if (isSendArgument(request.getParentNode().orElse(null), types)) {
            return true;
        }
        Optional<VariableDeclarator> local = LocalUses.storedIn(request);
        return local.isPresent() && LocalUses.of(local.get()).stream()
                .anyMatch(use -> use.kind() == LocalUses.Kind.ESCAPES && isSendArgument(use.at(), types));
    }

    private static boolean isSendArgument(Node node, FileTypes types) {
        return node instanceof MethodCallExpr send && SENDS.contains(send.getNameAsString())
                && types.receiverIs(send, HTTP_CLIENT);
    }

    /**
     * {@code url.openConnection()} used (connected, read, written) in the method without both
     * {@code setConnectTimeout} and {@code setReadTimeout}, when it is known to be an HTTP connection.
     */
    private static void checkConnection(MethodCallExpr open, FileContext file) {
        FileTypes types = file.types();
        Expression connection = open;
        Node parent = open.getParentNode().orElse(null);
        boolean http = NetworkUrls.isNetworkUrl(open.getScope().orElseThrow(), types);
        boolean secure = NetworkUrls.isHttpsUrl(open.getScope().orElseThrow(), types);
        while (parent instanceof EnclosedExpr || parent instanceof CastExpr) {
            if (parent instanceof CastExpr cast) {
                http |= types.resolve(cast.getType()).map(type -> types.isSubtype(type, HTTP_URL_CONNECTION))
                        .orElse(false);
                secure |= types.resolve(cast.getType()).map(type -> types.isSubtype(type, HTTPS_URL_CONNECTION))
                        .orElse(false);
            }
            connection = (Expression) parent;
            parent = parent.getParentNode().orElse(null);
        }
        Optional<VariableDeclarator> local = LocalUses.storedIn(open);
        if (local.isPresent()) {
            http |= types.resolve(local.get().getType()).map(type -> types.isSubtype(type, HTTP_URL_CONNECTION))
                    .orElse(false);
            secure |= types.resolve(local.get().getType()).map(type -> types.isSubtype(type, HTTPS_URL_CONNECTION))
                    .orElse(false);
            // if (connection instanceof HttpURLConnection http) { .. }
            http |= LocalUses.of(local.get()).stream().anyMatch(use -> use.at() instanceof InstanceOfExpr test
                    && test.getPattern().orElse(null) instanceof TypePatternExpr pattern
                    && types.resolve(pattern.getType()).map(type -> types.isSubtype(type, HTTP_URL_CONNECTION))
                    .orElse(false));
        }
        Optional<List<MethodCallExpr>> calls = Chains.callsOn(connection);
        if (calls.isEmpty() || calls.get().stream().noneMatch(call -> CONNECTION_IO.contains(call.getNameAsString()))) {
            return;
        }
        http |= calls.get().stream().anyMatch(call -> HTTP_ONLY.contains(call.getNameAsString()));
        boolean connectTimeout = Chains.contains(calls.get(), "setConnectTimeout");
        boolean readTimeout = Chains.contains(calls.get(), "setReadTimeout");
        if (!http || connectTimeout && readTimeout) {
            return;
        }
        // a probe: connect() with a connect timeout and nothing read; only a TLS handshake would read on connect()
        boolean connectsOnly = calls.get().stream().filter(call -> CONNECTION_IO.contains(call.getNameAsString()))
                .allMatch(call -> call.getNameAsString().equals("connect"));
        if (connectTimeout && connectsOnly && !secure) {
            return;
        }
        String missing = !connectTimeout && !readTimeout ? "setConnectTimeout and setReadTimeout"
                : connectTimeout ? "setReadTimeout" : "setConnectTimeout";
        file.report(METADATA, open, "`" + Calls.describe(open, types, URL) + "` is used without " + missing
                + ": its default timeout of 0 waits forever for a peer that does not answer",
                "Call setConnectTimeout and setReadTimeout before connecting.", METADATA.defaultSeverity());
    }

    /** {@code new Socket(host, port)} connects without a timeout; any socket read without setSoTimeout waits. */
    private static void checkSocket(ObjectCreationExpr creation, FileContext file) {
        boolean reads = readsWithoutTimeout(creation);
        boolean connects = creation.getArguments().size() >= 2 && !inSocketFactory(creation, file.types())
                && !(isLocalAddress(creation.getArgument(0), file.types()) && readsOnlyWithATimeout(creation));
        if (!connects && !reads) {
            return;
        }
        String written = "new " + creation.getType().getNameAsString()
                + (creation.getArguments().isEmpty() ? "()" : "(..)");
        String what = connects && reads ? "connects without a connect timeout and is read without setSoTimeout"
                : connects ? "connects without a connect timeout" : "is read without setSoTimeout";
        file.report(METADATA, creation, "`" + written + "` " + what + ": a peer that does not answer holds the "
                + "calling thread", "Create the socket unconnected, connect(endpoint, timeoutMillis) and "
                + "setSoTimeout(millis) before reading.", METADATA.defaultSeverity());
    }

    /**
     * Inside a {@code javax.net.SocketFactory}'s {@code createSocket(host, port, ..)}: that API returns a connected
     * socket and takes no timeout; callers that need one use {@code createSocket()} and
     * {@code connect(endpoint, timeout)}.
     */
    private static boolean inSocketFactory(Node node, FileTypes types) {
        return node.findAncestor(com.github.javaparser.ast.body.MethodDeclaration.class)
                .filter(method -> method.getNameAsString().equals("createSocket") && method.getParameters().size() >= 2)
                .flatMap(method -> types.enclosingType(method))
                .map(type -> types.isSubtype(type, SOCKET_FACTORY)).orElse(false);
    }

    /**
     * An address of this host, where the local kernel accepts or refuses a connect at once: the loopback interface
     * ({@code "127.0.0.1"}, {@code "localhost"}, {@code InetAddress.getByName("127.0.0.1")},
     * {@code InetAddress.getLoopbackAddress()}, {@code new InetSocketAddress("localhost", port)}), the host's own
     * address ({@code InetAddress.getLocalHost()}), or the local end of a socket or channel of the process
     * ({@code serverSocket.getInetAddress()}, {@code serverSocket.getLocalSocketAddress()},
     * {@code channel.getLocalAddress()}, {@code socket.getLocalAddress()}), through an {@code InetSocketAddress}'s
     * host or address, a cast, and the locals and fields that hold it.
     */
    private static boolean isLocalAddress(Expression address, FileTypes types) {
        return isLocalAddress(address, types, 0);
    }

    private static boolean isLocalAddress(Expression address, FileTypes types, int depth) {
        Expression inner = dev.threadguard.analysis.Nodes.unwrap(address);
        if (depth > 4) {
            return false;
        }
        if (inner instanceof CastExpr cast) {
            return isLocalAddress(cast.getExpression(), types, depth + 1);
        }
        if (inner instanceof com.github.javaparser.ast.expr.StringLiteralExpr text) {
            return LOOPBACK.contains(text.asString().toLowerCase(java.util.Locale.ROOT));
        }
        if (inner instanceof MethodCallExpr call && types.staticOwner(call).filter(INET_ADDRESS::equals)
                .isPresent()) {
            return call.getNameAsString().equals("getLoopbackAddress") || call.getNameAsString().equals("getLocalHost")
                    && call.getArguments().isEmpty() || call.getNameAsString().equals("getByName")
                    && call.getArguments().size() == 1 && isLocalAddress(call.getArgument(0), types, depth + 1);
        }
        if (inner instanceof MethodCallExpr call && call.getArguments().isEmpty() && call.getScope().isPresent()) {
            String name = call.getNameAsString();
            Expression scope = call.getScope().get();
            if (LOCAL_END.contains(name) || name.equals("getInetAddress")) {
                // a ServerSocket's getInetAddress() is the address it listens on; a Socket's is its peer's
                return holdsALocalEnd(scope, types, name.equals("getInetAddress"));
            }
            // address.getHostName(), getAddress(), .. of a local InetSocketAddress or InetAddress
            return ADDRESS_PARTS.contains(name) && isLocalAddress(scope, types, depth + 1);
        }
        if (inner instanceof ObjectCreationExpr creation && creation.getArguments().size() == 2
                && types.resolve(creation.getType()).filter("java.net.InetSocketAddress"::equals).isPresent()) {
            return isLocalAddress(creation.getArgument(0), types, depth + 1);
        }
        if (!(inner instanceof com.github.javaparser.ast.expr.NameExpr
                || inner instanceof com.github.javaparser.ast.expr.FieldAccessExpr access
                && access.getScope() instanceof com.github.javaparser.ast.expr.ThisExpr)) {
            return false;
        }
        // if (bound instanceof InetSocketAddress address): the tested value
        if (inner instanceof com.github.javaparser.ast.expr.NameExpr name) {
            Optional<Node> pattern = dev.threadguard.types.Variables.find(name.getNameAsString(), name)
                    .map(dev.threadguard.types.Variables.Declared::declaration)
                    .filter(TypePatternExpr.class::isInstance).flatMap(Node::getParentNode);
            if (pattern.isPresent()) {
                return pattern.get() instanceof InstanceOfExpr test
                        && isLocalAddress(test.getExpression(), types, depth + 1);
            }
        }
        // a local or field whose every value is a local address
        List<Expression> values = dev.threadguard.types.Variables.assignedValues(inner);
        return !values.isEmpty() && values.stream().allMatch(value -> isLocalAddress(value, types, depth + 1));
    }

    /**
     * A socket or channel of the process, whose local end is an address of this host; with {@code listening}, only
     * a server socket or channel, whose {@code getInetAddress()} is its own address.
     */
    private static boolean holdsALocalEnd(Expression holder, FileTypes types, boolean listening) {
        Expression inner = dev.threadguard.analysis.Nodes.unwrap(holder);
        // serverChannel.socket(): the channel's ServerSocket
        if (inner instanceof MethodCallExpr socket && socket.getNameAsString().equals("socket")
                && socket.getArguments().isEmpty() && socket.getScope().isPresent()) {
            return holdsALocalEnd(socket.getScope().get(), types, listening);
        }
        Set<String> holders = listening ? LISTENERS : LOCAL_END_HOLDERS;
        return types.typeOf(inner).map(type -> holders.stream().anyMatch(known -> types.isSubtype(type, known)))
                .orElse(false);
    }

    /**
     * A socket closed at once ({@code new Socket(host, port).close()}) or kept in a local that is not read and not
     * handed on (a connect-only use), or that is given {@code setSoTimeout}, so that every read of it, here or where
     * it is handed, ends.
     */
    private static boolean readsOnlyWithATimeout(Expression socket) {
        if (socket.getParentNode().orElse(null) instanceof MethodCallExpr close
                && close.getNameAsString().equals("close") && close.getScope().orElse(null) == socket) {
            return true;
        }
        Optional<VariableDeclarator> local = socket instanceof com.github.javaparser.ast.expr.NameExpr name
                ? LocalUses.declaredBy(name) : LocalUses.storedIn(socket);
        if (local.isEmpty()) {
            return false;
        }
        List<LocalUses.Use> uses = LocalUses.of(local.get());
        return uses.stream().anyMatch(use -> use.kind() == LocalUses.Kind.CALL && use.method().equals("setSoTimeout"))
                || uses.stream().noneMatch(use -> use.kind() == LocalUses.Kind.ESCAPES
                || use.kind() == LocalUses.Kind.CALL && use.method().equals("getInputStream"));
    }

    /** A socket kept in a local whose input stream is read in the method, with no setSoTimeout and no escape. */
    private static boolean readsWithoutTimeout(Expression socket) {
        Optional<VariableDeclarator> local = LocalUses.storedIn(socket);
        if (local.isEmpty()) {
            return false;
        }
        boolean reads = false;
        for (LocalUses.Use use : LocalUses.of(local.get())) {
            if (use.kind() == LocalUses.Kind.ESCAPES
                    || use.kind() == LocalUses.Kind.CALL && use.method().equals("setSoTimeout")) {
                return false;
            }
            reads |= use.kind() == LocalUses.Kind.CALL && use.method().equals("getInputStream");
        }
        return reads;
    }
}
