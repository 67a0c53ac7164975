package org.sis2sds.ops;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.sis2sds.core.Settings;
import org.sis2sds.pipeline.Batch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operations: readiness checks for SDS, PowerSchool and the database on {@code /observe/health}, and sis2sds's own
 * metrics on {@code /observe/metrics}. Both are wired once Camel has started, when every other bean exists.
 */
public class OpsConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(OpsConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings s = Settings.of(context);
        BatchMetricsHolder holder = new BatchMetricsHolder();
        context.getRegistry().bind("metrics", holder);
        context.addStartupListener((ctx, alreadyStarted) -> {
            Set<MeterRegistry> registries = ctx.getRegistry().findByType(MeterRegistry.class);
            if (!registries.isEmpty() && holder.metrics == null) {
                holder.metrics = new BatchMetrics(registries.iterator().next());
            }
            HealthCheckRegistry health = HealthCheckRegistry.get(ctx);
            if (health == null) {
                return;
            }
            Duration cache = s.getDuration("sis2sds.health.interval", Duration.ofSeconds(30));
            // SDS is checked when the daemon publishes to it (sis2sds.sds.mode=classic or industrydata)
            String mode = s.get("sis2sds.sds.mode", "off").trim();
            String sdsUrl = "classic".equalsIgnoreCase(mode) || "industrydata".equalsIgnoreCase(mode)
                    ? s.get("sis2sds.sds.graph-url", "https://graph.microsoft.com/beta") : null;
            register(health, "sds", s.get("sis2sds.health.sds-url", sdsUrl), ReachabilityCheck.Service.SDS, cache);
            register(health, "powerschool", s.get("sis2sds.health.powerschool-url",
                    s.get("sis2sds.powerschool.base-url", null)), ReachabilityCheck.Service.POWERSCHOOL, cache);
            Set<DataSource> ds = ctx.getRegistry().findByType(DataSource.class);
            if (!ds.isEmpty()) {
                health.register(new DatabaseCheck(ds.iterator().next()));
            }
        });
    }

    private static void register(HealthCheckRegistry health, String id, String url, ReachabilityCheck.Service service,
            Duration cache) {
        if (url == null || url.isBlank()) {
            return;
        }
        try {
            health.register(new ReachabilityCheck(id, URI.create(url), service, cache));
        } catch (IllegalArgumentException e) {
            LOG.warn("No {} health check: its URL is not valid", id);
        }
    }

    /** The bean the pipeline calls; a no-op until the metrics registry exists (metrics switched off). */
    public static final class BatchMetricsHolder {
        private volatile BatchMetrics metrics;

        public void batchFinished(Batch batch) {
            BatchMetrics m = metrics;
            if (m != null) {
                m.batchFinished(batch);
            }
        }
    }
}
