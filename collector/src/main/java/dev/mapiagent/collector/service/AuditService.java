package dev.mapiagent.collector.service;

import dev.mapiagent.collector.db.AuditDao;
import dev.mapiagent.collector.db.AuditEntry;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Reads the audit log (each change writes its own entry in its transaction). */
public final class AuditService {

    private final Jdbi jdbi;

    public AuditService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The newest entries first, of one device when {@code deviceId} is not null. */
    public List<AuditEntry> recent(String deviceId, int limit) {
        return jdbi.withHandle(h -> new AuditDao(h).recent(deviceId, limit));
    }
}
