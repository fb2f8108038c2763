package dev.threadguard.api;

import dev.threadguard.engine.AnalysisListener;
import dev.threadguard.engine.AnalysisRequest;
import dev.threadguard.engine.Analyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every finding says where it is without its line: enclosing type and member, and the flagged code. Through the
 * production path (the engine's parser configuration, the prefilter, the rules).
 */
class FindingSiteTest {

    @TempDir
    Path project;

    private List<Finding> analyse(String source) throws IOException {
        Path file = project.resolve("src/main/java/app/Outer.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        return new Analyzer(AnalysisRequest.builder().sourceRoots(List.of(project.resolve("src/main/java")))
                .projectDirectory(project).build()).run(AnalysisListener.NONE).findings();
    }

    @Test
    void namesTheEnclosingTypeAndMemberInEveryKindOfPlace() throws IOException {
        List<Finding> findings = analyse("""
                package app;

                import java.util.List;
                import java.util.concurrent.ExecutorService;
                import java.util.concurrent.Executors;

                public class Outer {
                    static final ExecutorService SHARED = Executors.newCachedThreadPool();
                    static ExecutorService lazy;

                    static {
                        lazy = Executors.newCachedThreadPool();
                    }

                    Outer(List<Runnable> jobs) {
                        for (Runnable job : jobs) { new Thread(job).start(); }
                    }

                    void run(Runnable... jobs) {
                        for (Runnable job : jobs) { new Thread(job).start(); }
                    }

                    void run(List<Runnable> jobs, int times) {
                        for (Runnable job : jobs) { new Thread(job).start(); }
                    }

                    void anonymous(List<Runnable> jobs) {
                        Runnable r = new Runnable() {
                            public void run() {
                                for (Runnable job : jobs) { new Thread(job).start(); }
                            }
                        };
                    }

                    static class Inner {
                        void go(List<Runnable> jobs) {
                            for (Runnable job : jobs) { new Thread(job).start(); }
                        }
                    }

                    enum Mode {
                        FAST {
                            void go(List<Runnable> jobs) {
                                for (Runnable job : jobs) { new Thread(job).start(); }
                            }
                        };
                    }
                }
                """);
        assertThat(findings).extracting(Finding::line, Finding::enclosingType, Finding::enclosingMember,
                Finding::flaggedCode).containsExactly(
                tuple(8, "Outer", "SHARED", "Executors.newCachedThreadPool()"),
                tuple(12, "Outer", "static {}", "Executors.newCachedThreadPool()"),
                tuple(16, "Outer", "Outer(List<Runnable>)", "new Thread(job).start()"),
                tuple(20, "Outer", "run(Runnable...)", "new Thread(job).start()"),
                tuple(24, "Outer", "run(List<Runnable>, int)", "new Thread(job).start()"),
                tuple(30, "Outer", "anonymous(List<Runnable>)", "new Thread(job).start()"),
                tuple(37, "Outer.Inner", "go(List<Runnable>)", "new Thread(job).start()"),
                tuple(44, "Outer.Mode", "FAST", "new Thread(job).start()"));
    }

    @Test
    void theFlaggedCodeLeavesOutWhitespaceCommentsAndBodies() throws IOException {
        List<Finding> findings = analyse("""
                package app;

                import java.util.concurrent.ExecutorService;

                class Outer {
                    void pause() {
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException /* on shutdown */ e) {
                            // nothing to do
                        }
                    }

                    void poll(ExecutorService pool) {
                        pool.execute(() -> {
                            while (true) {
                                System.out.println("polling");
                            }
                        });
                    }

                    void split(java.util.List<Runnable> jobs) {
                        for (Runnable job : jobs) {
                            new Thread(
                                    job,   "a  b" )
                                .start();
                        }
                    }
                }
                """);
        assertThat(findings).extracting(Finding::ruleId, Finding::enclosingMember, Finding::flaggedCode).containsExactly(
                tuple("swallowed-interrupt", "pause()", "catch(InterruptedException e){\u2026}"),
                tuple("uncancellable-loop", "poll(ExecutorService)", "while(true){\u2026}"),
                tuple("thread-in-loop", "split(java.util.List<Runnable>)", "new Thread(job, \"a  b\").start()"));
    }
}
