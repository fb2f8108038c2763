package dev.threadguard.agent.runtime;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Who starts a thread, read from the starter's stack, innermost frame first. */
class TestThreadsTest {

    private static final String[] JUNIT_INVOCATION = {
        "jdk.internal.reflect.DirectMethodHandleAccessor.invoke",
        "java.lang.reflect.Method.invoke",
        "org.junit.platform.commons.util.ReflectionUtils.invokeMethod",
        "org.junit.jupiter.engine.execution.MethodInvocation.proceed",
        "org.junit.platform.engine.support.hierarchical.NodeTestTask.execute",
        "org.apache.maven.surefire.junitplatform.JUnitPlatformProvider.invoke",
        "org.apache.maven.surefire.booter.ForkedBooter.main",
    };

    @Test
    void aThreadStartedInATestMethodNamesThatMethod() {
        TestThreads.Origin origin = origin("java.lang.Thread.start", "java.util.concurrent.ThreadPoolExecutor.addWorker",
                "com.acme.Helper.spawn", "com.acme.LeakTest.leaks", JUNIT_INVOCATION);

        assertThat(origin.framework()).isFalse();
        assertThat(origin.test()).isEqualTo("com.acme.LeakTest#leaks");
    }

    @Test
    void aLambdaInsideAnAssertionNamesTheTestAroundIt() {
        // assertThrows(() -> ...) puts JUnit frames between the lambda and the test method
        TestThreads.Origin origin = origin("java.lang.Thread.start", "com.acme.LeakTest.lambda$throwing$0",
                "org.junit.jupiter.api.AssertThrows.assertThrows", "org.junit.jupiter.api.Assertions.assertThrows",
                "com.acme.LeakTest.throwing", JUNIT_INVOCATION);

        assertThat(origin.test()).isEqualTo("com.acme.LeakTest#throwing");
    }

    @Test
    void threadsTheFrameworkStartsAreTheFrameworks() {
        TestThreads.Origin junit = origin("java.lang.Thread.start", "java.util.concurrent.ForkJoinPool.signalWork",
                "java.util.concurrent.ForkJoinTask.fork",
                "org.junit.platform.engine.support.hierarchical.ForkJoinPoolHierarchicalTestExecutorService.invokeAll",
                "com.acme.LeakTest.leaks", JUNIT_INVOCATION);
        TestThreads.Origin surefire = origin("java.lang.Thread.start",
                "org.apache.maven.surefire.booter.ForkedBooter.main");

        assertThat(junit.framework()).isTrue();
        assertThat(junit.test()).isNull();
        assertThat(surefire.framework()).isTrue();
    }

    @Test
    void aPoolWorkersStackNamesNoTest() {
        TestThreads.Origin origin = origin("java.lang.Thread.start", "java.util.concurrent.ThreadPoolExecutor.addWorker",
                "java.util.concurrent.ThreadPoolExecutor.processWorkerExit",
                "java.util.concurrent.ThreadPoolExecutor.runWorker", "java.lang.Thread.run");

        assertThat(origin.framework()).isFalse();
        assertThat(origin.test()).isNull();
    }

    @Test
    void applicationCodeWithoutATestFrameworkBelowNamesNoTest() {
        assertThat(origin("java.lang.Thread.start", "com.acme.App.main").test()).isNull();
    }

    @Test
    void testNamesOfLambdasInitializersAndConstructors() {
        assertThat(TestThreads.testName("com.acme.T", "lambda$leaks$3")).isEqualTo("com.acme.T#leaks");
        assertThat(TestThreads.testName("com.acme.T", "lambda$static$0")).isEqualTo("com.acme.T");
        assertThat(TestThreads.testName("com.acme.T", "<clinit>")).isEqualTo("com.acme.T");
        assertThat(TestThreads.testName("com.acme.T", "<init>")).isEqualTo("com.acme.T");
        assertThat(TestThreads.testName("com.acme.T$Nested", "works")).isEqualTo("com.acme.T$Nested#works");
    }

    @Test
    void frameworkPackages() {
        assertThat(TestThreads.isFramework("org.junit.platform.X")).isTrue();
        assertThat(TestThreads.isFramework("junit.framework.TestCase")).isTrue();
        assertThat(TestThreads.isFramework("org.testng.TestRunner")).isTrue();
        assertThat(TestThreads.isFramework("org.apache.maven.surefire.booter.ForkedBooter")).isTrue();
        assertThat(TestThreads.isFramework("org.junitpioneer.Extension")).isFalse();
        assertThat(TestThreads.isFramework("com.acme.JunitLike")).isFalse();
    }

    private static TestThreads.Origin origin(Object... frames) {
        return TestThreads.origin(Arrays.stream(frames)
                .flatMap(frame -> frame instanceof String[] many ? Arrays.stream(many) : Stream.of((String) frame))
                .map(FakeFrame::new));
    }

    /** A frame named {@code pkg.Class.method}. */
    private record FakeFrame(String qualified) implements StackWalker.StackFrame {
        @Override
        public String getClassName() {
            return qualified.substring(0, qualified.lastIndexOf('.'));
        }

        @Override
        public String getMethodName() {
            return qualified.substring(qualified.lastIndexOf('.') + 1);
        }

        @Override
        public Class<?> getDeclaringClass() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int getByteCodeIndex() {
            return 0;
        }

        @Override
        public String getFileName() {
            return null;
        }

        @Override
        public int getLineNumber() {
            return 1;
        }

        @Override
        public boolean isNativeMethod() {
            return false;
        }

        @Override
        public StackTraceElement toStackTraceElement() {
            return new StackTraceElement(getClassName(), getMethodName(), null, 1);
        }
    }
}
