package org.sis2sds.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.sis2sds.http.Resilient;
import org.sis2sds.pipeline.Batch;

/**
 * sis2sds's own Prometheus metrics, beside Camel's: batches by outcome (runs, quarantines, holds), rows per entity,
 * and the HTTP retries and token renewals of the SDS and PowerSchool clients.
 */
public final class BatchMetrics {
    private final MeterRegistry registry;

    public BatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        retries("throttled", Resilient.RETRIES_THROTTLED);
        retries("server_error", Resilient.RETRIES_SERVER_ERROR);
        retries("io", Resilient.RETRIES_IO);
        FunctionCounter.builder("sis2sds.http.token.renewals", Resilient.TOKEN_RENEWALS, AtomicLong::doubleValue)
                .description("Access tokens renewed after a 401").register(registry);
    }

    private void retries(String reason, AtomicLong n) {
        FunctionCounter.builder("sis2sds.http.retries", n, AtomicLong::doubleValue)
                .description("HTTP calls retried by the SDS and PowerSchool clients").tag("reason", reason)
                .register(registry);
    }

    /** Called by the pipeline when a batch has reached its final folder. */
    public void batchFinished(Batch batch) {
        String outcome = batch.getOutcome().name().toLowerCase(Locale.ROOT);
        Counter.builder("sis2sds.batches").description("Batches handled, by source, sync and outcome")
                .tag("source", batch.getSource()).tag("sync", String.valueOf(batch.getSyncId())).tag("outcome", outcome)
                .register(registry).increment();
        if (batch.getOutcome() == Batch.Outcome.QUARANTINED || batch.getOutcome() == Batch.Outcome.HELD
                || batch.getOutcome() == Batch.Outcome.FAILED) {
            Counter.builder("sis2sds.quarantined").description("Batches sent to quarantine (rejected, held or failed)")
                    .tag("reason", outcome).register(registry).increment();
        }
        batch.getRowCounts().forEach((entity, rows) -> Counter.builder("sis2sds.rows")
                .description("Rows read from batches, per SDS entity").tag("entity", entity)
                .register(registry).increment(rows));
    }
}
