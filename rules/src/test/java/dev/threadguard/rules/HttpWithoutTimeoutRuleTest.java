package dev.threadguard.rules;

import dev.threadguard.api.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HttpWithoutTimeoutRuleTest {

    private final RuleTester tester = RuleTester.of(new HttpWithoutTimeoutRule());

    @Test
    void reportsHttpClientsAndRequestsWithoutTimeoutsAtTheFactoryCall() {
        String source = """
                import java.net.URI;
                import java.net.http.*;
                import java.time.Duration;
                class C {
                    HttpClient a = HttpClient.newHttpClient();
                    HttpClient b = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
                    HttpClient c() {
                        var builder = HttpClient.newBuilder();
                        builder.version(HttpClient.Version.HTTP_2);
                        return builder.build();
                    }
                    String d(HttpClient client, String url) throws Exception {
                        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
                        client.sendAsync(HttpRequest.newBuilder(URI.create(url)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
                    }
                }
                """;
        assertThat(tester.positions(source)).containsExactly("http-without-timeout@5:20",
                "http-without-timeout@6:20", "http-without-timeout@8:23", "http-without-timeout@13:31",
                "http-without-timeout@14:26");
        List<Finding> findings = tester.findings(source);
        assertThat(findings.get(0).message()).startsWith("`HttpClient.newHttpClient()` has no connect timeout");
        assertThat(findings.get(1).message()).startsWith("This `HttpClient` is built without `connectTimeout`");
        assertThat(findings.get(3).message()).startsWith("This `HttpRequest` is sent without `timeout`");
        assertThat(findings.get(3).fix()).isEqualTo("Add .timeout(Duration.ofSeconds(30)) to the request builder.");
    }

    @Test
    void ignoresClientsAndRequestsWithTimeoutsOrHandedToOtherCode() {
        assertThat(tester.positions("""
                import java.net.URI;
                import java.net.http.*;
                import java.time.Duration;
                class C {
                    HttpClient a = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                    HttpClient.Builder b() { return HttpClient.newBuilder(); }
                    void c(Configurer configurer) {
                        HttpClient.Builder builder = HttpClient.newBuilder();
                        configurer.configure(builder);
                        HttpClient client = builder.build();
                    }
                    String d(HttpClient client, URI uri) throws Exception {
                        HttpRequest timed = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build();
                        HttpRequest notSent = HttpRequest.newBuilder(uri).build();
                        queue(notSent);
                        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
                        builder.timeout(Duration.ofSeconds(1));
                        client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                        return client.send(timed, HttpResponse.BodyHandlers.ofString()).body();
                    }
                    Object e() { return com.acme.HttpClient.newHttpClient(); }
                    void queue(HttpRequest request) { }
                }
                """)).isEmpty();
    }

    @Test
    void reportsHttpConnectionsUsedWithoutBothTimeoutsAndHttpUrlsOpenedAsStreams() {
        String source = """
                import java.io.InputStream;
                import java.net.*;
                class C {
                    int a(URL url) throws Exception {
                        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
                        conn.setRequestMethod("GET");
                        return conn.getResponseCode();
                    }
                    InputStream b(URL url) throws Exception {
                        URLConnection conn = url.openConnection();
                        conn.setConnectTimeout(1000);
                        conn.setRequestProperty("Accept", "text/plain");
                        return conn.getInputStream();
                    }
                    InputStream c() throws Exception {
                        return new URL("https://example.com/feed").openStream();
                    }
                    InputStream d(String host) throws Exception {
                        URL url = new URL("http://" + host + "/status");
                        return url.openConnection().getInputStream();
                    }
                }
                """;
        assertThat(tester.positions(source)).containsExactly("http-without-timeout@5:54",
                "http-without-timeout@10:30", "http-without-timeout@16:16", "http-without-timeout@20:16");
        List<Finding> findings = tester.findings(source);
        assertThat(findings.get(0).message()).isEqualTo("`url.openConnection()` is used without setConnectTimeout "
                + "and setReadTimeout: its default timeout of 0 waits forever for a peer that does not answer");
        assertThat(findings.get(1).message()).startsWith("`url.openConnection()` is used without setReadTimeout:");
        assertThat(findings.get(2).message()).startsWith("`URL.openStream()` connects and reads an http(s) URL");
    }

    @Test
    void ignoresConnectionsWithTimeoutsHandedOnOrNotKnownToBeHttp() {
        assertThat(tester.positions("""
                import java.io.InputStream;
                import java.net.*;
                class C {
                    int a(URL url) throws Exception {
                        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
                        conn.setConnectTimeout(1000);
                        conn.setReadTimeout(5000);
                        return conn.getResponseCode();
                    }
                    int b(URL url) throws Exception {
                        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
                        configure(conn);
                        return conn.getResponseCode();
                    }
                    long c(URL resource) throws Exception {
                        URLConnection conn = resource.openConnection();
                        conn.setUseCaches(false);
                        return conn.getLastModified();
                    }
                    InputStream d() throws Exception {
                        return getClass().getResource("/config.properties").openStream();
                    }
                    InputStream e(URL url) throws Exception {
                        return url.openStream();
                    }
                    void configure(HttpURLConnection conn) { }
                }
                """)).isEmpty();
    }

    @Test
    void reportsSocketsConnectedOrReadWithoutTimeouts() {
        String source = """
                import java.net.*;
                class C {
                    int a() throws Exception {
                        Socket socket = new Socket("example.com", 80);
                        return socket.getInputStream().read();
                    }
                    void b(SocketAddress address) throws Exception {
                        Socket socket = new Socket();
                        socket.connect(address);
                    }
                    int c(ServerSocket server) throws Exception {
                        Socket client = server.accept();
                        return client.getInputStream().read();
                    }
                }
                """;
        assertThat(tester.positions(source)).containsExactly("http-without-timeout@4:25",
                "http-without-timeout@9:9", "http-without-timeout@12:25");
        assertThat(tester.findings(source).get(0).message()).isEqualTo("`new Socket(..)` connects without a connect "
                + "timeout and is read without setSoTimeout: a peer that does not answer holds the calling thread");
    }

    @Test
    void ignoresSocketsWithTimeoutsOrHandedToOtherCode() {
        assertThat(tester.positions("""
                import java.net.*;
                class C {
                    int a(SocketAddress address) throws Exception {
                        Socket socket = new Socket();
                        socket.connect(address, 1000);
                        socket.setSoTimeout(5000);
                        return socket.getInputStream().read();
                    }
                    void b(ServerSocket server) throws Exception {
                        Socket client = server.accept();
                        handle(client);
                    }
                    void c(Proxy proxy) {
                        Socket unconnected = new Socket(proxy);
                    }
                    void handle(Socket socket) { }
                }
                class Forwarding extends Socket {
                    private final Socket inner = new Socket();
                    // zookeeper UnifiedServerSocket: an override of connect(endpoint) leaves the timeout to its callers
                    @Override public void connect(SocketAddress endpoint) throws java.io.IOException {
                        inner.connect(endpoint);
                    }
                }
                """)).isEmpty();
    }

    @Test
    void reportsAConnectionUsedAsHttpThroughAPatternVariableUnlessThatVariableSetsBothTimeouts() {
        assertThat(tester.positions("""
                import java.net.*;
                import java.io.*;
                class Probe {
                    InputStream fetch(URL url) throws IOException {
                        URLConnection connection = url.openConnection();
                        if (connection instanceof HttpURLConnection http) {
                            http.setRequestMethod("GET");
                        }
                        return connection.getInputStream();
                    }
                    InputStream timed(URL url) throws IOException {
                        URLConnection connection = url.openConnection();
                        if (connection instanceof HttpURLConnection http) {
                            http.setConnectTimeout(5_000);
                            http.setReadTimeout(10_000);
                        }
                        return connection.getInputStream();
                    }
                    InputStream handedOn(URL url) throws IOException {
                        URLConnection connection = url.openConnection();
                        if (connection instanceof HttpURLConnection http) {
                            configure(http);
                        }
                        return connection.getInputStream();
                    }
                    void configure(HttpURLConnection connection) { }
                }
                """)).containsExactly("http-without-timeout@5:36");
    }

    @Test
    void ignoresAClientWithoutConnectTimeoutWhenEveryRequestOfTheFileHasATimeout() {
        String timed = """
                import java.net.URI;
                import java.net.http.*;
                import java.time.Duration;
                class Client {
                    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
                    String get(URI uri, long timeoutMillis) throws Exception {
                        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
                        if (timeoutMillis > 0) {
                            request.timeout(Duration.ofMillis(timeoutMillis));
                        }
                        return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
                    }
                }
                """;
        String untimed = timed.replace("class Client", "class Other").replace("request.timeout(", "request.header(\"x\", ");
        String timedInAHelper = """
                import java.net.URI;
                import java.net.http.*;
                import java.time.Duration;
                class Helped {
                    private final HttpClient client = HttpClient.newBuilder().build();
                    String get(URI uri) throws Exception {
                        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
                        decorate(request);
                        return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
                    }
                    private void decorate(HttpRequest.Builder request) {
                        request.timeout(Duration.ofSeconds(30));
                    }
                }
                """;
        assertThat(tester.positions(timed)).isEmpty();
        assertThat(tester.positions(timedInAHelper)).isEmpty();
        assertThat(tester.positions(untimed)).containsExactly("http-without-timeout@5:39",
                "http-without-timeout@7:39");
    }

    @Test
    void leavesTheConnectedSocketOverloadsOfASocketFactoryToTheirCallers() {
        assertThat(tester.positions("""
                import java.net.*;
                import javax.net.SocketFactory;
                class PlainFactory extends SocketFactory {
                    @Override public Socket createSocket() { return new Socket(); }
                    @Override public Socket createSocket(String host, int port) throws java.io.IOException {
                        return new Socket(host, port);
                    }
                    @Override public Socket createSocket(InetAddress host, int port) throws java.io.IOException {
                        Socket socket = new Socket();
                        socket.connect(new InetSocketAddress(host, port));
                        return socket;
                    }
                    @Override public Socket createSocket(String host, int port, InetAddress local, int localPort)
                            throws java.io.IOException {
                        return new Socket(host, port, local, localPort);
                    }
                    @Override public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
                            throws java.io.IOException {
                        return new Socket(host, port, local, localPort);
                    }
                }
                class NotAFactory {
                    Socket createSocket(String host, int port) throws java.io.IOException {
                        return new Socket(host, port);
                    }
                }
                """)).containsExactly("http-without-timeout@24:16");
    }

    @Test
    void ignoresAPlainHttpConnectOnlyProbeWithAConnectTimeoutButNotOneOverHttpsOrOneThatReads() {
        assertThat(tester.positions("""
                import java.net.*;
                import javax.net.ssl.HttpsURLConnection;
                class Probe {
                    boolean reachable(String host) throws Exception {
                        HttpURLConnection connection = (HttpURLConnection) new URL(host).openConnection();
                        connection.setConnectTimeout(5000);
                        connection.connect();
                        connection.disconnect();
                        return true;
                    }
                    boolean plain(String host) throws Exception {
                        URLConnection connection = new URL("http://" + host).openConnection();
                        connection.setConnectTimeout(5000);
                        connection.connect();
                        return true;
                    }
                    boolean secure(String host) throws Exception {
                        URLConnection connection = new URL("https://" + host).openConnection();
                        connection.setConnectTimeout(5000);
                        connection.connect();
                        return true;
                    }
                    boolean secureByType(String host) throws Exception {
                        HttpsURLConnection connection = (HttpsURLConnection) new URL(host).openConnection();
                        connection.setConnectTimeout(5000);
                        connection.connect();
                        return true;
                    }
                    int reads(String host) throws Exception {
                        HttpURLConnection connection = (HttpURLConnection) new URL(host).openConnection();
                        connection.setConnectTimeout(5000);
                        connection.connect();
                        return connection.getResponseCode();
                    }
                    boolean noConnectTimeout(String host) throws Exception {
                        HttpURLConnection connection = (HttpURLConnection) new URL(host).openConnection();
                        connection.connect();
                        connection.disconnect();
                        return true;
                    }
                }
                """)).containsExactly("http-without-timeout@18:36", "http-without-timeout@24:62",
                "http-without-timeout@30:60", "http-without-timeout@36:60");
    }

    @Test
    void ignoresAConnectOnlySocketToTheLoopbackInterfaceButNotOneThatReadsOrGoesElsewhere() {
        assertThat(tester.positions("""
                import java.io.OutputStream;
                import java.net.*;
                class Shutdown {
                    static final String LOCAL = "127.0.0.1";
                    void stop(int port) throws Exception {
                        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port);
                        OutputStream out = socket.getOutputStream();
                        out.write(1);
                        socket.close();
                    }
                    void stopByName(int port) throws Exception {
                        try (Socket socket = new Socket("localhost", port)) {
                            socket.getOutputStream().write(1);
                        }
                    }
                    void probe(int port) throws Exception {
                        try (Socket socket = new Socket()) {
                            socket.connect(new InetSocketAddress(LOCAL, port));
                        }
                        Socket loopback = new Socket();
                        loopback.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                        loopback.close();
                    }
                    int reads(int port) throws Exception {
                        Socket socket = new Socket("localhost", port);
                        return socket.getInputStream().read();
                    }
                    void remote(String host, int port) throws Exception {
                        Socket socket = new Socket(host, port);
                        socket.getOutputStream().write(1);
                        socket.close();
                    }
                }
                """)).containsExactly("http-without-timeout@25:25", "http-without-timeout@29:25");
    }

    @Test
    void ignoresASocketToTheProcesssOwnAddressConnectedOnlyOrReadWithATimeoutButNotAPeersAddress() {
        assertThat(tester.positions("""
                import java.io.InputStream;
                import java.net.*;
                import java.nio.channels.ServerSocketChannel;
                class Listener {
                    private ServerSocketChannel channel;
                    private ServerSocket server;
                    private Socket client;
                    void wakeAcceptor() throws Exception {
                        SocketAddress bound = channel.getLocalAddress();
                        if (bound instanceof InetSocketAddress address) {
                            Socket ping = new Socket(address.getHostName(), address.getPort());
                            ping.setSoTimeout(1000);
                            answer(ping);
                        }
                        InetSocketAddress own = (InetSocketAddress) server.getLocalSocketAddress();
                        try (Socket probe = new Socket()) {
                            probe.connect(own);
                        }
                    }
                    boolean bound(int port) throws Exception {
                        try (Socket ignored = new Socket(InetAddress.getLocalHost(), port)) {
                            return true;
                        }
                    }
                    void wakeServer() throws Exception {
                        new Socket(server.getInetAddress(), server.getLocalPort()).close();
                        Socket self = new Socket(channel.socket().getInetAddress(), server.getLocalPort());
                        self.setSoTimeout(500);
                        self.getInputStream().read();
                        self.close();
                    }
                    int readsForever() throws Exception {
                        Socket socket = new Socket(InetAddress.getLocalHost().getHostAddress(), 80);
                        InputStream in = socket.getInputStream();
                        return in.read();
                    }
                    void peer(int port) throws Exception {
                        Socket back = new Socket(client.getInetAddress(), port);
                        back.close();
                        Socket remote = new Socket();
                        remote.connect(client.getRemoteSocketAddress());
                        remote.close();
                    }
                    void handedOn(int port) throws Exception {
                        Socket socket = new Socket(InetAddress.getLocalHost(), port);
                        answer(socket);
                    }
                    void answer(Socket socket) { }
                }
                """)).containsExactly("http-without-timeout@33:25", "http-without-timeout@38:23",
                "http-without-timeout@41:9", "http-without-timeout@45:25");
    }

    @Test
    void ignoresASocketToTheLoopbackInterfaceReadWithATimeout() {
        assertThat(tester.positions("""
                import java.net.*;
                class Ping {
                    int ping(int port) throws Exception {
                        try (Socket socket = new Socket("127.0.0.1", port)) {
                            socket.setSoTimeout(1000);
                            return socket.getInputStream().read();
                        }
                    }
                    int pingForever(int port) throws Exception {
                        try (Socket socket = new Socket("127.0.0.1", port)) {
                            return socket.getInputStream().read();
                        }
                    }
                }
                """)).containsExactly("http-without-timeout@10:30");
    }
}
