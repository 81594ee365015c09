package dev.mapiagent.agent.host.windows;

import java.util.Optional;

/**
 * The file version of a {@code VS_FIXEDFILEINFO} (verrsrc.h): {@code dwFileVersionMS} holds the major
 * and minor parts, {@code dwFileVersionLS} the build and revision, 16 bits each. JNA-free, so it is
 * tested on any OS.
 */
public final class FixedFileVersion {

    /** {@code VS_FFI_SIGNATURE}: a block without it is not a VS_FIXEDFILEINFO. */
    static final int SIGNATURE = 0xFEEF04BD;

    private FixedFileVersion() {
    }

    /** "14.0.7268.5000", or empty when the signature is wrong. */
    static Optional<String> of(int signature, int fileVersionMS, int fileVersionLS) {
        if (signature != SIGNATURE) {
            return Optional.empty();
        }
        return Optional.of((fileVersionMS >>> 16) + "." + (fileVersionMS & 0xFFFF) + "."
                + (fileVersionLS >>> 16) + "." + (fileVersionLS & 0xFFFF));
    }
}
