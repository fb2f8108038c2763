package dev.threadguard.agent.runtime;

import dev.threadguard.agent.boot.ThreadHook;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.ToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadTableTest {

    /** A thread whose equals and hashCode would make every thread one key, were they called. */
    static final class Alike extends Thread {
        @Override
        public boolean equals(Object other) {
            return other instanceof Alike;
        }

        @Override
        public int hashCode() {
            return 1;
        }

        @Override
        @SuppressWarnings("deprecation")
        public long getId() {
            return 7; // the table must not take ids from application code
        }

        @SuppressWarnings("deprecation")
        long ownId() {
            return super.getId();
        }
    }

    @Test
    void keysThreadsByIdentityNeverByTheirEqualsHashCodeOrGetId() {
        for (ToLongFunction<Thread> ids : idReaders()) {
            ThreadTable<String> table = new ThreadTable<>(ids);
            Thread first = new Alike();
            Thread second = new Alike();

            assertThat(table.putIfAbsent(first, "first")).isNull();
            assertThat(table.putIfAbsent(second, "second")).isNull();
            assertThat(table.get(first)).isEqualTo("first");
            assertThat(table.get(second)).isEqualTo("second");
            assertThat(table.putIfAbsent(first, "again")).isEqualTo("first"); // kept, not replaced
            assertThat(table.remove(second)).isEqualTo("second");
            assertThat(table.remove(second)).isNull();
            assertThat(table.containsKey(second)).isFalse();
            assertThat(table.threads()).containsExactly(first);
            assertThat(table.values()).containsExactly("first");
            assertThat(table.remove(first)).isEqualTo("first");
            assertThat(table.isEmpty()).isTrue();
        }
    }

    @Test
    void theHooksIdReaderReadsTheThreadsOwnIdNotItsGetId() {
        Alike thread = new Alike();
        assertThat(ThreadHook.THREAD_IDS.applyAsLong(thread)).isEqualTo(thread.ownId()).isNotEqualTo(7L);
    }

    @Test
    void growsAndShrinksThroughThousandsOfThreads() {
        for (ToLongFunction<Thread> ids : idReaders()) {
            ThreadTable<Integer> table = new ThreadTable<>(ids);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                Thread thread = new Thread(() -> { });
                threads.add(thread);
                table.putIfAbsent(thread, i);
            }
            assertThat(table.threads()).hasSize(5_000);
            for (int i = 0; i < threads.size(); i += 2) {
                assertThat(table.remove(threads.get(i))).isEqualTo(i);
            }
            for (int i = 0; i < threads.size(); i++) {
                assertThat(table.get(threads.get(i))).isEqualTo(i % 2 == 0 ? null : i);
            }
            assertThat(table.values()).hasSize(2_500);
            assertThat(table.isEmpty()).isFalse();
        }
    }

    @Test
    void startsAndEndsInManyThreadsAtOnceLoseNothing() throws Exception {
        ThreadTable<Thread> table = new ThreadTable<>(ThreadHook.THREAD_IDS);
        int writers = 8;
        int each = 2_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        List<List<Thread>> kept = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            List<Thread> mine = new ArrayList<>();
            kept.add(mine);
            Thread worker = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < each; i++) {
                    Thread key = new Thread(() -> { });
                    table.putIfAbsent(key, key);
                    if (i % 2 == 0) {
                        table.remove(key);
                    } else {
                        mine.add(key);
                    }
                }
            });
            workers.add(worker);
            worker.start();
        }
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        List<Thread> expected = new ArrayList<>();
        kept.forEach(expected::addAll);
        assertThat(table.threads()).containsExactlyInAnyOrderElementsOf(expected);
        for (Thread key : expected) {
            assertThat(table.get(key)).isSameAs(key);
        }
    }

    private static List<ToLongFunction<Thread>> idReaders() {
        List<ToLongFunction<Thread>> readers = new ArrayList<>();
        readers.add(null); // by identity
        readers.add(ThreadHook.THREAD_IDS);
        return readers;
    }
}
