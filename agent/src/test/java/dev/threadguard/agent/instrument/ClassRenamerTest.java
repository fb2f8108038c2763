package dev.threadguard.agent.instrument;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class ClassRenamerTest {

    @Test
    void theRenamedHookLoadsAndCountsWithNoTraceOfItsOldName() throws Exception {
        byte[] renamed = ClassRenamer.rename(HookInjector.resource(HookInjector.SOURCE + ".class"),
                HookInjector.SOURCE, "dev/threadguard/test/RenamedHook");
        assertThat(new String(renamed, StandardCharsets.ISO_8859_1)).doesNotContain(HookInjector.SOURCE);

        Class<?> hook = new ClassLoader(null) {
            Class<?> define() {
                return defineClass("dev.threadguard.test.RenamedHook", renamed, 0, renamed.length);
            }
        }.define();
        List<Thread> seen = new ArrayList<>();
        Consumer<Thread> listener = seen::add;
        hook.getField("virtualStartListener").set(null, listener);
        hook.getMethod("virtualStarting", Thread.class).invoke(null, Thread.currentThread());
        hook.getMethod("virtualStarting", Thread.class).invoke(null, Thread.currentThread());
        hook.getMethod("virtualEnded", Thread.class).invoke(null, Thread.currentThread());

        assertThat(((AtomicLong) hook.getField("VIRTUAL_STARTED").get(null)).get()).isEqualTo(2);
        assertThat(((AtomicLong) hook.getField("VIRTUAL_LIVE").get(null)).get()).isEqualTo(1);
        assertThat(((AtomicLong) hook.getField("VIRTUAL_PEAK").get(null)).get()).isEqualTo(2);
        assertThat(seen).hasSize(2);
    }
}
