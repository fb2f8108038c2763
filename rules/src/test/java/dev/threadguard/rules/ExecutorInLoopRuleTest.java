package dev.threadguard.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutorInLoopRuleTest {

    private final RuleTester tester = RuleTester.of(new ExecutorInLoopRule());

    @Test
    void reportsExecutorsAndTimersCreatedPerIteration() {
        assertThat(tester.positions("""
                import java.util.*;
                import java.util.concurrent.*;
                class C {
                    void go(List<String> items) {
                        for (String item : items) {
                            ExecutorService pool = Executors.newFixedThreadPool(2);
                        }
                        while (items.isEmpty()) {
                            new ThreadPoolExecutor(1, 2, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4));
                        }
                        items.forEach(i -> new Timer());
                        do { new ForkJoinPool(); } while (items.size() > 3);
                        for (String item : items) new ScheduledThreadPoolExecutor(1);
                    }
                }
                """)).containsExactly("executor-in-loop@6:36", "executor-in-loop@9:13", "executor-in-loop@11:28",
                "executor-in-loop@12:14", "executor-in-loop@13:35");
    }

    @Test
    void reportsStaticImportsFullyQualifiedNamesAndUserSubclasses() {
        String pool = """
                package app;
                public class MyPool extends java.util.concurrent.ThreadPoolExecutor {
                    public MyPool() { super(1, 1, 0, java.util.concurrent.TimeUnit.SECONDS, null); }
                }
                """;
        String user = """
                package app;
                import static java.util.concurrent.Executors.newCachedThreadPool;
                class Use {
                    void go(java.util.List<String> items) {
                        for (String s : items) newCachedThreadPool();
                        for (String s : items) java.util.concurrent.Executors.newSingleThreadExecutor();
                        for (String s : items) new MyPool();
                    }
                }
                """;
        assertThat(tester.positions(pool, user)).containsExactly("executor-in-loop@5:32", "executor-in-loop@6:32",
                "executor-in-loop@7:32");
    }

    @Test
    void ignoresOtherTimersOtherExecutorsClassesSharedPoolsAndConstantStripes() {
        assertThat(tester.positions("""
                import java.util.List;
                import java.util.concurrent.ExecutorService;
                import java.util.concurrent.ForkJoinPool;
                import javax.swing.Timer;
                import com.acme.Executors;
                class C {
                    private final ExecutorService[] stripes = new ExecutorService[4];
                    void go(List<String> items) {
                        ExecutorService shared = java.util.concurrent.Executors.newFixedThreadPool(4);
                        for (String s : items) {
                            shared.submit(() -> {});
                            ForkJoinPool.commonPool().execute(() -> {});
                            new Timer(10, null);
                            Executors.newFixedThreadPool(2);
                            java.util.concurrent.Executors.defaultThreadFactory();
                        }
                        for (int i = 0; i < 4; i++) stripes[i] = java.util.concurrent.Executors.newSingleThreadExecutor();
                    }
                }
                """)).isEmpty();
    }

    @Test
    void aVirtualThreadPerTaskExecutorPerIterationPoolsNoThreadAndIsNotReported() {
        assertThat(tester.positions("""
                import java.util.List;
                import java.util.concurrent.*;
                class C {
                    void go(List<List<Callable<String>>> batches) throws Exception {
                        for (List<Callable<String>> batch : batches) {
                            try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
                                each.invokeAll(batch);
                            }
                            ExecutorService cached = Executors.newCachedThreadPool();
                            cached.invokeAll(batch);
                        }
                    }
                }
                """)).containsExactly("executor-in-loop@9:38");
    }

    @Test
    void ignoresCountedLoopsThatBuildAFixedSetOfStripesInAField() {
        // zookeeper WorkerService: one single-thread executor per configured worker, kept in a field; hadoop
        // AsyncDiskService: one pool per configured volume
        assertThat(tester.positions("""
                import java.util.*;
                import java.util.concurrent.*;
                class C {
                    private final List<ExecutorService> workers = new ArrayList<>();
                    private final Map<String, ExecutorService> perVolume = new HashMap<>();
                    void start(int numWorkerThreads, List<String> jobs, String[] volumes) {
                        for (int i = 1; i <= numWorkerThreads; ++i) {
                            workers.add(Executors.newFixedThreadPool(1));
                        }
                        for (int v = 0; v < volumes.length; v++) {
                            ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 4, 60, TimeUnit.SECONDS,
                                    new LinkedBlockingQueue<>());
                            perVolume.put(volumes[v], executor);
                        }
                        for (int i = 0; i < jobs.size(); i++) {
                            workers.add(Executors.newFixedThreadPool(1));
                        }
                    }
                }
                """)).containsExactly("executor-in-loop@16:25");
    }

    @Test
    void ignoresAPoolShutDownInTheIterationThatCreatedItButNotOneShutDownAfterTheLoop() {
        assertThat(tester.positions("""
                import java.util.*;
                import java.util.concurrent.*;
                class RuleListener {
                    void listen(BlockingQueue<String> rules, List<Runnable> handlers) throws InterruptedException {
                        while (true) {
                            String rule = rules.take();
                            ExecutorService migrations = null;
                            try {
                                migrations = Executors.newFixedThreadPool(Math.min(handlers.size(), 100));
                                for (Runnable handler : handlers) {
                                    migrations.submit(handler);
                                }
                            } finally {
                                if (migrations != null) {
                                    migrations.shutdown();
                                }
                            }
                        }
                    }
                    void leak(List<String> items) {
                        List<ExecutorService> pools = new ArrayList<>();
                        for (String item : items) {
                            ExecutorService pool = Executors.newSingleThreadExecutor();
                            pools.add(pool);
                        }
                        pools.forEach(ExecutorService::shutdown);
                    }
                }
                """)).containsExactly("executor-in-loop@23:36");
    }

    @Test
    void ignoresOnePoolPerConfiguredVolumeKeptInAFieldTheComponentShutsDown() {
        assertThat(tester.positions("""
                import java.util.*;
                import java.util.concurrent.*;
                class DiskService {
                    private final Map<String, ExecutorService> executors = new HashMap<>();
                    DiskService(List<String> volumes) {
                        for (String volume : volumes) {
                            executors.put(volume, Executors.newFixedThreadPool(2));
                        }
                    }
                    void shutdown() {
                        for (ExecutorService executor : executors.values()) {
                            executor.shutdown();
                        }
                    }
                }
                """)).isEmpty();
    }

    @Test
    void ignoresAConfiguredSetOfStripesKeptInALocalListButNotOnePerItem() {
        assertThat(tester.positions("""
                import java.util.*;
                import java.util.concurrent.*;
                class Striped {
                    void run(int stripes, List<String> items) {
                        List<ExecutorService> lanes = new ArrayList<>();
                        for (int i = 0; i < stripes; i++) {
                            lanes.add(Executors.newSingleThreadExecutor());
                        }
                        lanes.forEach(ExecutorService::shutdown);
                        List<ExecutorService> perItem = new ArrayList<>();
                        for (int i = 0; i < items.size(); i++) {
                            perItem.add(Executors.newSingleThreadExecutor());
                        }
                        perItem.forEach(ExecutorService::shutdown);
                    }
                }
                """)).containsExactly("executor-in-loop@12:25");
    }
}
