package dev.threadguard.junit;

import dev.threadguard.agent.api.TestEvents;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.Optional;

/**
 * Tells threadguard's agent when a test or test class starts and finishes. JUnit calls both in the thread that runs
 * the node (also with parallel execution), so the agent knows which test runs on which thread, and so who starts
 * each thread.
 *
 * <p>Found by {@code ServiceLoader} when threadguard's agent put this jar on the system class path; it only calls
 * {@link TestEvents}, which never throws, so it cannot change a test's result.
 */
public final class ThreadguardTestListener implements TestExecutionListener {

    private volatile TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        try {
            String test = name(identifier);
            if (test == null) {
                return;
            }
            TestEvents.started(identifier.getUniqueId(), test, !identifier.isTest(), TestEvents.JUNIT_PLATFORM);
        } catch (Throwable ignored) {
            // attribution is best effort (the agent may be missing); the test runs as it would without threadguard
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        try {
            String test = name(identifier);
            if (test == null) {
                return;
            }
            TestEvents.finished(identifier.getUniqueId(), result == null ? null : result.getStatus().name());
        } catch (Throwable ignored) {
            // as above
        }
    }

    /**
     * {@code pkg.TestClass#method} for a method source, {@code pkg.TestClass} for a class source; a node without a
     * source of its own (a dynamic test, say) takes its nearest ancestor's. Null for engines and other roots.
     */
    String name(TestIdentifier identifier) {
        TestIdentifier current = identifier;
        TestPlan testPlan = plan;
        for (int depth = 0; current != null && depth < 100; depth++) {
            String name = name(current.getSource());
            if (name != null) {
                return name;
            }
            if (testPlan == null) {
                return null;
            }
            Optional<TestIdentifier> parent = testPlan.getParent(current);
            current = parent.orElse(null);
        }
        return null;
    }

    static String name(Optional<TestSource> source) {
        if (source.isEmpty()) {
            return null;
        }
        if (source.get() instanceof MethodSource method) {
            return method.getClassName() + "#" + method.getMethodName();
        }
        if (source.get() instanceof ClassSource type) {
            return type.getClassName();
        }
        return null;
    }
}
