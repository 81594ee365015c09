package dev.mapiagent.agent.startup;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A class file as a Java 5 compiler writes it (major version 49): an empty public class. JDK 17 keeps such
 * classes out of the dynamic archive it makes at exit, so picocli's were read from the jar at every start.
 */
final class OldClassFile {

    static final String NAME = "OldFormat";
    static final int JAVA_5 = 49;

    private OldClassFile() {
    }

    static byte[] bytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(JAVA_5);
            out.writeShort(5); // constant pool count: four entries
            out.writeByte(7); // #1 Class #2
            out.writeShort(2);
            out.writeByte(1); // #2 Utf8 name
            out.writeUTF(NAME);
            out.writeByte(7); // #3 Class #4
            out.writeShort(4);
            out.writeByte(1); // #4 Utf8 super class
            out.writeUTF("java/lang/Object");
            out.writeShort(0x0021); // ACC_PUBLIC | ACC_SUPER
            out.writeShort(1);
            out.writeShort(3);
            out.writeShort(0); // interfaces
            out.writeShort(0); // fields
            out.writeShort(0); // methods
            out.writeShort(0); // attributes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
