package dev.threadguard.agent.runtime;

import java.util.Arrays;

/** The live platform threads, listed through the root thread group: no stack walk, no safepoint. */
final class LiveThreads {

    private LiveThreads() {
    }

    static Thread[] list() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() * 2 + 16];
        int count;
        while ((count = root.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        return Arrays.copyOf(threads, count);
    }
}
