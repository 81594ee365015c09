-- Retention deletes old reports in batches, skipping each device's latest report: this index answers
-- "is this report some device's latest?" without a scan of the devices.
CREATE INDEX devices_by_latest_report ON devices (latest_report_id);
