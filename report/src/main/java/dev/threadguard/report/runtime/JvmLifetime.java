package dev.threadguard.report.runtime;

import dev.threadguard.agent.config.Frames;
import dev.threadguard.agent.config.LogFormat;
import dev.threadguard.agent.config.TextPattern;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Threads kept for the JVM's life, which a test or a request cannot be blamed for leaking: a library's one shared
 * timer, a lazily made static scheduler, a private pool kept for good, the JVM's own shared threads. A thread is one
 * when its owner was made in a static initializer, or when its site lies outside the test sources, every owner it
 * made in that JVM is still alive, and this one is the only one, or, in a test JVM, the newest pool or timer — a
 * singleton of a library or of the application that a test replaced keeps the one it made last; the older ones were
 * replaced without being shut down: those are leaks. A site that shut some of its owners down makes them per use, so
 * an owner still alive there is a leak, as is every owner of a site in the test sources. Raw threads, and every owner
 * of a service or a {@code main}, count as a singleton only when their site made one: a handler that starts a thread
 * per request leaks all of them, the newest too.
 */
final class JvmLifetime {

    /**
     * JDK threads that the whole JVM shares and some test happens to start first: the common pool's workers, the
     * process reaper, the HTTP keep-alive timers.
     */
    static final List<TextPattern> SHARED_JVM_THREADS = List.of(
            TextPattern.compile("ForkJoinPool.commonPool-worker-*"), TextPattern.compile("process reaper"),
            TextPattern.compile("Keep-Alive-Timer"), TextPattern.compile("Keep-Alive-SocketCleaner"));

    private final Recording recording;
    private final Predicate<String> isTestClass;
    /** Whether tests may have replaced a singleton: then the newest pool or timer of a site is the one kept. */
    private final boolean replacedByTests;
    /** Per site, the newest pool made there (the owner ids grow as pools are made). */
    private final Map<Integer, Integer> newestPool = new HashMap<>();
    /** Per site of threads and timers, the newest of its threads still alive (their own owners). */
    private final Map<Integer, Recording.DumpedThread> newestThread = new HashMap<>();
    /** Per site, how many of its owners are alive: pools with a live worker, or live threads. */
    private final Map<Integer, java.util.Set<Long>> aliveOwners = new HashMap<>();

    /**
     * @param alive the threads alive at the moment judged (the exit dump, or a service's snapshot)
     * @param replacedByTests true for a test JVM, whose tests may replace a singleton (see the class comment)
     */
    JvmLifetime(Recording recording, List<Recording.DumpedThread> alive, Predicate<String> isTestClass,
            boolean replacedByTests) {
        this.recording = recording;
        this.isTestClass = isTestClass;
        this.replacedByTests = replacedByTests;
        for (Recording.Owner owner : recording.owners().values()) {
            newestPool.merge(owner.siteId(), owner.id(), Math::max);
        }
        for (Recording.DumpedThread thread : alive) {
            if (!thread.application()) {
                continue;
            }
            if (thread.ownerId() < 0) {
                newestThread.merge(thread.siteId(), thread, (a, b) -> newer(a, b) ? a : b);
            }
            aliveOwners.computeIfAbsent(thread.siteId(), id -> new java.util.HashSet<>())
                    .add(thread.ownerId() >= 0 ? thread.ownerId() : -1 - thread.id());
        }
    }

    private static boolean newer(Recording.DumpedThread a, Recording.DumpedThread b) {
        return a.startMillis() != b.startMillis() ? a.startMillis() > b.startMillis() : a.id() > b.id();
    }

    /** Why the thread lives as long as the JVM, or null when it does not. */
    String reason(Recording.DumpedThread thread) {
        Recording.Site site = recording.site(thread.siteId());
        Recording.Owner owner = recording.owners().get(thread.ownerId());
        String always = keptAlways(thread.name(), site, owner);
        if (always != null || site == null) {
            return always;
        }
        if (isTestClass.test(classOf(site.frame()))) {
            return null;
        }
        String kind = kind(site, owner);
        boolean newest = owner != null ? java.util.Objects.equals(newestPool.get(site.id()), owner.id())
                : newestThread.get(site.id()) == thread;
        boolean noneShutDown = aliveOwners.getOrDefault(site.id(), java.util.Set.of()).size() >= site.owners();
        if (!newest || !noneShutDown || (site.owners() > 1 && (!replacedByTests || LogFormat.OWNER_THREAD.equals(kind)))) {
            return null;
        }
        return site.owners() <= 1
                ? "the only " + kind + " made at " + site.frame() + " in this JVM: a singleton kept for the JVM's life"
                : "the newest of the " + site.owners() + " " + kind + "s made at " + site.frame() + " in this JVM: "
                        + "the singleton kept for the JVM's life (the older ones still alive are leaks)";
    }

    /**
     * Why a thread that ended after its test belonged to an owner kept for the JVM's life, or null: an idle worker of
     * a library's pool times out on its own (a ForkJoinPool's after a minute), which leaks nothing. Its pool has no
     * live worker left to tell a replaced singleton from a kept one, so here a singleton's site made only one.
     */
    String reason(Recording.Ended thread) {
        Recording.Site site = recording.site(thread.siteId());
        Recording.Owner owner = recording.owners().get(thread.ownerId());
        String always = keptAlways(thread.name(), site, owner);
        if (always != null || site == null) {
            return always;
        }
        if (site.owners() == 1 && !isTestClass.test(classOf(site.frame()))) {
            return "the only " + kind(site, owner) + " made at " + site.frame() + " in this JVM: a singleton kept for "
                    + "the JVM's life";
        }
        return null;
    }

    /** A thread the JVM shares, or one whose owner a static initializer made; null otherwise. */
    private static String keptAlways(String name, Recording.Site site, Recording.Owner owner) {
        if (TextPattern.any(SHARED_JVM_THREADS, name)) {
            return "a thread the whole JVM shares";
        }
        if (site != null && (owner != null ? owner.staticInit() : site.staticInit() && site.owners() <= 1)) {
            return "its " + kind(site, owner) + " was made in a static initializer, once for the JVM's life";
        }
        return null;
    }

    private static String kind(Recording.Site site, Recording.Owner owner) {
        return owner != null ? owner.kind() : site.ownerKind() == null ? "thread" : site.ownerKind();
    }

    static String classOf(String frame) {
        String method = Frames.methodOf(frame);
        int dot = method.lastIndexOf('.');
        return dot < 0 ? method : method.substring(0, dot);
    }
}
