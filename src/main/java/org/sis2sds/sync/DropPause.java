package org.sis2sds.sync;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pausing a csv_drop sync stops the drop folder's route (setting {@code sis2sds.syncs.drop-route}); resuming it starts
 * the route again. A route this class did not stop is never started by it.
 */
final class DropPause {
    private static final Logger LOG = LoggerFactory.getLogger(DropPause.class);
    private final CamelContext context;
    private final SyncStore store;
    private final Catalog catalog;
    private final String dropRoute;
    private final boolean once;
    private volatile boolean stoppedByUs;

    DropPause(CamelContext context, SyncStore store, Catalog catalog, String dropRoute, boolean once) {
        this.context = context;
        this.store = store;
        this.catalog = catalog;
        this.dropRoute = dropRoute;
        this.once = once;
    }

    /** Stops or starts the drop route so that it matches the pause of the csv_drop syncs. */
    void apply() {
        if (once) {
            return;
        }
        boolean anyPaused = false;
        boolean anyDrop = false;
        for (SyncDef s : store.listSyncs()) {
            if (catalog.source(s.sourceId).map(i -> Catalog.SOURCE_CSV_DROP.equals(i.type())).orElse(false)) {
                anyDrop = true;
                anyPaused |= s.paused;
            }
        }
        if (anyDrop && anyPaused) {
            stop("its sync is paused");
        } else if (stoppedByUs && context.getRoute(dropRoute) != null
                && context.getRouteController().getRouteStatus(dropRoute) == ServiceStatus.Stopped) {
            try {
                context.getRouteController().startRoute(dropRoute);
                stoppedByUs = false;
                LOG.info("Route {} started (its sync was resumed)", dropRoute);
            } catch (Exception e) {
                LOG.warn("Cannot start route {}: {}", dropRoute, e.getMessage());
            }
        }
    }

    void stop(String why) {
        if (context.getRoute(dropRoute) == null) {
            return;
        }
        ServiceStatus st = context.getRouteController().getRouteStatus(dropRoute);
        if (st != null && st.isStarted()) {
            try {
                // a run in flight finishes: the route stops gracefully
                context.getRouteController().stopRoute(dropRoute);
                stoppedByUs = true;
                LOG.info("Route {} stopped: {}", dropRoute, why);
            } catch (Exception e) {
                LOG.warn("Cannot stop route {}: {}", dropRoute, e.getMessage());
            }
        }
    }
}
