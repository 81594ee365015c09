-- Free-text search of the device list (q: a case-insensitive substring of the device id, host name or user, see
-- DeviceDao) at 50,000 devices: LIKE '%text%' can use a trigram index (pg_trgm, shipped with PostgreSQL), one per
-- column on exactly the expression the query filters on, so the three terms are an OR of three index reads.
--
-- pg_trgm is a trusted extension: any user with CREATE on the database may install it. When it is neither
-- installed nor installable (no CREATE right, a server built without it), the search stays as it was, a scan that
-- finds the same devices, only slower (the migration leaves a notice; once pg_trgm is installed, a later
-- migration or an administrator creates the indexes below).
-- It goes to the public schema when there is one, so dropping one collector's schema does not take it away from
-- the others on the same database.
DO $$
DECLARE
    trgm_schema TEXT;
BEGIN
    SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
    IF trgm_schema IS NULL THEN
        trgm_schema := CASE WHEN EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'public')
                            THEN 'public' ELSE current_schema() END;
        BEGIN
            EXECUTE format('CREATE EXTENSION pg_trgm SCHEMA %I', trgm_schema);
        EXCEPTION WHEN OTHERS THEN
            RAISE NOTICE 'pg_trgm not installed (%): device search runs without trigram indexes', SQLERRM;
            RETURN;
        END;
    END IF;
    EXECUTE format('CREATE INDEX devices_search_device_id ON devices USING gin (LOWER(device_id) %I.gin_trgm_ops)',
                   trgm_schema);
    EXECUTE format('CREATE INDEX devices_search_hostname ON devices USING gin (LOWER(COALESCE(hostname, %L)) %I.gin_trgm_ops)',
                   '', trgm_schema);
    EXECUTE format('CREATE INDEX devices_search_username ON devices USING gin (LOWER(COALESCE(username, %L)) %I.gin_trgm_ops)',
                   '', trgm_schema);
END
$$;
