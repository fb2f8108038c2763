package dev.threadguard.agent.runtime;

import dev.threadguard.agent.api.TestEvents;
import dev.threadguard.agent.config.Frames;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The stack walks the agent makes in the thread that starts a thread or builds a pool. The common one is short:
 * up to the first frame outside the JDK. Full stacks are walked once per new site, per pool, and when
 * creation-frame ignores or creation-stack attribution need them. Reflection frames and hidden frames (lambda
 * proxies) are left out, as Java's own stack traces do.
 */
final class StackWalks {

    /** Frames kept of a full stack. */
    static final int MAX_FRAMES = 256;

    private static final StackWalker WALKER = StackWalker.getInstance();
    /**
     * For the site of a start: the agent's own frames and Thread.start sit above the application's, so the default
     * first batch of 8 frames is often too small, and growing it costs a thread start more than the walk itself.
     */
    private static final StackWalker SITE_WALKER = StackWalker.getInstance(java.util.Set.of(), 24);

    // classes, not lambdas: the agent spins no lambda (nor indy string concatenation, nor record methods), whose
    // bootstrap costs a JVM tens of milliseconds at its first use
    private static final Function<Stream<StackWalker.StackFrame>, StackWalker.StackFrame> FIRST_APPLICATION_FRAME =
            new Function<>() {
                @Override
                public StackWalker.StackFrame apply(Stream<StackWalker.StackFrame> frames) {
                    for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
                        StackWalker.StackFrame frame = it.next();
                        if (!Frames.isJdk(frame.getClassName())) {
                            return frame;
                        }
                    }
                    return null;
                }
            };

    private static final Function<Stream<StackWalker.StackFrame>, List<String>> FULL_STACK = new Function<>() {
        @Override
        public List<String> apply(Stream<StackWalker.StackFrame> frames) {
            List<String> result = new ArrayList<>();
            boolean inHook = true;
            for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext() && result.size() < MAX_FRAMES; ) {
                StackWalker.StackFrame frame = it.next();
                // the agent's own frames on top of the stack are not the application's business
                if (inHook && isAgent(frame.getClassName())) {
                    continue;
                }
                inHook = false;
                result.add(format(frame));
            }
            return result;
        }
    };

    /** The full stack, computed only when a new site needs it. */
    static final java.util.function.Supplier<List<String>> FULL = new java.util.function.Supplier<>() {
        @Override
        public List<String> get() {
            return fullStack();
        }
    };

    private static final StackWalker TYPED_WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private StackWalks() {
    }

    /**
     * Where a pool is being built: {@code frame} the site (formatted, null when the JDK built the pool on its own),
     * {@code classes} the classes of the application's frames from the one that constructed it up to the site, whose
     * static fields may hold it.
     */
    static final class Construction {
        final String frame;
        final List<Class<?>> classes;

        Construction(String frame, List<Class<?>> classes) {
            this.frame = frame;
            this.classes = classes;
        }
    }

    /**
     * Where a pool is being built, from the current stack: the first frame outside the JDK that is neither a
     * constructor of the pool's own class or superclasses (a project's {@code MyPool extends ThreadPoolExecutor} is
     * built where {@code new MyPool()} is written) nor a factory method returning an executor (a library's
     * {@code newPool(name)} helper builds pools for many owners: its caller is the site).
     */
    static Construction construction(Class<?> poolClass) {
        return TYPED_WALKER.walk(new Function<Stream<StackWalker.StackFrame>, Construction>() {
            @Override
            public Construction apply(Stream<StackWalker.StackFrame> frames) {
                List<Class<?>> classes = new ArrayList<>(2);
                for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
                    StackWalker.StackFrame frame = it.next();
                    Class<?> type = frame.getDeclaringClass();
                    if (Frames.isJdk(type.getName())) {
                        continue;
                    }
                    if (!classes.contains(type)) {
                        classes.add(type);
                    }
                    if (frame.getMethodName().equals("<init>") && type.isAssignableFrom(poolClass)) {
                        continue;
                    }
                    if (java.util.concurrent.Executor.class.isAssignableFrom(frame.getMethodType().returnType())) {
                        continue;
                    }
                    return new Construction(format(frame), classes);
                }
                return new Construction(null, classes);
            }
        });
    }

    /** The class of the first frame outside the JDK and the agent, or null: for a timer, whose thread it starts. */
    static Class<?> firstApplicationClass() {
        return TYPED_WALKER.walk(new Function<Stream<StackWalker.StackFrame>, Class<?>>() {
            @Override
            public Class<?> apply(Stream<StackWalker.StackFrame> frames) {
                for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
                    Class<?> type = it.next().getDeclaringClass();
                    if (!Frames.isJdk(type.getName())) {
                        return type;
                    }
                }
                return null;
            }
        });
    }

    /** The first frame outside the JDK and the agent, or null when the whole stack is the JDK's. */
    static StackWalker.StackFrame firstApplicationFrame() {
        return SITE_WALKER.walk(FIRST_APPLICATION_FRAME);
    }

    /**
     * The first frame outside the JDK and the agent, as {@link #firstApplicationFrame()}; with a finder, the same
     * walk also feeds it the frames {@link #fullStack()} would list, so that a start whose test must be read from
     * its stack walks that stack once, and formats none of it.
     */
    static StackWalker.StackFrame startSite(TestFinder test) {
        return test == null ? firstApplicationFrame() : WALKER.walk(new StartWalk(test));
    }

    /** The walk of {@link #startSite} with a finder; an object per walk, as it keeps the finder. */
    private static final class StartWalk implements Function<Stream<StackWalker.StackFrame>, StackWalker.StackFrame> {
        private final TestFinder test;

        StartWalk(TestFinder test) {
            this.test = test;
        }

        @Override
        public StackWalker.StackFrame apply(Stream<StackWalker.StackFrame> frames) {
            StackWalker.StackFrame site = null;
            boolean inHook = true;
            boolean feeding = true;
            int listed = 0;
            for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
                StackWalker.StackFrame frame = it.next();
                String type = frame.getClassName();
                if (site == null && !Frames.isJdk(type)) {
                    site = frame;
                }
                // the frames of fullStack(): none of the agent's on top, at most MAX_FRAMES
                if (feeding && !(inHook && isAgent(type))) {
                    inHook = false;
                    feeding = ++listed <= MAX_FRAMES && test.add(type, frame.getMethodName());
                }
                if (!feeding && site != null) {
                    break;
                }
            }
            return site;
        }
    }

    /**
     * The test a starter's stack names and the framework that runs it ({@link #testFromStack},
     * {@link #frameworkFromStack}), told the stack's frames one at a time, innermost first, so that a walk need not
     * format them.
     */
    static final class TestFinder {
        private String outermostType;
        private String outermostMethod;
        private boolean frameworkBelow;
        private boolean seenApplication;
        private boolean frameworkFirst;
        private String framework;
        private boolean outermostIsLast;

        /**
         * The next frame outwards; false once no further frame can change the test. The method may be null when
         * finding it costs: the caller then tells the outermost application frame's method afterwards
         * ({@link #outermostIsLast()}, {@link #outermostMethod(String)}).
         */
        boolean add(String type, String method) {
            return add(type, method, frameworkOfClass(type), Frames.isJdk(type), Sites.isFramework(type));
        }

        /**
         * {@link #add(String, String)} with what is known of the frame's class already ({@link #frameworkOfClass},
         * {@code Frames.isJdk}, {@code Sites.isFramework}): a caller that keeps them per class saves the string
         * tests at every frame of every start.
         */
        boolean add(String type, String method, String classFramework, boolean jdk, boolean frameworkClass) {
            outermostIsLast = false;
            if (framework == null) {
                framework = classFramework;
            }
            if (jdk) {
                return true;
            }
            if (frameworkClass) {
                if (!seenApplication) {
                    frameworkFirst = true; // the framework starts it
                    return false;
                }
                frameworkBelow = true;
            } else {
                seenApplication = true;
                outermostType = type;
                outermostMethod = method;
                outermostIsLast = true;
                frameworkBelow = false;
            }
            return true;
        }

        /** True when the frame just added is now the outermost application frame. */
        boolean outermostIsLast() {
            return outermostIsLast;
        }

        /** False when no frame fed so far can make {@link #test()} name a test (its method is then not needed). */
        boolean mayNameTest() {
            return !frameworkFirst && outermostType != null && frameworkBelow;
        }

        /** The method of the outermost application frame, when it was added without one. */
        void outermostMethod(String method) {
            outermostMethod = method;
        }

        /** The test, or null. */
        String test() {
            if (!mayNameTest()) {
                return null;
            }
            return testName(outermostType, outermostMethod);
        }

        /** The framework of the innermost frame of a test framework seen, or null. */
        String framework() {
            return framework;
        }
    }

    /** The current stack, formatted, innermost first, without the agent's frames on top. */
    static List<String> fullStack() {
        return WALKER.walk(FULL_STACK);
    }

    /**
     * A throwable's stack as {@link #fullStack()} lists the current one: formatted, without the agent's frames on
     * top, nor reflection frames (which a walk leaves out), at most {@link #MAX_FRAMES}.
     */
    static List<String> stackOf(Throwable throwable) {
        List<String> result = new ArrayList<>();
        boolean inHook = true;
        for (StackTraceElement frame : throwable.getStackTrace()) {
            String type = frame.getClassName();
            if (inHook && isAgent(type)) {
                continue;
            }
            inHook = false;
            if (isReflection(type, frame.getMethodName())) {
                continue;
            }
            if (result.size() == MAX_FRAMES) {
                break;
            }
            result.add(Frames.format(frame));
        }
        return result;
    }

    /** The frames {@code StackWalker} hides unless asked to show reflection frames. */
    private static boolean isReflection(String type, String method) {
        return type.startsWith("jdk.internal.reflect.")
                || type.equals("java.lang.reflect.Method") && method.equals("invoke")
                || type.equals("java.lang.reflect.Constructor") && method.startsWith("newInstance");
    }

    static String format(StackWalker.StackFrame frame) {
        return Frames.format(frame.getClassName(), frame.getMethodName(), frame.getFileName(),
                frame.isNativeMethod() ? -2 : frame.getLineNumber());
    }

    static boolean isAgent(String type) {
        return type.startsWith("dev.threadguard.agent.") || type.equals("java.lang.ThreadguardHook");
    }

    /** True when a formatted stack runs through a static initializer ({@code <clinit>}), the JDK's included. */
    static boolean hasStaticInit(List<String> stack) {
        for (String frame : stack) {
            if (frame.contains(".<clinit>(")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The test named by the starter's stack: the outermost application frame that the test framework called (the
     * test method, a lifecycle method or a static initializer), or null; used where no listener tells the test.
     */
    static String testFromStack(List<String> stack) {
        TestFinder finder = new TestFinder();
        for (String frame : stack) {
            String method = Frames.methodOf(frame);
            int dot = method.lastIndexOf('.');
            if (!finder.add(dot < 0 ? method : method.substring(0, dot), method.substring(dot + 1))) {
                break;
            }
        }
        return finder.test();
    }

    /**
     * The test framework whose frame is innermost in a stack, as {@link TestEvents} names it (JUnit 4 run by the
     * Vintage engine is JUnit 4's), or null: its clean-up hooks are what a report's fix names.
     */
    static String frameworkFromStack(List<String> stack) {
        for (String frame : stack) {
            String framework = frameworkOf(frame);
            if (framework != null) {
                return framework;
            }
        }
        return null;
    }

    /** The test framework a class is part of, or null. */
    static String frameworkOfClass(String type) {
        // a class junit in no package is a frame "junit.method(...)", which frameworkFromStack takes for JUnit's
        return frameworkOf(type.equals("junit") ? "junit." : type);
    }

    /** The framework a frame, or a frame's class name, belongs to, by its prefix; null if none. */
    private static String frameworkOf(String frame) {
        if (frame.startsWith("org.testng.")) {
            return TestEvents.TESTNG;
        }
        if (frame.startsWith("org.junit.platform.") || frame.startsWith("org.junit.jupiter.")) {
            return TestEvents.JUNIT_PLATFORM;
        }
        if (frame.startsWith("org.junit.") || frame.startsWith("junit.")) {
            return TestEvents.JUNIT4;
        }
        return null;
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
