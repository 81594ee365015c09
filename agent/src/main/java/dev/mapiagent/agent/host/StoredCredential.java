package dev.mapiagent.agent.host;

/** What the agent knows of one cached credential: never the secret. */
public record StoredCredential(String target, CredentialType type, String user, CredentialPersist persist) {
}
