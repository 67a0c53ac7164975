package org.sis2sds.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.sis2sds.core.ClusterView;
import org.sis2sds.core.ConfigException;
import org.sis2sds.core.Settings;

/**
 * The {@code sis2sds.cluster.*} settings, checked once at start: the mode ({@code none}, {@code file} or
 * {@code kubernetes}), this node's id, how fast another node must take over, and each mode's own options. A bad
 * value stops start-up with one sentence naming the key.
 */
public final class ClusterSettings {
    public static final String MODE = "sis2sds.cluster.mode";
    public static final String NODE_ID = "sis2sds.cluster.node-id";
    public static final String FAILOVER = "sis2sds.cluster.failover-timeout";
    public static final String FILE_ROOT = "sis2sds.cluster.file.root";
    public static final String K8S_NAMESPACE = "sis2sds.cluster.kubernetes.namespace";
    public static final String K8S_LEASE = "sis2sds.cluster.kubernetes.lease-prefix";
    public static final String K8S_LABELS = "sis2sds.cluster.kubernetes.pod-labels";
    public static final String K8S_URL = "sis2sds.cluster.kubernetes.master-url";

    /** The one leadership namespace every leader-only route uses: a single leader for all of them. */
    public static final String NAMESPACE = "leader";

    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9./_-]+=[A-Za-z0-9._-]*");

    public enum Mode {
        NONE, FILE, KUBERNETES;

        public String setting() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Mode mode;
    private final String nodeId;
    private final Duration failover;
    private final Path fileRoot;
    private final String namespace;
    private final String leaseName;
    private final Map<String, String> podLabels;
    private final String masterUrl;

    private ClusterSettings(Settings s) {
        // a one-shot command (run --once, quarantine) never joins the cluster: it must not take the lead
        String m = s.getBool("sis2sds.syncs.once", false) ? "none" : s.get(MODE, "none").trim().toLowerCase(Locale.ROOT);
        this.mode = switch (m) {
            case "none" -> Mode.NONE;
            case "file" -> Mode.FILE;
            case "kubernetes" -> Mode.KUBERNETES;
            default -> throw s.invalid(MODE, m, "none, file or kubernetes");
        };
        this.nodeId = ClusterView.nodeId(s);
        if (!NODE.matcher(nodeId).matches()) {
            throw s.invalid(NODE_ID, nodeId, "letters, digits, '.', '_' or '-' (at most 200), starting with a letter or digit");
        }
        this.failover = s.getDuration(FAILOVER, Duration.ofSeconds(30));
        if (failover.compareTo(Duration.ofSeconds(6)) < 0 || failover.compareTo(Duration.ofMinutes(10)) > 0) {
            throw s.invalid(FAILOVER, s.get(FAILOVER, ""), "a duration between 6s and 10m");
        }
        this.fileRoot = s.has(FILE_ROOT) ? s.getPath(FILE_ROOT, "") : s.workDir().resolve("cluster");
        this.namespace = s.get(K8S_NAMESPACE, null);
        this.leaseName = s.get(K8S_LEASE, "sis2sds");
        if (!leaseName.matches("[a-z0-9]([-a-z0-9.]{0,200}[a-z0-9])?")) {
            throw s.invalid(K8S_LEASE, leaseName, "a Kubernetes resource name (lower-case letters, digits, '-' and '.')");
        }
        this.podLabels = labels(s);
        this.masterUrl = s.get(K8S_URL, null);
        if (mode != Mode.NONE) {
            String url = s.get("sis2sds.db.url", "");
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new ConfigException(MODE, "Setting " + MODE + " is '" + m + "', but the nodes of a cluster share "
                        + "one PostgreSQL database: set sis2sds.db.url to a jdbc:postgresql:// URL.");
            }
        }
    }

    public static ClusterSettings of(Settings s) {
        return new ClusterSettings(s);
    }

    private static Map<String, String> labels(Settings s) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = s.get(K8S_LABELS, "app=sis2sds");
        for (String part : raw.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (!LABEL.matcher(p).matches()) {
                throw s.invalid(K8S_LABELS, raw, "comma-separated key=value labels such as app=sis2sds");
            }
            out.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
        }
        if (out.isEmpty()) {
            throw s.invalid(K8S_LABELS, raw, "at least one key=value label that selects the pods of sis2sds");
        }
        return Map.copyOf(out);
    }

    public Mode mode() {
        return mode;
    }

    public boolean clustered() {
        return mode != Mode.NONE;
    }

    public String nodeId() {
        return nodeId;
    }

    /** The longest time from the leader's death to another node leading. */
    public Duration failover() {
        return failover;
    }

    public Path fileRoot() {
        return fileRoot;
    }

    public String kubernetesNamespace() {
        return namespace;
    }

    public String leaseName() {
        return leaseName;
    }

    public Map<String, String> podLabels() {
        return podLabels;
    }

    public String masterUrl() {
        return masterUrl;
    }

    /**
     * File mode: how often each node looks at the lock and the leader writes its heartbeat. A leader whose heartbeat
     * is older than {@link #FILE_STALE_BEATS} intervals is taken over at the next look, so the whole hand-over takes
     * at most (beats + 1) intervals plus the second the master consumers wait before starting.
     */
    public Duration fileLockInterval() {
        return failover.minusSeconds(1).dividedBy(FILE_STALE_BEATS + 2);
    }

    /** Heartbeats a file-mode leader may miss before another node takes over. */
    public static final int FILE_STALE_BEATS = 3;

    /**
     * Kubernetes mode: how long a Lease lasts, 40% of the failover time less the second the master consumers wait,
     * in whole seconds as the Lease records it (11 s for 30 s). A dead leader's Lease runs
     * out after this, the next node takes it and then waits this long again before it acts (so that an old leader
     * that was only slow has stopped): two Lease durations and a retry period stay within the failover time.
     */
    public Duration leaseDuration() {
        return Duration.ofSeconds(Math.max(2, beforeConsumers().multipliedBy(2).dividedBy(5).toSeconds()));
    }

    /** The leader stops leading when it could not renew its Lease for this long, before the others may take it. */
    public Duration renewDeadline() {
        return beforeConsumers().dividedBy(5);
    }

    /** How often the Lease is looked at and renewed. */
    public Duration retryPeriod() {
        return beforeConsumers().dividedBy(20);
    }

    /** The failover time less the second camel-master waits before it starts the consumers of a new leader. */
    private Duration beforeConsumers() {
        return failover.minusSeconds(1);
    }

    /** How often a node records in the database that it is alive, and in which role. */
    public Duration heartbeat() {
        return failover.dividedBy(6);
    }
}
