package dev.threadguard.agent.boot;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadHookTest {

    @Test
    void countsStartsEndsAndPeakAndUndoesFailedStarts() {
        long started = ThreadHook.VIRTUAL_STARTED.get();
        long live = ThreadHook.VIRTUAL_LIVE.get();
        Thread thread = new Thread(() -> { });
        List<Thread> seen = new ArrayList<>();
        ThreadHook.virtualStartListener = seen::add;
        try {
            ThreadHook.virtualStarting(thread);
            ThreadHook.virtualStarting(thread);
            ThreadHook.virtualStarting(thread);
            ThreadHook.virtualEnded(thread);
            ThreadHook.virtualStartFailed(thread);
        } finally {
            ThreadHook.virtualStartListener = null;
        }
        assertThat(ThreadHook.VIRTUAL_STARTED.get() - started).isEqualTo(2);
        assertThat(ThreadHook.VIRTUAL_LIVE.get() - live).isEqualTo(1);
        assertThat(ThreadHook.VIRTUAL_PEAK.get()).isGreaterThanOrEqualTo(live + 3);
        assertThat(seen).hasSize(3);
    }

    @Test
    void aFailingListenerNeverReachesTheJdk() {
        ThreadHook.virtualStartListener = t -> {
            throw new IllegalStateException("agent bug");
        };
        try {
            ThreadHook.virtualStarting(new Thread(() -> { }));
        } finally {
            ThreadHook.virtualStartListener = null;
            ThreadHook.virtualEnded(null);
        }
    }
}
