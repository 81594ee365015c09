package dev.mapiagent.collector.db;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Leases on housekeeping jobs (table job_leases): taking one is a conditional update, so of several collectors on
 * one database exactly one holds a job's lease at a time; a holder that dies loses it when it runs out.
 */
public final class LeaseDao {

    private final Handle handle;

    public LeaseDao(Handle handle) {
        this.handle = handle;
    }

    /**
     * Takes or extends the job's lease until {@code until}: succeeds when the lease ran out or is already the
     * holder's own.
     */
    public boolean acquire(String job, String holder, Instant now, Instant until) {
        return handle.createUpdate("""
                UPDATE job_leases SET holder = :holder, lease_until = :until
                WHERE job = :job AND (lease_until <= :now OR holder = :holder)""")
                .bind("job", job).bind("holder", holder).bind("now", now).bind("until", until)
                .execute() == 1;
    }

    /** Gives the lease back early, if the holder still has it. */
    public void release(String job, String holder, Instant now) {
        handle.createUpdate("UPDATE job_leases SET lease_until = :now WHERE job = :job AND holder = :holder")
                .bind("job", job).bind("holder", holder).bind("now", now).execute();
    }
}
