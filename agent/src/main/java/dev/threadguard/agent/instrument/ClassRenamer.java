package dev.threadguard.agent.instrument;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Renames a self-contained class by patching its constant pool: every UTF-8 constant that is its own name, or a
 * descriptor naming it, is rewritten; the rest of the class file is copied byte for byte (code refers to constants
 * by index, so nothing else moves). Enough for {@code ThreadHook}, which has no inner classes and refers to no other
 * class of the agent; cheaper at start-up than a pass of ASM over the class, which the agent pays in every JVM.
 */
final class ClassRenamer {

    private ClassRenamer() {
    }

    static byte[] rename(byte[] classFile, String from, String to) {
        try {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(classFile.length + 64);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(in.readInt()); // magic
            out.writeShort(in.readUnsignedShort()); // minor
            out.writeShort(in.readUnsignedShort()); // major
            int count = in.readUnsignedShort();
            out.writeShort(count);
            String descriptorFrom = "L" + from + ";";
            String descriptorTo = "L" + to + ";";
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                out.writeByte(tag);
                switch (tag) {
                    case 1 -> { // Utf8: class names are ASCII, so Latin-1 keeps every byte as it is
                        byte[] text = new byte[in.readUnsignedShort()];
                        in.readFully(text);
                        String value = new String(text, StandardCharsets.ISO_8859_1);
                        if (value.equals(from)) {
                            value = to;
                        } else if (value.contains(descriptorFrom)) {
                            value = value.replace(descriptorFrom, descriptorTo);
                        }
                        byte[] renamed = value.getBytes(StandardCharsets.ISO_8859_1);
                        out.writeShort(renamed.length);
                        out.write(renamed);
                    }
                    case 7, 8, 16, 19, 20 -> out.writeShort(in.readUnsignedShort());
                    case 15 -> {
                        out.writeByte(in.readUnsignedByte());
                        out.writeShort(in.readUnsignedShort());
                    }
                    case 3, 4, 9, 10, 11, 12, 17 -> out.writeInt(in.readInt());
                    case 5, 6 -> {
                        out.writeLong(in.readLong());
                        i++; // takes two slots
                    }
                    case 18 -> throw new IllegalStateException(from + " must not use invokedynamic (lambdas, string "
                            + "concatenation): it is renamed into java.base");
                    default -> throw new IllegalStateException("unknown constant pool tag " + tag + " in " + from);
                }
            }
            in.transferTo(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the class file of " + from, e);
        }
    }
}
