#!/usr/bin/env bash
# Times the SQL behind the collector's fleet gauges (FleetFiguresService) and one retention batch
# (RetentionService) on PostgreSQL at 50,000 devices, in a scratch schema dropped at the end.
#   bench/fleet-figures-sql.sh [postgresql://user:password@host:port/db]
# Default: the test database of scripts/test-postgres.sh. Prints psql's timings (docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
url="${1:-postgresql://mapi_test:mapi_test_pw@127.0.0.1:5432/mapi_test}"
schema="bench_figures_$$"
devices=50000
old_reports=100000

{
  echo "SET client_min_messages = warning; CREATE SCHEMA $schema; SET search_path TO $schema;"
  cat collector/src/main/resources/db/migration/V*.sql collector/src/main/resources/db/postgresql/V*.sql
  cat <<SQL
-- 50,000 devices over 30 endpoints; 60 % healthy on MAPI/HTTP, 25 % degraded on RPC/HTTP, 10 % failing, 5 % silent
INSERT INTO devices (device_id, hostname, username, token_hash, enrolled_at, last_seen, latest_report_id,
                     latest_created_at, verdict, protocol, endpoint_host)
SELECT 'dev-' || i, 'PC-' || i, 'user' || i, md5('t' || i) || md5('u' || i), now() - interval '200 days',
       now() - CASE WHEN i % 20 = 0 THEN interval '10 days' ELSE interval '1 hour' END, 'latest-' || i,
       now() - interval '1 hour',
       CASE WHEN i % 20 < 12 THEN 'HEALTHY' WHEN i % 20 < 17 THEN 'DEGRADED' WHEN i % 20 < 19 THEN 'FAILING' ELSE 'UNKNOWN' END,
       CASE WHEN i % 20 < 12 THEN 'MAPI_HTTP' WHEN i % 20 < 17 THEN 'RPC_HTTP' ELSE 'UNKNOWN' END,
       'mail' || (i % 30) || '.contoso.com'
FROM generate_series(1, $devices) i;
-- a finding on every device that is not healthy (20,000 rows)
INSERT INTO device_findings (device_id, code, severity, since)
SELECT 'dev-' || i,
       CASE WHEN i % 20 < 17 THEN 'MAPIHTTP_DISABLED_REGISTRY' ELSE 'MAPI_ENDPOINT_HTTP_503' END,
       CASE WHEN i % 20 < 17 THEN 'WARNING' ELSE 'ERROR' END, now() - interval '2 days'
FROM generate_series(1, $devices) i WHERE i % 20 >= 12;
-- each device's latest report, and 100,000 reports past the retention
INSERT INTO reports (report_id, device_id, created_at, received_at, verdict, protocol, finding_codes, body)
SELECT 'latest-' || i, 'dev-' || i, now() - interval '1 hour', now() - interval '1 hour', 'HEALTHY', 'MAPI_HTTP', '', '{}'
FROM generate_series(1, $devices) i;
INSERT INTO reports (report_id, device_id, created_at, received_at, verdict, protocol, finding_codes, body)
SELECT 'old-' || i, 'dev-' || (1 + i % $devices), now() - interval '120 days', now() - interval '120 days',
       'HEALTHY', 'MAPI_HTTP', '', '{}'
FROM generate_series(1, $old_reports) i;
ANALYZE devices; ANALYZE device_findings; ANALYZE reports; ANALYZE commands;
\\timing on
\\echo == FleetDao.stateCounts
SELECT endpoint_host, COALESCE(verdict, 'UNKNOWN') AS v, COALESCE(protocol, 'UNKNOWN') AS p, COUNT(*) AS n,
SUM(CASE WHEN latest_report_id IS NULL THEN 0 ELSE 1 END) AS reported
FROM devices GROUP BY endpoint_host, COALESCE(verdict, 'UNKNOWN'), COALESCE(protocol, 'UNKNOWN') \\g /dev/null
\\echo == FleetDao.devicesByFinding
SELECT code, COUNT(*) AS n FROM device_findings GROUP BY code \\g /dev/null
\\echo == FleetDao.countUnheardSince x3
SELECT COUNT(*) FROM devices WHERE COALESCE(last_seen, enrolled_at) < now() - interval '1 day' \\g /dev/null
SELECT COUNT(*) FROM devices WHERE COALESCE(last_seen, enrolled_at) < now() - interval '7 days' \\g /dev/null
SELECT COUNT(*) FROM devices WHERE COALESCE(last_seen, enrolled_at) < now() - interval '30 days' \\g /dev/null
\\echo == CommandDao.countByStatus
SELECT status, COUNT(*) AS n FROM commands GROUP BY status \\g /dev/null
\\echo == FindingDao.groups: the incidents counted in SQL
SELECT d.endpoint_host, f.code, COUNT(*) AS n, MIN(f.since) AS first_since, MAX(f.since) AS last_since,
MAX(CASE WHEN f.severity = 'error' THEN 1 ELSE 0 END) AS has_error,
MIN(f.device_id) AS some_device_id, MIN(d.hostname) AS some_hostname
FROM device_findings f JOIN devices d ON d.device_id = f.device_id
GROUP BY d.endpoint_host, f.code \\g /dev/null
\\echo == ReportDao.purgeBatch: one batch of 1,000 of the 100,000 old reports
DELETE FROM reports WHERE report_id IN (
  SELECT r.report_id FROM reports r WHERE r.received_at < now() - interval '90 days'
  AND NOT EXISTS (SELECT 1 FROM devices d WHERE d.latest_report_id = r.report_id)
  AND NOT EXISTS (SELECT 1 FROM commands c WHERE c.before_report_id = r.report_id AND c.created_at >= now() - interval '90 days')
  AND NOT EXISTS (SELECT 1 FROM commands c WHERE c.after_report_id = r.report_id AND c.created_at >= now() - interval '90 days')
  ORDER BY r.received_at LIMIT 1000);
\\timing off
SQL
  echo "DROP SCHEMA $schema CASCADE;"
} | psql -q -v ON_ERROR_STOP=1 "$url" 2>&1 | grep -v '^$'
