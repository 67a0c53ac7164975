package org.sis2sds.powerschool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.sis2sds.core.Settings;
import org.sis2sds.pipeline.Batch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash resume for {@code staging/}: at start-up, {@code *.partial} folders (extractions cut short; they are not
 * batches) are removed, and complete batches left behind are handed back to the pipeline. Bean
 * {@code powerSchoolStaging}. Folders whose batch id is stamped after this bean was made belong to an extraction of
 * the running daemon and are left alone.
 */
public final class StagingRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(StagingRecovery.class);
    private final Path staging;
    private final Instant startedAt = Instant.now();

    public StagingRecovery(Settings settings) {
        this.staging = settings.workDir().resolve("staging");
    }

    /** Removes partial extractions and returns the complete batches found, oldest first. */
    public List<Batch> recover() throws IOException {
        List<Batch> out = new ArrayList<>();
        if (!Files.isDirectory(staging)) {
            return out;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(staging)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path d : dirs) {
            String name = d.getFileName().toString();
            String base = name.endsWith(".partial") ? name.substring(0, name.length() - ".partial".length()) : name;
            Matcher m = PowerSchoolExtractor.BATCH_ID.matcher(base);
            if (m.matches() && !PowerSchoolExtractor.stampOf(m.group(1)).isBefore(startedAt)) {
                continue; // made by this daemon since it started (an extraction running now): not a leftover
            }
            if (name.endsWith(".partial")) {
                LOG.info("Removing {}: an extraction that did not finish", d);
                PowerSchoolExtractor.deleteQuietly(d);
                continue;
            }
            String syncId = m.matches() ? m.group(2) : null;
            LOG.info("Resuming batch {} left in staging", name);
            out.add(new Batch(name, d, PowerSchoolExtractor.SOURCE, syncId));
        }
        return out;
    }
}
