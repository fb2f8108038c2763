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
 * when its owner was made in a static initializer, or when the code that made it made exactly one such owner in that
 * JVM and lies outside the test sources: a singleton of a library or of the application. The strongest sign comes
 * first: a pool or timer that a static field of the code that made it still held at the JVM's end (the agent looks,
 * {@code HELD}) is that code's singleton, however many its site made; an older owner of the same site that no field
 * holds any more was orphaned when a test replaced the singleton ({@link #replacement}), a leak. For a pool, the code that
 * made it is the frame that constructed it ({@code Delays.scheduler()}'s line), even when the pool is shown at the
 * caller of a method returning it: a lazily made scheduler is the library's singleton whichever test asked for it
 * first, and a pool-per-call helper that made two is no singleton. A line that made a second owner in the JVM is no
 * singleton unless a static field holds one of them: without that sign a singleton that a test replaced cannot be
 * told from objects made per use that every test leaks (a data source per test), so all are leaks there;
 * {@code allowedLeaks} allows one of them per JVM.
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
    /** Per frame that constructed pools, how many it constructed in this JVM, over every site they are shown at. */
    private final Map<String, Long> poolsByConstructor = new HashMap<>();

    JvmLifetime(Recording recording, Predicate<String> isTestClass) {
        this.recording = recording;
        this.isTestClass = isTestClass;
        for (Recording.Site site : recording.sites().values()) {
            String constructor = constructor(site);
            if (constructor != null) {
                poolsByConstructor.merge(constructor, site.owners(), Long::sum);
            }
        }
    }

    /** Why the thread lives as long as the JVM, or null when it does not. */
    String reason(Recording.DumpedThread thread) {
        String field = thread.ownerId() < 0 ? recording.heldThreads().get(thread.id()) : null;
        if (field != null && !isTestClass.test(classOfField(field))) {
            Recording.Site site = recording.site(thread.siteId());
            String always = keptAlways(thread.name(), site, null);
            return always != null ? always
                    : "held by static field " + field + ": a thread of a singleton kept for the JVM's life";
        }
        return reason(thread.name(), thread.siteId(), thread.ownerId());
    }

    /**
     * Why a thread that ended after its test belonged to an owner kept for the JVM's life, or null: an idle worker of
     * a library's pool times out on its own (a ForkJoinPool's after a minute), which leaks nothing.
     */
    String reason(Recording.Ended thread) {
        return reason(thread.name(), thread.siteId(), thread.ownerId());
    }

    /**
     * An owner that a test orphaned by replacing a library's singleton: a newer owner of its site is held by a static
     * field of the code that made them (outside the test sources), this one no more.
     *
     * @param field     the static field that holds the replacement
     * @param successor the next owner made at the site, during the test that replaced this one
     * @param scope     that test (null when none was running)
     * @param stack     the successor's construction stack
     */
    record Replacement(String field, Recording.Owner successor, Recording.Scope scope, List<String> stack) {
    }

    /** How a leaked thread's owner was orphaned by a replacement, or null when it was not. */
    Replacement replacement(Recording.DumpedThread thread) {
        Recording.Owner owner = recording.owners().get(thread.ownerId());
        if (owner == null || owner.heldBy() != null) {
            return null;
        }
        Recording.Owner successor = null;
        Recording.Owner holder = null;
        for (Recording.Owner other : recording.owners().values()) {
            if (other.siteId() != owner.siteId() || other.id() <= owner.id()) {
                continue;
            }
            if (successor == null || other.id() < successor.id()) {
                successor = other;
            }
            if (heldOutsideTests(other)) {
                holder = other;
            }
        }
        if (holder == null) {
            return null;
        }
        Recording.Site site = recording.site(successor.siteId());
        return new Replacement(holder.heldBy(), successor, recording.scopes().get(successor.scopeId()),
                site == null ? successor.stack() : successor.stackOr(site.stack()));
    }

    private boolean heldOutsideTests(Recording.Owner owner) {
        return owner != null && owner.heldBy() != null && !isTestClass.test(classOfField(owner.heldBy()));
    }

    /** The class of a {@code pkg.Class.FIELD}. */
    private static String classOfField(String field) {
        int dot = field.lastIndexOf('.');
        return dot < 0 ? field : field.substring(0, dot);
    }

    private String reason(String name, int siteId, int ownerId) {
        Recording.Site site = recording.site(siteId);
        Recording.Owner owner = recording.owners().get(ownerId);
        String always = keptAlways(name, site, owner);
        if (always != null || site == null) {
            return always;
        }
        if (heldOutsideTests(owner)) {
            return "held by static field " + owner.heldBy() + ": a singleton kept for the JVM's life";
        }
        String kind = kind(site, owner);
        String constructor = constructor(site);
        if (constructor != null && !constructor.equals(site.frame())) {
            // shown at the caller of a method that returned the pool: judged where it was made
            if (poolsByConstructor.getOrDefault(constructor, 0L) != 1 || isTestClass.test(classOf(constructor))) {
                return null;
            }
            return "the only " + kind + " made at " + constructor + " in this JVM (first asked for at " + site.frame()
                    + "): a singleton kept for the JVM's life";
        }
        if (site.owners() != 1 || isTestClass.test(classOf(site.frame()))) {
            return null;
        }
        return "the only " + kind + " made at " + site.frame() + " in this JVM: a singleton kept for the JVM's life";
    }

    /**
     * The code that made a pool: the first method outside the JDK in its construction stack that is not a constructor
     * (a pool subclass's, or that of an object that builds its pools as it is made, a data source per test), else the
     * first frame outside the JDK; null for threads and timers.
     */
    static String constructor(Recording.Site site) {
        if (!LogFormat.OWNER_POOL.equals(site.ownerKind())) {
            return null;
        }
        String first = null;
        for (String frame : site.stack()) {
            if (Frames.isJdk(classOf(frame))) {
                continue;
            }
            if (!Frames.methodOf(frame).endsWith(".<init>")) {
                return frame;
            }
            first = first == null ? frame : first;
        }
        return first;
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
