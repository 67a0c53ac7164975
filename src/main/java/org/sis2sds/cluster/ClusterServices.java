package org.sis2sds.cluster;

import java.util.concurrent.TimeUnit;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;

/** The one Camel cluster service of a node, for its {@code sis2sds.cluster.mode}. */
final class ClusterServices {
    private ClusterServices() {
    }

    static CamelClusterService create(ClusterSettings c) {
        return switch (c.mode()) {
            case NONE -> new SingleNodeClusterService(c.nodeId());
            case FILE -> file(c);
            case KUBERNETES -> kubernetes(c);
        };
    }

    /** A lock file on a folder every node shares; the leader's heartbeat lets a follower take over a dead leader. */
    private static FileLockClusterService file(ClusterSettings c) {
        FileLockClusterService f = new FileLockClusterService();
        f.setId(c.nodeId());
        f.setRoot(c.fileRoot().toAbsolutePath().toString());
        long interval = c.fileLockInterval().toMillis();
        f.setAcquireLockInterval(interval, TimeUnit.MILLISECONDS);
        f.setAcquireLockDelay(Math.max(1, interval / 2), TimeUnit.MILLISECONDS);
        f.setHeartbeatTimeoutMultiplier(ClusterSettings.FILE_STALE_BEATS);
        return f;
    }

    /** A coordination.k8s.io Lease named {@code <lease-prefix>-leader}; members are the pods with the labels. */
    private static KubernetesClusterService kubernetes(ClusterSettings c) {
        // the service reads the master URL and namespace only from a configuration given to its constructor
        KubernetesConfiguration conf = new KubernetesConfiguration();
        if (c.masterUrl() != null) {
            conf.setMasterUrl(c.masterUrl());
        }
        if (c.kubernetesNamespace() != null) {
            conf.setNamespace(c.kubernetesNamespace());
        }
        KubernetesClusterService k = new KubernetesClusterService(conf);
        k.setId(c.nodeId());
        k.setPodName(c.nodeId());
        k.setKubernetesResourceName(c.leaseName());
        k.setClusterLabels(c.podLabels());
        if (c.kubernetesNamespace() != null) {
            k.setKubernetesResourcesNamespace(c.kubernetesNamespace());
        }
        k.setLeaseDurationMillis(c.leaseDuration().toMillis());
        k.setRenewDeadlineMillis(c.renewDeadline().toMillis());
        k.setRetryPeriodMillis(c.retryPeriod().toMillis());
        return k;
    }
}
