package dev.threadguard.report.runtime;

import dev.threadguard.agent.config.LogFormat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one agent recording ({@link LogFormat}) into a {@link Recording}. It never gives up on a file that has
 * something in it: a last line without its newline (the JVM was killed while writing), a line it cannot read, or a
 * missing summary each become one sentence in {@link Recording#problems()}, and everything else is kept. Record types
 * it does not know (a newer agent's) are skipped.
 */
public final class RecordingReader {

    /** A file that is not a threadguard recording at all. */
    public static final class NotARecording extends IOException {
        NotARecording(String message) {
            super(message);
        }
    }

    public Recording read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length == 0) {
            throw new NotARecording(file + " is empty: the JVM ended before the agent wrote anything");
        }
        List<String> problems = new ArrayList<>();
        int length = bytes.length;
        if (bytes[length - 1] != '\n') {
            int lastNewline = length - 1;
            while (lastNewline >= 0 && bytes[lastNewline] != '\n') {
                lastNewline--;
            }
            problems.add("the recording ends in the middle of a line (the JVM was killed while the agent wrote it); "
                    + "that line is left out");
            length = lastNewline + 1;
        }
        Builder builder = new Builder(file, problems);
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new java.io.ByteArrayInputStream(bytes, 0, length), decoder))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isEmpty()) {
                    continue;
                }
                try {
                    builder.accept(LogFormat.fields(line));
                } catch (RuntimeException e) {
                    if (number == 1) {
                        throw new NotARecording(file + " is not a threadguard recording (its first line is not "
                                + "one)");
                    }
                    problems.add("line " + number + " could not be read (" + e.getMessage() + ") and is left out");
                }
            }
        }
        return builder.build();
    }

    private static final class Builder {
        private final Path file;
        private final List<String> problems;
        private Recording.Header header;
        private Recording.Baseline baseline;
        private final Map<Integer, Recording.Site> sites = new LinkedHashMap<>();
        private final Map<Integer, Recording.Owner> owners = new LinkedHashMap<>();
        private final Map<Long, String> heldThreads = new HashMap<>();
        private final Map<Integer, List<String>> stacks = new java.util.HashMap<>();
        private final Map<Integer, Recording.Scope> scopes = new LinkedHashMap<>();
        private final List<Recording.Sample> samples = new ArrayList<>();
        private final List<Recording.AgentBreach> breaches = new ArrayList<>();
        private final List<Recording.Ended> ended = new ArrayList<>();
        private final Map<Integer, DumpBuilder> dumps = new LinkedHashMap<>();
        private final List<Recording.Mark> marks = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private Recording.End end;

        Builder(Path file, List<String> problems) {
            this.file = file;
            this.problems = problems;
        }

        void accept(List<String> f) {
            String type = f.get(0);
            if (header == null && !LogFormat.HEADER.equals(type)) {
                throw new IllegalArgumentException("no header");
            }
            switch (type) {
                case LogFormat.HEADER -> header = new Recording.Header(integer(f, 1), number(f, 2), f.get(3),
                        number(f, 4), f.get(5), f.get(6));
                case LogFormat.BASELINE -> baseline = new Recording.Baseline(integer(f, 1), ids(f.get(2)),
                        LogFormat.items(f.get(3)), number(f, 4));
                case LogFormat.SITE -> {
                    Recording.Site old = sites.get(integer(f, 1));
                    sites.put(integer(f, 1), new Recording.Site(integer(f, 1), f.get(2), f.get(3),
                            LogFormat.items(f.get(4)), old == null ? null : old.ownerKind(),
                            old == null ? 0 : old.started(), old == null ? 0 : old.peakAlive(),
                            old == null ? 0 : old.owners()));
                }
                case LogFormat.COUNT -> {
                    int id = integer(f, 1);
                    Recording.Site site = sites.get(id);
                    if (site == null) {
                        throw new IllegalArgumentException("counts of an unknown site " + id);
                    }
                    sites.put(id, new Recording.Site(id, site.kind(), site.frame(), site.stack(), f.get(2),
                            number(f, 3), number(f, 4), number(f, 5)));
                }
                case LogFormat.STACK -> stacks.put(integer(f, 1), LogFormat.items(f.get(2)));
                case LogFormat.OWNER -> {
                    // version 1 wrote no stackId: the owner has its site's stack
                    int stackId = f.size() > 8 ? integer(f, 8) : -1;
                    List<String> stack = stackId < 0 ? List.of() : stacks.get(stackId);
                    if (stack == null) {
                        throw new IllegalArgumentException("an owner with an unknown stack " + stackId);
                    }
                    owners.put(integer(f, 1), new Recording.Owner(integer(f, 1), f.get(2), f.get(3), integer(f, 4),
                            flag(f, 5), integer(f, 6), number(f, 7), stack, null));
                }
                case LogFormat.HELD -> {
                    Recording.Owner owner = owners.get(integer(f, 1));
                    if (owner == null) {
                        throw new IllegalArgumentException("a held owner that is unknown " + f.get(1));
                    }
                    owners.put(owner.id(), owner.heldBy(f.get(2)));
                }
                case LogFormat.HELD_THREAD -> heldThreads.put(number(f, 1), f.get(2));
                case LogFormat.SCOPE -> scopes.put(integer(f, 1), new Recording.Scope(integer(f, 1), f.get(2),
                        f.get(3), flag(f, 4), f.get(5), number(f, 6), number(f, 7), -1, null));
                case LogFormat.SCOPE_END -> {
                    Recording.Scope scope = scopes.get(integer(f, 1));
                    if (scope != null) {
                        scopes.put(scope.id(), scope.finished(number(f, 2), f.get(3)));
                    }
                }
                case LogFormat.SAMPLE -> samples.add(new Recording.Sample(number(f, 1), number(f, 2), number(f, 3),
                        number(f, 4), number(f, 5), number(f, 6), number(f, 7)));
                case LogFormat.BREACH -> breaches.add(new Recording.AgentBreach(number(f, 1), f.get(2), number(f, 3),
                        number(f, 4), flag(f, 5)));
                case LogFormat.ENDED -> ended.add(new Recording.Ended(number(f, 1), f.get(2), integer(f, 3),
                        integer(f, 4), integer(f, 5), f.get(6), number(f, 7), number(f, 8), flag(f, 9)));
                case LogFormat.DUMP -> dumps.put(integer(f, 1), new DumpBuilder(integer(f, 1), f.get(2),
                        number(f, 3)));
                case LogFormat.THREAD -> {
                    DumpBuilder dump = dumps.get(integer(f, 1));
                    if (dump == null) {
                        throw new IllegalArgumentException("a thread of an unknown dump");
                    }
                    // recordings before it have no stackId: the thread has its site's (or owner's) stack
                    int stackId = f.size() > 17 ? integer(f, 17) : -1;
                    List<String> made = stackId < 0 ? List.of() : stacks.get(stackId);
                    if (made == null) {
                        throw new IllegalArgumentException("a thread with an unknown stack " + stackId);
                    }
                    dump.threads.add(new Recording.DumpedThread(number(f, 2), f.get(3), f.get(4), flag(f, 5),
                            flag(f, 6), flag(f, 7), f.get(8), LogFormat.items(f.get(9)), integer(f, 10),
                            integer(f, 11), f.get(12), integer(f, 13), f.get(14), number(f, 15), flag(f, 16), made));
                }
                case LogFormat.MARK -> marks.add(new Recording.Mark(number(f, 1), f.get(2)));
                case LogFormat.NOTE -> notes.add(f.get(2));
                case LogFormat.END -> end = new Recording.End(number(f, 1), f.get(2), integer(f, 3), flag(f, 4),
                        number(f, 5), number(f, 6), number(f, 7), f.get(8), number(f, 9), number(f, 10),
                        number(f, 11), number(f, 12), number(f, 13));
                default -> {
                    // a newer agent's record: not this reader's business
                }
            }
        }

        Recording build() {
            if (end == null) {
                problems.add("the recording has no summary: the JVM was killed or crashed before the agent could "
                        + "finish it, so counts are those flushed until then (at most a second is missing)");
            }
            List<Recording.Dump> finished = new ArrayList<>();
            for (DumpBuilder dump : dumps.values()) {
                finished.add(new Recording.Dump(dump.id, dump.reason, dump.millis, List.copyOf(dump.threads)));
            }
            return new Recording(file, header, baseline, Collections.unmodifiableMap(sites),
                    Collections.unmodifiableMap(owners), Collections.unmodifiableMap(heldThreads),
                    Collections.unmodifiableMap(scopes),
                    List.copyOf(samples), List.copyOf(breaches), List.copyOf(ended), List.copyOf(finished),
                    List.copyOf(marks), List.copyOf(notes), end, List.copyOf(problems));
        }

        private static long number(List<String> fields, int index) {
            if (index >= fields.size()) {
                throw new IllegalArgumentException("field " + index + " is missing");
            }
            return Long.parseLong(fields.get(index));
        }

        private static int integer(List<String> fields, int index) {
            return Math.toIntExact(number(fields, index));
        }

        private static boolean flag(List<String> fields, int index) {
            return number(fields, index) != 0;
        }

        private static List<Long> ids(String text) {
            if (text == null || text.isEmpty()) {
                return List.of();
            }
            return Arrays.stream(text.split(",")).map(String::trim).map(Long::parseLong).toList();
        }
    }

    private static final class DumpBuilder {
        final int id;
        final String reason;
        final long millis;
        final List<Recording.DumpedThread> threads = new ArrayList<>();

        DumpBuilder(int id, String reason, long millis) {
            this.id = id;
            this.reason = reason;
            this.millis = millis;
        }
    }
}
