package dev.mapiagent.collector.directory;

import dev.mapiagent.collector.auth.Role;
import dev.mapiagent.collector.error.RefusedException;

/**
 * A user the company directory vouched for.
 *
 * @param name the name the audit log shows, with where it came from: {@code ldap:CONTOSO\ann} or {@code oidc:ann@contoso.com}
 * @param role the highest role of the mapped groups the user is in
 */
public record DirectoryUser(String name, Role role) {

    /** The audit log's actor column holds this many characters. */
    public static final int MAX_NAME = 160;

    public DirectoryUser {
        if (name.length() > MAX_NAME) {
            throw new RefusedException("directory user name too long", "the collector keeps names up to " + MAX_NAME + " characters");
        }
    }
}
