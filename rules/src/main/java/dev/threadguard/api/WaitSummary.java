package dev.threadguard.api;

import java.util.List;

/**
 * What the methods of one source file forward to their callers: every method whose body only forwards a call (see
 * {@code Forwarding} in {@code dev.threadguard.analysis}), with the calls it forwards, each either an untimed wait
 * or a call of a method of the project. Told from the file alone (and the project's type index), whatever the
 * other files' methods do, so that it can be cached with the file; {@link WaitingMethods} resolves the summaries of
 * all files into the project's methods that wait.
 *
 * @param fileName   the file's name, e.g. {@code Gate.java}, for the messages of the callers
 * @param forwarders the methods that forward a call, in source order
 */
public record WaitSummary(String fileName, List<Forwarder> forwarders) {

    /** A file whose methods forward nothing. */
    public static final WaitSummary NONE = new WaitSummary("", List.of());

    public WaitSummary {
        forwarders = List.copyOf(forwarders);
    }

    /**
     * A method that forwards calls to its callers.
     *
     * @param owner       the qualified name of the type declaring it
     * @param name        its name
     * @param arity       its number of parameters
     * @param shown       how messages name it, e.g. {@code Gate.await()} or {@code Client.get(..)}
     * @param ifOverrides true when it forwards by its shape alone (its body is the call) and carries
     *                    {@code @Override}: then it forwards only when it overrides a method of the project. One that
     *                    implements a callback of a library is called by code that is not in the sources, so its wait
     *                    is reported where it is
     * @param declarations how many methods of that name and arity the type declares (overloads that differ in
     *                    their parameters' types only): calls cannot tell them apart, so all of them must wait
     * @param forwarded   the calls it forwards, in source order
     */
    public record Forwarder(String owner, String name, int arity, String shown, boolean ifOverrides,
                            int declarations, List<Forwarded> forwarded) {

        public Forwarder {
            forwarded = List.copyOf(forwarded);
        }

        /** The key of the method: {@code owner#name/arity}. */
        public String key() {
            return WaitingMethods.key(owner, name, arity);
        }
    }

    /** A call that a method forwards. */
    public sealed interface Forwarded permits Wait, Call {
        /** The line of the call. */
        int line();
    }

    /**
     * An untimed wait of the JDK or the configured {@code blockingMethods}.
     *
     * @param shown    how messages name it, e.g. {@code CountDownLatch.await()}
     * @param fix      its timed alternative, one sentence
     * @param nextItem  true for a wait for the next item of a queue, which is a worker's idle state in its loop
     * @param parameter the index of the forwarding method's parameter that the wait is on ({@code future.get()} in
     *                  {@code getUninterruptibly(Future<V> future)}), or -1
     * @param line      the line of the call
     */
    public record Wait(String shown, String fix, boolean nextItem, int parameter, int line) implements Forwarded {
    }

    /**
     * A call of a method of the project.
     *
     * @param owner          the qualified name of the type the call is made on
     * @param name           the method's name
     * @param arity          the number of arguments
     * @param fromSupertypes true for {@code super.name(..)}: the method is looked up from the owner's supertypes
     * @param parameters     for each argument, the index of the forwarding method's parameter it passes on, or -1
     * @param line           the line of the call
     */
    public record Call(String owner, String name, int arity, boolean fromSupertypes, List<Integer> parameters,
                       int line) implements Forwarded {

        public Call {
            parameters = List.copyOf(parameters);
        }
    }
}
