package dev.threadguard.engine;

import dev.threadguard.api.Finding;
import dev.threadguard.api.Severity;
import dev.threadguard.api.WaitSummary;
import dev.threadguard.json.AtomicFiles;
import dev.threadguard.types.Signatures;
import dev.threadguard.types.TypeOutline;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an earlier analysis learnt about each file, so that unchanged files are neither read nor parsed again:
 * per file its size, modification time and content key, its findings, and its {@link TypeOutline}. The whole
 * cache belongs to one {@code key} (threadguard's code and the effective configuration); findings are only valid
 * for the project type index they were computed with ({@link #indexFingerprint()}). The outlines live in a
 * second file, read only when some file changed, so that a run with nothing to do reads little. Unreadable or
 * mismatching files are ignored: the cache can only make an analysis faster, never different.
 */
final class AnalysisCache {

    private static final int MAGIC = 0x54474331; // "TGC1"
    private static final int FORMAT = 8;
    private static final String OUTLINES = ".outlines";

    /**
     * What is known about one file; {@code findings} is null when the file still has to be analysed, and
     * {@code outline} is null until read from the outlines file ({@link #outline(Path)}). {@code summary}, what
     * the file's methods forward to their callers, comes from the same analysis as the findings.
     */
    static final class Entry {
        final long size;
        final long modified;
        final String hash;
        TypeOutline outline;
        List<Finding> findings;
        List<SourceProblem> problems;
        WaitSummary summary = WaitSummary.NONE;

        Entry(long size, long modified, String hash, TypeOutline outline, List<Finding> findings,
              List<SourceProblem> problems) {
            this.size = size;
            this.modified = modified;
            this.hash = hash;
            this.outline = outline;
            this.findings = findings;
            this.problems = problems;
        }

        Entry withModified(long newModified) {
            Entry entry = new Entry(size, newModified, hash, outline, findings, problems);
            entry.summary = summary;
            return entry;
        }
    }

    private final Path file;
    private final String key;
    private final String indexFingerprint;
    private final Map<Path, Entry> entries;
    private Map<Path, TypeOutline> outlines;

    private AnalysisCache(Path file, String key, String indexFingerprint, Map<Path, Entry> entries) {
        this.file = file;
        this.key = key;
        this.indexFingerprint = indexFingerprint;
        this.entries = entries;
    }

    static AnalysisCache empty(String key) {
        return new AnalysisCache(null, key, "", new HashMap<>());
    }

    String indexFingerprint() {
        return indexFingerprint;
    }

    Entry get(Path path) {
        return entries.get(path);
    }

    int size() {
        return entries.size();
    }

    /** What the methods of every cached file forward to their callers, as the last analysis found. */
    List<WaitSummary> summaries() {
        List<WaitSummary> summaries = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.summary != WaitSummary.NONE) {
                summaries.add(entry.summary);
            }
        }
        return summaries;
    }

    /** The outline of a cached file; null when the outlines file cannot be read (the file is then scanned). */
    synchronized TypeOutline outline(Path path) {
        if (outlines == null) {
            outlines = readOutlines();
        }
        return outlines.get(path);
    }

    private Map<Path, TypeOutline> readOutlines() {
        Map<Path, TypeOutline> result = new HashMap<>();
        if (file == null) {
            return result;
        }
        Path outlineFile = file.resolveSibling(file.getFileName() + OUTLINES);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(outlineFile),
                1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT || !key.equals(readString(in))) {
                return result;
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                result.put(Path.of(readString(in)), readOutline(in));
            }
        } catch (IOException | RuntimeException e) {
            result.clear(); // every file is scanned again
        }
        return result;
    }

    /** Loads the cache; an absent, unreadable or foreign file gives an empty cache. */
    static AnalysisCache load(Path file, String key) {
        if (file == null || !Files.isRegularFile(file)) {
            return empty(key);
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT || !key.equals(readString(in))) {
                return empty(key);
            }
            String fingerprint = readString(in);
            int count = in.readInt();
            Map<Path, Entry> entries = new HashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                Path path = Path.of(readString(in));
                entries.put(path, readEntry(in, path));
            }
            return new AnalysisCache(file, key, fingerprint, entries);
        } catch (IOException | RuntimeException e) {
            return empty(key);
        }
    }

    /**
     * Writes the cache atomically, outlines first; a failure to write only costs speed next time, so it is not an
     * error. Every entry must have its outline.
     */
    static void save(Path file, String key, String indexFingerprint, Map<Path, Entry> entries) {
        try {
            AtomicFiles.write(file.resolveSibling(file.getFileName() + OUTLINES), stream -> {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
                out.writeInt(MAGIC);
                out.writeInt(FORMAT);
                writeString(out, key);
                out.writeInt(entries.size());
                for (Map.Entry<Path, Entry> entry : entries.entrySet()) {
                    writeString(out, entry.getKey().toString());
                    writeOutline(out, entry.getValue().outline);
                }
                out.flush();
            });
            AtomicFiles.write(file, stream -> {
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
                out.writeInt(MAGIC);
                out.writeInt(FORMAT);
                writeString(out, key);
                writeString(out, indexFingerprint);
                out.writeInt(entries.size());
                for (Map.Entry<Path, Entry> entry : entries.entrySet()) {
                    writeString(out, entry.getKey().toString());
                    writeEntry(out, entry.getValue());
                }
                out.flush();
            });
        } catch (IOException | RuntimeException e) {
            // the next run is a cold one; nothing else is lost
        }
    }

    private static void writeEntry(DataOutputStream out, Entry entry) throws IOException {
        out.writeLong(entry.size);
        out.writeLong(entry.modified);
        writeString(out, entry.hash);
        out.writeBoolean(entry.findings != null);
        if (entry.findings != null) {
            writeFindings(out, entry.findings, entry.problems);
            writeSummary(out, entry.summary);
        }
    }

    private static Entry readEntry(DataInputStream in, Path path) throws IOException {
        long size = in.readLong();
        long modified = in.readLong();
        String hash = readString(in);
        Entry entry = new Entry(size, modified, hash, null, null, null);
        if (in.readBoolean()) {
            entry.findings = readFindings(in, path);
            entry.problems = readProblems(in, path);
            entry.summary = readSummary(in);
        }
        return entry;
    }

    private static void writeSummary(DataOutputStream out, WaitSummary summary) throws IOException {
        writeString(out, summary.fileName());
        out.writeInt(summary.forwarders().size());
        for (WaitSummary.Forwarder forwarder : summary.forwarders()) {
            writeString(out, forwarder.owner());
            writeString(out, forwarder.name());
            out.writeInt(forwarder.arity());
            writeString(out, forwarder.shown());
            out.writeBoolean(forwarder.ifOverrides());
            out.writeInt(forwarder.declarations());
            out.writeInt(forwarder.forwarded().size());
            for (WaitSummary.Forwarded forwarded : forwarder.forwarded()) {
                if (forwarded instanceof WaitSummary.Wait wait) {
                    out.writeBoolean(true);
                    writeString(out, wait.shown());
                    writeString(out, wait.fix());
                    out.writeBoolean(wait.nextItem());
                    out.writeInt(wait.parameter());
                } else {
                    WaitSummary.Call call = (WaitSummary.Call) forwarded;
                    out.writeBoolean(false);
                    writeString(out, call.owner());
                    writeString(out, call.name());
                    out.writeInt(call.arity());
                    out.writeBoolean(call.fromSupertypes());
                    out.writeInt(call.parameters().size());
                    for (int parameter : call.parameters()) {
                        out.writeInt(parameter);
                    }
                }
                out.writeInt(forwarded.line());
            }
        }
    }

    private static WaitSummary readSummary(DataInputStream in) throws IOException {
        String fileName = readString(in);
        int count = in.readInt();
        if (count == 0) {
            return WaitSummary.NONE;
        }
        List<WaitSummary.Forwarder> forwarders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String owner = readString(in);
            String name = readString(in);
            int arity = in.readInt();
            String shown = readString(in);
            boolean ifOverrides = in.readBoolean();
            int declarations = in.readInt();
            int calls = in.readInt();
            List<WaitSummary.Forwarded> forwarded = new ArrayList<>(calls);
            for (int k = 0; k < calls; k++) {
                if (in.readBoolean()) {
                    forwarded.add(new WaitSummary.Wait(readString(in), readString(in), in.readBoolean(), in.readInt(),
                            in.readInt()));
                } else {
                    String callOwner = readString(in);
                    String callName = readString(in);
                    int callArity = in.readInt();
                    boolean fromSupertypes = in.readBoolean();
                    int size = in.readInt();
                    List<Integer> parameters = new ArrayList<>(size);
                    for (int p = 0; p < size; p++) {
                        parameters.add(in.readInt());
                    }
                    forwarded.add(new WaitSummary.Call(callOwner, callName, callArity, fromSupertypes, parameters,
                            in.readInt()));
                }
            }
            forwarders.add(new WaitSummary.Forwarder(owner, name, arity, shown, ifOverrides, declarations, forwarded));
        }
        return new WaitSummary(fileName, forwarders);
    }

    /** Findings and problems of one file, the file itself left out (the reader knows it). */
    static void writeFindings(DataOutputStream out, List<Finding> findings, List<SourceProblem> problems)
            throws IOException {
        out.writeInt(findings.size());
        for (Finding finding : findings) {
            writeString(out, finding.ruleId());
            out.writeByte(finding.severity().ordinal());
            out.writeInt(finding.line());
            out.writeInt(finding.column());
            out.writeInt(finding.endLine());
            out.writeInt(finding.endColumn());
            writeString(out, finding.message());
            writeString(out, finding.fix());
            writeString(out, finding.sourceLine());
            writeString(out, finding.enclosingType());
            writeString(out, finding.enclosingMember());
            writeString(out, finding.flaggedCode());
        }
        out.writeInt(problems.size());
        for (SourceProblem problem : problems) {
            out.writeInt(problem.line());
            out.writeInt(problem.column());
            writeString(out, problem.message());
        }
    }

    static List<Finding> readFindings(DataInputStream in, Path path) throws IOException {
        int count = in.readInt();
        List<Finding> findings = new ArrayList<>(count);
        Severity[] severities = Severity.values();
        for (int i = 0; i < count; i++) {
            findings.add(new Finding(readString(in), severities[in.readByte()], path, in.readInt(), in.readInt(),
                    in.readInt(), in.readInt(), readString(in), readString(in), readString(in), readString(in),
                    readString(in), readString(in)));
        }
        return findings;
    }

    static List<SourceProblem> readProblems(DataInputStream in, Path path) throws IOException {
        int count = in.readInt();
        List<SourceProblem> problems = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            problems.add(new SourceProblem(path, in.readInt(), in.readInt(), readString(in)));
        }
        return problems;
    }

    private static void writeOutline(DataOutputStream out, TypeOutline outline) throws IOException {
        writeString(out, outline.packageName());
        writeMap(out, outline.singleTypeImports());
        writeList(out, outline.onDemandImports());
        writeMap(out, outline.staticMemberImports());
        writeList(out, outline.staticOnDemandImports());
        out.writeInt(outline.declarations().size());
        for (TypeOutline.Declaration declaration : outline.declarations()) {
            writeString(out, declaration.qualifiedName());
            writeString(out, declaration.simpleName());
            writeList(out, declaration.writtenSupertypes());
            writeMap(out, declaration.fields());
            writeSignatures(out, declaration.methods());
            writeSignatures(out, declaration.abstractMethods());
            writeSignatures(out, declaration.catchAllMethods());
            writeMap(out, declaration.staticAccessors());
            out.writeBoolean(declaration.isEnum());
            writeList(out, declaration.enumConstants());
        }
        writeList(out, new ArrayList<>(outline.names()));
        writeSignatures(out, outline.calls());
        writeList(out, new ArrayList<>(outline.extended()));
    }

    private static void writeSignatures(DataOutputStream out, Signatures signatures) throws IOException {
        int[] hashes = signatures.hashes();
        out.writeInt(hashes.length);
        for (int hash : hashes) {
            out.writeInt(hash);
        }
    }

    private static Signatures readSignatures(DataInputStream in) throws IOException {
        int size = in.readInt();
        if (size < 0 || size > (16 << 20)) {
            throw new IOException("corrupt: " + size + " signatures");
        }
        int[] hashes = new int[size];
        for (int i = 0; i < size; i++) {
            hashes[i] = in.readInt();
        }
        return Signatures.fromHashes(hashes);
    }

    private static TypeOutline readOutline(DataInputStream in) throws IOException {
        String packageName = readString(in);
        Map<String, String> singleTypeImports = readMap(in);
        List<String> onDemandImports = readList(in);
        Map<String, String> staticMemberImports = readMap(in);
        List<String> staticOnDemandImports = readList(in);
        int declarationCount = in.readInt();
        List<TypeOutline.Declaration> declarations = new ArrayList<>(declarationCount);
        for (int i = 0; i < declarationCount; i++) {
            declarations.add(new TypeOutline.Declaration(readString(in), readString(in), readList(in),
                    Map.copyOf(readMap(in)), readSignatures(in), readSignatures(in), readSignatures(in),
                    Map.copyOf(readMap(in)), in.readBoolean(), List.copyOf(readList(in))));
        }
        Set<String> names = new HashSet<>(readList(in));
        return TypeOutline.restore(packageName, singleTypeImports, onDemandImports, staticMemberImports,
                staticOnDemandImports, declarations, names, readSignatures(in), new HashSet<>(readList(in)));
    }

    private static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> entry : map.entrySet()) {
            writeString(out, entry.getKey());
            writeString(out, entry.getValue());
        }
    }

    private static Map<String, String> readMap(DataInputStream in) throws IOException {
        int size = in.readInt();
        Map<String, String> map = new LinkedHashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            map.put(readString(in), readString(in));
        }
        return map;
    }

    private static void writeList(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String element : list) {
            writeString(out, element);
        }
    }

    private static List<String> readList(DataInputStream in) throws IOException {
        int size = in.readInt();
        List<String> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(readString(in));
        }
        return list;
    }

    static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > (64 << 20)) {
            throw new IOException("corrupt: a string of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
