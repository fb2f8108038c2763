import java.io.FileInputStream;
import java.io.FileWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Thread-churn sample: starts and joins many short platform threads, a few at a time.
 *
 * <p>{@code ThreadChurn threads [report [start-up]]}: with a report file, appends one line to it: the main thread's CPU
 * time and run-queue wait per start in microseconds (Linux {@code /proc/thread-self/schedstat}) and the churn's own
 * wall time in milliseconds. The main thread starts every thread and joins it, so it is the churn's critical path; its
 * CPU per start tells the work done per start (the agent's included) apart from the time the kernel and the host take
 * to schedule the threads.
 *
 * <p>{@code start-up} is what the main thread does before the churn: {@code busy=MS} computes for that long, as an
 * application's own start-up would; {@code idle=MS} sleeps that long. On the project's VM the kernel schedules the
 * churn in one of two modes depending on how busy the main thread was just before it (see docs/overhead.md): a fixed
 * start-up puts every run, with the agent or without, in the same mode.
 */
public class ThreadChurn {
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        if (args.length > 2) {
            startUp(args[2]);
        }
        long started0 = System.nanoTime();
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
        long churnMillis = (System.nanoTime() - started0) / 1_000_000;
        System.out.println("churn done " + sum.get());
        if (args.length > 1 && before != null && after != null) {
            try (FileWriter out = new FileWriter(args[1], StandardCharsets.UTF_8, true)) {
                out.write(String.format("%.1f %.1f %d%n", (after[0] - before[0]) / 1e3 / threads,
                        (after[1] - before[1]) / 1e3 / threads, churnMillis));
            }
        }
    }

    /** {@code busy=MS}: computes on this thread for MS milliseconds; {@code idle=MS}: sleeps that long. */
    static void startUp(String spec) throws InterruptedException {
        long millis = Long.parseLong(spec.substring(spec.indexOf('=') + 1));
        if (spec.startsWith("idle=")) {
            Thread.sleep(millis);
        } else if (spec.startsWith("busy=")) {
            long end = System.nanoTime() + millis * 1_000_000;
            long sink = 0;
            for (int n = 0; System.nanoTime() < end; n++) {
                sink += work(n);
            }
            if (sink < 0) {
                System.out.println(sink);
            }
        } else {
            throw new IllegalArgumentException("start-up is busy=MS or idle=MS, not " + spec);
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
