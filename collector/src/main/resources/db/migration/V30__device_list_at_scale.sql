-- The device list pages, sorts and filters at 50,000 devices (docs/benchmarks.md): one index per filter
-- and sort column. The Office version and channel of the latest report are kept on the device to filter on.
ALTER TABLE devices ADD COLUMN office_version VARCHAR(64);
ALTER TABLE devices ADD COLUMN office_channel VARCHAR(128);
CREATE INDEX devices_by_hostname ON devices (hostname, device_id);
CREATE INDEX devices_by_verdict ON devices (verdict, hostname);
CREATE INDEX devices_by_protocol ON devices (protocol, hostname);
CREATE INDEX devices_by_endpoint ON devices (endpoint_host, hostname);
CREATE INDEX devices_by_last_seen ON devices (last_seen);
CREATE INDEX device_findings_by_code ON device_findings (code, device_id);
