package dev.threadguard.agent;

import dev.threadguard.agent.config.AgentLog;
import dev.threadguard.agent.config.AgentOptions;
import dev.threadguard.agent.config.LogFormat;
import dev.threadguard.agent.config.ProcessId;
import dev.threadguard.agent.instrument.FieldAccessInjector;
import dev.threadguard.agent.instrument.HookInjector;
import dev.threadguard.agent.instrument.ThreadTransformer;
import dev.threadguard.agent.instrument.TransformCache;
import dev.threadguard.agent.runtime.Guard;
import dev.threadguard.agent.runtime.Hook;
import dev.threadguard.agent.runtime.StaticHolders;

import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * {@code -javaagent:threadguard-agent.jar=<options>}: counts the application's threads, knows who owns each,
 * enforces the thread budgets and writes its own recording (see {@link AgentOptions}, {@link LogFormat}). Runs on
 * the main thread before {@code main}, and does as little as it can there: no JFR unless asked, no management API
 * unless a dump needs locks. Any failure here is reported in one line and leaves the application running
 * unguarded: the agent must never be the reason an application fails.
 *
 * <p>Called by {@link ThreadguardAgent}, the jar's {@code Premain-Class}, once it has loaded this class into the
 * agent's own class loader.
 */
public final class Agent {

    private Agent() {
    }

    /** @param jar the agent jar (or, in this module's tests, its classes directory), which keys the transform cache */
    public static void premain(String arguments, Instrumentation instrumentation, Path jar) {
        try {
            start(arguments, instrumentation, jar);
        } catch (Throwable e) {
            AgentLog.error("the agent could not start, this run is not guarded", e);
        }
    }

    private static void start(String arguments, Instrumentation instrumentation, Path jar) throws Exception {
        AgentOptions options;
        try {
            options = AgentOptions.parse(arguments);
        } catch (IllegalArgumentException e) {
            AgentLog.warn("bad agent options (" + e.getMessage() + "), this run is not guarded");
            return;
        }
        // %p: one file per JVM when several JVMs share the options (forked test JVMs)
        options.file(Path.of(options.file().toString().replace("%p", Long.toString(ProcessId.current()))));
        Files.createDirectories(options.file().toAbsolutePath().getParent());
        if (options.testMode()) {
            options.file(unused(options.file()));
            appendListener(options, instrumentation);
        }

        Hook hook;
        // the classes transformed by an earlier JVM of this build (a fork per test class) are taken as they were
        TransformCache cache = TransformCache.of(options.file().toAbsolutePath().getParent()
                .resolve(TransformCache.DIRECTORY), jar);
        ThreadTransformer transformer = new ThreadTransformer(options.testMode(),
                options.testMode() && options.testListeners(), cache);
        try {
            hook = Hook.of(HookInjector.inject(instrumentation));
            instrumentation.addTransformer(transformer, true);
            transformNow(instrumentation, transformer);
        } catch (Throwable e) {
            hook = Hook.NONE;
            transformer = null;
            AgentLog.error("could not instrument thread creation: this run is not guarded", e);
        }
        String virtualMode = virtualMode(transformer);
        Runnable jfrDump = AgentOptions.RECORDING_JFR.equals(options.recording()) ? JfrRecording.start(options) : null;
        Guard guard = new Guard(options, hook, virtualMode, transformer != null && transformer.virtualEndInstalled(),
                Thread.currentThread(), jfrDump, options.testMode() ? fields(instrumentation) : null);
        guard.start();
    }

    /**
     * Transforms what must be before {@code main}: {@code Thread} and, on 21+, {@code VirtualThread} (loaded now if
     * need be, without initialising it). The pools and JUnit's runner are transformed as they load, if they ever do:
     * measured, that is cheaper than transforming them all here, even in a JVM that loads thousands of classes.
     */
    private static void transformNow(Instrumentation instrumentation, ThreadTransformer transformer) throws Exception {
        // compared by binary name: hundreds of classes are loaded here, and converting each name is work the JIT
        // would compile for nothing
        List<String> targets = new ArrayList<>();
        for (String internalName : transformer.jdkTargets()) {
            targets.add(internalName.replace('/', '.'));
        }
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (type.getClassLoader() == null && targets.contains(type.getName())) {
                classes.add(type);
            }
        }
        boolean virtualLoaded = false;
        for (Class<?> type : classes) {
            virtualLoaded |= type.getName().equals("java.lang.VirtualThread");
        }
        if (Runtime.version().feature() >= 21 && !virtualLoaded) {
            classes.add(Class.forName("java.lang.VirtualThread", false, null));
        }
        instrumentation.retransformClasses(classes.toArray(new Class<?>[0]));
    }

    /**
     * Test mode: forks started by the same build that ended long ago may have had this pid (pids are reused); a
     * recording of this build is never overwritten.
     */
    static Path unused(Path file) {
        if (!Files.exists(file)) {
            return file;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        String extension = dot < 0 ? "" : name.substring(dot);
        for (int i = 2; ; i++) {
            Path candidate = file.resolveSibling(stem + "-" + i + extension);
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
    }

    /**
     * Test mode: puts the test listeners (JUnit Platform, TestNG) on the system class path, where the frameworks find
     * them through {@code ServiceLoader}. The plugin passes the jar only when the test classes are loaded by the
     * system class loader (Surefire's default), so the listener always sees the framework that runs the tests.
     */
    private static void appendListener(AgentOptions options, Instrumentation instrumentation) {
        Path jar = options.listenerJar();
        if (jar == null) {
            return;
        }
        try {
            instrumentation.appendToSystemClassLoaderSearch(new JarFile(jar.toFile()));
        } catch (Exception e) {
            AgentLog.error("could not load the test listeners " + jar + ", threads are attributed to tests by their "
                    + "creation stacks only", e);
        }
    }

    /** Reads static fields for the agent at a test JVM's end, through a module only the agent's reader is in. */
    private static StaticHolders.Fields fields(Instrumentation instrumentation) {
        FieldAccessInjector access = new FieldAccessInjector(instrumentation);
        return new StaticHolders.Fields() {
            @Override
            public Object[] staticFields(Class<?> type) {
                return access.staticFields(type);
            }

            @Override
            public Object[] instanceFields(Object object) {
                return access.instanceFields(object);
            }
        };
    }

    private static String virtualMode(ThreadTransformer transformer) {
        if (Runtime.version().feature() < 21) {
            return LogFormat.VIRTUAL_UNSUPPORTED;
        }
        return transformer != null && transformer.virtualStartInstalled() ? LogFormat.VIRTUAL_INSTRUMENTED
                : LogFormat.VIRTUAL_UNAVAILABLE;
    }
}
