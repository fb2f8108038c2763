package dev.threadguard.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Java files to analyse under a set of source roots. A file is taken when its path relative to its source
 * root (or to the project directory) matches an include and no exclude. Roots that do not exist are skipped.
 */
public final class SourceFiles {

    /** A Java source file and the root it was found under. */
    public record SourceFile(Path path, Path root) {
        /** The path relative to its source root, with {@code /} separators. */
        public String relativePath() {
            return root.relativize(path).toString().replace('\\', '/');
        }
    }

    private SourceFiles() {
    }

    /**
     * @param projectDirectory patterns may also be written relative to it, e.g. {@code src/main/java/gen/**}
     */
    public static List<SourceFile> collect(List<Path> roots, Path projectDirectory, List<String> includes,
                                           List<String> excludes) {
        List<Glob> include = (includes == null || includes.isEmpty() ? List.of("**/*.java") : includes).stream()
                .map(Glob::compile).toList();
        List<Glob> exclude = excludes == null ? List.of() : excludes.stream().map(Glob::compile).toList();
        Map<Path, SourceFile> found = new LinkedHashMap<>();
        for (Path root : roots) {
            Path absoluteRoot = root.toAbsolutePath().normalize();
            if (!Files.isDirectory(absoluteRoot)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(absoluteRoot)) {
                walk.filter(path -> path.getFileName().toString().endsWith(".java") && Files.isRegularFile(path))
                        .sorted()
                        .forEach(path -> {
                            SourceFile file = new SourceFile(path, absoluteRoot);
                            String fromRoot = file.relativePath();
                            String fromProject = projectDirectory == null ? fromRoot
                                    : projectDirectory.toAbsolutePath().normalize().relativize(path).toString()
                                    .replace('\\', '/');
                            if (matchesAny(include, fromRoot, fromProject) && !matchesAny(exclude, fromRoot, fromProject)) {
                                found.putIfAbsent(path, file);
                            }
                        });
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the source files under " + absoluteRoot, e);
            }
        }
        return new ArrayList<>(found.values());
    }

    private static boolean matchesAny(List<Glob> globs, String fromRoot, String fromProject) {
        for (Glob glob : globs) {
            if (glob.matches(fromRoot) || glob.matches(fromProject)) {
                return true;
            }
        }
        return false;
    }
}
