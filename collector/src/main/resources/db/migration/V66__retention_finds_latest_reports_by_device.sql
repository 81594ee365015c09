-- Retention now asks "is this report its device's latest" through the device's primary key (ReportDao.purgeBatch),
-- so no index on devices.latest_report_id is needed; every stored report changed two entries of it (the old and the
-- new latest), at random places, which the embedded database rewrote as whole pages at each commit.
DROP INDEX devices_by_latest_report;
