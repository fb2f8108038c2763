package dev.threadguard.report.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.jar.JarFile;

/** Facts about the JVM to fork and the class path to run, checked before anything is started. */
public final class JavaRuntime {

    private JavaRuntime() {
    }

    /** The {@code java} launcher: {@code jvm} may name the launcher itself or a Java home; null means Maven's own. */
    public static Path launcher(String jvm) {
        if (jvm == null || jvm.isBlank()) {
            return Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        }
        Path path = Path.of(jvm.trim());
        if (Files.isDirectory(path)) {
            return path.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
        }
        return path;
    }

    /**
     * The Java feature version of a launcher, from its home's {@code release} file (JAVA_VERSION="25.0.1");
     * empty when it cannot be told.
     */
    public static OptionalInt featureVersion(Path launcher) {
        Path home = launcher.toAbsolutePath().getParent() == null ? null : launcher.toAbsolutePath().getParent()
                .getParent();
        if (home == null) {
            return OptionalInt.empty();
        }
        try {
            for (String line : Files.readAllLines(home.resolve("release"), StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "").trim();
                    String feature = version.startsWith("1.") ? version.substring(2) : version;
                    int end = 0;
                    while (end < feature.length() && Character.isDigit(feature.charAt(end))) {
                        end++;
                    }
                    return end == 0 ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(feature.substring(0, end)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no release file: unknown
        }
        return OptionalInt.empty();
    }

    /** True when some class path entry (directory or jar) holds the class. */
    public static boolean containsClass(Iterable<String> classpath, String className) {
        String entry = className.replace('.', '/') + ".class";
        for (String element : classpath) {
            Path path = Path.of(element);
            if (Files.isDirectory(path)) {
                if (Files.isRegularFile(path.resolve(entry))) {
                    return true;
                }
            } else if (Files.isRegularFile(path)) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    if (jar.getEntry(entry) != null) {
                        return true;
                    }
                } catch (IOException e) {
                    // not a jar: skip
                }
            }
        }
        return false;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }
}
