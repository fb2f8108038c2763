package dev.threadguard.agent.runtime;

import dev.threadguard.agent.api.TestEvents;
import org.junit.jupiter.api.Test;

import dev.threadguard.fixtures.Caller;
import dev.threadguard.fixtures.Factories;
import org.testng.fixtures.ObjectFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;

import static org.assertj.core.api.Assertions.assertThat;

class StackWalksTest {

    @Test
    void aPoolIsBuiltWhereItsOwnConstructorsAndFactoriesAreCalled() {
        StackWalks.Construction[] seen = new StackWalks.Construction[2];
        Factories.callerOfFactory(() -> seen[0] = StackWalks.construction(ThreadPoolExecutor.class));
        Factories.callerOfConstructor(() -> seen[1] = StackWalks.construction(Factories.OwnPool.class));

        assertThat(seen[0].frame).isEqualTo("dev.threadguard.fixtures.Factories.callerOfFactory(Factories.java:"
                + Factories.FACTORY_CALLER_LINE + ")");
        assertThat(seen[1].frame).isEqualTo("dev.threadguard.fixtures.Factories.callerOfConstructor(Factories.java:"
                + Factories.CONSTRUCTOR_CALLER_LINE + ")");
        // the classes whose static fields may hold the pool: from the code that constructed it up to the site
        assertThat(seen[0].classes).containsExactly(Factories.class);
        assertThat(seen[1].classes).containsExactly(Factories.OwnPool.class, Factories.class);
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
        assertThat(StackWalks.frameworkFromStack(List.of("com.acme.T.<init>(T.java:3)",
                "org.testng.internal.ObjectFactoryImpl.newInstance(ObjectFactoryImpl.java:1)"))).isEqualTo("testng");
        assertThat(StackWalks.frameworkFromStack(List.of("com.acme.T.a(T.java:3)",
                "org.junit.runners.BlockJUnit4ClassRunner.runChild(BlockJUnit4ClassRunner.java:1)",
                "org.junit.vintage.engine.VintageTestEngine.execute(VintageTestEngine.java:1)"))).isEqualTo("junit4");
        assertThat(StackWalks.frameworkFromStack(List.of("com.acme.T.a(T.java:3)",
                "org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils.java:1)")))
                .isEqualTo("junit-platform");
        assertThat(StackWalks.frameworkFromStack(List.of("com.acme.Main.main(Main.java:3)"))).isNull();
        assertThat(StackWalks.testName("com.acme.T", "lambda$static$1")).isEqualTo("com.acme.T");
        assertThat(StackWalks.testName("com.acme.T", "lambda$run$2")).isEqualTo("com.acme.T#run");
    }

    /**
     * What one start's walk finds, and what the walks it replaces find at the same place: {site, first application
     * frame, test, test from the full stack, framework, framework from the full stack}. This class is in the agent's
     * package, so its frames are skipped as the agent's and both walks see the same first application frame.
     */
    private static List<String> startWalkAndFullWalks() {
        StackWalks.TestFinder finder = new StackWalks.TestFinder();
        StackWalker.StackFrame site = StackWalks.startSite(finder);
        StackWalker.StackFrame first = StackWalks.firstApplicationFrame();
        List<String> stack = StackWalks.fullStack();
        return List.of(StackWalks.format(site), StackWalks.format(first), String.valueOf(finder.test()),
                String.valueOf(StackWalks.testFromStack(stack)), String.valueOf(finder.framework()),
                String.valueOf(StackWalks.frameworkFromStack(stack)));
    }

    @Test
    void aStartsOneWalkFindsTheSiteTestAndFrameworkTheFullStackNames() throws Exception {
        List<List<String>> seen = new ArrayList<>();
        // run by JUnit: the application's frame (Caller) is above the framework's, so the stack names a test
        Caller.run(() -> seen.add(startWalkAndFullWalks()));
        // in a thread of its own: no framework below, no test
        Thread plain = new Thread(() -> Caller.run(() -> seen.add(startWalkAndFullWalks())), "plain");
        plain.start();
        plain.join();
        // a framework's frame innermost (TestNG's object factory calls the application): the framework's, no test
        Caller.run(new ObjectFactory<Object, Object>(ignored -> seen.add(startWalkAndFullWalks()), null));

        assertThat(seen).hasSize(3);
        for (List<String> walk : seen) {
            assertThat(walk.get(0)).isEqualTo(walk.get(1));
            assertThat(walk.get(2)).isEqualTo(walk.get(3));
            assertThat(walk.get(4)).isEqualTo(walk.get(5));
        }
        assertThat(seen.get(0).get(0)).startsWith("dev.threadguard.fixtures.Caller.run(Caller.java:");
        assertThat(seen.get(0).get(2)).isEqualTo("dev.threadguard.fixtures.Caller#run");
        assertThat(seen.get(0).get(4)).isEqualTo(TestEvents.JUNIT_PLATFORM);
        assertThat(seen.get(1).get(0)).startsWith("dev.threadguard.fixtures.Caller.run(Caller.java:");
        assertThat(seen.get(1).get(2)).isEqualTo("null");
        assertThat(seen.get(1).get(4)).isEqualTo("null");
        assertThat(seen.get(2).get(0)).startsWith("org.testng.fixtures.ObjectFactory.run(ObjectFactory.java:");
        assertThat(seen.get(2).get(2)).isEqualTo("null");
    }
}
