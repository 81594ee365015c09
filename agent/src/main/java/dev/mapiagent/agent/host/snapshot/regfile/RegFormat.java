package dev.mapiagent.agent.host.snapshot.regfile;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How a .reg file is written: header, text encoding, byte order mark and line ends. Kept from the
 * file read so that a rewrite differs from the original only where a value changed.
 */
public record RegFormat(String header, Charset charset, boolean byteOrderMark, String lineSeparator) {

    public static final String VERSION_5 = "Windows Registry Editor Version 5.00";
    public static final String VERSION_4 = "REGEDIT4";

    /** REGEDIT4 files are in the ANSI code page; Western Windows uses this one. */
    static final Charset ANSI = Charset.forName("windows-1252");

    public RegFormat {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(charset, "charset");
        if (!lineSeparator.equals("\r\n") && !lineSeparator.equals("\n")) {
            throw new IllegalArgumentException("line separator must be CRLF or LF");
        }
    }

    /** What {@code regedit /e} writes: version 5.00, UTF-16LE with a BOM, CRLF. */
    public static RegFormat regedit() {
        return new RegFormat(VERSION_5, StandardCharsets.UTF_16LE, true, "\r\n");
    }

    /**
     * The encoding of strings inside hex(2) and hex(7) data: UTF-16LE in version 5 files, the ANSI
     * code page in REGEDIT4 files (REG_SZ written as hex(1) stays UTF-16LE in both, as regedit does).
     */
    Charset hexStringCharset(int rawType) {
        boolean ansi = header.equals(VERSION_4) && (rawType == 2 || rawType == 7);
        return ansi ? ANSI : StandardCharsets.UTF_16LE;
    }
}
