import java.util.concurrent.atomic.AtomicLong;

/** Thread-churn sample: starts and joins many short platform threads, a few at a time. */
public class ThreadChurn {
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
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
        System.out.println("churn done " + sum.get());
    }

    static long work(int n) {
        long x = n;
        for (int i = 0; i < 2_000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x & 1;
    }
}
