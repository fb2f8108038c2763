package dev.threadguard.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadInHandlerRuleTest {

    private final RuleTester tester = RuleTester.of(new ThreadInHandlerRule());

    @Test
    void reportsServletAndFilterHandlers() {
        assertThat(tester.positions("""
                import jakarta.servlet.*;
                import jakarta.servlet.http.*;
                import java.util.concurrent.Executors;
                class MyServlet extends HttpServlet {
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                        new Thread(() -> {}).start();
                    }
                    protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
                        Executors.newFixedThreadPool(4).submit(() -> {});
                    }
                    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) {
                        new Thread(() -> {}).start();
                    }
                }
                """)).containsExactly("thread-in-handler@6:30", "thread-in-handler@9:9",
                "thread-in-handler@12:30");
    }

    @Test
    void virtualThreadsPerRequestAreWhatTheyAreForAndNotReported() {
        assertThat(tester.positions("""
                import jakarta.servlet.http.*;
                import java.util.concurrent.*;
                class FanOut extends HttpServlet {
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                        Thread.startVirtualThread(() -> {});
                        Thread.ofVirtual().start(() -> {});
                        try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
                            each.submit(() -> "a");
                            each.submit(() -> "b");
                        }
                    }
                    protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
                        Executors.newCachedThreadPool().submit(() -> {});
                    }
                }
                """)).as("JEP 444: a new virtual thread for each task; only the platform pool is reported")
                .containsExactly("thread-in-handler@13:9");
    }

    @Test
    void reportsSpringJaxRsJmsNettyAndHttpServerHandlers() {
        assertThat(tester.positions("""
                import org.springframework.web.bind.annotation.GetMapping;
                import org.springframework.kafka.annotation.KafkaListener;
                import javax.ws.rs.POST;
                import javax.jms.Message;
                import io.netty.channel.ChannelHandlerContext;
                import com.sun.net.httpserver.*;
                import java.util.concurrent.*;
                class Handlers {
                    @GetMapping("/a") String a() { new Thread(() -> {}).start(); return ""; }
                    @KafkaListener(topics = "t") void b(String m) { Executors.newCachedThreadPool().execute(() -> {}); }
                    @POST void c() { new Thread(() -> {}).start(); }
                    public void onMessage(Message m) { new Thread(() -> {}).start(); }
                    public void channelRead(ChannelHandlerContext ctx, Object msg) { new Thread(() -> {}).start(); }
                    public void handle(HttpExchange exchange) { new Thread(() -> {}).start(); }
                    void serve(HttpServer server) {
                        server.createContext("/", exchange -> new Thread(() -> {}).start());
                    }
                }
                """)).containsExactly("thread-in-handler@9:57", "thread-in-handler@10:53",
                "thread-in-handler@11:43", "thread-in-handler@12:61", "thread-in-handler@13:91",
                "thread-in-handler@14:70", "thread-in-handler@16:68");
    }

    @Test
    void ignoresNonHandlersLookalikesAndPoolsCreatedAtStartup() {
        assertThat(tester.positions("""
                import java.util.concurrent.*;
                import com.acme.web.GetMapping;
                class Service {
                    private final ExecutorService pool = Executors.newFixedThreadPool(4);
                    private final Thread reaper = new Thread(() -> {});
                    void startup() { new Thread(() -> {}).start(); }
                    protected void doGet(String request, String response) { new Thread(() -> {}).start(); }
                    @GetMapping("/x") void x() { pool.submit(() -> {}); }
                    public void onMessage(String m) { new Thread(() -> {}).start(); }
                    public void handle(Object exchange) { reaper.start(); }
                }
                """)).isEmpty();
    }

    @Test
    void ignoresAPoolPerRequestThatIsNeverGivenATaskButNotOneThatIs() {
        assertThat(tester.positions("""
                import javax.ws.rs.POST;
                import java.util.concurrent.*;
                class Resource {
                    @POST Object probe(Object body) {
                        ExecutorService idle = Executors.newSingleThreadExecutor();
                        try {
                            return body.toString();
                        } finally {
                            if (!idle.isShutdown()) {
                                idle.shutdownNow();
                            }
                        }
                    }
                    @POST Object run(Callable<Object> work) throws Exception {
                        ExecutorService pool = Executors.newSingleThreadExecutor();
                        if (pool.isShutdown()) {
                            return null;
                        }
                        return pool.submit(work).get();
                    }
                    @POST Object handOver(Object body) {
                        ExecutorService pool = Executors.newSingleThreadExecutor();
                        return new com.acme.Engine(pool).match(body);
                    }
                    @POST void spare() {
                        ThreadPoolExecutor spare = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                                new LinkedBlockingQueue<>());
                    }
                    @POST void timer() {
                        java.util.Timer timer = new java.util.Timer();
                    }
                }
                """)).containsExactly("thread-in-handler@15:32", "thread-in-handler@22:32", "thread-in-handler@30:33");
    }
}
