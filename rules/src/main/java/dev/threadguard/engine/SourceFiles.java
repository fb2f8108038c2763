package dev.threadguard.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java files to analyse under a set of source roots. A file is taken when its path relative to its source
 * root (or to the project directory) matches an include and no exclude. Roots that do not exist are skipped.
 * Each file comes with the size and modification time the directory walk read, so that checking it against the
 * analysis cache costs nothing more.
 */
public final class SourceFiles {

    /** A Java source file, the root it was found under, and its size and modification time (millis). */
    public record SourceFile(Path path, Path root, long size, long modified) {

        /** The path relative to its source root, with {@code /} separators. */
        public String relativePath() {
            return root.relativize(path).toString().replace('\\', '/');
        }
    }

    private static final String DEFAULT_INCLUDE = "**/*.java";

    private SourceFiles() {
    }

    /**
     * @param projectDirectory patterns may also be written relative to it, e.g. {@code src/main/java/gen/**}
     */
    public static List<SourceFile> collect(List<Path> roots, Path projectDirectory, List<String> includes,
                                           List<String> excludes) {
        boolean everyJavaFile = (includes == null || includes.isEmpty()
                || includes.size() == 1 && includes.get(0).trim().equals(DEFAULT_INCLUDE))
                && (excludes == null || excludes.isEmpty());
        List<Glob> include = (includes == null || includes.isEmpty() ? List.of(DEFAULT_INCLUDE) : includes).stream()
                .map(Glob::compile).toList();
        List<Glob> exclude = excludes == null ? List.of() : excludes.stream().map(Glob::compile).toList();
        Path project = projectDirectory == null ? null : projectDirectory.toAbsolutePath().normalize();
        Map<Path, SourceFile> found = new LinkedHashMap<>();
        for (Path root : roots) {
            Path absoluteRoot = root.toAbsolutePath().normalize();
            if (!Files.isDirectory(absoluteRoot)) {
                continue;
            }
            List<SourceFile> inRoot = new ArrayList<>();
            try {
                Files.walkFileTree(absoluteRoot, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) {
                        if (attributes.isRegularFile() && path.getFileName().toString().endsWith(".java")) {
                            SourceFile file = new SourceFile(path, absoluteRoot, attributes.size(),
                                    attributes.lastModifiedTime().toMillis());
                            if (everyJavaFile || selected(file, project, include, exclude)) {
                                inRoot.add(file);
                            }
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the source files under " + absoluteRoot, e);
            }
            inRoot.sort(Comparator.comparing(SourceFile::path));
            for (SourceFile file : inRoot) {
                found.putIfAbsent(file.path(), file);
            }
        }
        return new ArrayList<>(found.values());
    }

    private static boolean selected(SourceFile file, Path project, List<Glob> include, List<Glob> exclude) {
        String fromRoot = file.relativePath();
        String fromProject = project == null ? fromRoot
                : project.relativize(file.path()).toString().replace('\\', '/');
        return matchesAny(include, fromRoot, fromProject) && !matchesAny(exclude, fromRoot, fromProject);
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
