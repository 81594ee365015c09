-- A report may carry 200 findings whose codes are up to 64 characters (report.schema.json), joined
-- with commas: 200 * 64 + 199 = 12,999 characters, which VARCHAR(4000) refused with a 500.
ALTER TABLE reports ALTER COLUMN finding_codes SET DATA TYPE VARCHAR(13000);
