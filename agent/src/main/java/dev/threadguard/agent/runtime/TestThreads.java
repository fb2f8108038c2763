package dev.threadguard.agent.runtime;

import dev.threadguard.agent.Frames;
import dev.threadguard.agent.InternalThreads;
import dev.threadguard.agent.events.ThreadStartingEvent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Test mode: called by the boot hook in the starter thread at every platform {@code Thread.start}. Writes a
 * {@code threadguard.ThreadStarting} event there (the starter and its running test are known in this thread only)
 * and tells threads started by the test framework from threads started by test code, reading the whole stack with
 * {@link StackWalker} (JFR's recorded stacks are cut at 64 frames, test stacks are often deeper). The candidates,
 * threads test code started, are what the agent waits for and dumps at exit.
 */
final class TestThreads implements Consumer<Thread> {

    /** Test frameworks and build tools: a thread they start is not the test's. */
    private static final String[] FRAMEWORK_PREFIXES = {
        "org.junit.", "junit.", "org.testng.", "org.apache.maven.surefire.", "org.apache.maven.plugin.surefire.",
        "org.spockframework.", "org.gradle.",
    };

    private final StackWalker walker = StackWalker.getInstance();
    private final Set<Long> candidates = ConcurrentHashMap.newKeySet();

    @Override
    @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+
    public void accept(Thread thread) {
        String name = thread.getName();
        if (InternalThreads.isInternal(name)) {
            return;
        }
        Origin origin = isFramework(thread.getClass().getName()) ? Origin.FRAMEWORK : walker.walk(TestThreads::origin);
        ThreadStartingEvent event = new ThreadStartingEvent();
        event.threadId = thread.getId();
        event.threadName = name;
        event.framework = origin.framework();
        event.stackTest = origin.test();
        event.commit();
        if (!origin.framework()) {
            candidates.add(thread.getId());
        }
    }

    /** True for threads started by test code, which may leak. */
    boolean isCandidate(long threadId) {
        return candidates.contains(threadId);
    }

    record Origin(boolean framework, String test) {
        static final Origin FRAMEWORK = new Origin(true, null);
    }

    /**
     * Who starts the thread: the framework when the innermost non-JDK frame is the framework's; else the test, named
     * by the outermost application frame that the framework called (the test method, a lifecycle method or a
     * static initializer), if there is one.
     */
    static Origin origin(Stream<StackWalker.StackFrame> frames) {
        String firstNonJdk = null;
        StackWalker.StackFrame outermostApplication = null;
        boolean frameworkBelow = false;
        for (StackWalker.StackFrame frame : (Iterable<StackWalker.StackFrame>) frames::iterator) {
            String type = frame.getClassName();
            if (Frames.isJdk(type)) {
                continue;
            }
            if (firstNonJdk == null) {
                firstNonJdk = type;
                if (isFramework(type)) {
                    return Origin.FRAMEWORK;
                }
            }
            if (isFramework(type)) {
                frameworkBelow = true;
            } else {
                outermostApplication = frame;
                frameworkBelow = false;
            }
        }
        return new Origin(false, outermostApplication != null && frameworkBelow
                ? testName(outermostApplication.getClassName(), outermostApplication.getMethodName()) : null);
    }

    static boolean isFramework(String type) {
        for (String prefix : FRAMEWORK_PREFIXES) {
            if (type.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code pkg.TestClass#method}; a lambda's frame names the method it was written in, a static initializer or
     * constructor the class alone.
     */
    static String testName(String type, String method) {
        if (method.equals("<clinit>") || method.equals("<init>")) {
            return type;
        }
        if (method.startsWith("lambda$")) {
            int end = method.indexOf('$', "lambda$".length());
            if (end > "lambda$".length()) {
                method = method.substring("lambda$".length(), end);
                if (method.equals("static") || method.equals("new")) {
                    return type;
                }
            }
        }
        return type + "#" + method;
    }
}
