import java.io.FileInputStream;
import java.io.FileWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Thread-churn sample: starts and joins many short platform threads, a few at a time.
 *
 * <p>{@code ThreadChurn threads [report]}: with a report file, appends one line to it, the main thread's CPU time and
 * run-queue wait per start in microseconds (Linux {@code /proc/thread-self/schedstat}). The main thread starts every
 * thread and joins it, so it is the churn's critical path; its CPU per start tells the work done per start (the
 * agent's included) apart from the time the kernel and the host take to schedule the threads.
 */
public class ThreadChurn {
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        long[] before = schedstat();
        int concurrency = 4;
        AtomicLong sum = new AtomicLong();
        Thread[] batch = new Thread[concurrency];
        for (int started = 0; started < threads; started += concurrency) {
            for (int i = 0; i < concurrency; i++) {
                int n = started + i;
                batch[i] = new Thread(() -> sum.addAndGet(work(n)), "churn-" + n);
                batch[i].start();
            }
            for (Thread thread : batch) {
                thread.join();
            }
        }
        long[] after = schedstat();
        System.out.println("churn done " + sum.get());
        if (args.length > 1 && before != null && after != null) {
            try (FileWriter out = new FileWriter(args[1], StandardCharsets.UTF_8, true)) {
                out.write(String.format("%.1f %.1f%n", (after[0] - before[0]) / 1e3 / threads,
                        (after[1] - before[1]) / 1e3 / threads));
            }
        }
    }

    static long work(int n) {
        long x = n;
        for (int i = 0; i < 2_000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x & 1;
    }

    /** The current thread's nanoseconds on a CPU and waiting on a run queue, or null where Linux does not tell. */
    private static long[] schedstat() {
        try (FileInputStream in = new FileInputStream("/proc/thread-self/schedstat")) {
            String[] fields = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split(" ");
            return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
