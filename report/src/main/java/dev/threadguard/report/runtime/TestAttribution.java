package dev.threadguard.report.runtime;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which test started each thread of one test JVM, from its recording. The rules, in order, for a thread started by
 * thread S (the event thread of {@code threadguard.ThreadStarting}):
 * <ol>
 *   <li>started by the test framework itself (JUnit's workers, Surefire's threads): nobody's;</li>
 *   <li>S runs a test or a test class (the innermost of the {@code TestStarted} events S wrote and has not yet
 *       finished, as JUnit may nest them on one thread): that test, found by the <em>test listener</em>;</li>
 *   <li>the starter's stack names a test (the outermost application frame above the framework): that test, found by
 *       the <em>creation stack</em> (TestNG, JUnit 4 without the platform, isolated class loaders);</li>
 *   <li>S itself was started during a test: that test, so a pool worker's own threads belong to the test that
 *       started the worker.</li>
 * </ol>
 * Events are taken in time order; the events of one thread are in the order that thread wrote them, so a thread
 * started just before its starter finished a test belongs to that test and not to the next one.
 */
public final class TestAttribution {

    public static final String BY_LISTENER = "test-listener";
    public static final String BY_CREATION_STACK = "creation-stack";

    /** One run of a test or test class; {@code finished} is null if the JVM ended first. */
    public static final class Scope {
        private final String uniqueId;
        private final String test;
        private final boolean container;
        private final Instant started;
        private Instant finished;

        Scope(String uniqueId, String test, boolean container, Instant started) {
            this.uniqueId = uniqueId;
            this.test = test;
            this.container = container;
            this.started = started;
        }

        public String uniqueId() {
            return uniqueId;
        }

        public String test() {
            return test;
        }

        public boolean container() {
            return container;
        }

        public Instant started() {
            return started;
        }

        public Instant finished() {
            return finished;
        }
    }

    /**
     * The test a thread belongs to: its name, how it was found, and the run of it ({@code scope}), which the
     * creation stack cannot tell (then null).
     */
    public record Owner(String test, String attribution, Scope scope) {
    }

    private final Map<Long, Owner> owners;
    private final Set<Long> frameworkThreads;
    private final List<Scope> scopes;

    private TestAttribution(Map<Long, Owner> owners, Set<Long> frameworkThreads, List<Scope> scopes) {
        this.owners = owners;
        this.frameworkThreads = frameworkThreads;
        this.scopes = scopes;
    }

    public static TestAttribution of(RunRecording recording) {
        return of(recording.testEvents(), recording.threadStartings());
    }

    /** Both lists in time order, ties in file order (as {@link RecordingReader} returns them). */
    public static TestAttribution of(List<RunRecording.TestEvent> tests, List<RunRecording.ThreadStarting> starts) {
        Map<Long, Deque<Scope>> running = new HashMap<>();
        Map<String, Scope> open = new HashMap<>();
        Map<Long, Owner> owners = new HashMap<>();
        Set<Long> framework = new HashSet<>();
        List<Scope> scopes = new ArrayList<>();
        int t = 0;
        int s = 0;
        while (t < tests.size() || s < starts.size()) {
            boolean takeTest = s == starts.size() || (t < tests.size() && before(tests.get(t), starts.get(s)));
            if (takeTest) {
                RunRecording.TestEvent event = tests.get(t++);
                Deque<Scope> stack = running.computeIfAbsent(event.threadId(), id -> new ArrayDeque<>());
                if (event.started()) {
                    Scope scope = new Scope(event.uniqueId(), event.test(), event.container(), event.time());
                    stack.push(scope);
                    open.put(event.uniqueId(), scope);
                    scopes.add(scope);
                } else {
                    Scope scope = open.remove(event.uniqueId());
                    if (scope != null) {
                        scope.finished = event.time();
                        // normally the top; removing by identity keeps an odd order from corrupting the stack
                        for (Deque<Scope> any : running.values()) {
                            if (any.removeFirstOccurrence(scope)) {
                                break;
                            }
                        }
                    }
                }
            } else {
                RunRecording.ThreadStarting start = starts.get(s++);
                if (owners.containsKey(start.threadId()) || framework.contains(start.threadId())) {
                    continue; // a JDK whose start() calls start(container) reports the thread twice
                }
                if (start.framework()) {
                    framework.add(start.threadId());
                    continue;
                }
                Owner owner = owner(start, running.get(start.starterId()), owners);
                if (owner != null) {
                    owners.put(start.threadId(), owner);
                }
            }
        }
        return new TestAttribution(owners, framework, scopes);
    }

    private static Owner owner(RunRecording.ThreadStarting start, Deque<Scope> starterRuns, Map<Long, Owner> owners) {
        if (starterRuns != null && !starterRuns.isEmpty()) {
            Scope innermost = starterRuns.peek();
            return new Owner(innermost.test(), BY_LISTENER, innermost);
        }
        if (start.stackTest() != null && !start.stackTest().isEmpty()) {
            return new Owner(start.stackTest(), BY_CREATION_STACK, null);
        }
        return owners.get(start.starterId());
    }

    private static boolean before(RunRecording.TestEvent test, RunRecording.ThreadStarting start) {
        int byTime = test.time().compareTo(start.time());
        return byTime != 0 ? byTime < 0 : test.sequence() < start.sequence();
    }

    /** The test the thread belongs to, or null. */
    public Owner owner(long threadId) {
        return owners.get(threadId);
    }

    public boolean startedByFramework(long threadId) {
        return frameworkThreads.contains(threadId);
    }

    /** The threads the test framework started (JUnit's workers, Surefire's threads): not the tests' to count. */
    public Set<Long> frameworkThreads() {
        return Collections.unmodifiableSet(frameworkThreads);
    }

    /** Every run of a test or test class the listener reported, in start order. */
    public List<Scope> scopes() {
        return Collections.unmodifiableList(scopes);
    }

    public boolean hasListenerEvents() {
        return !scopes.isEmpty();
    }
}
