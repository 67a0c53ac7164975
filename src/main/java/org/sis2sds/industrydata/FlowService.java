package org.sis2sds.industrydata;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.sis2sds.azure.DataLakeUploader;
import org.sis2sds.core.Settings;
import org.sis2sds.sds.SdsClientConfig;

/**
 * The live-SDS tools built from the settings: the client, the publisher (with its Data Lake uploader) and the setup.
 * The daemon gives it a Camel-managed thread pool for parallel appends; the command line a small one of its own,
 * shut down on {@link #close()}.
 */
public final class FlowService implements AutoCloseable {
    private final IndustryDataClient client;
    private final FlowPublisher publisher;
    private final IndustryDataSettings settings;
    private final ExecutorService ownPool;

    /**
     * @param pool   where parallel appends run; null: a pool of {@code upload-concurrency} threads owned (and shut
     *               down) by this service
     */
    public FlowService(Settings s, ExecutorService pool) {
        SdsClientConfig cfg = SdsClientConfig.from(s);
        this.settings = IndustryDataSettings.from(s);
        this.client = new IndustryDataClient(cfg);
        this.ownPool = pool == null ? java.util.concurrent.Executors.newFixedThreadPool(settings.uploadConcurrency(),
                r -> {
                    Thread t = new Thread(r, "sis2sds-upload");
                    t.setDaemon(true);
                    return t;
                }) : null;
        DataLakeUploader uploader = new DataLakeUploader(client.http(), new DataLakeUploader.Options(
                settings.chunkSize(), settings.uploadConcurrency(), cfg.requestTimeout().multipliedBy(5)),
                pool == null ? ownPool : pool);
        this.publisher = new FlowPublisher(client, uploader, settings);
    }

    public IndustryDataClient client() {
        return client;
    }

    public FlowPublisher publisher() {
        return publisher;
    }

    public IndustryDataSettings settings() {
        return settings;
    }

    public FlowSetup setup() {
        return new FlowSetup(client);
    }

    public Duration readyTimeout() {
        return settings.flowReadyTimeout();
    }

    @Override
    public void close() {
        if (ownPool != null) {
            ownPool.shutdownNow();
        }
        client.close();
    }
}
