package dev.mapiagent.collector.db;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Enrolment challenges: handed out for one device, used at most once, before they expire. */
public final class ChallengeDao {

    private final Handle handle;

    public ChallengeDao(Handle handle) {
        this.handle = handle;
    }

    public void insert(String challenge, String deviceId, Instant expiresAt) {
        handle.createUpdate("INSERT INTO enroll_challenges (challenge, device_id, expires_at) VALUES (:c, :id, :exp)")
                .bind("c", challenge).bind("id", deviceId).bind("exp", expiresAt).execute();
    }

    /** Removes the challenge; true when it was issued for this device and had not expired (so it counts once). */
    public boolean consume(String challenge, String deviceId, Instant now) {
        return handle.createUpdate("DELETE FROM enroll_challenges WHERE challenge = :c AND device_id = :id AND expires_at > :now")
                .bind("c", challenge).bind("id", deviceId).bind("now", now).execute() == 1;
    }

    public int purgeExpired(Instant now) {
        return handle.createUpdate("DELETE FROM enroll_challenges WHERE expires_at <= :now").bind("now", now).execute();
    }
}
