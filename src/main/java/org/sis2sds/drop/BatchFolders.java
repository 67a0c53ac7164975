package org.sis2sds.drop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sis2sds.app.Settings;
import org.sis2sds.pipeline.Batch;

/** Moves a batch to its final folder. (Placeholder until the drop area writes reports.) */
public class BatchFolders {
    private final Path work;

    public BatchFolders(Settings s) {
        this.work = s.workDir();
    }

    public void archive(Batch b) throws IOException {
        if (!b.isStopped()) {
            b.setOutcome(b.getOutcome() == Batch.Outcome.UNCHANGED ? Batch.Outcome.UNCHANGED : Batch.Outcome.ACCEPTED);
        }
        move(b, work.resolve("archive"));
    }

    public void quarantine(Batch b) throws IOException {
        move(b, work.resolve("quarantine"));
    }

    private void move(Batch b, Path parent) throws IOException {
        Files.createDirectories(parent);
        Path target = parent.resolve(b.getId());
        Files.move(b.getDir(), target, StandardCopyOption.ATOMIC_MOVE);
        b.setDir(target);
        b.setFinalLocation(target);
    }
}
