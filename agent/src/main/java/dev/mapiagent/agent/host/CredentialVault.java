package dev.mapiagent.agent.host;

import java.util.List;

/** The user's Windows Credential Manager. Secrets are never read. */
public interface CredentialVault {

    /** Every credential of the user's logon session (target names, types, users, persistence). */
    List<StoredCredential> list();

    /** Deletes exactly this credential; returns false when it no longer exists. */
    boolean delete(String target, CredentialType type);
}
