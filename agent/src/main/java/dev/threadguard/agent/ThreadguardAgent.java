package dev.threadguard.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The agent jar's {@code Premain-Class}: loads the agent into a class loader of its own and starts it
 * ({@link Agent}). Besides this class, only the test listeners' API ({@code dev.threadguard.agent.api}, which the
 * listeners on the class path call) is loaded by the application's class loader.
 *
 * <p>Why: the JVM puts a {@code -javaagent} jar on the application's class path, so its classes would be loaded like
 * the application's own, with the jar as their location — and coverage agents instrument every such class. With
 * JaCoCo's {@code prepare-agent} next to threadguard's, JaCoCo put probes into a hundred of the agent's classes, and
 * a JaCoCo older than 0.8.7, which cannot read Java 17 class files, printed a stack trace for each of them into the
 * test output. The {@link Loader} defines the agent's classes from the jar's bytes with no location, which JaCoCo (like
 * other coverage tools) leaves alone by default; it also keeps the agent's classes, shaded ASM included, out of the
 * application's class loader.
 */
public final class ThreadguardAgent {

    static final String AGENT = "dev.threadguard.agent.Agent";

    private ThreadguardAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        try {
            Path jar = location();
            Loader loader = new Loader(jar, ThreadguardAgent.class.getClassLoader());
            loader.loadClass(AGENT).getMethod("premain", String.class, Instrumentation.class, Path.class)
                    .invoke(null, arguments, instrumentation, jar);
        } catch (Throwable e) {
            // Agent.premain reports its own failures; this is a broken jar or a JVM that refuses the loader
            System.err.println("[threadguard] error: the agent could not be loaded, this run is not guarded: " + e);
        }
    }

    /** The agent jar (or the classes directory, when this module's tests run from it). */
    static Path location() throws Exception {
        CodeSource source = ThreadguardAgent.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IOException("the agent's class has no location");
        }
        return Path.of(source.getLocation().toURI());
    }

    /**
     * Defines the agent's classes (every class under {@code dev.threadguard.agent} but this one and the API) from
     * the agent jar's bytes, with no code source; everything else, the JDK and the API, comes from its parent.
     * The jar stays open for the JVM's life: the agent loads some classes late (a dump, the exit).
     */
    static final class Loader extends ClassLoader {
        private static final String ROOT = "dev.threadguard.agent.";
        private static final String API = ROOT + "api.";
        private static final String LAUNCHER = ThreadguardAgent.class.getName();

        static {
            registerAsParallelCapable();
        }

        private final JarFile jar;
        private final Path directory;

        Loader(Path location, ClassLoader parent) throws IOException {
            super(parent);
            boolean isDirectory = Files.isDirectory(location);
            this.jar = isDirectory ? null : new JarFile(location.toFile(), false);
            this.directory = isDirectory ? location : null;
        }

        /** Whether the class is the agent's own, defined here rather than by the parent. */
        static boolean own(String name) {
            return name.startsWith(ROOT) && !name.startsWith(API) && !name.startsWith(LAUNCHER);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!own(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> type = findLoadedClass(name);
                if (type == null) {
                    byte[] bytes;
                    try {
                        bytes = read(name.replace('.', '/') + ".class");
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                    if (bytes == null) {
                        throw new ClassNotFoundException(name);
                    }
                    type = defineClass(name, bytes, 0, bytes.length);
                }
                if (resolve) {
                    resolveClass(type);
                }
                return type;
            }
        }

        /** The agent's own class files (the hook's bytes, read to define it in {@code java.base}) from its jar. */
        @Override
        public InputStream getResourceAsStream(String name) {
            if (name.endsWith(".class") && own(name.substring(0, name.length() - ".class".length()).replace('/', '.'))) {
                try {
                    if (jar != null) {
                        ZipEntry entry = jar.getEntry(name);
                        return entry == null ? null : jar.getInputStream(entry);
                    }
                    Path file = directory.resolve(name);
                    return Files.isRegularFile(file) ? Files.newInputStream(file) : null;
                } catch (IOException e) {
                    return null;
                }
            }
            return super.getResourceAsStream(name);
        }

        private byte[] read(String path) throws IOException {
            try (InputStream in = getResourceAsStream(path)) {
                return in == null ? null : in.readAllBytes();
            }
        }
    }
}
