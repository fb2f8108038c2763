package dev.threadguard.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.Problem;
import com.github.javaparser.TokenRange;
import com.github.javaparser.ast.CompilationUnit;
import dev.threadguard.api.FileContext;
import dev.threadguard.api.Finding;
import dev.threadguard.api.Rule;
import dev.threadguard.api.WaitingMethods;
import dev.threadguard.api.WaitSummary;
import dev.threadguard.types.ProjectIndex;
import dev.threadguard.types.Signatures;
import dev.threadguard.types.TypeOutline;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Runs the enabled rules over a set of source files. Two passes over the files, both in parallel on a bounded set
 * of worker threads: first the cheap {@link TypeOutline} of every file (for the project's {@link ProjectIndex}
 * and the {@link Prefilter}), then parsing (one {@link JavaParser} per worker, as parsers are not thread-safe)
 * and the rules, only for the files that can hold a finding and are not known from the {@link AnalysisCache}.
 * A file that cannot be read or parsed becomes a {@link SourceProblem}; every other file is still analysed.
 */
public final class Analyzer {

    /**
     * From how many changed files on the analysis runs in a JVM of its own ({@link ForkedAnalysis}), whose
     * compiler settings suit a parser that runs once: below it, starting a JVM costs more than it saves.
     */
    static final int FORK_THRESHOLD = 200;

    /** Thread stacks deep enough for the parser's recursion on long expression chains in generated code. */
    private static final long WORKER_STACK_SIZE = 16L * 1024 * 1024;
    private static final long PHASE_TIMEOUT_MINUTES = 60;
    /**
     * At most this many passes over the files whose calls reach a waiting method that changed: each pass resolves
     * a level of methods that wait through others; real chains are a few levels deep.
     */
    private static final int MAX_ROUNDS = 16;
    private static final byte SKIPPED = 1;
    private static final byte PARSED = 2;

    private final AnalysisRequest request;

    public Analyzer(AnalysisRequest request) {
        this.request = request;
    }

    public AnalysisResult run(AnalysisListener listener) {
        long start = System.nanoTime();
        int release = LanguageLevels.release(request.languageLevel());
        List<SourceFiles.SourceFile> files = SourceFiles.collect(request.sourceRoots(), request.projectDirectory(),
                request.includes(), request.excludes());
        int count = files.size();
        List<Rule> rules = request.rules().enabledRules();
        String cacheKey = cacheKey(release);
        AnalysisCache cache = request.cacheFile() == null ? AnalysisCache.empty(cacheKey)
                : AnalysisCache.load(request.cacheFile(), cacheKey);
        int changed = changedFiles(files, cache);
        if (changed == 0 && cache.size() == count) {
            return fromCache(files, cache, start);
        }
        if (!request.forkClassPath().isEmpty() && changed >= FORK_THRESHOLD) {
            return ForkedAnalysis.run(request, listener);
        }
        Set<String> words = Prefilter.words(rules, request.settings());

        AnalysisCache.Entry[] entries = new AnalysisCache.Entry[count];
        String[] texts = new String[count];
        SourceProblem[] readProblems = new SourceProblem[count];
        boolean[] fromCache = new boolean[count];
        int parallelism = Math.min(request.threads(), Math.max(1, count));
        ExecutorService workers = Executors.newFixedThreadPool(parallelism, workerThreads());
        try {
            // 1. what each file declares and mentions: from the cache when unchanged, else from a token scan
            inParallel(workers, parallelism, count, i -> {
                Path path = files.get(i).path();
                try {
                    entries[i] = scan(files.get(i), cache, words, texts, i);
                    fromCache[i] = texts[i] == null;
                } catch (IOException e) {
                    readProblems[i] = new SourceProblem(path, 1, 1, "cannot be read (" + e.getMessage()
                            + "); check the file's permissions and the build's encoding setting");
                }
            });
            ProjectIndex index = ProjectIndex.of(Arrays.stream(entries).filter(Objects::nonNull)
                    .map(entry -> entry.outline).toList());
            boolean[] valid = new boolean[count]; // the cached findings still hold
            boolean indexUnchanged = index.fingerprint().equals(cache.indexFingerprint());
            for (int i = 0; i < count; i++) {
                valid[i] = indexUnchanged && entries[i] != null && fromCache[i] && entries[i].findings != null;
            }
            if (indexUnchanged) {
                invalidateInheritors(files, entries, fromCache, valid, cache, index);
            }
            boolean allCached = IntStream.range(0, count).allMatch(i -> entries[i] == null || valid[i]);
            boolean followsWaits = rules.stream().anyMatch(Rule::followsWaitingMethods);
            // the waiting methods the cached findings were judged with: the last run's
            WaitingMethods previous = followsWaits && !allCached ? WaitingMethods.resolve(cache.summaries(), index)
                    : WaitingMethods.NONE;
            if (indexUnchanged && !previous.isEmpty()) {
                invalidateCallersOfRedeclared(files, entries, fromCache, valid, cache, index, previous);
            }
            WaitingMethods[] judgedWith = new WaitingMethods[count];
            Arrays.fill(judgedWith, previous);

            // 2. parse and check what can hold a finding and is not known from the cache; then, as long as the
            // project's waiting methods change, once more every file whose calls may reach a changed one
            AtomicInteger done = new AtomicInteger();
            byte[] handled = new byte[count];
            ParserConfiguration.LanguageLevel level = LanguageLevels.forVersion(request.languageLevel());
            ThreadLocal<JavaParser> parsers = ThreadLocal.withInitial(() -> new JavaParser(Parsers.configuration(level)));
            WaitingMethods waiting = previous;
            int[] toCheck = IntStream.range(0, count).toArray();
            // widening the triggers over the project's types takes a moment: not needed when nothing is analysed
            Prefilter rulesFilter = !request.prefilter() || allCached ? Prefilter.none()
                    : Prefilter.of(rules, request.settings(), index);
            for (int round = 1; toCheck.length > 0; round++) {
                boolean first = round == 1;
                WaitingMethods known = waiting;
                Prefilter prefilter = rulesFilter.withCallsOf(known, index);
                int[] indices = toCheck;
                inParallel(workers, parallelism, indices.length, k -> {
                    int i = indices[k];
                    AnalysisCache.Entry entry = entries[i];
                    if (entry != null && !(first && valid[i])) {
                        if (!prefilter.mayReport(entry.outline)) {
                            entry.findings = List.of();
                            entry.problems = List.of();
                            entry.summary = WaitSummary.NONE;
                            handled[i] = handled[i] == PARSED ? PARSED : SKIPPED;
                        } else {
                            check(files.get(i).path(), texts[i], entry, parsers.get(), index, known);
                            handled[i] = PARSED;
                        }
                        judgedWith[i] = known;
                    }
                    texts[i] = null;
                    if (first) {
                        listener.fileDone(done.incrementAndGet(), count);
                    }
                });
                if (!followsWaits || allCached || round == MAX_ROUNDS) {
                    break;
                }
                waiting = WaitingMethods.resolve(Arrays.stream(entries).filter(Objects::nonNull)
                        .map(entry -> entry.summary).toList(), index);
                toCheck = toJudgeAgain(entries, judgedWith, waiting, index);
            }
            int parsed = 0;
            int skipped = 0;
            int cached = 0;
            for (int i = 0; i < count; i++) {
                if (handled[i] == PARSED) {
                    parsed++;
                } else if (handled[i] == SKIPPED) {
                    skipped++;
                } else if (entries[i] != null) {
                    cached++;
                }
            }

            if (request.cacheFile() != null && (!allCached || anyTouched(entries, cache, files))) {
                Map<Path, AnalysisCache.Entry> toSave = new HashMap<>(count * 2);
                for (int i = 0; i < count; i++) {
                    if (entries[i] != null) {
                        toSave.put(files.get(i).path(), entries[i]);
                    }
                }
                AnalysisCache.save(request.cacheFile(), cacheKey, index.fingerprint(), toSave);
            }
            return result(files, entries, readProblems, new AnalysisResult.Work(parsed, skipped, cached), start);
        } finally {
            workers.shutdownNow();
        }
    }

    /**
     * A changed file may have changed the fields of its types, which the files of their subclasses use without a
     * trace in their own text: the cached findings of every file that extends such a type, or one of its
     * subclasses, no longer hold.
     */
    private static void invalidateInheritors(List<SourceFiles.SourceFile> files, AnalysisCache.Entry[] entries,
                                             boolean[] fromCache, boolean[] valid, AnalysisCache cache,
                                             ProjectIndex index) {
        Set<String> changedTypes = typesChanged(files, entries, fromCache, cache, Analyzer::fieldsByType);
        if (changedTypes.isEmpty()) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (String type : changedTypes) {
            names.add(type.substring(type.lastIndexOf('.') + 1));
            for (String subtype : index.subtypesOf(type)) {
                names.add(subtype.substring(subtype.lastIndexOf('.') + 1));
            }
        }
        for (int i = 0; i < entries.length; i++) {
            if (valid[i] && entries[i].outline.extended().stream().anyMatch(names::contains)) {
                valid[i] = false;
            }
        }
    }

    /**
     * A changed file may have declared or removed a method of a type related to a waiting method's type (an override
     * that does not wait, an abstract declaration every implementation of which waits), which changes what a call of
     * that method reaches without changing what any method forwards: the cached findings of every file that may
     * call such a waiting method no longer hold.
     */
    private static void invalidateCallersOfRedeclared(List<SourceFiles.SourceFile> files,
                                                      AnalysisCache.Entry[] entries, boolean[] fromCache,
                                                      boolean[] valid, AnalysisCache cache, ProjectIndex index,
                                                      WaitingMethods previous) {
        Set<String> redeclared = typesChanged(files, entries, fromCache, cache, Analyzer::methodsByType);
        if (redeclared.isEmpty()) {
            return;
        }
        Set<String> affected = new HashSet<>();
        for (String key : previous.all().keySet()) {
            String owner = key.substring(0, key.indexOf('#'));
            if (Prefilter.relatedTypes(owner, index).stream().anyMatch(redeclared::contains)) {
                affected.add(key);
            }
        }
        if (affected.isEmpty()) {
            return;
        }
        Prefilter callers = Prefilter.callersOf(affected, index);
        for (int i = 0; i < entries.length; i++) {
            if (valid[i] && callers.mayReport(entries[i].outline)) {
                valid[i] = false;
            }
        }
    }

    /**
     * The types of the files analysed again (not taken from the cache) whose {@code part} differs from what the
     * cache had for that file: a type added or removed counts as changed.
     */
    private static Set<String> typesChanged(List<SourceFiles.SourceFile> files, AnalysisCache.Entry[] entries,
                                            boolean[] fromCache, AnalysisCache cache,
                                            Function<TypeOutline, Map<String, ?>> part) {
        Set<String> changed = new HashSet<>();
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] != null && !fromCache[i]) {
                Path path = files.get(i).path();
                Map<String, ?> before = part.apply(cache.get(path) == null ? null : cache.outline(path));
                Map<String, ?> now = part.apply(entries[i].outline);
                Set<String> types = new HashSet<>(before.keySet());
                types.addAll(now.keySet());
                for (String type : types) {
                    if (!Objects.equals(before.get(type), now.get(type))) {
                        changed.add(type);
                    }
                }
            }
        }
        return changed;
    }

    private static Map<String, List<Signatures>> methodsByType(TypeOutline outline) {
        Map<String, List<Signatures>> methods = new HashMap<>();
        if (outline != null) {
            for (TypeOutline.Declaration declaration : outline.declarations()) {
                methods.put(declaration.qualifiedName(), List.of(declaration.methods(),
                        declaration.abstractMethods()));
            }
        }
        return methods;
    }

    private static Map<String, Map<String, String>> fieldsByType(TypeOutline outline) {
        Map<String, Map<String, String>> fields = new HashMap<>();
        if (outline != null) {
            for (TypeOutline.Declaration declaration : outline.declarations()) {
                fields.put(declaration.qualifiedName(), declaration.fields());
            }
        }
        return fields;
    }

    /**
     * The files to check again now that the project's waiting methods are {@code now}: those judged with other
     * waiting methods whose calls may reach one that changed in between. The others' findings hold as they are.
     */
    private static int[] toJudgeAgain(AnalysisCache.Entry[] entries, WaitingMethods[] judgedWith,
                                      WaitingMethods now, ProjectIndex index) {
        Map<WaitingMethods, Optional<Prefilter>> callersOfChanges = new IdentityHashMap<>();
        List<Integer> again = new ArrayList<>();
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] == null || judgedWith[i] == now) {
                continue;
            }
            Optional<Prefilter> callers = callersOfChanges.computeIfAbsent(judgedWith[i], before -> {
                Set<String> changed = before.changedKeys(now);
                return changed.isEmpty() ? Optional.empty() : Optional.of(Prefilter.callersOf(changed, index));
            });
            if (callers.isPresent() && callers.get().mayReport(entries[i].outline)) {
                again.add(i);
            } else {
                judgedWith[i] = now; // nothing it calls changed: judged with these waiting methods as well
            }
        }
        return again.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Files that are new or whose size or modification time differ from the cache, or without cached findings. */
    private static int changedFiles(List<SourceFiles.SourceFile> files, AnalysisCache cache) {
        int changed = 0;
        for (SourceFiles.SourceFile file : files) {
            AnalysisCache.Entry entry = cache.get(file.path());
            if (entry == null || entry.findings == null || entry.size != file.size()
                    || entry.modified != file.modified()) {
                changed++;
            }
        }
        return changed;
    }

    /** Nothing changed since the cache was written: its findings are the result, and nothing is written. */
    private AnalysisResult fromCache(List<SourceFiles.SourceFile> files, AnalysisCache cache, long start) {
        AnalysisCache.Entry[] entries = new AnalysisCache.Entry[files.size()];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = cache.get(files.get(i).path());
        }
        return result(files, entries, new SourceProblem[files.size()], new AnalysisResult.Work(0, 0, files.size()),
                start);
    }

    private AnalysisResult result(List<SourceFiles.SourceFile> files, AnalysisCache.Entry[] entries,
                                  SourceProblem[] readProblems, AnalysisResult.Work work, long start) {
        List<Finding> allFindings = new ArrayList<>();
        List<SourceProblem> allProblems = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (entries[i] != null) {
                allFindings.addAll(entries[i].findings);
                allProblems.addAll(entries[i].problems);
            } else if (readProblems[i] != null) {
                allProblems.add(readProblems[i]);
            }
        }
        allFindings.sort(Finding.ORDER);
        allProblems.sort(Comparator.comparing((SourceProblem p) -> p.file().toString())
                .thenComparingInt(SourceProblem::line));
        return new AnalysisResult(allFindings, allProblems, files.size(), request.rules().enabledRules(),
                Duration.ofNanos(System.nanoTime() - start), work);
    }

    /**
     * The cache entry of a file: the cached one when size and modification time are unchanged or the content
     * hash is the same, otherwise a new one from a token scan (the text is then kept in {@code texts[i]} for
     * parsing).
     */
    private AnalysisCache.Entry scan(SourceFiles.SourceFile file, AnalysisCache cache, Set<String> words,
                                     String[] texts, int i) throws IOException {
        Path path = file.path();
        AnalysisCache.Entry cached = cache.get(path);
        long size = file.size();
        long modified = file.modified();
        byte[] bytes = null;
        AnalysisCache.Entry reused = null;
        if (cached != null && cached.size == size && cached.modified == modified) {
            reused = cached;
        } else {
            bytes = Files.readAllBytes(path);
            if (cached != null && cached.hash.equals(contentHash(bytes))) {
                reused = cached.withModified(modified);
            }
        }
        if (reused != null) {
            if (reused.outline == null) {
                reused.outline = cache.outline(path);
            }
            if (reused.outline != null) {
                return reused;
            }
        }
        if (bytes == null) {
            bytes = Files.readAllBytes(path);
        }
        String text = decode(bytes, request.encoding());
        texts[i] = text;
        return new AnalysisCache.Entry(size, modified, contentHash(bytes), TypeOutline.of(text, words), null, null);
    }

    /** True when a file was added, removed, or only touched (same content, new time), so the cache must be written. */
    private static boolean anyTouched(AnalysisCache.Entry[] entries, AnalysisCache cache,
                                      List<SourceFiles.SourceFile> files) {
        if (cache.size() != files.size()) {
            return true;
        }
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] != cache.get(files.get(i).path())) {
                return true;
            }
        }
        return false;
    }

    /** Changes whenever anything that could change a finding changes, except the files themselves. */
    /**
     * The rules' trigger words, which outlines record, are not part of it: they follow from the rules and the
     * configured methods, and those are.
     */
    private String cacheKey(int release) {
        StringBuilder key = new StringBuilder("threadguard ").append(request.toolVersion()).append(' ')
                .append(codeFingerprint()).append(" release=").append(release).append(" encoding=")
                .append(request.encoding().name()).append(" rules=");
        for (Rule rule : request.rules().enabledRules()) {
            key.append(rule.id()).append(':').append(request.rules().effectiveSeverity(rule)).append(',');
        }
        key.append(" spawn=").append(request.settings().spawnMethods())
                .append(" blocking=").append(request.settings().blockingMethods())
                .append(" prefilter=").append(request.prefilter());
        return sha256(key.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Identifies the engine's own code, so that a rebuilt snapshot of threadguard does not reuse old results. */
    private static String codeFingerprint() {
        try {
            Path code = Path.of(Analyzer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(code)) {
                return Files.size(code) + "@" + Files.getLastModifiedTime(code).toMillis();
            }
        } catch (Exception e) {
            // no code source: fall back to the version alone
        }
        return "dev";
    }

    /**
     * A 64-bit content key: CRC-32C and CRC-32 of the bytes, both computed by the processor's own instructions.
     * A changed file keeps its old key with a chance of one in 2^64; a cryptographic hash costs several times
     * more here, for a protection a build cache does not need.
     */
    private static String contentHash(byte[] bytes) {
        CRC32C crc32c = new CRC32C();
        crc32c.update(bytes);
        CRC32 crc32 = new CRC32();
        crc32.update(bytes);
        return Long.toHexString(crc32c.getValue() << 32 | crc32.getValue()) + ":" + bytes.length;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** Parses and checks one file (its text, when still in memory, or read again), into its cache entry. */
    private void check(Path path, String text, AnalysisCache.Entry entry, JavaParser parser, ProjectIndex index,
                       WaitingMethods waiting) {
        List<SourceProblem> problems = new ArrayList<>(0);
        entry.findings = List.of();
        entry.summary = WaitSummary.NONE;
        try {
            analyse(path, text != null ? text : read(path, request.encoding()), parser, index, waiting, entry,
                    problems);
        } catch (IOException e) {
            problems.add(new SourceProblem(path, 1, 1, "cannot be read (" + e.getMessage() + ")"));
        }
        entry.problems = problems;
    }

    private void analyse(Path path, String text, JavaParser parser, ProjectIndex index, WaitingMethods waiting,
                         AnalysisCache.Entry entry, List<SourceProblem> problems) {
        CompilationUnit unit;
        try {
            ParseResult<CompilationUnit> parsed = parser.parse(text);
            if (!parsed.isSuccessful() && text.contains("\\u")) {
                parsed = withUnicodeEscapes(parser).parse(text);
            }
            if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
                problems.add(parseProblem(path, parsed.getProblems()));
                return;
            }
            unit = parsed.getResult().get();
        } catch (StackOverflowError e) {
            problems.add(new SourceProblem(path, 1, 1, "is nested too deeply to parse (generated code?); "
                    + "exclude it with <excludes>"));
            return;
        }
        FileContext context = new FileContext(path, text, unit, index, waiting, request.settings(),
                request.rules()::configuredSeverity, release());
        for (Rule rule : request.rules().enabledRules()) {
            try {
                context.check(rule);
                if (rule.followsWaitingMethods()) {
                    entry.summary = rule.summarise(context);
                }
            } catch (RuntimeException | StackOverflowError e) {
                problems.add(new SourceProblem(path, 1, 1, "could not be checked by rule " + rule.id() + " ("
                        + e + "). This is a threadguard bug: please report it with the file, or exclude the file "
                        + "with <excludes> meanwhile"));
            }
        }
        entry.findings = context.findings();
    }

    /**
     * A parser that reads unicode escapes as javac does, before anything else: a string literal whose backslashes
     * and quotes are written as unicode escapes (generated parsers write such strings) is a well-formed literal to
     * javac and an unterminated one to a parser that reads escapes inside tokens. Used only for a file the usual
     * parser rejects, as the extra pass over every file's text would cost time for nothing elsewhere; positions
     * are mapped back to the file's own text.
     */
    private static JavaParser withUnicodeEscapes(JavaParser parser) {
        return new JavaParser(Parsers.configuration(parser.getParserConfiguration().getLanguageLevel())
                .setPreprocessUnicodeEscapes(true));
    }

    /** The Java release the project's sources are written for, as rules see it. */
    private int release() {
        String level = request.languageLevel();
        return level == null || level.isBlank() ? FileContext.UNKNOWN_RELEASE : LanguageLevels.release(level);
    }

    private static SourceProblem parseProblem(Path path, List<Problem> parseProblems) {
        if (parseProblems.isEmpty()) {
            return new SourceProblem(path, 1, 1, "does not parse");
        }
        Problem first = parseProblems.get(0);
        Position begin = first.getLocation().flatMap(TokenRange::toRange).map(range -> range.begin)
                .orElse(new Position(1, 1));
        String message = first.getMessage().lines().findFirst().orElse("").trim();
        int expected = message.indexOf(", expected one of");
        if (expected > 0) {
            message = message.substring(0, expected);
        }
        if (message.length() > 200) {
            message = message.substring(0, 200) + "...";
        }
        return new SourceProblem(path, begin.line, begin.column, "does not parse: " + message
                + " (skipped; if the code compiles, set threadguard.languageLevel to its Java version)");
    }

    static String read(Path path, Charset encoding) throws IOException {
        return decode(Files.readAllBytes(path), encoding);
    }

    /** Decodes like javac does with a wrong byte here and there: replaced, not fatal. */
    private static String decode(byte[] bytes, Charset encoding) {
        return new String(bytes, encoding);
    }

    /** Runs {@code task} for every index below {@code count} on all workers, and waits for all of them. */
    private static void inParallel(ExecutorService workers, int parallelism, int count, IntConsumer task) {
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                task.accept(i);
            }
        };
        List<Future<?>> running = new ArrayList<>(parallelism);
        for (int i = 0; i < parallelism; i++) {
            running.add(workers.submit(worker));
        }
        for (Future<?> future : running) {
            try {
                future.get(PHASE_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("The analysis was interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("The analysis failed: " + cause, cause);
            } catch (TimeoutException e) {
                throw new IllegalStateException("The analysis did not finish within " + PHASE_TIMEOUT_MINUTES
                        + " minutes; exclude very large generated files with <excludes>", e);
            }
        }
    }

    private static ThreadFactory workerThreads() {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(null, runnable, "threadguard-analysis-" + number.incrementAndGet(),
                    WORKER_STACK_SIZE);
            thread.setDaemon(true);
            return thread;
        };
    }

}
