package org.sis2sds.cluster;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.health.HealthCheckRegistry;
import org.sis2sds.core.ClusterView;
import org.sis2sds.core.ConfigException;
import org.sis2sds.core.Settings;

/**
 * The cluster area: exactly one Camel cluster service for {@code sis2sds.cluster.mode} (none: this node alone leads;
 * file: a lock on a shared folder; kubernetes: a Lease), the bean {@code cluster} ({@link ClusterNode}) that the
 * {@code master:} routes' leadership is read from, the clustered Quartz job store in a cluster, the readiness check
 * {@code cluster} and the metrics {@code sis2sds_cluster_leader} and {@code sis2sds_cluster_leadership_changes_total}.
 * The shared database's pool (bean {@code syncDataSource}) is looked up only once Camel starts.
 */
public class ClusterConfiguration implements CamelConfiguration {
    /** The bean name of the sync database's pool, shared by every node of a cluster. */
    static final String DATA_SOURCE = "syncDataSource";

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings s = Settings.of(context);
        ClusterSettings c = ClusterSettings.of(s);
        if (!context.hasServices(CamelClusterService.class).isEmpty()
                || !context.getRegistry().findByType(CamelClusterService.class).isEmpty()) {
            // master: refuses to choose between two cluster services; only this area makes one
            throw new ConfigException(ClusterSettings.MODE, "Another Camel cluster service is configured besides the one "
                    + "of setting " + ClusterSettings.MODE + "; remove the camel.beans entry that declares it.");
        }
        Supplier<DataSource> ds = () -> {
            DataSource d = context.getRegistry().lookupByNameAndType(DATA_SOURCE, DataSource.class);
            if (d == null) {
                throw new IllegalStateException("no bean " + DATA_SOURCE + ": the sync area must be configured");
            }
            return d;
        };
        CamelClusterService service = ClusterServices.create(c);
        context.addService(service);
        ClusterNode node = new ClusterNode(c, service, context, c.clustered() ? new NodeRegistry(ds, c.failover()) : null);
        context.addService(node.lifecycle());
        context.getRegistry().bind("cluster", node);
        context.getRegistry().bind(ClusterView.BEAN, node);
        if (c.clustered()) {
            ClusteredQuartz.install(context, c, ds, node);
        }
        java.util.concurrent.atomic.AtomicBoolean observed = new java.util.concurrent.atomic.AtomicBoolean();
        context.addStartupListener((ctx, alreadyStarted) -> {
            if (observed.compareAndSet(false, true)) {
                observe(ctx, node);
            }
        });
    }

    private static void observe(CamelContext ctx, ClusterNode node) {
        HealthCheckRegistry health = HealthCheckRegistry.get(ctx);
        if (health != null && health.getCheck("cluster").isEmpty()) {
            health.register(new ClusterCheck(node));
        }
        Set<MeterRegistry> registries = ctx.getRegistry().findByType(MeterRegistry.class);
        if (!registries.isEmpty()) {
            MeterRegistry r = registries.iterator().next();
            Gauge.builder("sis2sds.cluster.leader", node, n -> n.isLeader() ? 1 : 0)
                    .description("1 while this node leads (or runs alone), 0 on a follower")
                    .tag("node", node.nodeId()).tag("mode", node.settings().mode().setting()).register(r);
            FunctionCounter.builder("sis2sds.cluster.leadership.changes", node, ClusterNode::leadershipChanges)
                    .description("Times this node became leader or stopped leading").tag("node", node.nodeId())
                    .register(r);
        }
    }
}
