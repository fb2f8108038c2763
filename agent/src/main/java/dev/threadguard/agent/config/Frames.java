package dev.threadguard.agent.config;

/**
 * Stack frames in one form everywhere, {@code pkg.Class.method(File.java:LINE)}, and the test for frames that
 * belong to the JDK (or to threadguard's own hooks), which creation sites skip to reach the application's code.
 */
public final class Frames {

    private static final String[] JDK_PREFIXES = {
        "java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.threadguard.agent.",
    };

    private Frames() {
    }

    /** {@code pkg.Class.method(File.java:LINE)}; the file is taken from the class when the frame has none. */
    public static String format(String className, String method, String fileName, int line) {
        StringBuilder out = new StringBuilder(className.length() + method.length() + 24)
                .append(className).append('.').append(method).append('(');
        if (line == -2) {
            return out.append("Native Method)").toString();
        }
        String file = fileName != null ? fileName : sourceFileOf(className);
        out.append(file);
        if (line >= 0) {
            out.append(':').append(line);
        }
        return out.append(')').toString();
    }

    public static String format(StackTraceElement frame) {
        return format(frame.getClassName(), frame.getMethodName(), frame.getFileName(),
                frame.isNativeMethod() ? -2 : frame.getLineNumber());
    }

    /** The source file javac names for a class: its outermost class plus {@code .java}. */
    public static String sourceFileOf(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int nested = simple.indexOf('$');
        if (nested > 0) {
            simple = simple.substring(0, nested);
        }
        return simple + ".java";
    }

    /** True for frames of the JDK and of threadguard's agent, which a creation site skips. */
    public static boolean isJdk(String className) {
        for (String prefix : JDK_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** {@code pkg.Class.method} of a formatted frame, which creation-frame patterns are matched against. */
    public static String methodOf(String formattedFrame) {
        int paren = formattedFrame.indexOf('(');
        return paren < 0 ? formattedFrame : formattedFrame.substring(0, paren);
    }
}
