package dev.threadguard.agent.runtime;

import dev.threadguard.agent.boot.ThreadHook;
import dev.threadguard.agent.config.LogFormat;
import dev.threadguard.fixtures.Caller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backtrace reader, through the hook's own reader: this test JVM opens {@code java.lang} to the class path (see
 * the module's pom), as being in {@code java.base} lets the injected hook read it.
 */
class BacktracesTest {

    @TempDir
    Path directory;

    private Sites sites() throws Exception {
        return new Sites(new RecordingLog(directory.resolve("t.tglog")));
    }

    @Test
    void aStartsSiteIsTheFrameAWalkFindsAndEachLineIsItsOwnSite() throws Exception {
        Sites sites = sites();
        Backtraces backtraces = new Backtraces(ThreadHook.BACKTRACES, sites);
        assertThat(backtraces.usable()).isTrue();
        Sites.Site[] seen = new Sites.Site[4];

        Caller.run(() -> seen[0] = backtraces.site(new Throwable(), LogFormat.OWNER_THREAD, false, null));
        Caller.run(() -> seen[1] = sites.site(LogFormat.OWNER_THREAD, false, StackWalks.firstApplicationFrame(),
                StackWalks.FULL));
        Caller.run(() -> seen[2] = backtraces.site(new Throwable(), LogFormat.OWNER_THREAD, false, null));
        Caller.runElsewhere(() -> seen[3] = backtraces.site(new Throwable(), LogFormat.OWNER_THREAD, false,
                null));

        assertThat(seen[0].frame).startsWith("dev.threadguard.fixtures.Caller.run(Caller.java:");
        assertThat(seen[1]).isSameAs(seen[0]); // the walk's site for the same line is the same interned site
        assertThat(seen[2]).isSameAs(seen[0]); // from the reader's cache
        assertThat(seen[3].frame).startsWith("dev.threadguard.fixtures.Caller.runElsewhere(Caller.java:");
        assertThat(seen[0].stack.get(0)).startsWith("dev.threadguard.fixtures.Caller.run(");
    }

    @Test
    void theOwnerKindAndVirtualThreadsAreSitesOfTheirOwn() throws Exception {
        Sites sites = sites();
        Backtraces backtraces = new Backtraces(ThreadHook.BACKTRACES, sites);
        Sites.Site[] seen = new Sites.Site[3];

        Caller.run(() -> {
            for (int kind = 0; kind < 3; kind++) {
                seen[kind] = backtraces.site(new Throwable(), kind == 1 ? LogFormat.OWNER_TIMER
                        : LogFormat.OWNER_THREAD, kind == 2, null);
            }
        });

        assertThat(seen[0].ownerKind).isEqualTo(LogFormat.OWNER_THREAD);
        assertThat(seen[0].virtual).isFalse();
        assertThat(seen[1].ownerKind).isEqualTo(LogFormat.OWNER_TIMER);
        assertThat(seen[2].virtual).isTrue();
        assertThat(seen).doesNotHaveDuplicates();
    }

    @Test
    void theTestFinderIsFedAsTheWalkFeedsIt() throws Exception {
        Backtraces backtraces = new Backtraces(ThreadHook.BACKTRACES, sites());
        StackWalks.TestFinder read = new StackWalks.TestFinder();
        StackWalks.TestFinder walked = new StackWalks.TestFinder();

        // twice: the second read takes the outermost frame's method name from the cache
        Caller.run(() -> backtraces.site(new Throwable(), LogFormat.OWNER_THREAD, false,
                new StackWalks.TestFinder()));
        Caller.run(() -> backtraces.site(new Throwable(), LogFormat.OWNER_THREAD, false, read));
        Caller.run(() -> StackWalks.startSite(walked));

        // this test class is the agent's own (skipped); the outermost application frame is the fixture's, which
        // JUnit's frames call
        assertThat(read.test()).isEqualTo("dev.threadguard.fixtures.Caller#run");
        assertThat(read.test()).isEqualTo(walked.test());
        assertThat(read.framework()).isEqualTo(walked.framework()).isNotNull();
    }

    @Test
    void aRecordThatDoesNotReadAsExpectedLeavesTheSiteToTheWalk() throws Exception {
        Sites sites = sites();
        assertThat(new Backtraces(null, sites).usable()).isFalse();
        assertThat(new Backtraces(t -> null, sites).usable()).isFalse();
        assertThat(new Backtraces(t -> new Object[] {"not", "a", "backtrace", null, null, null}, sites).usable())
                .isFalse();
        // a record whose classes are not the stack's
        Backtraces shifted = new Backtraces(t -> ThreadHook.BACKTRACES.apply(new Throwable()), sites);
        assertThat(shifted.usable()).isFalse();

        Backtraces none = new Backtraces(null, sites);
        Caller.run(() -> assertThat(none.site(new Throwable(), LogFormat.OWNER_THREAD, false, null)).isNull());
    }
    @Test
    void theSiteMemoFindsEveryKeyItWasGivenAndNoOther() {
        Backtraces.SiteMemo memo = new Backtraces.SiteMemo();
        java.util.Map<Long, Sites.Site> expected = new java.util.HashMap<>();
        java.util.Random random = new java.util.Random(13);
        for (int i = 0; i < 300; i++) {
            // keys as the reader makes them (method id, kind, bci): many share their high or low bits
            long key = i % 3 == 0 ? ((long) i << 34) | 5 : i % 3 == 1 ? i : random.nextLong();
            Sites.Site site = new Sites.Site(i, LogFormat.OWNER_THREAD, false, "Frame.f(Frame.java:" + i + ")",
                    java.util.List.of(), false);
            memo.put(key, site);
            expected.putIfAbsent(key, site);
            memo.put(key, new Sites.Site(-1, LogFormat.OWNER_THREAD, false, "x", java.util.List.of(), false));
        }
        expected.forEach((key, site) -> assertThat(memo.get(key)).isSameAs(site)); // the first site of a key stays
        assertThat(memo.get(1L << 40)).isNull();
        assertThat(memo.get(-7L)).isNull();
    }
}
