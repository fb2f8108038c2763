package dev.threadguard.engine;

import com.github.javaparser.JavaParser;
import dev.threadguard.api.AnalysisSettings;
import dev.threadguard.api.Finding;
import dev.threadguard.api.MethodPattern;
import dev.threadguard.json.JsonReader;
import dev.threadguard.json.JsonWriter;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a large analysis in a JVM of its own. JavaParser's generated parser consists of a few enormous methods
 * that the JVM's optimising compiler spends seconds on and that a one-off analysis never gets the benefit of;
 * a JVM with only the quick compiler ({@code -XX:TieredStopAtLevel=1}) and a throughput collector analyses a
 * large project in about half the time, and the JVM running Maven is left as it is. The request goes to the
 * child as JSON, progress comes back on its standard output, the result as a file. Findings are the same either
 * way: the child runs the same {@link Analyzer}.
 */
public final class ForkedAnalysis {

    private static final String PROGRESS = "threadguard-progress ";
    private static final long TIMEOUT_HOURS = 4;
    private static final int STDERR_LIMIT = 16 * 1024;

    private ForkedAnalysis() {
    }

    /** Runs the request in a child JVM; in this JVM when no child can be started. */
    static AnalysisResult run(AnalysisRequest request, AnalysisListener listener) {
        long start = System.nanoTime();
        Path directory = null;
        try {
            directory = Files.createTempDirectory("threadguard-analysis");
            Path requestFile = directory.resolve("request.json");
            Path resultFile = directory.resolve("result.bin");
            Files.writeString(requestFile, toJson(request), StandardCharsets.UTF_8);
            Process child;
            try {
                child = new ProcessBuilder(command(requestFile, resultFile)).start();
            } catch (IOException e) {
                return inThisJvm(request, listener);
            }
            StringBuilder errors = new StringBuilder();
            Thread drain = drain(child.getErrorStream(), errors);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(PROGRESS)) {
                        String[] numbers = line.substring(PROGRESS.length()).split(" ");
                        listener.fileDone(Integer.parseInt(numbers[0]), Integer.parseInt(numbers[1]));
                    }
                }
            }
            if (!child.waitFor(TIMEOUT_HOURS, TimeUnit.HOURS)) {
                child.destroyForcibly();
                throw new IllegalStateException("the analysis did not finish within " + TIMEOUT_HOURS + " hours");
            }
            drain.join(TimeUnit.SECONDS.toMillis(10));
            if (child.exitValue() != 0) {
                String message;
                synchronized (errors) {
                    message = errors.toString().strip();
                }
                throw new IllegalStateException("the analysis JVM failed (exit code " + child.exitValue() + ")"
                        + (message.isEmpty() ? "" : ": " + message));
            }
            return readResult(resultFile, request, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new IllegalStateException("the analysis JVM could not be run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the analysis ran", e);
        } finally {
            deleteQuietly(directory);
        }
    }

    private static AnalysisResult inThisJvm(AnalysisRequest request, AnalysisListener listener) {
        return new Analyzer(request.toBuilder().fork(false).build()).run(listener);
    }

    private static List<String> command(Path requestFile, Path resultFile) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC", "-Xmx1g",
                "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true", "-cp", classpath(),
                ForkedAnalysis.class.getName(), requestFile.toString(), resultFile.toString());
    }

    /** threadguard's engine and JavaParser, wherever this JVM loaded them from. */
    private static String classpath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : List.of(ForkedAnalysis.class, JavaParser.class)) {
            try {
                entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException | RuntimeException e) {
                throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from", e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Thread drain(InputStream stream, StringBuilder sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (sink) {
                        if (sink.length() < STDERR_LIMIT) {
                            sink.append(line).append('\n');
                        }
                    }
                }
            } catch (IOException e) {
                // the child is gone; what it said so far is kept
            }
        }, "threadguard-analysis-stderr");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The child: analyses the request in the first argument and writes the result to the second. */
    public static void main(String[] args) {
        try {
            AnalysisRequest request = fromJson(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
            AnalysisResult result = new Analyzer(request.toBuilder().fork(false).build()).run(new AnalysisListener() {
                @Override
                public void fileDone(int done, int total) {
                    System.out.println(PROGRESS + done + " " + total);
                }
            });
            System.out.flush();
            writeResult(result, Path.of(args[1]));
        } catch (Exception | Error e) {
            System.err.println(e);
            System.exit(2);
        }
    }

    static String toJson(AnalysisRequest request) {
        StringWriter text = new StringWriter();
        JsonWriter json = new JsonWriter(text).beginObject();
        strings(json.name("sourceRoots"), request.sourceRoots().stream().map(Path::toString).toList());
        json.field("projectDirectory", request.projectDirectory() == null ? null : request.projectDirectory().toString());
        strings(json.name("includes"), request.includes());
        strings(json.name("excludes"), request.excludes());
        json.field("languageLevel", request.languageLevel());
        json.name("rules").beginArray();
        for (RuleOverride override : request.rules().overrides()) {
            json.beginObject().field("id", override.id()).name("enabled");
            if (override.enabled() == null) {
                json.nullValue();
            } else {
                json.value(override.enabled());
            }
            json.field("severity", override.severity()).endObject();
        }
        json.endArray();
        strings(json.name("spawnMethods"), request.settings().spawnMethods().stream().map(MethodPattern::text).toList());
        strings(json.name("blockingMethods"),
                request.settings().blockingMethods().stream().map(MethodPattern::text).toList());
        json.field("encoding", request.encoding().name())
                .field("threads", request.threads())
                .field("cacheFile", request.cacheFile() == null ? null : request.cacheFile().toString())
                .field("toolVersion", request.toolVersion())
                .field("prefilter", request.prefilter())
                .endObject();
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    static AnalysisRequest fromJson(String text) {
        Map<String, Object> json = (Map<String, Object>) JsonReader.parse(text);
        List<RuleOverride> overrides = new ArrayList<>();
        for (Object rule : (List<Object>) json.get("rules")) {
            Map<String, Object> fields = (Map<String, Object>) rule;
            overrides.add(new RuleOverride((String) fields.get("id"), (Boolean) fields.get("enabled"),
                    (String) fields.get("severity")));
        }
        return AnalysisRequest.builder()
                .sourceRoots(paths(json.get("sourceRoots")))
                .projectDirectory(json.get("projectDirectory") == null ? null : Path.of((String) json.get("projectDirectory")))
                .includes((List<String>) (List<?>) json.get("includes"))
                .excludes((List<String>) (List<?>) json.get("excludes"))
                .languageLevel((String) json.get("languageLevel"))
                .rules(RuleSelection.of(overrides))
                .settings(new AnalysisSettings(patterns(json.get("spawnMethods"), "spawnMethods"),
                        patterns(json.get("blockingMethods"), "blockingMethods")))
                .encoding(Charset.forName((String) json.get("encoding")))
                .threads(((Number) json.get("threads")).intValue())
                .cacheFile(json.get("cacheFile") == null ? null : Path.of((String) json.get("cacheFile")))
                .toolVersion((String) json.get("toolVersion"))
                .prefilter((Boolean) json.get("prefilter"))
                .build();
    }

    private static List<Path> paths(Object list) {
        return ((List<?>) list).stream().map(element -> Path.of((String) element)).toList();
    }

    private static List<MethodPattern> patterns(Object list, String parameter) {
        return ((List<?>) list).stream().map(element -> MethodPattern.parse((String) element, parameter)).toList();
    }

    private static void strings(JsonWriter json, List<String> values) {
        json.beginArray();
        for (String value : values) {
            json.value(value);
        }
        json.endArray();
    }

    static void writeResult(AnalysisResult result, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(result.filesAnalysed());
            out.writeInt(result.work().parsed());
            out.writeInt(result.work().skipped());
            out.writeInt(result.work().cached());
            Map<Path, List<Finding>> findings = new java.util.LinkedHashMap<>();
            Map<Path, List<SourceProblem>> problems = new java.util.LinkedHashMap<>();
            for (Finding finding : result.findings()) {
                findings.computeIfAbsent(finding.file(), path -> new ArrayList<>()).add(finding);
            }
            for (SourceProblem problem : result.problems()) {
                problems.computeIfAbsent(problem.file(), path -> new ArrayList<>()).add(problem);
                findings.computeIfAbsent(problem.file(), path -> new ArrayList<>());
            }
            out.writeInt(findings.size());
            for (Map.Entry<Path, List<Finding>> ofFile : findings.entrySet()) {
                AnalysisCache.writeString(out, ofFile.getKey().toString());
                AnalysisCache.writeFindings(out, ofFile.getValue(), problems.getOrDefault(ofFile.getKey(), List.of()));
            }
        }
    }

    private static AnalysisResult readResult(Path file, AnalysisRequest request, Duration elapsed) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int analysed = in.readInt();
            AnalysisResult.Work work = new AnalysisResult.Work(in.readInt(), in.readInt(), in.readInt());
            int files = in.readInt();
            List<Finding> findings = new ArrayList<>();
            List<SourceProblem> problems = new ArrayList<>();
            for (int i = 0; i < files; i++) {
                Path path = Path.of(AnalysisCache.readString(in));
                findings.addAll(AnalysisCache.readFindings(in, path));
                problems.addAll(AnalysisCache.readProblems(in, path));
            }
            findings.sort(Finding.ORDER);
            problems.sort(Comparator.comparing((SourceProblem p) -> p.file().toString())
                    .thenComparingInt(SourceProblem::line));
            return new AnalysisResult(findings, problems, analysed, request.rules().enabledRules(), elapsed, work);
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
