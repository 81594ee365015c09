package dev.mapiagent.agent.diagnosis;

import dev.mapiagent.agent.host.CredentialName;
import dev.mapiagent.agent.host.CredentialType;
import dev.mapiagent.agent.host.StoredCredential;
import dev.mapiagent.protocol.CredentialsSection;
import dev.mapiagent.protocol.CredentialsSection.CredentialEntry;
import java.util.List;
import java.util.Locale;

/** Outlook's cached logons in Credential Manager: target names only (KB4051374). */
public final class OfficeCredentials {

    /** Every Office credential is reported; only the SSPI ones are a finding. */
    private static final String OFFICE_PREFIX = "microsoftoffice1";

    private OfficeCredentials() {
    }

    /** Office-related entries of the vault, for the report. */
    public static CredentialsSection section(List<StoredCredential> all) {
        return new CredentialsSection(all.stream()
                .filter(c -> c.target().toLowerCase(Locale.ROOT).startsWith(OFFICE_PREFIX))
                .map(c -> new CredentialEntry(c.target(), c.type().jsonName(), c.user(),
                        c.persist() == null ? null : c.persist().jsonName()))
                .toList());
    }

    /**
     * The Generic credentials whose target starts with one of the prefixes: what clear-office-credentials
     * deletes. A configured prefix may be written as cmdkey prints it ({@code LegacyGeneric:target=...}).
     */
    public static List<StoredCredential> stale(List<StoredCredential> all, List<String> prefixes) {
        return all.stream()
                .filter(c -> c.type() == CredentialType.GENERIC)
                .filter(c -> prefixes.stream().map(p -> CredentialName.parse(p).target())
                        .anyMatch(p -> c.target().regionMatches(true, 0, p, 0, p.length())))
                .toList();
    }
}
