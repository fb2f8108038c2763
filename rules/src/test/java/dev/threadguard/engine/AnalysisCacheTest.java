package dev.threadguard.engine;

import dev.threadguard.api.Finding;
import dev.threadguard.api.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnalysisCacheTest {

    @TempDir
    Path project;

    private Path cacheFile() {
        return project.resolve("target/threadguard/analysis.cache");
    }

    private Path write(String name, String content) throws IOException {
        Path file = project.resolve("src").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private AnalysisResult analyse(List<RuleOverride> overrides) {
        return new Analyzer(AnalysisRequest.builder().sourceRoots(List.of(project.resolve("src")))
                .rules(RuleSelection.of(overrides)).cacheFile(cacheFile()).toolVersion("test").build())
                .run(AnalysisListener.NONE);
    }

    private AnalysisResult analyse() {
        return analyse(List.of());
    }

    @Test
    void unchangedFilesComeFromTheCacheWithTheSameFindings() throws IOException {
        write("a/Spawner.java", "package a; class Spawner { void go(java.util.List<Runnable> rs) {"
                + " for (Runnable r : rs) new Thread(r).start(); } }");
        write("a/Plain.java", "package a; class Plain { int x; }");
        AnalysisResult cold = analyse();
        assertThat(cold.work()).isEqualTo(new AnalysisResult.Work(1, 1, 0));

        AnalysisResult warm = analyse();
        assertThat(warm.work()).isEqualTo(new AnalysisResult.Work(0, 0, 2));
        assertThat(warm.findings()).isEqualTo(cold.findings()).hasSize(1);
        // where the finding is, for baselines: kept in the cache like everything else about it
        assertThat(warm.findings().get(0).enclosingMember()).isEqualTo("go(java.util.List<Runnable>)");
        assertThat(warm.findings().get(0).flaggedCode()).isEqualTo("new Thread(r).start()");
    }

    @Test
    void aChangedFileIsAnalysedAgainAndATouchedButUnchangedOneIsNot() throws IOException {
        Path spawner = write("a/Spawner.java", "package a; class Spawner { void go(java.util.List<Runnable> rs)"
                + " throws InterruptedException { for (Runnable r : rs) new Thread(r).start(); } }");
        Path other = write("a/Other.java", "package a; class Other { void go(Thread t) { t.start(); for (;;) {} } }");
        analyse();

        Files.writeString(spawner, Files.readString(spawner).replace("new Thread(r).start();",
                "{ Thread t = new Thread(r); t.start(); t.join(); }"));
        Files.setLastModifiedTime(other, FileTime.fromMillis(Files.getLastModifiedTime(other).toMillis() + 5000));
        AnalysisResult next = analyse();
        assertThat(next.work()).isEqualTo(new AnalysisResult.Work(1, 0, 1));
        assertThat(next.findings()).extracting(Finding::ruleId).containsExactly("blocking-without-timeout");
    }

    @Test
    void aNewThreadSubclassElsewhereInvalidatesEveryCachedFinding() throws IOException {
        write("a/User.java", "package a; class User { void go(java.util.List<Runnable> rs) {"
                + " for (Runnable r : rs) new Worker(r).start(); } }");
        assertThat(analyse().findings()).isEmpty();

        write("a/Worker.java", "package a; class Worker extends Thread { Worker(Runnable r) { super(r); } }");
        AnalysisResult next = analyse();
        assertThat(next.work().cached()).isZero();
        assertThat(next.findings()).extracting(Finding::ruleId).containsExactly("thread-in-loop");
    }

    private static final String STATES = """
            package a;
            public enum State { NEW, RUNNING, SHUTDOWN }
            """;

    private static final String POLLER = """
            package a;
            import static a.State.*;
            import java.util.concurrent.atomic.AtomicReference;
            class Poller implements Runnable {
                private final AtomicReference<State> state = new AtomicReference<>(NEW);
                private volatile Thread thread;
                public void run() {
                    thread = Thread.currentThread();
                    while (RUNNING.equals(state.get())) {
                        try { Thread.sleep(100); } catch (InterruptedException e) { System.err.println("woken"); }
                    }
                }
                void stop() { state.set(SHUTDOWN); thread.interrupt(); }
            }
            """;

    @Test
    void anEnumsConstantsComeFromTheCacheAndAChangeOfThemAnalysesItsUsersAgain() throws IOException {
        Path states = write("a/State.java", STATES);
        Path poller = write("a/Poller.java", POLLER);
        assertThat(analyse().findings()).as("the stop state is another constant of the project's enum").isEmpty();

        rewrite(poller, POLLER + "// touched\n");
        AnalysisResult touched = analyse();
        assertThat(touched.work()).isEqualTo(new AnalysisResult.Work(1, 0, 1));
        assertThat(touched.findings()).as("the enum's outline restored from the cache").isEmpty();

        rewrite(states, STATES.replace("SHUTDOWN }", "; static final State SHUTDOWN = RUNNING; }"));
        AnalysisResult aliased = analyse();
        assertThat(aliased.work().cached()).isZero();
        assertThat(aliased.findings()).extracting(Finding::ruleId).containsExactly("swallowed-interrupt");
    }

    private static final String GATE = """
            package a;
            import java.util.concurrent.CountDownLatch;
            public class Gate {
                private final CountDownLatch opened = new CountDownLatch(1);
                public void await() throws InterruptedException { opened.await(); }
            }
            """;

    /** Writes a file whose size may not change, with a modification time the cache cannot take for the old one. */
    private void rewrite(Path file, String content) throws IOException {
        long before = Files.getLastModifiedTime(file).toMillis();
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.fromMillis(before + 5000));
    }

    @Test
    void aCachedCallerIsJudgedAgainWhenAWaitingMethodInAnotherFileChanges() throws IOException {
        Path gate = write("a/Gate.java", GATE);
        write("b/User.java", """
                package b;
                class User {
                    boolean done;
                    void go(a.Gate gate) throws InterruptedException { gate.await(); done = true; }
                }
                """);
        Path other = write("a/Other.java", "package a; class Other { int x; }");
        assertThat(analyse().findings()).extracting(finding -> finding.file().getFileName() + ":" + finding.line())
                .containsExactly("User.java:4");

        // the wait gets a time limit: the unchanged caller no longer calls a waiting method
        rewrite(gate, GATE.replace("opened.await();", "opened.await(1, java.util.concurrent.TimeUnit.SECONDS);"));
        AnalysisResult timed = analyse();
        assertThat(timed.findings()).isEmpty();
        assertThat(timed.work()).as("User.java judged again, Other.java from the cache")
                .isEqualTo(new AnalysisResult.Work(1, 1, 1));

        // and back, a line lower: the caller is reported again, with the wait where it now is
        rewrite(gate, GATE.replace("public class Gate {", "public class Gate {\n"));
        AnalysisResult again = analyse();
        assertThat(again.findings()).extracting(Finding::message).containsExactly("`gate.await()` calls "
                + "Gate.await(), which waits on CountDownLatch.await() without a timeout (Gate.java:6)");

        // a change that touches no waiting method leaves the caller in the cache
        rewrite(other, "package a; class Other { int x; void m() { } }");
        AnalysisResult unrelated = analyse();
        assertThat(unrelated.work().cached()).isEqualTo(2);
        assertThat(unrelated.findings()).isEqualTo(again.findings());
    }

    @Test
    void aCachedCallerIsJudgedAgainWhenAnOverrideInAnotherFileStopsOrStartsTheWait() throws IOException {
        write("a/Gate.java", GATE);
        String plain = "package a;\npublic class FakeGate extends Gate {\n}\n";
        Path fake = write("a/FakeGate.java", plain);
        write("a/Other.java", "package a; class Other { int x; }");
        write("b/User.java", """
                package b;
                class User {
                    boolean done;
                    void go(a.FakeGate gate) throws InterruptedException { gate.await(); done = true; }
                }
                """);
        assertThat(analyse().findings()).extracting(finding -> finding.file().getFileName() + ":" + finding.line())
                .containsExactly("User.java:4");

        // FakeGate overrides await() without waiting: what Gate.await() forwards is the same, yet the call no longer waits
        rewrite(fake, plain.replace("{\n}", "{\n    @Override public void await() { }\n}"));
        AnalysisResult overridden = analyse();
        assertThat(overridden.findings()).isEmpty();
        assertThat(overridden.work().cached()).as("User.java judged again (and Gate.java, which may call its own "
                + "await()), Other.java from the cache").isEqualTo(1);

        rewrite(fake, plain);
        assertThat(analyse().findings()).extracting(finding -> finding.file().getFileName() + ":" + finding.line())
                .containsExactly("User.java:4");
    }

    @Test
    void aCachedSubclassIsJudgedAgainWhenTheTypeOfAnInheritedFieldChanges() throws IOException {
        Path base = write("a/Base.java", """
                package a;
                import java.util.concurrent.CountDownLatch;
                public abstract class Base {
                    protected CountDownLatch ready = new CountDownLatch(1);
                }
                """);
        write("b/Sub.java", """
                package b;
                class Sub extends a.Base {
                    boolean started;
                    void start() throws InterruptedException { ready.await(); started = true; }
                }
                """);
        assertThat(analyse().findings()).extracting(finding -> finding.file().getFileName() + ":" + finding.line())
                .containsExactly("Sub.java:4");

        rewrite(base, Files.readString(base).replace("CountDownLatch ready = new CountDownLatch(1)",
                "Object ready = new Object()"));
        AnalysisResult next = analyse();
        assertThat(next.work().cached()).as("Sub.java judged again").isZero();
        assertThat(next.findings()).isEmpty();
    }

    private static final String LOGGING_TASK = """
            package a;
            public abstract class LoggingTask implements Runnable {
                @Override
                public void run() {
                    try {
                        doRun();
                    } catch (Throwable t) {
                        System.err.println(t);
                    }
                }
                protected abstract void doRun();
            }
            """;

    @Test
    void aCachedTaskUserIsJudgedAgainWhenTheCatchAllRunItInheritsFromAnotherFileChanges() throws IOException {
        Path task = write("a/LoggingTask.java", LOGGING_TASK);
        write("b/User.java", """
                package b;
                class User {
                    void go(java.util.concurrent.ExecutorService pool) {
                        pool.submit(new a.LoggingTask() { protected void doRun() { } });
                    }
                }
                """);
        write("a/Other.java", "package a; class Other { int x; }");
        List<RuleOverride> onlyIgnoredFuture = dev.threadguard.rules.BuiltInRules.all().stream()
                .filter(rule -> !rule.id().equals("ignored-future"))
                .map(rule -> new RuleOverride(rule.id(), false, null)).toList();
        assertThat(analyse(onlyIgnoredFuture).findings()).isEmpty();

        // the base task stops catching: the unchanged user's discarded future now loses its exception
        rewrite(task, LOGGING_TASK.replace("try {", "{").replace("catch (Throwable t) {", "{"));
        AnalysisResult careless = analyse(onlyIgnoredFuture);
        assertThat(careless.findings()).extracting(finding -> finding.file().getFileName() + ":" + finding.line())
                .containsExactly("User.java:4");

        // and catches again
        rewrite(task, LOGGING_TASK);
        assertThat(analyse(onlyIgnoredFuture).findings()).isEmpty();
    }

    @Test
    void anotherConfigurationOrAnUnreadableCacheMeansAColdRun() throws IOException {
        write("a/Spawner.java", "package a; class Spawner { void go(java.util.List<Runnable> rs) {"
                + " for (Runnable r : rs) new Thread(r).start(); } }");
        analyse();
        AnalysisResult regraded = analyse(List.of(new RuleOverride("thread-in-loop", null, "error")));
        assertThat(regraded.work().cached()).isZero();
        assertThat(regraded.findings()).extracting(Finding::severity).containsExactly(Severity.ERROR);

        Files.write(cacheFile(), new byte[] {1, 2, 3});
        AnalysisResult afterCorruption = analyse();
        assertThat(afterCorruption.work().cached()).isZero();
        assertThat(afterCorruption.findings()).hasSize(1);
        assertThat(analyse().work().cached()).isEqualTo(1);
    }
}
