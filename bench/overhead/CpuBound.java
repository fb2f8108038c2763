import java.security.MessageDigest;

/** CPU-bound sample: hashes in a loop on two threads, starting no other threads. */
public class CpuBound {
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        Thread[] workers = new Thread[2];
        long[] results = new long[workers.length];
        for (int w = 0; w < workers.length; w++) {
            int index = w;
            workers[w] = new Thread(() -> results[index] = hash(rounds, index), "cpu-" + w);
            workers[w].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.println("cpu-bound done " + (results[0] ^ results[1]));
    }

    static long hash(int rounds, int seed) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] data = new byte[64];
            data[0] = (byte) seed;
            for (int i = 0; i < rounds; i++) {
                data = digest.digest(data);
                data = java.util.Arrays.copyOf(data, 64);
            }
            return data[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
