package dev.threadguard.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.Problem;
import com.github.javaparser.TokenRange;
import com.github.javaparser.ast.CompilationUnit;
import dev.threadguard.analysis.FileContext;
import dev.threadguard.analysis.ProjectIndex;
import dev.threadguard.analysis.TypeOutline;
import dev.threadguard.rules.Rule;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs the enabled rules over a set of source files. Two passes over the files, both in parallel on a bounded set
 * of worker threads: first the cheap {@link TypeOutline} of every file (for the project's {@link ProjectIndex}),
 * then parsing (one {@link JavaParser} per worker, as parsers are not thread-safe) and the rules. A file that
 * cannot be read or parsed becomes a {@link SourceProblem}; every other file is still analysed.
 */
public final class Analyzer {

    /** Thread stacks deep enough for the parser's recursion on long expression chains in generated code. */
    private static final long WORKER_STACK_SIZE = 16L * 1024 * 1024;
    private static final long PHASE_TIMEOUT_MINUTES = 60;

    private final AnalysisRequest request;

    public Analyzer(AnalysisRequest request) {
        this.request = request;
    }

    public AnalysisResult run(AnalysisListener listener) {
        long start = System.nanoTime();
        ParserConfiguration.LanguageLevel level = LanguageLevels.forVersion(request.languageLevel());
        List<SourceFiles.SourceFile> files = SourceFiles.collect(request.sourceRoots(), request.projectDirectory(),
                request.includes(), request.excludes());
        int count = files.size();
        String[] texts = new String[count];
        TypeOutline[] outlines = new TypeOutline[count];
        SourceProblem[] readProblems = new SourceProblem[count];
        @SuppressWarnings("unchecked")
        List<Finding>[] findings = new List[count];
        List<SourceProblem>[] problems = newProblemLists(count);

        int parallelism = Math.min(request.threads(), Math.max(1, count));
        ExecutorService workers = Executors.newFixedThreadPool(parallelism, workerThreads());
        try {
            inParallel(workers, parallelism, count, i -> {
                Path path = files.get(i).path();
                try {
                    texts[i] = read(path, request.encoding());
                    outlines[i] = TypeOutline.of(texts[i]);
                } catch (IOException e) {
                    readProblems[i] = new SourceProblem(path, 1, 1, "cannot be read (" + e.getMessage()
                            + "); check the file's permissions and the build's encoding setting");
                }
            });
            ProjectIndex index = ProjectIndex.of(Arrays.stream(outlines).filter(o -> o != null).toList());
            AtomicInteger done = new AtomicInteger();
            ThreadLocal<JavaParser> parsers = ThreadLocal.withInitial(() -> new JavaParser(parserConfiguration(level)));
            inParallel(workers, parallelism, count, i -> {
                if (texts[i] != null) {
                    findings[i] = analyse(files.get(i).path(), texts[i], parsers.get(), index, problems[i]);
                    texts[i] = null;
                } else if (readProblems[i] != null) {
                    problems[i].add(readProblems[i]);
                }
                listener.fileDone(done.incrementAndGet(), count);
            });
        } finally {
            workers.shutdownNow();
        }

        List<Finding> allFindings = new ArrayList<>();
        List<SourceProblem> allProblems = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (findings[i] != null) {
                allFindings.addAll(findings[i]);
            }
            allProblems.addAll(problems[i]);
        }
        allFindings.sort(Finding.ORDER);
        allProblems.sort(Comparator.comparing((SourceProblem p) -> p.file().toString()).thenComparingInt(SourceProblem::line));
        return new AnalysisResult(allFindings, allProblems, count, request.rules().enabledRules(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private List<Finding> analyse(Path path, String text, JavaParser parser, ProjectIndex index,
                                  List<SourceProblem> problems) {
        CompilationUnit unit;
        try {
            ParseResult<CompilationUnit> parsed = parser.parse(text);
            if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
                problems.add(parseProblem(path, parsed.getProblems()));
                return List.of();
            }
            unit = parsed.getResult().get();
        } catch (StackOverflowError e) {
            problems.add(new SourceProblem(path, 1, 1, "is nested too deeply to parse (generated code?); "
                    + "exclude it with <excludes>"));
            return List.of();
        }
        FileContext context = new FileContext(path, text, unit, index, request.settings(),
                request.rules()::configuredSeverity);
        for (Rule rule : request.rules().enabledRules()) {
            try {
                rule.check(context);
            } catch (RuntimeException | StackOverflowError e) {
                problems.add(new SourceProblem(path, 1, 1, "could not be checked by rule " + rule.id() + " ("
                        + e + "). This is a threadguard bug: please report it with the file, or exclude the file "
                        + "with <excludes> meanwhile"));
            }
        }
        return context.findings();
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

    private static ParserConfiguration parserConfiguration(ParserConfiguration.LanguageLevel level) {
        return new ParserConfiguration()
                .setLanguageLevel(level)
                .setStoreTokens(true)
                .setAttributeComments(false)
                .setLexicalPreservationEnabled(false);
    }

    static String read(Path path, Charset encoding) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        try {
            return encoding.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException("not readable as " + encoding, e);
        }
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

    @SuppressWarnings("unchecked")
    private static List<SourceProblem>[] newProblemLists(int count) {
        List<SourceProblem>[] lists = new List[count];
        for (int i = 0; i < count; i++) {
            lists[i] = new ArrayList<>(0);
        }
        return lists;
    }
}
