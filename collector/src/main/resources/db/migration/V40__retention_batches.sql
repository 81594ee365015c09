-- Retention (RetentionService) deletes old reports in batches except those a device or a recent command names:
-- these indexes answer "is this report someone's latest / a command's before or after" without scanning.
CREATE INDEX devices_by_latest_report ON devices (latest_report_id);
CREATE INDEX commands_by_before_report ON commands (before_report_id);
CREATE INDEX commands_by_after_report ON commands (after_report_id);

-- One row per housekeeping job: the collector whose lease is current runs it, so of several collectors on one
-- database only one purges at a time (a lease, not a held transaction: a purge is many short transactions).
CREATE TABLE job_leases (
    job         VARCHAR(64)  PRIMARY KEY,
    holder      VARCHAR(128),
    lease_until TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO job_leases (job, holder, lease_until) VALUES ('retention', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');
