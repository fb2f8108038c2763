package dev.threadguard.agent.instrument;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Classes as this agent transformed them, kept on disk for the next JVM of the same build: a suite that forks a JVM
 * per test class transforms {@code Thread} and the pools once, and every later fork takes the bytes from here without
 * loading ASM, which is most of the agent's start-up.
 *
 * <p>An entry is keyed by the class, two checksums and the length of the bytes the JVM handed over (so another JDK,
 * or another agent's change, is another entry), the transformer's options, and the agent jar's size and time (so a
 * rebuilt agent starts afresh). Entries are written to a temporary file and renamed into place, so a JVM never reads
 * one half written by another fork; each carries a checksum of its content, and anything that does not read back
 * whole and intact is treated as absent. The cache is best effort: a directory that cannot be written only means
 * transforming each time.
 */
public final class TransformCache {

    /** Its directory, beside the recording ({@code target/threadguard/tests/agent-cache} for test JVMs). */
    public static final String DIRECTORY = "agent-cache";

    private static final int MAGIC = 0x54474331; // "TGC1"
    private static final int UNCHANGED = -1;

    /** A transformed class: its bytes (null when the class is left as it is) and the points it lacked. */
    public static final class Entry {
        private final byte[] bytes;
        private final List<String> missing;

        public Entry(byte[] bytes, List<String> missing) {
            this.bytes = bytes;
            this.missing = List.copyOf(missing);
        }

        public byte[] bytes() {
            return bytes;
        }

        public List<String> missing() {
            return missing;
        }
    }

    private final Path directory;

    private TransformCache(Path directory) {
        this.directory = directory;
    }

    /**
     * The cache under {@code directory} for the agent in {@code agentJar}, or null when the agent is not a jar file
     * (its classes directory in tests: nothing says when it changed).
     */
    public static TransformCache of(Path directory, Path agentJar) {
        if (agentJar == null || !Files.isRegularFile(agentJar)) {
            return null;
        }
        try {
            String stamp = Long.toHexString(Files.size(agentJar)) + "-"
                    + Long.toHexString(Files.getLastModifiedTime(agentJar).toMillis());
            return new TransformCache(directory.resolve(stamp));
        } catch (IOException e) {
            return null;
        }
    }

    /** The entry for these original bytes, or null when there is none, or none intact. */
    public Entry read(String owner, byte[] original, String options) {
        return read(file(owner, original, options));
    }

    /** The entry in this file of the cache (see {@link #file}), or null when there is none, or none intact. */
    Entry read(Path file) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                return null;
            }
            long checksum = in.readLong();
            int count = in.readInt();
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                missing.add(in.readUTF());
            }
            int length = in.readInt();
            byte[] bytes = null;
            if (length != UNCHANGED) {
                bytes = new byte[length];
                in.readFully(bytes);
            }
            if (in.available() != 0 || checksum != checksum(bytes, missing)) {
                return null;
            }
            return new Entry(bytes, missing);
        } catch (IOException | RuntimeException e) {
            return null; // truncated, or not ours
        }
    }

    /** Keeps the entry for the next JVM; quietly does nothing when it cannot. */
    public void write(String owner, byte[] original, String options, Entry entry) {
        write(file(owner, original, options), entry);
    }

    /** Keeps the entry in this file of the cache (see {@link #file}); quietly does nothing when it cannot. */
    void write(Path file, Entry entry) {
        Path temporary = null;
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buffer);
            out.writeInt(MAGIC);
            out.writeLong(checksum(entry.bytes(), entry.missing()));
            out.writeInt(entry.missing().size());
            for (String where : entry.missing()) {
                out.writeUTF(where);
            }
            out.writeInt(entry.bytes() == null ? UNCHANGED : entry.bytes().length);
            if (entry.bytes() != null) {
                out.write(entry.bytes());
            }
            out.flush();
            Files.createDirectories(file.getParent());
            temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.write(temporary, buffer.toByteArray());
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            temporary = null;
        } catch (IOException | RuntimeException e) {
            // best effort: the next JVM transforms the class again
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // left for the next clean
                }
            }
        }
    }

    /** Where the entry for these original bytes goes: checksummed once per class, for the read and the write. */
    Path file(String owner, byte[] original, String options) {
        CRC32 crc = new CRC32();
        crc.update(original);
        CRC32C crcC = new CRC32C();
        crcC.update(original);
        String name = owner.replace('/', '.') + "-" + (options.isEmpty() ? "plain" : options.replace('+', '-')) + "-"
                + Integer.toHexString(original.length) + "-" + Long.toHexString(crc.getValue() << 32 | crcC.getValue())
                + ".class.bin";
        return directory.resolve(name);
    }

    private static long checksum(byte[] bytes, List<String> missing) {
        CRC32 crc = new CRC32();
        CRC32C crcC = new CRC32C();
        if (bytes != null) {
            crc.update(bytes);
            crcC.update(bytes);
        }
        for (String where : missing) {
            byte[] text = where.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            crc.update(text);
            crcC.update(text);
        }
        return crc.getValue() << 32 | crcC.getValue();
    }
}
