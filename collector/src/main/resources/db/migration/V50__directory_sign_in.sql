-- Page logins of directory users (LDAP, OpenID Connect). They have no row in users, so they cannot live in
-- sessions (whose username references users); the role the directory gave at sign-in is kept with the session.
CREATE TABLE directory_sessions (
    token_hash VARCHAR(64)  PRIMARY KEY,
    username   VARCHAR(160) NOT NULL,
    role       VARCHAR(16)  NOT NULL,
    csrf_token VARCHAR(64)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX directory_sessions_expires ON directory_sessions (expires_at);

-- OpenID Connect sign-ins under way: kept in the database so the provider may send the browser back to any
-- collector behind the balancer; a row is used once (a replayed state finds nothing).
CREATE TABLE oidc_logins (
    state_hash    VARCHAR(64)  PRIMARY KEY,
    nonce         VARCHAR(128) NOT NULL,
    code_verifier VARCHAR(128) NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
