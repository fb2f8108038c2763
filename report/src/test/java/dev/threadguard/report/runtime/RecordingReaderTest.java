package dev.threadguard.report.runtime;

import dev.threadguard.agent.config.LogFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingReaderTest {

    @TempDir
    Path directory;

    private LogText complete() {
        return LogText.header("mode=test,settleMillis=500")
                .site(1, "com.acme.Pools.make(Pools.java:12)", "java.util.concurrent.ThreadPoolExecutor.<init>(X.java:1)",
                        "com.acme.Pools.make(Pools.java:12)")
                .owner(1, "pool", 1, false, 3)
                .count(1, "pool", 2, 1, 1)
                .count(1, "pool", 5, 2, 1) // a later snapshot wins
                .scope(3, "com.acme.T#a", false, 10, 90, "junit-platform")
                .sample(20, 1, 2, 1)
                .add(new LogFormat.Line("FUTURE").add("a record a newer agent writes"))
                .dump(1, LogFormat.REASON_EXIT)
                .thread(1, 40, "pool-1-thread-1", true, 1, 1, "pool", 3, LogFormat.BY_OWNER)
                .end(LogFormat.REASON_EXIT, 2, 5, 1);
    }

    @Test
    void readsEveryRecordAndKeepsTheLastCounts() throws Exception {
        Recording recording = complete().read(directory.resolve("r.tglog"));

        assertThat(recording.problems()).isEmpty();
        assertThat(recording.header().options()).isEqualTo("mode=test,settleMillis=500");
        assertThat(recording.baseline().threadNames()).containsExactly("main", "Reference Handler");
        Recording.Site site = recording.site(1);
        assertThat(site.frame()).isEqualTo("com.acme.Pools.make(Pools.java:12)");
        assertThat(site.stack()).hasSize(2);
        assertThat(site.started()).isEqualTo(5);
        assertThat(site.peakAlive()).isEqualTo(2);
        assertThat(recording.owners().get(1).scopeId()).isEqualTo(3);
        assertThat(recording.scopes().get(3).endMillis()).isEqualTo(90);
        Recording.DumpedThread thread = recording.lastDump(LogFormat.REASON_EXIT).threads().get(0);
        assertThat(thread.name()).isEqualTo("pool-1-thread-1");
        assertThat(thread.leaked()).isTrue();
        assertThat(thread.attribution()).isEqualTo(LogFormat.BY_OWNER);
        assertThat(recording.end().started()).isEqualTo(5);
    }

    @Test
    void readsEachOwnersOwnStackAndTheStaticFieldThatHeldItAndAVersionOneOwnerHasItsSitesStack() throws Exception {
        Recording recording = LogText.header("mode=test")
                .site(1, "org.lib.Maps.<init>(Maps.java:116)", "org.lib.Maps.<init>(Maps.java:116)",
                        "com.acme.MapTest.a(MapTest.java:39)")
                .owner(1, "pool", 1, false, -1) // version 1: no stackId
                .owner(2, "pool", 1, -1, -1)
                .stack(1, "org.lib.Maps.<init>(Maps.java:116)", "com.acme.MapTest.b(MapTest.java:417)")
                .owner(3, "timer", 1, -1, 1)
                .held(3, "org.lib.Maps.EXPIRER")
                .end(LogFormat.REASON_EXIT, 0, 0, 0)
                .read(directory.resolve("owners.tglog"));

        assertThat(recording.problems()).isEmpty();
        Recording.Owner old = recording.owners().get(1);
        assertThat(old.stack()).isEmpty();
        assertThat(old.stackOr(recording.site(1).stack())).isEqualTo(recording.site(1).stack());
        assertThat(recording.owners().get(2).stack()).isEmpty();
        assertThat(recording.owners().get(2).heldBy()).isNull();
        Recording.Owner own = recording.owners().get(3);
        assertThat(own.kind()).isEqualTo("timer");
        assertThat(own.stack()).containsExactly("org.lib.Maps.<init>(Maps.java:116)",
                "com.acme.MapTest.b(MapTest.java:417)");
        assertThat(own.heldBy()).isEqualTo("org.lib.Maps.EXPIRER");
    }

    @Test
    void anOwnerWithAStackNeverWrittenOrAHeldOwnerNeverMadeIsABadLine() throws Exception {
        Recording recording = LogText.header("mode=test")
                .site(1, "org.lib.Maps.<init>(Maps.java:116)")
                .owner(1, "pool", 1, -1, 7)
                .held(9, "org.lib.Maps.EXPIRER")
                .read(directory.resolve("bad-owners.tglog"));

        assertThat(recording.owners()).isEmpty();
        assertThat(recording.problems()).hasSize(3).anySatisfy(problem -> assertThat(problem)
                .contains("an owner with an unknown stack 7")).anySatisfy(problem -> assertThat(problem)
                .contains("a held owner that is unknown 9"));
    }

    @Test
    void aFileCutByAKillKeepsEveryWholeLineAndSaysWhatIsMissing() throws Exception {
        String text = complete().toString();
        String cut = text.substring(0, text.indexOf(LogFormat.THREAD) + 20); // inside the THREAD record
        Path file = directory.resolve("cut.tglog");
        Files.writeString(file, cut, StandardCharsets.UTF_8);

        Recording recording = new RecordingReader().read(file);

        assertThat(recording.site(1).started()).isEqualTo(5);
        assertThat(recording.lastDump(LogFormat.REASON_EXIT).threads()).isEmpty();
        assertThat(recording.end()).isNull();
        assertThat(recording.problems()).containsExactly(
                "the recording ends in the middle of a line (the JVM was killed while the agent wrote it); that line "
                        + "is left out",
                "the recording has no summary: the JVM was killed or crashed before the agent could finish it, so "
                        + "counts are those flushed until then (at most a second is missing)");
    }

    @Test
    void aBadLineIsLeftOutAndNamed() throws Exception {
        LogText log = complete().add(new LogFormat.Line(LogFormat.SAMPLE).add("not-a-number"));
        Recording recording = log.read(directory.resolve("bad.tglog"));

        assertThat(recording.problems()).singleElement().asString()
                .startsWith("line 14 could not be read (").endsWith(") and is left out");
        assertThat(recording.samples()).hasSize(1);
    }

    @Test
    void somethingElseIsNotARecording() throws Exception {
        Path empty = Files.writeString(directory.resolve("empty.tglog"), "");
        Path other = Files.writeString(directory.resolve("other.tglog"), "hello\tworld\n");

        assertThatThrownBy(() -> new RecordingReader().read(empty)).isInstanceOf(RecordingReader.NotARecording.class)
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> new RecordingReader().read(other)).isInstanceOf(RecordingReader.NotARecording.class)
                .hasMessageContaining("is not a threadguard recording");
    }
}
