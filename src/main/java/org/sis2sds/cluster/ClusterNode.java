package org.sis2sds.cluster;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.support.service.ServiceSupport;
import org.sis2sds.core.ClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's place in the cluster (beans {@code cluster} and {@code clusterView}, which {@code GET /api/v1/cluster}
 * answers from): its id, its role ({@code single}, {@code leader} or {@code follower}) and the leader's id, from the one Camel cluster service and its view {@value
 * ClusterSettings#NAMESPACE} (the namespace of every {@code master:} route). Leader-only steps call
 * {@link #requireLeader(String)}; areas that act on a change of leadership (the Quartz scheduler, the recovery of
 * what a dead leader left) register a {@link Listener}, called one at a time, in order, off the cluster's thread.
 */
public final class ClusterNode implements ClusterView {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
    public static final String LEADER = Role.LEADER.wire();

    /** Told when this node becomes leader ({@code true}) or stops leading ({@code false}). */
    public interface Listener {
        void leadershipChanged(boolean leader) throws Exception;
    }

    private final ClusterSettings settings;
    private final CamelClusterService service;
    private final CamelContext context;
    private final NodeRegistry registry;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong changes = new AtomicLong();
    private final CamelClusterEventListener.Leadership onChange = this::onLeadership;
    private volatile boolean leader;
    private volatile String knownLeader;
    private volatile String recordedLeader;
    private CamelClusterView view;
    private ExecutorService events;
    private ScheduledExecutorService beats;

    ClusterNode(ClusterSettings settings, CamelClusterService service, CamelContext context, NodeRegistry registry) {
        this.settings = settings;
        this.service = service;
        this.context = context;
        this.registry = registry;
    }

    @Override
    public String nodeId() {
        return settings.nodeId();
    }

    CamelClusterService service() {
        return service;
    }

    public ClusterSettings settings() {
        return settings;
    }

    public boolean clustered() {
        return settings.clustered();
    }

    /** True while this node may do leader-only work (always, without clustering). */
    public boolean isLeader() {
        return leader;
    }

    @Override
    public Role role() {
        return !settings.clustered() ? Role.SINGLE : leader ? Role.LEADER : Role.FOLLOWER;
    }

    /**
     * The leader's id: this node, the cluster view's leader (a Kubernetes Lease names it), or the leader the database
     * heard from last (a lock file does not say who holds it; read at each heartbeat, so this never blocks).
     */
    @Override
    public Optional<String> leader() {
        if (leader) {
            return Optional.of(nodeId());
        }
        String l = knownLeader;
        return Optional.ofNullable(l != null ? l : recordedLeader);
    }

    /** How many times this node's role changed since start. */
    public long leadershipChanges() {
        return changes.get();
    }

    /**
     * Throws {@link NotLeaderException} when this node does not lead: a leader-only step calls this before work that
     * must not be done twice (taking a batch, an upload, a start), so a node that lost leadership stops at once.
     */
    public void requireLeader(String what) {
        if (!leader) {
            throw new NotLeaderException("Node " + nodeId() + " does not lead the cluster (" + leader()
                    .map(l -> "the leader is " + l).orElse("no leader is known yet") + "), so " + what
                    + " is left for the leader.");
        }
    }

    /** Registers a listener; it is told the current role at once if this node already leads. */
    public void addListener(Listener l) {
        listeners.add(l);
        if (leader && events != null) {
            events.submit(() -> tell(l, true));
        }
    }

    private void onLeadership(CamelClusterView v, CamelClusterMember newLeader) {
        boolean now = v.getLocalMember().isLeader();
        knownLeader = newLeader == null ? null : newLeader.getId();
        if (now == leader) {
            return;
        }
        leader = now;
        changes.incrementAndGet();
        if (settings.clustered()) {
            LOG.info("Node {} is now the {} of the cluster{}", nodeId(), now ? "leader" : "follower",
                    now || knownLeader == null ? "" : " (leader: " + knownLeader + ")");
        }
        if (events != null) {
            events.submit(() -> {
                beat();
                for (Listener l : listeners) {
                    tell(l, now);
                }
            });
        }
    }

    private void tell(Listener l, boolean now) {
        try {
            l.leadershipChanged(now);
        } catch (Exception e) {
            LOG.warn("Reacting to the change of leadership failed: {}", e.getMessage(), e);
        }
    }

    private void beat() {
        if (registry != null) {
            registry.beat(nodeId(), role().wire());
            recordedLeader = leader ? null : registry.leader().filter(l -> !l.equals(nodeId())).orElse(null);
        }
    }

    /**
     * The node's lifecycle, added to the Camel context as a service of its own: the bean is not a Service, so that
     * the routes that call it (bean: cluster) never start or stop it with themselves.
     */
    public org.apache.camel.Service lifecycle() {
        return lifecycle;
    }

    private final ServiceSupport lifecycle = new ServiceSupport() {
        @Override
        protected void doStart() throws Exception {
            ClusterNode.this.start();
        }

        @Override
        protected void doStop() throws Exception {
            ClusterNode.this.stop();
        }
    };

    private void start() throws Exception {
        events = context.getExecutorServiceManager().newSingleThreadExecutor(lifecycle, "sis2sds-cluster");
        if (registry != null) {
            beats = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(lifecycle, "sis2sds-cluster-beat");
            long ms = settings.heartbeat().toMillis();
            beats.scheduleWithFixedDelay(this::beat, 0, ms, TimeUnit.MILLISECONDS);
        }
        view = service.getView(ClusterSettings.NAMESPACE);
        view.addEventListener(onChange);
        if (!settings.clustered()) {
            leader = true;
        }
        LOG.info("Node {} started in cluster mode {}", nodeId(), settings.mode().setting());
    }

    private void stop() throws Exception {
        if (view != null) {
            view.removeEventListener(onChange);
            service.releaseView(view);
            view = null;
        }
        if (beats != null) {
            context.getExecutorServiceManager().shutdownNow(beats);
        }
        if (events != null) {
            context.getExecutorServiceManager().shutdownGraceful(events);
        }
        if (registry != null) {
            registry.left(nodeId());
        }
        leader = false;
    }
}
