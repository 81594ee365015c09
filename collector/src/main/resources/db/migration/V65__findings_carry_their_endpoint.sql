-- The overview's incidents (FindingDao.groups: current findings per endpoint and code) at 50,000 devices: each
-- finding row carries its device's endpoint, so the groups are counted from the findings alone instead of joining
-- every finding to its device (docs/benchmarks.md, fleetview). FindingDao.apply writes it with the findings, from the
-- same report that sets the device's endpoint (both change only when a report becomes the device's latest).
ALTER TABLE device_findings ADD COLUMN endpoint_host VARCHAR(255);
UPDATE device_findings SET endpoint_host =
    (SELECT d.endpoint_host FROM devices d WHERE d.device_id = device_findings.device_id);
