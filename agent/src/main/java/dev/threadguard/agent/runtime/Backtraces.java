package dev.threadguard.agent.runtime;

import dev.threadguard.agent.config.Frames;
import dev.threadguard.agent.config.LogFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The cheap way to a thread start's site. A {@code StackWalker} walk costs several microseconds even when it stops
 * at the first application frame (the JVM resolves every frame it hands over into a method object) and runs a stream
 * pipeline the JIT must compile; on thread churn that was most of the agent's cost. Instead, a start makes a
 * {@code Throwable}, whose stack the JVM records natively as it does for every exception: per frame the class, the
 * method's id number and the bytecode index with the class's redefinition version. This class reads that record
 * without turning it into {@code StackTraceElement}s, skips the JDK's and the agent's frames by their class, and looks
 * the first application frame up in a per-class cache keyed by method id and bytecode index. Only a frame never seen
 * before is turned into a {@code StackTraceElement} (once) and interned as a site by {@link Sites}.
 *
 * <p>Sound under retransformation: a redefined class gets a new version, which is part of the key, so a cached
 * entry never describes code that is gone (the per-call-site cache a walk could not have had).
 *
 * <p>The record's layout is the JVM's (HotSpot's {@code java_lang_Throwable} backtrace: chunks of
 * {@code short[] methods, int[] bci-and-version, Object[] classes, ..., next chunk, ...}), not an API, so it is
 * checked before use (a throwable made at a known depth must read back as its {@code StackTraceElement}s say) and on
 * every cache miss (the element must be of the frame's class); when a check fails the agent walks the stack with
 * {@code StackWalker} for the rest of the JVM's life, as before. Reading the record needs {@code java.base}'s
 * privileges: the hook, which lives there, reads the field, so nothing is opened to the application.
 */
final class Backtraces {

    /** The JVM's chunk layout: which slot holds what. */
    private static final int METHODS = 0;
    private static final int BCIS = 1;
    private static final int CLASSES = 2;
    /** Frames the self-check puts below itself, more than one chunk (HotSpot's chunks have 32 frames). */
    private static final int CHECK_DEPTH = 70;

    /** What a start's site is cached for, besides its frame: its owner kind, and platform or virtual. */
    private static final int PLATFORM_THREAD = 0;
    private static final int PLATFORM_TIMER = 1;
    private static final int VIRTUAL_THREAD = 2;

    private final Function<Throwable, Object> reader;
    private final Sites sites;
    /** The slot of the next chunk; -1 when the record cannot be read (then {@link #site} always answers null). */
    private final int next;
    private volatile boolean usable;

    /** What the agent knows about the frames of one class. */
    private static final class ClassFrames {
        /** The JDK's or the agent's: skipped on the way to the site. */
        final boolean skip;
        final boolean agent;
        final String name;
        /** For a test finder: the class's test framework (or null), and whether it is a test framework's class. */
        final String testFramework;
        final boolean framework;
        /** Key: method id, owner kind and bci-and-version; value: the site. */
        final SiteMemo sites = new SiteMemo();
        /** Key: method id; value: the method's name. */
        final ConcurrentHashMap<Integer, String> methods = new ConcurrentHashMap<>();

        ClassFrames(Class<?> type) {
            this.name = type.getName();
            this.agent = StackWalks.isAgent(name);
            this.skip = Frames.isJdk(name);
            this.testFramework = StackWalks.frameworkOfClass(name);
            this.framework = Sites.isFramework(name);
        }
    }

    private final ClassValue<ClassFrames> classes = new ClassValue<>() {
        @Override
        protected ClassFrames computeValue(Class<?> type) {
            return new ClassFrames(type);
        }
    };

    Backtraces(Function<Throwable, Object> reader, Sites sites) {
        this.reader = reader;
        this.sites = sites;
        this.next = reader == null ? -1 : nextSlot(reader);
        this.usable = next >= 0;
    }

    /** True while the JVM's record reads as expected (false: the caller walks the stack). */
    boolean usable() {
        return usable;
    }

    /**
     * The site of a start whose stack {@code here} holds (a throwable the agent made where it was told of the start):
     * the first frame outside the JDK and the agent. With a finder, every frame {@code StackWalks.fullStack()} would
     * list is fed to it too. Null when the record cannot be read, or has no application frame: the caller walks the
     * stack then.
     */
    Sites.Site site(Throwable here, String ownerKind, boolean virtual, StackWalks.TestFinder finder) {
        if (!usable) {
            return null;
        }
        int slot = virtual ? VIRTUAL_THREAD
                : LogFormat.OWNER_TIMER.equals(ownerKind) ? PLATFORM_TIMER : PLATFORM_THREAD;
        Object[] chunk;
        try {
            chunk = (Object[]) reader.apply(here);
        } catch (RuntimeException e) {
            usable = false;
            return null;
        }
        Sites.Site site = null;
        boolean feeding = finder != null;
        boolean inHook = true;
        int fed = 0;
        int index = 0;
        int outermost = -1;
        ClassFrames outermostFrames = null;
        int outermostMethod = 0;
        walk:
        while (chunk != null) {
            short[] methods = (short[]) chunk[METHODS];
            int[] bcis = (int[]) chunk[BCIS];
            Object[] types = (Object[]) chunk[CLASSES];
            for (int i = 0; i < types.length; i++, index++) {
                Class<?> type = (Class<?>) types[i];
                if (type == null) {
                    chunk = null; // the end of the stack
                    break;
                }
                ClassFrames frames = classes.get(type);
                if (site == null && !frames.skip) {
                    long key = ((methods[i] & 0xffffL) << 34) | ((long) slot << 32) | (bcis[i] & 0xffffffffL);
                    site = frames.sites.get(key);
                    if (site == null) {
                        StackTraceElement element = element(here, index, frames);
                        if (element == null) {
                            return null;
                        }
                        site = sites.site(ownerKind, virtual, element, new StackOf(here));
                        frames.sites.put(key, site);
                    }
                }
                if (feeding && !(inHook && frames.agent)) {
                    inHook = false;
                    boolean more = ++fed <= StackWalks.MAX_FRAMES
                            && finder.add(frames.name, null, frames.testFramework, frames.skip, frames.framework);
                    if (finder.outermostIsLast()) {
                        outermost = index;
                        outermostFrames = frames;
                        outermostMethod = methods[i] & 0xffff;
                    }
                    feeding = more;
                }
                if (site != null && !feeding) {
                    break walk;
                }
            }
            if (chunk != null) {
                chunk = (Object[]) chunk[next];
            }
        }
        if (outermost >= 0 && finder.mayNameTest()) { // else the method's name would not be read
            String method = outermostFrames.methods.get(outermostMethod);
            if (method == null) {
                StackTraceElement element = element(here, outermost, outermostFrames);
                if (element == null) {
                    return null;
                }
                method = element.getMethodName();
                outermostFrames.methods.put(outermostMethod, method);
            }
            finder.outermostMethod(method);
        }
        return site;
    }

    /**
     * The application's classes in the stack {@code here} holds, innermost first and each once (at most
     * {@code max}): the code that started a plain thread, whose static fields may hold it. Empty when the record
     * cannot be read. Read at a test JVM's end only, for threads still alive.
     */
    List<Class<?>> classes(Throwable here, int max) {
        List<Class<?>> found = new ArrayList<>();
        if (!usable || here == null) {
            return found;
        }
        Object[] chunk;
        try {
            chunk = (Object[]) reader.apply(here);
        } catch (RuntimeException e) {
            return found;
        }
        while (chunk != null && found.size() < max) {
            for (Object type : (Object[]) chunk[CLASSES]) {
                if (type == null) {
                    return found; // the end of the stack
                }
                ClassFrames frames = classes.get((Class<?>) type);
                if (!frames.skip && !found.contains(type) && found.size() < max) {
                    found.add((Class<?>) type);
                }
            }
            chunk = (Object[]) chunk[next];
        }
        return found;
    }

    /**
     * The stack trace element of a frame read from the record, made only for a frame the cache does not know; null,
     * and the reader unusable from now on, when it is not of the frame's class (the record is not what it seemed).
     */
    private StackTraceElement element(Throwable here, int index, ClassFrames frames) {
        StackTraceElement[] elements = here.getStackTrace();
        if (index < elements.length && elements[index].getClassName().equals(frames.name)) {
            return elements[index];
        }
        usable = false;
        return null;
    }

    /**
     * Checks the layout on a throwable made {@link #CHECK_DEPTH} frames down, and returns the slot of the next chunk,
     * or -1 when the record is not what this class expects.
     */
    private static int nextSlot(Function<Throwable, Object> reader) {
        try {
            Throwable deep = Probe.at(CHECK_DEPTH);
            Object record = reader.apply(deep);
            if (!(record instanceof Object[] first) || first.length < 5) {
                return -1;
            }
            StackTraceElement[] elements = deep.getStackTrace();
            // the next chunk is the one slot after the classes that holds an Object[] shaped like the first
            for (int slot = CLASSES + 1; slot < first.length; slot++) {
                if (readsAs(first, slot, elements)) {
                    return slot;
                }
            }
            return -1;
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    /** True when following {@code next} through the chunks gives exactly the elements' classes, in order. */
    private static boolean readsAs(Object[] chunk, int next, StackTraceElement[] elements) {
        int index = 0;
        int chunks = 0;
        while (chunk != null) {
            if (!(chunk[METHODS] instanceof short[] methods) || !(chunk[BCIS] instanceof int[] bcis)
                    || !(chunk[CLASSES] instanceof Object[] types) || methods.length != types.length
                    || bcis.length != types.length) {
                return false;
            }
            chunks++;
            for (Object type : types) {
                if (type == null) {
                    return index == elements.length && chunks > 1;
                }
                if (!(type instanceof Class<?> c) || index >= elements.length
                        || !elements[index].getClassName().equals(c.getName())) {
                    return false;
                }
                index++;
            }
            Object following = chunk[next];
            if (following != null && !(following instanceof Object[])) {
                return false;
            }
            chunk = (Object[]) following;
        }
        return index == elements.length && chunks > 1;
    }

    /**
     * A class's sites by their {@code long} key: read at every start without a lock and without boxing the key (a
     * {@code ConcurrentHashMap<Long, ..>} allocated a key per start and put its code into every start's compiled
     * code). Open addressing in arrays that are never changed once published: a new site, which comes once per call
     * site, copies them under the lock; a class has a handful of sites.
     */
    static final class SiteMemo {
        private static final class Table {
            final long[] keys;
            final Sites.Site[] sites;

            Table(int capacity) {
                keys = new long[capacity];
                sites = new Sites.Site[capacity];
            }
        }

        private volatile Table table = new Table(8);

        Sites.Site get(long key) {
            Table current = table;
            int mask = current.keys.length - 1;
            for (int i = slot(key, mask); ; i = (i + 1) & mask) {
                Sites.Site site = current.sites[i];
                if (site == null || current.keys[i] == key) {
                    return site;
                }
            }
        }

        /** Adds a site (a key already there keeps its site: two starts may race to the same new frame). */
        synchronized void put(long key, Sites.Site site) {
            Table current = table;
            int size = 1;
            for (Sites.Site known : current.sites) {
                size += known == null ? 0 : 1;
            }
            int capacity = current.keys.length;
            while (size * 2 > capacity) {
                capacity *= 2;
            }
            Table next = new Table(capacity);
            for (int i = 0; i < current.keys.length; i++) {
                if (current.sites[i] != null) {
                    insert(next, current.keys[i], current.sites[i]);
                }
            }
            insert(next, key, site);
            table = next;
        }

        private static void insert(Table table, long key, Sites.Site site) {
            int mask = table.keys.length - 1;
            int i = slot(key, mask);
            while (table.sites[i] != null && table.keys[i] != key) {
                i = (i + 1) & mask;
            }
            if (table.sites[i] == null) {
                table.keys[i] = key;
                table.sites[i] = site;
            }
        }

        private static int slot(long key, int mask) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32)) & mask;
        }
    }

    /** A new site's one stack, from the same throwable (formatted as a walk would list it). */
    private static final class StackOf implements Supplier<List<String>> {
        private final Throwable here;

        StackOf(Throwable here) {
            this.here = here;
        }

        @Override
        public List<String> get() {
            return StackWalks.stackOf(here);
        }
    }

    /** Makes the self-check's throwable at a known depth. */
    static final class Probe {
        private Probe() {
        }

        static Throwable at(int depth) {
            return depth == 0 ? new Throwable() : at(depth - 1);
        }
    }
}
