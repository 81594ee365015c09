-- Bulk self-heal (BulkHealService): one row per bulk operation and one per device it covers. The devices are
-- chosen when the bulk is created (the device list's filter, evaluated once); their heal commands are queued
-- over time, at most per_minute of them in any minute, by whichever collector holds the 'bulk-heals' lease.
CREATE TABLE bulk_heals (
    bulk_id      VARCHAR(64)   PRIMARY KEY,
    created_by   VARCHAR(160)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    filter       VARCHAR(2000) NOT NULL,  -- the device list filter as JSON, as the admin gave it
    actions      VARCHAR(512)  NOT NULL,  -- heal action ids, comma-separated
    per_minute   INTEGER       NOT NULL,
    devices      INTEGER       NOT NULL,
    state        VARCHAR(16)   NOT NULL,  -- running, finished (every device started or skipped), cancelled
    finished_at  TIMESTAMP WITH TIME ZONE,
    cancelled_by VARCHAR(160)
);
CREATE INDEX bulk_heals_by_state ON bulk_heals (state, created_at);
CREATE INDEX bulk_heals_by_time ON bulk_heals (created_at);

-- state: pending (not started yet), started (command_id names its heal command, whose status is the outcome),
-- skipped (reason says why: another command in flight, the device gone), cancelled-before-start.
CREATE TABLE bulk_heal_items (
    bulk_id    VARCHAR(64)   NOT NULL REFERENCES bulk_heals (bulk_id),
    device_id  VARCHAR(128)  NOT NULL,
    state      VARCHAR(24)   NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE,
    command_id VARCHAR(64),
    reason     VARCHAR(2000),
    PRIMARY KEY (bulk_id, device_id)
);
CREATE INDEX bulk_heal_items_by_state ON bulk_heal_items (bulk_id, state, device_id);
CREATE INDEX bulk_heal_items_by_start ON bulk_heal_items (bulk_id, started_at);

INSERT INTO job_leases (job, holder, lease_until) VALUES ('bulk-heals', NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');
