package org.sis2sds.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SchedulerFactory;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * camel-quartz in a cluster: every node's scheduler keeps its triggers in Quartz's clustered JDBC job store (the
 * {@code QRTZ_*} tables of the shared database, migration V4), and only the leader's scheduler runs; the others stand
 * by. A fire is taken by one scheduler under Quartz's row lock, its trigger advances in the database, and a new
 * leader goes on from the persisted next fire time, so a schedule fires once in the cluster, also across a
 * hand-over. A fire that was due while no node led is a misfire: it fires once, at once (never a burst catching up
 * every missed slot), because the misfire threshold is short.
 */
final class ClusteredQuartz implements ClusterNode.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ClusteredQuartz.class);
    /** A fire later than this is a misfire: handled once by the trigger's misfire instruction. */
    static final long MISFIRE_THRESHOLD_MS = 2000;

    private final QuartzComponent quartz;
    private final ClusterNode node;

    private ClusteredQuartz(QuartzComponent quartz, ClusterNode node) {
        this.quartz = quartz;
        this.node = node;
    }

    /** Gives the quartz component a clustered scheduler that starts only while this node leads. */
    static void install(CamelContext context, ClusterSettings c, Supplier<DataSource> dataSource, ClusterNode node)
            throws Exception {
        QuartzComponent q = context.getComponent("quartz", QuartzComponent.class);
        q.setAutoStartScheduler(false);
        q.setSchedulerFactory(new Factory(properties(c), dataSource));
        ClusteredQuartz cq = new ClusteredQuartz(q, node);
        node.addListener(cq);
        context.addStartupListener((ctx, alreadyStarted) -> cq.leadershipChanged(node.isLeader()));
    }

    static Properties properties(ClusterSettings c) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "sis2sds");
        p.setProperty("org.quartz.scheduler.instanceId", c.nodeId());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.idleWaitTime", String.valueOf(Math.max(1000, c.heartbeat().toMillis())));
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval",
                String.valueOf(Math.max(1000, c.failover().dividedBy(3).toMillis())));
        p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(MISFIRE_THRESHOLD_MS));
        return p;
    }

    /** Runs the scheduler on the leader, puts it in standby everywhere else. */
    @Override
    public synchronized void leadershipChanged(boolean leader) throws SchedulerException {
        Scheduler s = quartz.getScheduler();
        if (s == null || s.isShutdown()) {
            return;
        }
        if (node.isLeader() && (!s.isStarted() || s.isInStandbyMode())) {
            LOG.info("Quartz scheduler started on the leader {}", node.nodeId());
            s.start();
        } else if (!node.isLeader() && s.isStarted() && !s.isInStandbyMode()) {
            LOG.info("Quartz scheduler on {} stands by (not the leader)", node.nodeId());
            s.standby();
        }
    }

    /** Builds the scheduler when camel-quartz starts, once the shared database's pool exists. */
    private static final class Factory implements SchedulerFactory {
        private final Properties properties;
        private final Supplier<DataSource> dataSource;
        private Scheduler scheduler;

        Factory(Properties properties, Supplier<DataSource> dataSource) {
            this.properties = properties;
            this.dataSource = dataSource;
        }

        @Override
        public synchronized Scheduler getScheduler() throws SchedulerException {
            if (scheduler == null) {
                String name = "sis2sds-" + UUID.randomUUID();
                DataSource ds = dataSource.get();
                DBConnectionManager.getInstance().addConnectionProvider(name, new ConnectionProvider() {
                    @Override
                    public Connection getConnection() throws SQLException {
                        return ds.getConnection();
                    }

                    @Override
                    public void shutdown() {
                        // the pool belongs to the sync database
                    }

                    @Override
                    public void initialize() {
                    }
                });
                Properties p = new Properties();
                p.putAll(properties);
                p.setProperty("org.quartz.jobStore.dataSource", name);
                synchronized (SchedulerRepository.class) {
                    scheduler = new StdSchedulerFactory(p).getScheduler();
                    // Quartz keeps one scheduler per name per JVM; every node's is named sis2sds (that is what makes
                    // them one cluster), so this one is not left where a second context in the JVM would reuse it
                    SchedulerRepository.getInstance().remove(scheduler.getSchedulerName());
                }
            }
            return scheduler;
        }

        @Override
        public Scheduler getScheduler(String schedName) throws SchedulerException {
            return getScheduler();
        }

        @Override
        public Collection<Scheduler> getAllSchedulers() throws SchedulerException {
            return java.util.List.of(getScheduler());
        }
    }
}
