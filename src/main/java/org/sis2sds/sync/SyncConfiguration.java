package org.sis2sds.sync;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.support.service.ServiceSupport;
import org.sis2sds.core.ClusterView;
import org.sis2sds.core.Settings;

/**
 * Beans of the sync area: {@code syncDatabase}, {@code syncStore}, {@code syncManager}, {@code runRecorder},
 * and {@code shrinkGuard}. The database is opened and migrated here (a bad setting stops start-up);
 * the syncs of syncs.yaml are applied and scheduled once Camel has started.
 */
public class SyncConfiguration implements CamelConfiguration {
    @Override
    public void configure(CamelContext context) throws Exception {
        Settings s = Settings.of(context);
        Catalog catalog = Catalog.load(s.getPath(Catalog.KEY, "config/syncs.yaml"));
        Database db = Database.open(s);
        SyncStore store = new SyncStore(db);
        store.nodeId(ClusterView.nodeId(s));
        SyncManager manager = new SyncManager(s, store, catalog, context);
        context.getRegistry().bind("syncDatabase", db);
        context.getRegistry().bind("syncDataSource", db.dataSource());
        context.getRegistry().bind("syncStore", store);
        context.getRegistry().bind("syncManager", manager);
        context.getRegistry().bind("runRecorder", manager.recorder());
        context.getRegistry().bind("clusterRequests", manager.cluster());
        context.getRegistry().bind("shrinkGuard", new ShrinkGuard(manager, s));
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                manager.stop();
                db.close();
            }
        }, true, true);
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                manager.start();
            }
        });
    }

}
