package dev.mapiagent.collector.db;

import java.sql.SQLException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The embedded database's file, kept from growing without bound. H2 writes each commit as a new chunk of pages and
 * reuses a chunk's space only once none of its pages is live. A stored report leaves its row and body live and
 * makes short-lived copies of its device's pages and index leaves, so chunks end mostly dead but never empty. H2
 * rewrites such chunks from its background writer, which {@code WRITE_DELAY 0} (each commit written before it
 * returns, {@link Database}) turns off: without this, after 7 minutes of 200 reports/s from 50,000 devices 18 % of
 * the file's chunk bytes were live (980 MiB; with it 30 %, 675 MiB), and every commit also rewrote the metadata of
 * the hundreds of old chunks it freed a page in (docs/benchmarks.md, "Sixth pass"). {@link #compact} asks H2 to rewrite the live pages of its emptiest
 * chunks, as its background writer would; the space they held is reused once H2's retention time (45 s) has passed.
 */
public final class EmbeddedStore {

    /** Chunks with less of their bytes live than this are rewritten, until the whole file is at least this full. */
    static final int TARGET_FILL_PERCENT = 50;
    /** At most this much live data rewritten per call, so one call stays short beside the reports arriving. */
    static final int REWRITE_LIMIT_BYTES = 16 * 1024 * 1024;

    /**
     * One compaction: the live share of the chunks' bytes it found, the file's size, and whether it rewrote any
     * chunk. H2 counts the rewritten chunks' space as free from the next commit on, so the share it raised shows
     * there (and in {@link #livePercent()}), not here.
     */
    public record Compaction(int livePercent, long fileBytes, boolean rewrote) {
    }

    private final Jdbi jdbi;

    EmbeddedStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Rewrites the live pages of the emptiest chunks (below {@link #TARGET_FILL_PERCENT}) and commits them. */
    public Compaction compact() {
        return jdbi.withHandle(handle -> {
            MVStore store = mvStore(handle);
            FileStore<?> file = store.getFileStore();
            int live = file.getChunksFillRate();
            boolean rewrote = store.compact(TARGET_FILL_PERCENT, REWRITE_LIMIT_BYTES);
            if (rewrote) {
                // the rewritten pages are in memory until a commit writes them; an idle collector has none coming
                handle.execute("CHECKPOINT");
            }
            return new Compaction(live, file.size(), rewrote);
        });
    }

    /** The live share of the chunks' bytes, in per cent. */
    int livePercent() {
        return jdbi.withHandle(handle -> mvStore(handle).getFileStore().getChunksFillRate());
    }

    private static MVStore mvStore(Handle handle) {
        try {
            SessionLocal session = (SessionLocal) handle.getConnection().unwrap(JdbcConnection.class).getSession();
            return session.getDatabase().getStore().getMvStore();
        } catch (SQLException e) {
            throw new DatabaseException("not an embedded database connection: " + Database.rootMessage(e));
        }
    }
}
