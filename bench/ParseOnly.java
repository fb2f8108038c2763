import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The parse floor: parses every .java file under a directory with javaparser, one parser per thread, and
 * nothing else. Run with the single-file launcher:
 * {@code java -cp javaparser-core.jar bench/ParseOnly.java <dir> [threads] [level] [storeTokens]}.
 */
public class ParseOnly {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        String level = args.length > 2 ? args[2] : "JAVA_21";
        boolean storeTokens = args.length <= 3 || Boolean.parseBoolean(args[3]);
        boolean validate = args.length <= 4 || Boolean.parseBoolean(args[4]);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                JavaParser parser = new JavaParser(new ParserConfiguration()
                        .setLanguageLevel(ParserConfiguration.LanguageLevel.valueOf(level))
                        .setStoreTokens(storeTokens)
                        .setAttributeComments(false));
                if (!validate) {
                    // keep the level's post-processing (var), drop its validator
                    parser.getParserConfiguration().getProcessors().remove(3);
                    var vars = new com.github.javaparser.ast.validator.postprocessors.Java10PostProcessor();
                    parser.getParserConfiguration().getProcessors().add(() -> new com.github.javaparser.Processor() {
                        @Override
                        public void postProcess(com.github.javaparser.ParseResult<? extends com.github.javaparser.ast.Node> result,
                                                ParserConfiguration configuration) {
                            vars.postProcess(result, configuration);
                        }
                    });
                }
                for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                    try {
                        if (!parser.parse(Files.readString(files.get(i))).isSuccessful()) {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> worker : workers) {
                worker.get(1, TimeUnit.HOURS);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("parse-only: %d files (%d failed) in %.1f s on %d threads (%s, storeTokens=%s, validate=%s)%n",
                files.size(), failed.get(), (System.nanoTime() - start) / 1e9, threads, level, storeTokens, validate);
    }
}
