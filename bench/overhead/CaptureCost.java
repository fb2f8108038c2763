import java.util.Iterator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What capturing a thread start's creation site costs, the part of the agent's per-start work that cannot be
 * skipped: a {@code Throwable}'s backtrace (what the agent reads) against a {@code StackWalker} walk to the first
 * frame outside the JDK (what it did before), each measured in a tight loop and with a real thread started and
 * joined between two captures, as on thread churn. Only the capture itself is timed.
 *
 *   java bench/overhead/CaptureCost.java [captures]
 */
public class CaptureCost {

    static volatile Object sink;

    static final StackWalker WALKER = StackWalker.getInstance();
    static final Function<Stream<StackWalker.StackFrame>, StackWalker.StackFrame> FIRST_OUTSIDE_JDK = frames -> {
        for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
            StackWalker.StackFrame frame = it.next();
            if (!frame.getClassName().startsWith("java.")) {
                return frame;
            }
        }
        return null;
    };

    public static void main(String[] args) throws Exception {
        int captures = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        for (String how : new String[] {"throwable", "stackwalker"}) {
            for (boolean churn : new boolean[] {false, true}) {
                measure(how, churn, captures); // warm-up round
                double micros = measure(how, churn, captures);
                System.out.printf("%-11s %-38s %6.2f us per capture%n", how,
                        churn ? "with a thread started and joined between" : "in a tight loop", micros);
            }
        }
    }

    static double measure(String how, boolean churn, int captures) throws InterruptedException {
        long inside = 0;
        for (int i = 0; i < captures; i++) {
            if (churn) {
                Thread thread = new Thread(() -> { });
                thread.start();
                thread.join();
            }
            long start = System.nanoTime();
            sink = how.equals("throwable") ? new Throwable() : WALKER.walk(FIRST_OUTSIDE_JDK);
            inside += System.nanoTime() - start;
        }
        return inside / 1e3 / captures;
    }
}
