package org.sis2sds.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sis2sds.core.Settings;

/**
 * Schedules automated syncs with camel-quartz: one route per sync, {@code schedule-<id>}, made from the route template
 * {@code sync-schedule} in {@code routes/scheduler.camel.yaml} ({@code quartz:syncs/<id>?...}). Routes are added and
 * removed at runtime, so schedule changes apply without a restart. An interval is a true interval (a Quartz simple
 * trigger restarted at every run start), a cron expression fires in {@code sis2sds.syncs.time-zone}.
 */
public final class SyncScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);
    public static final String TEMPLATE = "sync-schedule";
    public static final String GROUP = "syncs";

    private final CamelContext context;
    private final boolean enabled;
    private final ZoneId zone;
    private final Duration minute;
    /** What each schedule route was made from (cron and zone, or the interval), to leave an unchanged one alone. */
    private final Map<String, String> applied = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean clustered;
    private volatile java.util.function.BooleanSupplier leads = () -> true;

    public SyncScheduler(CamelContext context, Settings s) {
        this.context = context;
        this.enabled = s.getBool("sis2sds.syncs.scheduling", true);
        this.zone = s.getZone("sis2sds.syncs.time-zone", "America/Chicago");
        this.minute = s.getDuration("sis2sds.syncs.interval-minute", Duration.ofMinutes(1));
    }

    /**
     * In a cluster the triggers live in the shared Quartz job store: an unchanged schedule keeps its trigger (and so
     * its next fire time across a change of leader), and only the leader removes a trigger from the store.
     */
    void cluster(boolean clustered, java.util.function.BooleanSupplier leads) {
        this.clustered = clustered;
        this.leads = leads;
    }

    public boolean enabled() {
        return enabled;
    }

    public ZoneId zone() {
        return zone;
    }

    public static String routeId(String syncId) {
        return "schedule-" + syncId;
    }

    /** How long one interval lasts. */
    public Duration interval(SyncDef s) {
        long n = s.syncInterval == null ? 1 : s.syncInterval;
        return switch (s.syncIntervalUnit == null ? "minutes" : s.syncIntervalUnit) {
            case "hours" -> minute.multipliedBy(60 * n);
            case "days" -> minute.multipliedBy(60 * 24 * n);
            default -> minute.multipliedBy(n);
        };
    }

    /**
     * (Re)creates the schedule route of a sync, or removes it when the sync is manual, paused or deleted
     * ({@code s == null}). For an interval, the first fire is one interval after {@code lastRunStart} (at once if
     * that is past or there was none).
     */
    public synchronized void apply(String syncId, SyncDef s, Instant lastRunStart) {
        boolean scheduled = enabled && s != null && s.isAutomated() && !s.paused;
        String key = !scheduled ? null : s.hasCron() ? "cron " + s.cronExpression.trim() + " " + zone.getId()
                : "every " + interval(s).toMillis();
        if (key != null && key.equals(applied.get(syncId)) && context.getRoute(routeId(syncId)) != null) {
            return;
        }
        remove(syncId);
        if (!scheduled) {
            return;
        }
        String options;
        if (s.hasCron()) {
            options = "cron=" + s.cronExpression.trim().replaceAll("\\s+", "+") + "&trigger.timeZone=" + zone.getId();
        } else {
            long ms = Math.max(1000, interval(s).toMillis());
            long delay = 500;
            if (lastRunStart != null) {
                delay = Math.max(500, lastRunStart.toEpochMilli() + ms - System.currentTimeMillis());
            }
            options = "trigger.repeatInterval=" + ms + "&trigger.repeatCount=-1&triggerStartDelay=" + delay;
        }
        try {
            context.addRouteFromTemplate(routeId(syncId), TEMPLATE, Map.of("syncId", syncId, "quartzOptions", options));
            applied.put(syncId, key);
            LOG.info("Sync {} scheduled ({})", syncId, s.hasCron() ? "cron " + s.cronExpression + " in " + zone
                    : "every " + s.syncInterval + " " + s.syncIntervalUnit);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot schedule sync " + syncId + ": " + Database.rootMessage(e), e);
        }
    }

    public synchronized void remove(String syncId) {
        applied.remove(syncId);
        String id = routeId(syncId);
        if (context.getRoute(id) == null) {
            return;
        }
        try {
            context.getRouteController().stopRoute(id);
            context.removeRoute(id);
        } catch (Exception e) {
            LOG.warn("Could not remove the schedule of sync {}: {}", syncId, e.getMessage());
        }
        if (clustered && leads.getAsBoolean()) {
            // a clustered job store keeps a removed route's trigger (camel-quartz never deletes it there)
            scheduler().ifPresent(sch -> {
                try {
                    sch.unscheduleJob(TriggerKey.triggerKey(syncId, GROUP));
                } catch (Exception e) {
                    LOG.warn("Could not remove the trigger of sync {}: {}", syncId, e.getMessage());
                }
            });
        }
    }

    private Optional<Scheduler> scheduler() {
        try {
            QuartzComponent q = context.getComponent("quartz", QuartzComponent.class);
            return Optional.ofNullable(q == null ? null : q.getScheduler());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A run of an interval sync started (by hand or by schedule): the next one is one interval later. */
    public synchronized void restartInterval(SyncDef s, Instant runStart) {
        if (!enabled || s == null || !s.isAutomated() || s.paused || s.hasCron()
                || context.getRoute(routeId(s.id)) == null) {
            return;
        }
        scheduler().ifPresent(sch -> {
            try {
                TriggerKey key = TriggerKey.triggerKey(s.id, GROUP);
                Trigger t = sch.getTrigger(key);
                if (t != null) {
                    Date next = new Date(runStart.toEpochMilli() + Math.max(1000, interval(s).toMillis()));
                    sch.rescheduleJob(key, t.getTriggerBuilder().startAt(next).build());
                }
            } catch (Exception e) {
                LOG.warn("Could not restart the interval of sync {}: {}", s.id, e.getMessage());
            }
        });
    }

    /** When the schedule fires next, if it is scheduled. */
    public Optional<Instant> nextFire(String syncId) {
        if (context.getRoute(routeId(syncId)) == null) {
            return Optional.empty();
        }
        return scheduler().flatMap(sch -> {
            try {
                Trigger t = sch.getTrigger(TriggerKey.triggerKey(syncId, GROUP));
                return Optional.ofNullable(t == null || t.getNextFireTime() == null ? null
                        : t.getNextFireTime().toInstant());
            } catch (Exception e) {
                return Optional.empty();
            }
        });
    }
}
