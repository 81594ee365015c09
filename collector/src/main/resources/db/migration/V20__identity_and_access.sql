-- Identity and access (docs/security.md, "Collector — identity and access").

-- Device binding: the public key (base64 DER SubjectPublicKeyInfo, EC P-256) a device registered at its first
-- enrolment; re-enrolment must prove possession of its private half. NULL: not bound (an agent older than the
-- binding, or an admin reset the enrolment).
ALTER TABLE devices ADD COLUMN public_key VARCHAR(200);

-- The device clock's offset from the collector's (seconds, positive = ahead) measured at its latest report.
ALTER TABLE devices ADD COLUMN clock_skew_seconds BIGINT;

-- Challenges handed out for a re-enrolment proof: each is used once and expires after a few minutes.
CREATE TABLE enroll_challenges (
    challenge  VARCHAR(64)  PRIMARY KEY,
    device_id  VARCHAR(128) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX enroll_challenges_by_expiry ON enroll_challenges (expires_at);

-- Failed logins per (user name, client address) and per client address, whatever the user name (known or not),
-- and the attempts being checked right now: the row is locked while an attempt is admitted or counted, so parallel
-- guesses take their turn.
CREATE TABLE login_throttle (
    throttle_key  VARCHAR(300) PRIMARY KEY,
    failures      INTEGER      NOT NULL,
    pending       INTEGER      NOT NULL,
    blocked_until TIMESTAMP WITH TIME ZONE,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The per-account lock these replace could be triggered by anyone and told which user names exist.
ALTER TABLE users DROP COLUMN failed_logins;
ALTER TABLE users DROP COLUMN locked_until;

-- A device's place in order is capped at the time its report was received (ReportStore.orderedAt): undo what a
-- clock running ahead stored before that cap.
UPDATE devices SET latest_created_at = CURRENT_TIMESTAMP WHERE latest_created_at > CURRENT_TIMESTAMP;
UPDATE device_findings SET since = CURRENT_TIMESTAMP WHERE since > CURRENT_TIMESTAMP;
