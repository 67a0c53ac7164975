package org.sis2sds.industrydata;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.sis2sds.azure.DataLakeUploader;

/**
 * Prometheus metrics of the live SDS: {@code sis2sds_sds_runs_total{flow,status}}, the record errors and value
 * warnings SDS counted ({@code sis2sds_sds_run_errors_total}, {@code sis2sds_sds_run_warnings_total}), the entities of
 * each flow's last run ({@code sis2sds_sds_run_entities{flow,entity,state=active|inactive|total}}) and the bytes
 * written to the Data Lake ({@code sis2sds_upload_bytes_total}).
 */
public final class IndustryDataMetrics {
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> entities = new ConcurrentHashMap<>();

    public IndustryDataMetrics(MeterRegistry registry) {
        this.registry = registry;
        if (registry.find("sis2sds.upload.bytes").functionCounter() == null) {
            // one JVM-wide counter: a registry shared by a second daemon in the same JVM (the demo) has it already
            FunctionCounter.builder("sis2sds.upload.bytes", DataLakeUploader.BYTES_UPLOADED, AtomicLong::doubleValue)
                    .description("Bytes written to Azure Data Lake upload sessions").register(registry);
        }
    }

    public void run(String flowId, RunStatistics st) {
        String flow = String.valueOf(flowId);
        Counter.builder("sis2sds.sds.runs").description("SDS runs that took a batch, by flow and status")
                .tag("flow", flow).tag("status", st.status()).register(registry).increment();
        Counter.builder("sis2sds.sds.run.errors").description("Records SDS dropped (run statistics)")
                .tag("flow", flow).register(registry).increment(st.errors());
        Counter.builder("sis2sds.sds.run.warnings").description("Values SDS dropped (run statistics)")
                .tag("flow", flow).register(registry).increment(st.warnings());
        st.entities().forEach((entity, counts) -> counts.forEach((state, n) -> {
            AtomicLong g = entities.computeIfAbsent(flow + "|" + entity + "|" + state, k -> {
                AtomicLong v = new AtomicLong();
                Gauge.builder("sis2sds.sds.run.entities", v, AtomicLong::doubleValue)
                        .description("Entities in the last SDS run of a flow").tag("flow", flow).tag("entity", entity)
                        .tag("state", state).register(registry);
                return v;
            });
            g.set(n == null ? 0 : n);
        }));
    }
}
