-- Free-text search of the device list (q: a case-insensitive substring of the device id, host name or user, see
-- DeviceDao) on the embedded database at 50,000 devices. H2 has no index type for substrings (PostgreSQL uses
-- trigram indexes, V63), so the search is a scan; this column makes each row of it one LIKE on a text lowered once
-- when the row was written, instead of three LOWER and three LIKE per row and search (docs/benchmarks.md, fleetview).
-- The three values are joined by NUL: no request may carry it (NulText refuses it in every query parameter), so a
-- search text never matches across two of them.
ALTER TABLE devices ADD COLUMN search_text VARCHAR(1000) GENERATED ALWAYS AS
    (LOWER(device_id || CHAR(0) || COALESCE(hostname, '') || CHAR(0) || COALESCE(username, '')));
