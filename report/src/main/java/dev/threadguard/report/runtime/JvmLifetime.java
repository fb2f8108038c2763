package dev.threadguard.report.runtime;

import dev.threadguard.agent.config.Frames;
import dev.threadguard.agent.config.TextPattern;

import java.util.List;
import java.util.function.Predicate;

/**
 * Threads kept for the JVM's life, which a test or a request cannot be blamed for leaking: a library's one shared
 * timer, a lazily made static scheduler, a private pool kept for good, the JVM's own shared threads. A thread is one
 * when its owner was made in a static initializer, or when its owner's site made exactly one owner in that JVM and
 * lies outside the test sources (a singleton of a library or of the application). A site that made a second owner
 * is no singleton: its leaks are leaks.
 */
final class JvmLifetime {

    /**
     * JDK threads that the whole JVM shares and some test happens to start first: the common pool's workers, the
     * process reaper, the HTTP keep-alive timers.
     */
    static final List<TextPattern> SHARED_JVM_THREADS = List.of(
            TextPattern.compile("ForkJoinPool.commonPool-worker-*"), TextPattern.compile("process reaper"),
            TextPattern.compile("Keep-Alive-Timer"), TextPattern.compile("Keep-Alive-SocketCleaner"));

    private JvmLifetime() {
    }

    /** Why the thread lives as long as the JVM, or null when it does not. */
    static String reason(Recording recording, Recording.DumpedThread thread, Predicate<String> isTestClass) {
        if (TextPattern.any(SHARED_JVM_THREADS, thread.name())) {
            return "a thread the whole JVM shares";
        }
        Recording.Site site = recording.site(thread.siteId());
        if (site == null) {
            return null;
        }
        Recording.Owner owner = recording.owners().get(thread.ownerId());
        String kind = owner != null ? owner.kind() : site.ownerKind() == null ? "thread" : site.ownerKind();
        if (owner != null ? owner.staticInit() : site.staticInit() && site.owners() <= 1) {
            return "its " + kind + " was made in a static initializer, once for the JVM's life";
        }
        if (site.owners() == 1 && !isTestClass.test(classOf(site.frame()))) {
            return "the only " + kind + " made at " + site.frame() + " in this JVM: a singleton kept for the JVM's life";
        }
        return null;
    }

    static String classOf(String frame) {
        String method = Frames.methodOf(frame);
        int dot = method.lastIndexOf('.');
        return dot < 0 ? method : method.substring(0, dot);
    }
}
