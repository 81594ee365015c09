package dev.mapiagent.protocol;

import java.util.List;

/** Office-related credentials cached in Windows Credential Manager: names only, never secrets. */
public record CredentialsSection(List<CredentialEntry> office) {

    /** target, type (generic, domain_password, ...), user and persistence of one credential. */
    public record CredentialEntry(String target, String type, String user, String persist) {
    }
}
