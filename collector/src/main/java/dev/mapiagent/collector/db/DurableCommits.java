package dev.mapiagent.collector.db;

import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The embedded database's transactions: after the outermost transaction commits, {@code CHECKPOINT SYNC} forces
 * the file to the device, so a transaction whose outcome is acknowledged survives a power loss as well as the
 * collector dying. (With {@code WRITE_DELAY 0} H2 writes each commit to the file before the commit returns, which
 * survives the process dying; the sync adds the operating system's buffers.)
 */
final class DurableCommits extends DelegatingTransactionHandler {

    DurableCommits(TransactionHandler delegate) {
        super(delegate);
    }

    @Override
    public TransactionHandler specialize(Handle handle) throws SQLException {
        return new DurableCommits(getDelegate().specialize(handle));
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        boolean outermost = !handle.isInTransaction();
        R result = super.inTransaction(handle, callback);
        if (outermost) {
            sync(handle);
        }
        return result;
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
                                                    HandleCallback<R, X> callback) throws X {
        boolean outermost = !handle.isInTransaction();
        R result = super.inTransaction(handle, level, callback);
        if (outermost) {
            sync(handle);
        }
        return result;
    }

    private static void sync(Handle handle) {
        handle.execute("CHECKPOINT SYNC");
    }
}
