package dev.threadguard.report.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.threadguard.report.model.LoadSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadGeneratorTest {

    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/ok", exchange -> answer(exchange, 200));
        server.createContext("/missing", exchange -> answer(exchange, 404));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange, int status) throws IOException {
        served.incrementAndGet();
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + server.getAddress().getPort() + path);
    }

    private LoadGenerator.Settings settings(int requests, int concurrency, URI... urls) {
        return new LoadGenerator.Settings(List.of(urls), requests, concurrency, Duration.ofSeconds(5),
                Duration.ofSeconds(30));
    }

    @Test
    void sendsEveryRequestOverTheUrlsInTurnAndCountsAnswersByStatus() throws Exception {
        LoadSummary load = new LoadGenerator().run(settings(60, 8, url("/ok"), url("/missing")), (done, total) -> { },
                () -> true);

        assertThat(load.requests()).isEqualTo(60);
        assertThat(load.ok()).isEqualTo(30);
        assertThat(load.errors()).isZero();
        assertThat(load.statusCounts()).isEqualTo(Map.of("200", 30L, "404", 30L));
        assertThat(load.p99Millis()).isGreaterThanOrEqualTo(load.p50Millis());
        assertThat(served).hasValue(60);
    }

    @Test
    void stopsOnceTheApplicationIsGone() throws Exception {
        int concurrency = 4;
        LoadSummary load = new LoadGenerator().run(settings(500, concurrency, url("/ok")), (done, total) -> { },
                () -> served.get() < 10);

        assertThat(load.requests()).isBetween(10L, 10L + concurrency);
        assertThat(served.get()).isEqualTo((int) load.requests());
    }

    @Test
    void aServiceThatRefusesConnectionsMakesErrorsNotAHang() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);
        LoadSummary load = new LoadGenerator().run(settings(5, 2, URI.create("http://localhost:" + port + "/ok")),
                (done, total) -> { }, () -> true);

        assertThat(load.requests()).isEqualTo(5);
        assertThat(load.errors()).isEqualTo(5);
        assertThat(load.ok()).isZero();
    }

    @Test
    void badSettingsNameTheParameter() {
        assertThatThrownBy(() -> settings(0, 1, url("/ok"))).hasMessageStartingWith("threadguard.loadRequests is 0");
        assertThatThrownBy(() -> settings(1, 0, url("/ok"))).hasMessageStartingWith("threadguard.loadConcurrency is 0");
        assertThatThrownBy(() -> settings(1, 1, URI.create("ftp://localhost/")))
                .hasMessageStartingWith("threadguard.loadUrls has 'ftp://localhost/'");
    }
}
