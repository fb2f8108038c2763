package dev.threadguard.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every rule over real code: the {@code -sources.jar} of a few concurrency-heavy libraries, which the pom
 * declares as test dependencies (zookeeper, activemq-broker, jetty-util, HikariCP, commons-pool2, netty-common).
 * Nothing may fail to parse or crash a rule, and skipping files with the prefilter must not change a single
 * finding. {@code bench/check-speed.sh} runs the same comparison on the full 1.5M-line corpus
 * ({@code -Dthreadguard.corpus=<directory>}).
 */
class CorpusTest {

    @TempDir
    static Path corpus;

    private static List<Path> roots;

    @BeforeAll
    static void unpackSourcesJars() throws IOException {
        roots = new ArrayList<>();
        String wholeCorpus = System.getProperty("threadguard.corpus");
        if (wholeCorpus != null && !wholeCorpus.isBlank()) {
            roots.add(Path.of(wholeCorpus));
            return;
        }
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.endsWith("-sources.jar")) {
                Path root = corpus.resolve(Path.of(entry).getFileName().toString());
                unzipJavaFiles(Path.of(entry), root);
                roots.add(root);
            }
        }
        assertThat(roots).as("sources jars on the test class path").hasSize(6);
    }

    private static void unzipJavaFiles(Path jar, Path target) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().endsWith(".java")
                        || entry.getName().endsWith("module-info.java")) {
                    continue;
                }
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    continue;
                }
                Files.createDirectories(file.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, file);
                }
            }
        }
    }

    private static AnalysisResult analyse(boolean prefilter) {
        return new Analyzer(AnalysisRequest.builder().sourceRoots(roots).languageLevel("21").prefilter(prefilter)
                .build()).run(AnalysisListener.NONE);
    }

    @Test
    void skippingFilesThatCannotHoldAFindingChangesNoFindingAndNothingCrashes() {
        AnalysisResult everything = analyse(false);
        AnalysisResult filtered = analyse(true);

        assertThat(everything.filesAnalysed()).isGreaterThan(1000);
        assertThat(everything.problems()).as("files that could not be analysed").isEmpty();
        assertThat(everything.work().skipped()).isZero();
        assertThat(filtered.work().skipped()).as("files skipped by the prefilter").isGreaterThan(0);
        assertThat(filtered.findings()).isEqualTo(everything.findings());
        assertThat(everything.findings()).isNotEmpty();
    }
}
