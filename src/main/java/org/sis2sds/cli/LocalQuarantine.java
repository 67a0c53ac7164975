package org.sis2sds.cli;

import java.time.Duration;
import java.util.List;
import org.sis2sds.boot.Daemon;
import org.sis2sds.core.Settings;
import org.sis2sds.sync.QuarantineEntry;
import org.sis2sds.sync.Run;
import org.sis2sds.sync.SyncException;
import org.sis2sds.sync.SyncManager;

/**
 * The {@code quarantine} commands without a running daemon: opens the work dir and the database in this process (no
 * schedules, no API).
 */
final class LocalQuarantine implements QuarantineBackend {
    private final Daemon daemon;
    private final SyncManager manager;
    private final Duration timeout;

    LocalQuarantine(Settings s) throws Exception {
        timeout = s.getDuration("sis2sds.syncs.once-timeout", Duration.ofHours(2));
        daemon = Daemon.start(RunCommand.oneShot(s));
        manager = daemon.context().getRegistry().lookupByNameAndType("syncManager", SyncManager.class);
    }

    @Override
    public List<String[]> list() {
        return manager.quarantine().stream().map(QuarantineBackend::row).toList();
    }

    @Override
    public String[] release(String id) throws Exception {
        try {
            Run r = manager.awaitRun(manager.release(id).id, timeout);
            return new String[] {r.status, String.valueOf(r.id), r.reason};
        } catch (SyncException e) {
            throw new CliException(1, e.getMessage());
        }
    }

    @Override
    public String discard(String id) {
        try {
            QuarantineEntry q = manager.discard(id);
            return "Batch " + q.id + " discarded: it stays in quarantine and will not be published.";
        } catch (SyncException e) {
            throw new CliException(1, e.getMessage());
        }
    }

    @Override
    public void close() {
        daemon.close();
    }
}
