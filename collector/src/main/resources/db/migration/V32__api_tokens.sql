-- Tokens for scripts and ticketing systems (Authorization: Bearer mapi_...): made by an admin for one role,
-- shown once, kept only as their SHA-256, revocable. A revoked token stays listed (who revoked it, when).
CREATE TABLE api_tokens (
    token_id   VARCHAR(32)  PRIMARY KEY,
    name       VARCHAR(128) NOT NULL,
    role       VARCHAR(16)  NOT NULL,
    token_hash VARCHAR(64)  NOT NULL UNIQUE,
    created_by VARCHAR(160) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_by VARCHAR(160),
    revoked_at TIMESTAMP WITH TIME ZONE
);
