package dev.threadguard.agent.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StackWalksTest {

    @Test
    void aPoolIsBuiltWhereItsOwnOrAProjectSubclassConstructorIsCalled() {
        List<String> stack = List.of(
                "java.util.concurrent.ThreadPoolExecutor.<init>(ThreadPoolExecutor.java:1312)",
                "com.acme.MyPool.<init>(MyPool.java:9)",
                "com.acme.Service.start(Service.java:30)",
                "com.acme.Main.main(Main.java:5)");

        assertThat(StackWalks.constructionFrame(stack, Set.of("com.acme.MyPool",
                "java.util.concurrent.ThreadPoolExecutor"))).isEqualTo("com.acme.Service.start(Service.java:30)");
        assertThat(StackWalks.constructionFrame(stack, Set.of("java.util.concurrent.ThreadPoolExecutor")))
                .isEqualTo("com.acme.MyPool.<init>(MyPool.java:9)");
        assertThat(StackWalks.constructionFrame(List.of("java.util.concurrent.ForkJoinPool.<init>(ForkJoinPool.java:1)"),
                Set.of())).isNull();
    }

    @Test
    void staticInitializersAnywhereInTheStackCount() {
        assertThat(StackWalks.hasStaticInit(List.of("a.B.c(B.java:1)", "java.lang.ProcessHandleImpl.<clinit>(X.java:2)")))
                .isTrue();
        assertThat(StackWalks.hasStaticInit(List.of("a.B.<init>(B.java:1)"))).isFalse();
    }

    @Test
    void theTestFromAStackIsTheOutermostApplicationFrameAboveTheFramework() {
        assertThat(StackWalks.testFromStack(List.of(
                "java.lang.Thread.start(Thread.java:1)",
                "com.acme.Helper.spawn(Helper.java:3)",
                "com.acme.LeakTest.lambda$leaks$0(LeakTest.java:9)",
                "com.acme.LeakTest.leaks(LeakTest.java:10)",
                "java.base/jdk.internal.reflect.X.invoke(X.java:1)",
                "org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils.java:1)",
                "org.apache.maven.surefire.booter.ForkedBooter.main(ForkedBooter.java:1)")))
                .isEqualTo("com.acme.LeakTest#leaks");
        assertThat(StackWalks.testFromStack(List.of("org.junit.Timeout.run(Timeout.java:1)",
                "com.acme.LeakTest.leaks(LeakTest.java:10)", "org.junit.X.y(X.java:1)"))).isNull();
        assertThat(StackWalks.testName("com.acme.T", "<clinit>")).isEqualTo("com.acme.T");
        assertThat(StackWalks.testName("com.acme.T", "lambda$static$1")).isEqualTo("com.acme.T");
        assertThat(StackWalks.testName("com.acme.T", "lambda$run$2")).isEqualTo("com.acme.T#run");
    }
}
