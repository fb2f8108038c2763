package dev.threadguard.agent.runtime;

import dev.threadguard.agent.config.Frames;
import dev.threadguard.agent.config.LogFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Creation sites, interned: a site is the first frame outside the JDK where the application asked for a thread, or,
 * for a pool's worker, where the pool was constructed. Each keeps one full stack (the first seen) and its counters;
 * per-thread stacks are never kept, so a million starts from one line cost one stack. Pools and timers, which are
 * few, keep their own construction stack besides ({@link #ownerStack}).
 */
final class Sites {

    /** Test frameworks and build tools: a thread or pool they create is not the tests'. */
    private static final String[] FRAMEWORK_PREFIXES = {
        "org.junit.", "junit.", "org.testng.", "org.apache.maven.surefire.", "org.apache.maven.plugin.surefire.",
        "org.spockframework.", "org.gradle.",
    };

    /** What identifies a site: the owner kind, platform or virtual, and the frame. A class, not a record: see StackWalks. */
    private static final class Key {
        final String ownerKind;
        final boolean virtual;
        final String className;
        final String method;
        final int line;

        Key(String ownerKind, boolean virtual, String className, String method, int line) {
            this.ownerKind = ownerKind;
            this.virtual = virtual;
            this.className = className;
            this.method = method;
            this.line = line;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.line == line && key.virtual == virtual
                    && key.className.equals(className) && key.method.equals(method) && key.ownerKind.equals(ownerKind);
        }

        @Override
        public int hashCode() {
            return (className.hashCode() * 31 + method.hashCode()) * 31 + line;
        }
    }

    static final class Site {
        final int id;
        final String ownerKind;
        final boolean virtual;
        final String frame;
        final List<String> stack;
        final boolean framework;
        /** The site's one stack runs through a static initializer: a thread from here may be made once per JVM. */
        final boolean staticInit;
        final AtomicLong started = new AtomicLong();
        final AtomicLong alive = new AtomicLong();
        final AtomicLong peak = new AtomicLong();
        final AtomicLong owners = new AtomicLong();
        volatile boolean dirty = true;

        Site(int id, String ownerKind, boolean virtual, String frame, List<String> stack, boolean framework) {
            this.id = id;
            this.ownerKind = ownerKind;
            this.virtual = virtual;
            this.frame = frame;
            this.stack = stack;
            this.framework = framework;
            this.staticInit = StackWalks.hasStaticInit(stack);
        }

        void started(long weight) {
            started.addAndGet(weight);
            long now = alive.addAndGet(weight);
            long current;
            while (now > (current = peak.get()) && !peak.compareAndSet(current, now)) {
                // retry
            }
            if (!dirty) { // a volatile write per start costs a fence; the writer clears it before reading the counts
                dirty = true;
            }
        }

        void ended(long weight) {
            alive.addAndGet(-weight);
        }

        void undoStart() {
            started.decrementAndGet();
            alive.decrementAndGet();
            dirty = true;
        }
    }

    private final ConcurrentHashMap<Key, Site> sites = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** Owners' own stacks that differ from their site's, each written once ({@code STACK}). */
    private final java.util.HashMap<List<String>, Integer> ownerStacks = new java.util.HashMap<>();
    private final RecordingLog log;

    Sites(RecordingLog log) {
        this.log = log;
    }

    /**
     * The site of a frame; a new site gets {@code stack} (computed only then) as its one stack and is written to
     * the recording.
     */
    Site site(String ownerKind, boolean virtual, StackWalker.StackFrame frame, java.util.function.Supplier<List<String>> stack) {
        if (frame != null) {
            return site(ownerKind, virtual, frame.getClassName(), frame.getMethodName(), frame.getFileName(),
                    frame.getLineNumber(), stack);
        }
        Key key = new Key(ownerKind, virtual, "", "", -1);
        Site site = sites.get(key);
        if (site != null) {
            return site;
        }
        List<String> frames = stack.get();
        return intern(key, ownerKind, virtual, frames.isEmpty() ? "(unknown)" : frames.get(0), frames, false);
    }

    /** The site of a frame read from a throwable's stack ({@link Backtraces}), as for a walked frame. */
    Site site(String ownerKind, boolean virtual, StackTraceElement frame, java.util.function.Supplier<List<String>> stack) {
        return site(ownerKind, virtual, frame.getClassName(), frame.getMethodName(), frame.getFileName(),
                frame.getLineNumber(), stack);
    }

    private Site site(String ownerKind, boolean virtual, String className, String method, String fileName, int line,
            java.util.function.Supplier<List<String>> stack) {
        Key key = new Key(ownerKind, virtual, className, method, line);
        Site site = sites.get(key);
        if (site != null) {
            return site;
        }
        return intern(key, ownerKind, virtual, Frames.format(className, method, fileName, line), stack.get(),
                isFramework(className));
    }

    /** A pool's site, from its construction stack (already formatted). */
    Site site(String ownerKind, String className, String method, int line, String formatted, List<String> stack) {
        Key key = new Key(ownerKind, false, className, method, line);
        Site site = sites.get(key);
        return site != null ? site : intern(key, ownerKind, false, formatted, stack, isFramework(className));
    }

    /** The site of the key, made and written to the recording by the first thread that gets here. */
    private synchronized Site intern(Key key, String ownerKind, boolean virtual, String frame, List<String> stack,
            boolean framework) {
        Site existing = sites.get(key);
        if (existing != null) {
            return existing;
        }
        Site site = new Site(ids.incrementAndGet(), ownerKind, virtual, frame, List.copyOf(stack), framework);
        // written before anyone can count on it, so no COUNT of it precedes its SITE
        log.add(new LogFormat.Line(LogFormat.SITE).add(site.id).add(virtual ? "virtual" : "platform").add(frame)
                .add(site.stack));
        sites.put(key, site);
        return site;
    }

    /**
     * The id of an owner's own construction stack, written to the recording the first time it is seen, or -1 when it
     * is its site's stack. Called per pool or timer made, never per thread start.
     */
    synchronized int ownerStack(Site site, List<String> stack) {
        if (stack.equals(site.stack)) {
            return -1;
        }
        Integer id = ownerStacks.get(stack);
        if (id == null) {
            id = ownerStacks.size() + 1;
            ownerStacks.put(List.copyOf(stack), id);
            log.add(new LogFormat.Line(LogFormat.STACK).add(id).add(stack));
        }
        return id;
    }

    /** Writes a {@code COUNT} record for each site whose counters changed since the last call (all with {@code all}). */
    void writeCounts(boolean all) {
        List<Site> changed = new ArrayList<>();
        for (Site site : sites.values()) {
            if (all || site.dirty) {
                site.dirty = false;
                changed.add(site);
            }
        }
        for (Site site : changed) {
            log.add(new LogFormat.Line(LogFormat.COUNT).add(site.id).add(site.ownerKind).add(site.started.get())
                    .add(site.peak.get()).add(site.owners.get()));
        }
    }

    static boolean isFramework(String type) {
        for (String prefix : FRAMEWORK_PREFIXES) {
            if (type.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
