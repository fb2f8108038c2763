package dev.threadguard.testng;

import dev.threadguard.agent.api.TestEvents;
import org.testng.IInvokedMethod;
import org.testng.IInvokedMethodListener;
import org.testng.ITestResult;

/**
 * Tells threadguard's agent when a TestNG test method or configuration method starts and finishes. TestNG calls both
 * in the thread that runs the method, so the agent knows which test runs on which thread. A configuration method
 * ({@code @BeforeClass}, {@code @BeforeMethod}, ...) counts as its class: a pool it makes belongs to the class.
 *
 * <p>Registered through {@code ServiceLoader} ({@code META-INF/services/org.testng.ITestNGListener}), which TestNG
 * reads on its own, when threadguard's agent put this jar on the system class path. Implements only
 * {@link IInvokedMethodListener}, which every TestNG from 6.0 has, so loading it can never break a TestNG run. It
 * only calls {@link TestEvents}, which never throws.
 */
public final class ThreadguardTestNGListener implements IInvokedMethodListener {

    @Override
    public void beforeInvocation(IInvokedMethod method, ITestResult testResult) {
        try {
            String type = method.getTestMethod().getRealClass().getName();
            boolean test = method.isTestMethod();
            TestEvents.started(uniqueId(testResult), test ? type + "#" + method.getTestMethod().getMethodName() : type,
                    !test, TestEvents.TESTNG);
        } catch (Throwable ignored) {
            // attribution is best effort (the agent may be missing); the test runs as it would without threadguard
        }
    }

    @Override
    public void afterInvocation(IInvokedMethod method, ITestResult testResult) {
        try {
            TestEvents.finished(uniqueId(testResult), status(testResult));
        } catch (Throwable ignored) {
            // as above
        }
    }

    /** One run of one method: its result object is new for every invocation; the thread keeps retries apart. */
    @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+
    static String uniqueId(ITestResult result) {
        return "testng:" + System.identityHashCode(result) + "@" + Thread.currentThread().getId();
    }

    private static String status(ITestResult result) {
        if (result == null) {
            return null;
        }
        return switch (result.getStatus()) {
            case ITestResult.SUCCESS -> "SUCCESSFUL";
            case ITestResult.FAILURE -> "FAILED";
            case ITestResult.SKIP -> "SKIPPED";
            default -> null;
        };
    }
}
