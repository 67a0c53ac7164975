package org.sis2sds.cli;

import java.util.List;
import java.util.Optional;
import org.sis2sds.core.Settings;
import org.sis2sds.sync.QuarantineEntry;

/**
 * What a {@code quarantine} command does, either through the running daemon's API ({@link ApiQuarantine}) or in
 * this process ({@link LocalQuarantine}).
 */
interface QuarantineBackend extends AutoCloseable {
    /** One row per batch: id, status, sync, run, reason. */
    List<String[]> list();

    /** Releases and waits; returns {status, run id, reason}. */
    String[] release(String id) throws Exception;

    /** Discards; returns the sentence to print. */
    String discard(String id);

    @Override
    void close();

    /**
     * The running daemon's API when one answers with the configured token, else the work dir and the database
     * opened here. While the backend is open the log goes to stderr (warnings only).
     */
    static QuarantineBackend open(Settings s) throws Exception {
        Runnable restore = RunCommand.logsToStderr(true);
        try {
            Optional<QuarantineBackend> api = ApiQuarantine.connect(s);
            QuarantineBackend b = api.isPresent() ? api.get() : new LocalQuarantine(s);
            return new QuarantineBackend() {
                @Override
                public List<String[]> list() {
                    return b.list();
                }

                @Override
                public String[] release(String id) throws Exception {
                    return b.release(id);
                }

                @Override
                public String discard(String id) {
                    return b.discard(id);
                }

                @Override
                public void close() {
                    try {
                        b.close();
                    } finally {
                        restore.run();
                    }
                }
            };
        } catch (Exception | Error e) {
            restore.run();
            throw e;
        }
    }

    static String[] row(QuarantineEntry q) {
        return new String[] {q.id, q.status, q.syncId == null ? "-" : q.syncId,
                q.runId == null ? "-" : String.valueOf(q.runId), q.reason == null ? "" : q.reason};
    }
}
