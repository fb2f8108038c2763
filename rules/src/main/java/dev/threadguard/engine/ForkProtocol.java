package dev.threadguard.engine;

import dev.threadguard.api.AnalysisSettings;
import dev.threadguard.api.Finding;
import dev.threadguard.api.MethodPattern;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link ForkedAnalysis} and the JVM that starts it hand each other: the {@link AnalysisRequest} going in
 * and the {@link AnalysisResult} coming back, as typed binary data. Each starts with a magic number and a format
 * version, and is read to its exact end, so that a file of another threadguard version, a cut-off or a corrupt
 * file gives an {@link IOException} saying so instead of a wrong analysis.
 */
final class ForkProtocol {

    /** "TGRQ": a threadguard analysis request. */
    private static final int REQUEST_MAGIC = 0x54475251;
    /** "TGRS": a threadguard analysis result. */
    private static final int RESULT_MAGIC = 0x54475253;
    /** Raised whenever a field is added, removed or written differently. */
    static final int VERSION = 1;

    private static final int MAX_STRING_BYTES = 64 << 20;
    private static final int MAX_ELEMENTS = 1 << 24;
    private static final byte ABSENT = 0;
    private static final byte FALSE = 1;
    private static final byte TRUE = 2;

    private ForkProtocol() {
    }

    /**
     * Writes everything the child needs to run the same analysis. Whether and where to fork is left out: the
     * child never forks.
     */
    static void writeRequest(AnalysisRequest request, DataOutputStream out) throws IOException {
        out.writeInt(REQUEST_MAGIC);
        out.writeInt(VERSION);
        writePaths(out, request.sourceRoots());
        writeNullable(out, request.projectDirectory() == null ? null : request.projectDirectory().toString());
        writeStrings(out, request.includes());
        writeStrings(out, request.excludes());
        writeNullable(out, request.languageLevel());
        out.writeInt(request.rules().overrides().size());
        for (RuleOverride override : request.rules().overrides()) {
            writeNullable(out, override.id());
            out.writeByte(override.enabled() == null ? ABSENT : override.enabled() ? TRUE : FALSE);
            writeNullable(out, override.severity());
        }
        writeStrings(out, request.settings().spawnMethods().stream().map(MethodPattern::text).toList());
        writeStrings(out, request.settings().blockingMethods().stream().map(MethodPattern::text).toList());
        writeString(out, request.encoding().name());
        out.writeInt(request.threads());
        writeNullable(out, request.cacheFile() == null ? null : request.cacheFile().toString());
        writeString(out, request.toolVersion());
        out.writeBoolean(request.prefilter());
        out.flush();
    }

    static AnalysisRequest readRequest(DataInputStream in) throws IOException {
        return read(in, "analysis request", REQUEST_MAGIC, () -> {
            AnalysisRequest.Builder request = AnalysisRequest.builder()
                    .sourceRoots(readPaths(in))
                    .projectDirectory(path(readNullable(in)))
                    .includes(readStrings(in))
                    .excludes(readStrings(in))
                    .languageLevel(readNullable(in));
            int overrideCount = readCount(in);
            List<RuleOverride> overrides = new ArrayList<>();
            for (int i = 0; i < overrideCount; i++) {
                String id = readNullable(in);
                byte enabled = in.readByte();
                if (enabled != ABSENT && enabled != FALSE && enabled != TRUE) {
                    throw new Malformed("is corrupt: " + enabled + " is not a rule's enabled flag");
                }
                overrides.add(new RuleOverride(id, enabled == ABSENT ? null : enabled == TRUE, readNullable(in)));
            }
            return request
                    .rules(RuleSelection.of(overrides))
                    .settings(new AnalysisSettings(patterns(readStrings(in), "spawnMethods"),
                            patterns(readStrings(in), "blockingMethods")))
                    .encoding(Charset.forName(readString(in)))
                    .threads(in.readInt())
                    .cacheFile(path(readNullable(in)))
                    .toolVersion(readString(in))
                    .prefilter(in.readBoolean())
                    .build();
        });
    }

    /** Writes the result grouped by file: the findings and problems of each file, the path written once. */
    static void writeResult(AnalysisResult result, DataOutputStream out) throws IOException {
        out.writeInt(RESULT_MAGIC);
        out.writeInt(VERSION);
        out.writeInt(result.filesAnalysed());
        out.writeInt(result.work().parsed());
        out.writeInt(result.work().skipped());
        out.writeInt(result.work().cached());
        Map<Path, List<Finding>> findings = new LinkedHashMap<>();
        Map<Path, List<SourceProblem>> problems = new LinkedHashMap<>();
        for (Finding finding : result.findings()) {
            findings.computeIfAbsent(finding.file(), path -> new ArrayList<>()).add(finding);
        }
        for (SourceProblem problem : result.problems()) {
            problems.computeIfAbsent(problem.file(), path -> new ArrayList<>()).add(problem);
            findings.computeIfAbsent(problem.file(), path -> new ArrayList<>());
        }
        out.writeInt(findings.size());
        for (Map.Entry<Path, List<Finding>> ofFile : findings.entrySet()) {
            writeString(out, ofFile.getKey().toString());
            AnalysisCache.writeFindings(out, ofFile.getValue(), problems.getOrDefault(ofFile.getKey(), List.of()));
        }
        out.flush();
    }

    /**
     * Reads a result written by {@link #writeResult}.
     *
     * @param request the request it answers, for the rules that ran
     * @param elapsed how long the analysis took, seen from the JVM that started it
     */
    static AnalysisResult readResult(DataInputStream in, AnalysisRequest request, Duration elapsed)
            throws IOException {
        return read(in, "analysis result", RESULT_MAGIC, () -> {
            int analysed = in.readInt();
            AnalysisResult.Work work = new AnalysisResult.Work(in.readInt(), in.readInt(), in.readInt());
            int files = readCount(in);
            List<Finding> findings = new ArrayList<>();
            List<SourceProblem> problems = new ArrayList<>();
            for (int i = 0; i < files; i++) {
                Path path = Path.of(readString(in));
                findings.addAll(AnalysisCache.readFindings(in, path));
                problems.addAll(AnalysisCache.readProblems(in, path));
            }
            findings.sort(Finding.ORDER);
            problems.sort(Comparator.comparing((SourceProblem p) -> p.file().toString())
                    .thenComparingInt(SourceProblem::line));
            return new AnalysisResult(findings, problems, analysed, request.rules().enabledRules(), elapsed, work);
        });
    }

    /** Data that is not what this format says; the message completes "The analysis request ...". */
    private static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private interface Body<T> {
        T read() throws IOException;
    }

    /** Checks the header, reads the body and checks that nothing follows it; every failure names the file. */
    private static <T> T read(DataInputStream in, String what, int magic, Body<T> body) throws IOException {
        try {
            int found = in.readInt();
            if (found != magic) {
                throw new Malformed("is not one threadguard wrote (it starts with 0x" + Integer.toHexString(found)
                        + ")");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new Malformed("has format version " + version + ", but this threadguard reads version "
                        + VERSION + ": two threadguard versions are mixed on one class path");
            }
            T value = body.read();
            if (in.read() != -1) {
                throw new Malformed("is corrupt: more data follows its end");
            }
            return value;
        } catch (EOFException e) {
            throw new IOException("The " + what + " ends early: it was cut off", e);
        } catch (Malformed e) {
            throw new IOException("The " + what + " " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException("The " + what + " is corrupt: " + e, e);
        }
    }

    private static List<MethodPattern> patterns(List<String> texts, String parameter) {
        return texts.stream().map(text -> MethodPattern.parse(text, parameter)).toList();
    }

    private static Path path(String text) {
        return text == null ? null : Path.of(text);
    }

    private static void writePaths(DataOutputStream out, List<Path> paths) throws IOException {
        writeStrings(out, paths.stream().map(Path::toString).toList());
    }

    private static List<Path> readPaths(DataInputStream in) throws IOException {
        return readStrings(in).stream().map(Path::of).toList();
    }

    private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            writeString(out, value);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int count = readCount(in);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(readString(in));
        }
        return values;
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            writeString(out, value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        AnalysisCache.writeString(out, value);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_STRING_BYTES) {
            throw new Malformed("is corrupt: a string of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int readCount(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_ELEMENTS) {
            throw new Malformed("is corrupt: a list of " + count + " elements");
        }
        return count;
    }
}
