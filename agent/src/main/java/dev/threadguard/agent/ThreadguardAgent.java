package dev.threadguard.agent;

import dev.threadguard.agent.events.BaselineEvent;
import dev.threadguard.agent.events.BreachEvent;
import dev.threadguard.agent.events.EventNames;
import dev.threadguard.agent.events.RunSummaryEvent;
import dev.threadguard.agent.events.SampleEvent;
import dev.threadguard.agent.events.ThreadStartingEvent;
import dev.threadguard.agent.events.ThreadDumpEvent;
import dev.threadguard.agent.events.VirtualThreadEndEvent;
import dev.threadguard.agent.events.VirtualThreadStartEvent;
import dev.threadguard.agent.instrument.HookInjector;
import dev.threadguard.agent.instrument.ThreadTransformer;
import dev.threadguard.agent.runtime.Guard;
import dev.threadguard.agent.runtime.Hook;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

/**
 * {@code -javaagent:threadguard-agent.jar=<options>}: records the application's threads into one JFR recording
 * and enforces the thread budgets (see {@link AgentOptions}). Runs on the main thread before {@code main}. Any
 * failure here is reported in one line and leaves the application running unguarded: the agent must never be the
 * reason an application fails.
 */
public final class ThreadguardAgent {

    private static final List<Class<? extends Event>> EVENTS = List.of(BaselineEvent.class, SampleEvent.class,
            VirtualThreadStartEvent.class, VirtualThreadEndEvent.class, ThreadDumpEvent.class, BreachEvent.class,
            RunSummaryEvent.class);

    private ThreadguardAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        try {
            start(arguments, instrumentation);
        } catch (Throwable e) {
            AgentLog.error("the agent could not start, this run is not guarded", e);
        }
    }

    private static void start(String arguments, Instrumentation instrumentation) throws Exception {
        AgentOptions options;
        try {
            options = AgentOptions.parse(arguments);
        } catch (IllegalArgumentException e) {
            AgentLog.warn("bad agent options (" + e.getMessage() + "), this run is not guarded");
            return;
        }
        // %p: one file per JVM when several JVMs share the options (forked test JVMs)
        options.file(Path.of(options.file().toString().replace("%p", Long.toString(ProcessHandle.current().pid()))));
        Files.createDirectories(options.file().toAbsolutePath().getParent());
        if (options.testMode()) {
            options.file(unused(options.file()));
            appendListener(options, instrumentation);
        }
        Path file = options.file().toAbsolutePath();

        Hook[] hook = {Hook.NONE};
        ThreadTransformer transformer = instrument(instrumentation, hook);
        String virtualMode = virtualMode(transformer);

        Recording recording = new Recording();
        recording.setName("threadguard");
        recording.setToDisk(true);
        recording.setDestination(file);
        recording.enable(EventNames.JDK_THREAD_START).withStackTrace();
        recording.enable(EventNames.JDK_THREAD_END);
        recording.enable(EventNames.JDK_DATA_LOSS);
        if (EventNames.VIRTUAL_COUNTS_ONLY.equals(virtualMode)) {
            recording.enable(EventNames.JDK_VIRTUAL_THREAD_START);
            recording.enable(EventNames.JDK_VIRTUAL_THREAD_END);
        }
        for (Class<? extends Event> event : EVENTS) {
            FlightRecorder.register(event);
            recording.enable(event);
        }
        recording.enable(VirtualThreadStartEvent.class).withStackTrace();
        recording.enable(RunSummaryEvent.class).with("period", "endChunk");
        if (options.testMode()) {
            FlightRecorder.register(ThreadStartingEvent.class);
            recording.enable(ThreadStartingEvent.class);
            // the listener's events, defined in its own jar and registered when it loads: enabled by name
            recording.enable(EventNames.TEST_STARTED);
            recording.enable(EventNames.TEST_FINISHED);
        }

        Guard guard = new Guard(options, recording, Thread.currentThread(), hook[0], virtualMode,
                transformer != null && transformer.virtualEndInstalled());
        FlightRecorder.addPeriodicEvent(RunSummaryEvent.class, guard::endOfChunk);
        recording.start();
        guard.start();
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
     * Test mode: puts the JUnit Platform listener on the system class path, where JUnit finds it through
     * {@code ServiceLoader}. The plugin passes the jar only when the test classes are loaded by the system class
     * loader (Surefire's default), so the listener always sees the JUnit that runs the tests.
     */
    private static void appendListener(AgentOptions options, Instrumentation instrumentation) {
        Path jar = options.listenerJar();
        if (jar == null) {
            return;
        }
        try {
            instrumentation.appendToSystemClassLoaderSearch(new JarFile(jar.toFile()));
        } catch (Exception e) {
            AgentLog.error("could not load the test listener " + jar + ", threads are attributed to tests by their "
                    + "creation stacks only", e);
        }
    }

    /** Injects the hook and instruments the thread start paths; null when that failed. */
    private static ThreadTransformer instrument(Instrumentation instrumentation, Hook[] hook) {
        try {
            hook[0] = Hook.of(HookInjector.inject(instrumentation));
            ThreadTransformer transformer = new ThreadTransformer();
            instrumentation.addTransformer(transformer, true);
            if (Runtime.version().feature() >= 21) {
                // loaded early by some JDKs, later by others: load it now and (re)transform it before main starts
                instrumentation.retransformClasses(Thread.class, Class.forName("java.lang.VirtualThread", false, null));
            } else {
                instrumentation.retransformClasses(Thread.class);
            }
            return transformer;
        } catch (Throwable e) {
            hook[0] = Hook.NONE;
            AgentLog.error("could not instrument thread creation: counts are still recorded, but a fail-fast "
                    + "breach cannot stop new threads and virtual-thread creation sites are not recorded", e);
            return null;
        }
    }

    private static String virtualMode(ThreadTransformer transformer) {
        if (Runtime.version().feature() < 21) {
            return EventNames.VIRTUAL_UNSUPPORTED;
        }
        return transformer != null && transformer.virtualStartInstalled() ? EventNames.VIRTUAL_INSTRUMENTED
                : EventNames.VIRTUAL_COUNTS_ONLY;
    }
}
