package dev.threadguard.agent.runtime;

import dev.threadguard.agent.config.LogFormat;
import dev.threadguard.agent.instrument.FieldAccess;
import dev.threadguard.fixtures.Holders.Deep;
import dev.threadguard.fixtures.Holders.First;
import dev.threadguard.fixtures.Holders.InArray;
import dev.threadguard.fixtures.Holders.Node;
import dev.threadguard.fixtures.Holders.Second;
import dev.threadguard.fixtures.Holders.TooDeep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Which live plain threads a static field of the code that started them holds, and how far the agent looks. */
class StaticHoldersTest {

    @TempDir
    Path directory;

    private final CountDownLatch end = new CountDownLatch(1);
    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void endThreads() throws InterruptedException {
        end.countDown();
        for (Thread thread : started) {
            thread.join(5_000);
        }
    }

    @Test
    void aThreadHeldThreeFieldsDeepIsFoundButNotFourDeepNorInAnArray() throws Exception {
        Tracker tracker = tracker();
        Thread deep = start(tracker, "deep");
        Thread tooDeep = start(tracker, "too-deep");
        Thread inArray = start(tracker, "in-array");
        Deep.root = new Node(new Node(new Node(deep)));
        TooDeep.root = new Node(new Node(new Node(new Node(tooDeep))));
        InArray.root = new Object[] {inArray};
        Map<Thread, List<Class<?>>> starters = Map.of(deep, List.of(Deep.class), tooDeep, List.of(TooDeep.class),
                inArray, List.of(InArray.class));

        Map<String, String> held = record(tracker, starters);

        assertThat(held).containsExactly(Map.entry(String.valueOf(deep.getId()), Deep.class.getName() + ".root"));
    }

    @Test
    void anObjectAnotherClassesFieldReachedFirstIsStillSearchedForTheThreadItHolds() throws Exception {
        Tracker tracker = tracker();
        Thread a = start(tracker, "a-other"); // started by First's code, which holds nothing of it
        Thread b = start(tracker, "b-shared"); // started by Second's code, which holds it through the shared object
        Node shared = new Node(new Node(b));
        First.root = shared; // searched first: finds b, which First's code did not start
        Second.root = shared;

        Map<String, String> held = record(tracker, Map.of(a, List.of(First.class), b, List.of(Second.class)));

        assertThat(held).containsExactly(Map.entry(String.valueOf(b.getId()), Second.class.getName() + ".root"));
    }

    private Tracker tracker() throws Exception {
        RecordingLog log = new RecordingLog(directory.resolve("t.tglog"));
        Sites sites = new Sites(log);
        return new Tracker(log, new Clock(), sites, new Backtraces(null, sites), null, List.of(), List.of(), null,
                (live, total) -> { });
    }

    private Thread start(Tracker tracker, String name) {
        Thread thread = new Thread(() -> {
            try {
                end.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.setDaemon(true);
        tracker.starting(thread); // what the hook tells the tracker
        thread.start();
        started.add(thread);
        return thread;
    }

    /** Runs the search over the live threads in name order, and returns the HELDTHREAD records: thread id, field. */
    private Map<String, String> record(Tracker tracker, Map<Thread, List<Class<?>>> starters) throws Exception {
        Path file = directory.resolve("holders.tglog");
        RecordingLog log = new RecordingLog(file);
        StaticHolders holders = new StaticHolders(new StaticHolders.Fields() {
            @Override
            public Object[] staticFields(Class<?> type) {
                return FieldAccess.staticFields(type);
            }

            @Override
            public Object[] instanceFields(Object object) {
                return FieldAccess.instanceFields(object);
            }
        }, log);
        List<Tracker.Tracked> alive = new ArrayList<>(tracker.alive());
        alive.sort(Comparator.comparing(tracked -> tracked.name));
        holders.record(alive, new IdentityHashMap<>(), (tracked, max) -> starters.getOrDefault(tracked.thread,
                List.of()));
        log.flush();
        return Files.readAllLines(file).stream().map(LogFormat::fields)
                .filter(f -> f.get(0).equals(LogFormat.HELD_THREAD))
                .collect(Collectors.toMap(f -> f.get(1), f -> f.get(2)));
    }
}
