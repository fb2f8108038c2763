package dev.threadguard.report.baseline;

import dev.threadguard.engine.AnalysisListener;
import dev.threadguard.engine.AnalysisRequest;
import dev.threadguard.engine.AnalysisResult;
import dev.threadguard.engine.Analyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fingerprints of real findings, from the real analysis (parser, rules, cache), before and after an edit: the
 * edits a baseline must survive keep every fingerprint; the ones that change what is flagged make findings new.
 */
class FingerprintStabilityTest {

    @TempDir
    Path module;

    private static final String SPAWNER = """
            package com.acme;

            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;

            public class Spawner {
                private final ExecutorService pool = Executors.newCachedThreadPool();

                public void each(List<Runnable> jobs) {
                    for (Runnable job : jobs) {
                        new Thread(job).start();
                    }
                }

                public void twice(List<Runnable> jobs) {
                    for (Runnable job : jobs) {
                        new Thread(job).start();
                        new Thread(job).start();
                    }
                }

                public void pause() {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        // ignored
                    }
                }

                public void submit(Runnable job) {
                    pool.execute(job);
                }
            }
            """;

    private static final String FILE = "src/main/java/com/acme/Spawner.java";

    private List<Fingerprint> fingerprints(String file, String source, boolean cache) throws IOException {
        Path path = module.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, source);
        AnalysisResult result = new Analyzer(AnalysisRequest.builder()
                .sourceRoots(List.of(module.resolve("src/main/java")))
                .projectDirectory(module)
                .cacheFile(cache ? module.resolve("target/threadguard/analysis.cache") : null)
                .build()).run(AnalysisListener.NONE);
        Files.delete(path);
        return Fingerprints.of(result.findings(), module);
    }

    private List<Fingerprint> fingerprints(String source) throws IOException {
        return fingerprints(FILE, source, false);
    }

    private static List<String> keys(List<Fingerprint> fingerprints) {
        return fingerprints.stream().map(Fingerprint::key).sorted().toList();
    }

    @Test
    void describesWhatWasFlaggedWhereWithoutItsLine() throws IOException {
        assertThat(fingerprints(SPAWNER))
                .extracting(Fingerprint::ruleId, Fingerprint::file, Fingerprint::type, Fingerprint::member,
                        Fingerprint::code, Fingerprint::occurrence)
                .containsExactly(
                        tuple("unbounded-executor", FILE, "Spawner", "pool", "Executors.newCachedThreadPool()", 1),
                        tuple("thread-in-loop", FILE, "Spawner", "each(List<Runnable>)", "new Thread(job).start()", 1),
                        tuple("thread-in-loop", FILE, "Spawner", "twice(List<Runnable>)", "new Thread(job).start()", 1),
                        tuple("thread-in-loop", FILE, "Spawner", "twice(List<Runnable>)", "new Thread(job).start()", 2),
                        tuple("swallowed-interrupt", FILE, "Spawner", "pause()", "catch(InterruptedException e){\u2026}",
                                1));
    }

    @Test
    void linesInsertedAboveKeepEveryFingerprint() throws IOException {
        String edited = SPAWNER.replace("public class Spawner {", """
                /**
                 * Spawns.
                 */
                public class Spawner {
                    private static final int UNUSED = 1;

                    void unrelated() {
                    }
                """);
        assertThat(keys(fingerprints(edited))).isEqualTo(keys(fingerprints(SPAWNER)));
    }

    @Test
    void reformattedWhitespaceAndCommentsKeepEveryFingerprint() throws IOException {
        String edited = SPAWNER.replace("            new Thread(job).start();\n        }\n    }\n\n    public void twice",
                        "            new Thread( job /* the job */ )\n                    .start(); // why not\n        }\n    }\n\n"
                                + "    public void twice")
                .replace("    private final ExecutorService pool = Executors.newCachedThreadPool();",
                        "  private final ExecutorService pool =\n      Executors . newCachedThreadPool( );")
                .replace("} catch (InterruptedException e) {", "}\n        catch (InterruptedException e)\n        {");
        assertThat(edited).isNotEqualTo(SPAWNER);
        assertThat(keys(fingerprints(edited))).isEqualTo(keys(fingerprints(SPAWNER)));
    }

    @Test
    void aMovedMethodKeepsItsFingerprints() throws IOException {
        String each = SPAWNER.substring(SPAWNER.indexOf("    public void each"), SPAWNER.indexOf("    public void twice"));
        String edited = SPAWNER.replace(each, "").replace("    public void pause()", each + "    public void pause()");
        assertThat(edited.indexOf("void each")).isGreaterThan(edited.indexOf("void twice"));
        assertThat(keys(fingerprints(edited))).isEqualTo(keys(fingerprints(SPAWNER)));
    }

    @Test
    void twoIdenticalCallsInOneMethodAreTwoOccurrencesAndADeletedOneLeavesTheFirst() throws IOException {
        List<Fingerprint> before = fingerprints(SPAWNER);
        List<Fingerprint> twice = before.stream().filter(f -> f.member().startsWith("twice")).toList();
        assertThat(twice).extracting(Fingerprint::occurrence).containsExactly(1, 2);
        assertThat(twice.get(0).key()).isNotEqualTo(twice.get(1).key());

        List<Fingerprint> after = fingerprints(SPAWNER.replaceFirst(
                "(void twice[^}]*?)\n\\s*new Thread\\(job\\)\\.start\\(\\);", "$1"));
        assertThat(keys(before)).containsAll(keys(after));
        assertThat(keys(before)).hasSize(keys(after).size() + 1).contains(twice.get(1).key());
        assertThat(keys(after)).contains(twice.get(0).key()).doesNotContain(twice.get(1).key());
    }

    @Test
    void changingTheFlaggedCodeMakesThatFindingNew() throws IOException {
        List<String> before = keys(fingerprints(SPAWNER));
        List<String> after = keys(fingerprints(SPAWNER.replace(
                "for (Runnable job : jobs) {\n            new Thread(job).start();\n        }\n    }\n\n    public void twice",
                "for (Runnable job : jobs) {\n            new Thread(job, \"worker\").start();\n        }\n    }\n\n"
                        + "    public void twice")));
        assertThat(after).hasSameSizeAs(before);
        assertThat(before).containsAll(after.stream().filter(before::contains).toList());
        assertThat(after.stream().filter(key -> !before.contains(key)).toList()).hasSize(1);
    }

    @Test
    void aRenamedFileMakesItsFindingsNewAndTheComparisonSaysSo() throws IOException {
        List<Fingerprint> before = fingerprints(SPAWNER);
        String renamedFile = "src/main/java/com/acme/Spawners.java";
        List<Fingerprint> after = fingerprints(renamedFile, SPAWNER.replace("class Spawner", "class Spawners"), false);
        assertThat(keys(after)).doesNotContainAnyElementsOf(keys(before));

        Baseline baseline = Baseline.of(before.stream().map(f -> Baseline.Entry.of(f, 1, "m")).toList());
        BaselineComparison checked = BaselineComparison.of(List.of(), List.of(), Set.of(), baseline,
                module.resolve("threadguard-baseline.json"));
        assertThat(checked.fixed()).hasSize(before.size());
        // the same findings, now in the renamed file
        AnalysisResult result = analyse(renamedFile, SPAWNER.replace("class Spawner", "class Spawners"));
        BaselineComparison renamed = BaselineComparison.of(result.findings(), Fingerprints.of(result.findings(), module),
                Set.of(), baseline, module.resolve("threadguard-baseline.json"));
        assertThat(renamed.newFindings()).hasSize(before.size());
        assertThat(renamed.moved()).containsExactly(new BaselineComparison.Moved(FILE, renamedFile, before.size()));
    }

    @Test
    void findingsFromTheAnalysisCacheHaveTheSameFingerprints() throws IOException {
        List<String> parsed = keys(fingerprints(FILE, SPAWNER, true));
        Path path = module.resolve(FILE);
        Files.createDirectories(path.getParent());
        Files.writeString(path, SPAWNER);
        AnalysisResult cached = new Analyzer(AnalysisRequest.builder()
                .sourceRoots(List.of(module.resolve("src/main/java")))
                .projectDirectory(module)
                .cacheFile(module.resolve("target/threadguard/analysis.cache"))
                .build()).run(AnalysisListener.NONE);
        assertThat(cached.work().cached()).isEqualTo(1);
        assertThat(keys(Fingerprints.of(cached.findings(), module))).isEqualTo(parsed);
    }

    private AnalysisResult analyse(String file, String source) throws IOException {
        Path path = module.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, source);
        return new Analyzer(AnalysisRequest.builder()
                .sourceRoots(List.of(module.resolve("src/main/java")))
                .projectDirectory(module)
                .build()).run(AnalysisListener.NONE);
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
