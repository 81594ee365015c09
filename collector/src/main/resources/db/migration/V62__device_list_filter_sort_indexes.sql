-- The device list at 50,000 devices (docs/benchmarks.md, fleetview): a verdict filter with its sort reads one index
-- range in the list's order and stops after the page, instead of fetching every match and sorting it. The list's
-- ORDER BY ends with device_id, and nulls come last either way (DeviceSort), so the indexes do the same.
DROP INDEX devices_by_verdict;
CREATE INDEX devices_by_verdict ON devices (verdict, hostname, device_id);
-- "failing, newest first": the helpdesk's usual view of one verdict
CREATE INDEX devices_by_verdict_last_seen ON devices (verdict, last_seen DESC NULLS LAST, device_id DESC);
