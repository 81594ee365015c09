package dev.mapiagent.agent.host;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

/** The kernel's cryptographic random source of Linux, macOS and the other Unixes, read as a file. */
public final class DevUrandom implements RandomIds.Source {

    public static final DevUrandom SYSTEM = new DevUrandom(new File("/dev/urandom"));

    private final File file;

    DevUrandom(File file) {
        this.file = file;
    }

    /** Reads exactly as many bytes as asked (a device file has no end to bound the read otherwise). */
    @Override
    public boolean fill(byte[] bytes) {
        try (InputStream in = new FileInputStream(file)) {
            return in.readNBytes(bytes, 0, bytes.length) == bytes.length;
        } catch (IOException e) {
            return false;
        }
    }
}
