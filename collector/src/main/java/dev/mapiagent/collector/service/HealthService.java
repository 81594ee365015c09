package dev.mapiagent.collector.service;

import org.jdbi.v3.core.Jdbi;

/** Whether this collector can do its work: its database answers. */
public final class HealthService {

    private final Jdbi jdbi;

    public HealthService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** True when a trivial query succeeds. */
    public boolean databaseAnswers() {
        try {
            jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
