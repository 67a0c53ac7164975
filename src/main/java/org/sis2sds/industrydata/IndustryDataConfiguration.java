package org.sis2sds.industrydata;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.sis2sds.core.Settings;
import org.sis2sds.notify.Notifier;
import org.sis2sds.pipeline.PublishJournal;
import org.sis2sds.sync.SyncManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Beans of the live SDS (Graph industryData): {@code industryDataPublisher} (the steps of
 * {@code routes/publish-industrydata.camel.yaml}), {@code flowExpiry} (year rollover notices), the readiness check
 * {@code sds-flow} and the metrics. With {@code sis2sds.sds.mode=industrydata} the connection settings are checked at
 * start-up (a missing one stops the daemon with one sentence); otherwise the client is made when a sync's destination
 * first sends a batch there. Parallel Data Lake appends run on a Camel-managed pool of {@code upload-concurrency}
 * threads.
 */
public class IndustryDataConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(IndustryDataConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings s = Settings.of(context);
        IndustryDataSettings cfg = IndustryDataSettings.from(s);
        boolean byDefault = "industrydata".equals(s.get("sis2sds.sds.mode", "off").trim().toLowerCase(Locale.ROOT));
        Supplier<FlowService> service = new Supplier<>() {
            private FlowService made;

            @Override
            public synchronized FlowService get() {
                if (made == null) {
                    ExecutorService pool = context.getExecutorServiceManager().newFixedThreadPool(this,
                            "sis2sds-upload", cfg.uploadConcurrency());
                    made = new FlowService(s, pool);
                }
                return made;
            }
        };
        if (byDefault) {
            cfg.warnIfHasty(s.get("sis2sds.sds.graph-url", "https://graph.microsoft.com/beta"));
            LOG.info("Publishing to {}", service.get().client().describe());
            if (cfg.flowId() == null) {
                LOG.warn("Setting {}flow-id is empty: batches of syncs whose destination names no flow_id will fail; "
                        + "run bin/sis2sds flow setup.", IndustryDataSettings.P);
            }
        }
        Supplier<Notifier> notifier = () -> context.getRegistry().lookupByNameAndType("notifier", Notifier.class);
        FileSetGuard guard = new FileSetGuard(new FileSets(
                () -> context.getRegistry().lookupByNameAndType("syncDataSource", DataSource.class)));
        IndustryDataSteps steps = new IndustryDataSteps(cfg, () -> service.get().publisher(), guard,
                b -> new JournalState(PublishJournal.of(b)), notifier);
        context.getRegistry().bind("industryDataPublisher", steps);
        Supplier<Set<String>> flows = () -> {
            Set<String> ids = new LinkedHashSet<>();
            if (byDefault && cfg.flowId() != null) {
                ids.add(cfg.flowId());
            }
            SyncManager syncs = context.getRegistry().lookupByNameAndType("syncManager", SyncManager.class);
            if (syncs != null) { // the flows that syncs' destinations name
                syncs.catalog().destinations().values().forEach(d -> {
                    Object f = d.configuration().get("flow_id");
                    Object m = d.configuration().get("mode");
                    boolean live = m == null || String.valueOf(m).isBlank() ? byDefault
                            : "industrydata".equalsIgnoreCase(String.valueOf(m).trim());
                    if (live && f != null && !String.valueOf(f).isBlank()) {
                        ids.add(String.valueOf(f));
                    }
                });
            }
            return ids;
        };
        FlowExpiry expiry = new FlowExpiry(() -> service.get().client(), flows, cfg.expiryWarning(), notifier);
        context.getRegistry().bind("flowExpiry", expiry);
        context.addStartupListener((ctx, alreadyStarted) -> {
            Set<MeterRegistry> registries = ctx.getRegistry().findByType(MeterRegistry.class);
            if (!registries.isEmpty()) {
                steps.setMetrics(new IndustryDataMetrics(registries.iterator().next()));
            }
            HealthCheckRegistry health = HealthCheckRegistry.get(ctx);
            if (health != null && !flows.get().isEmpty()) {
                health.register(new FlowHealthCheck(expiry, s.getDuration("sis2sds.health.interval",
                        Duration.ofSeconds(30))));
            }
        });
    }
}
