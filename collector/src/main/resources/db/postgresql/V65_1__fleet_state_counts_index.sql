-- The overview's state counts (FleetDao.stateCounts: devices per endpoint, verdict and protocol, and how many of
-- them reported) at 50,000 devices: read from this index alone (an index-only scan of a few hundred pages) instead
-- of every row of the devices table (docs/benchmarks.md, fleetview). The same exact count, only less to read; the
-- columns it covers change when a device's latest state does, which already rewrites the devices_by_verdict entry.
CREATE INDEX devices_by_state ON devices (endpoint_host, verdict, protocol) INCLUDE (latest_report_id);
