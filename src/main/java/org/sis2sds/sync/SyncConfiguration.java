package org.sis2sds.sync;

import java.util.Locale;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.support.service.ServiceSupport;
import org.sis2sds.api.SyncApi;
import org.sis2sds.app.ConfigException;
import org.sis2sds.app.CoreConfiguration;
import org.sis2sds.app.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Beans of the sync area: {@code syncDatabase}, {@code syncStore}, {@code syncManager}, {@code runRecorder},
 * {@code shrinkGuard} and {@code syncApi}. The database is opened and migrated here (a bad setting stops start-up);
 * the syncs of syncs.yaml are applied and scheduled once Camel has started.
 */
public class SyncConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(SyncConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings s = CoreConfiguration.settings(context);
        SyncApi.Auth auth = apiAuth(s);
        Catalog catalog = Catalog.load(s.getPath(Catalog.KEY, "config/syncs.yaml"));
        Database db = Database.open(s);
        SyncStore store = new SyncStore(db);
        SyncManager manager = new SyncManager(s, store, catalog, context);
        context.getRegistry().bind("syncDatabase", db);
        context.getRegistry().bind("syncDataSource", db.dataSource());
        context.getRegistry().bind("syncStore", store);
        context.getRegistry().bind("syncManager", manager);
        context.getRegistry().bind("runRecorder", new RunRecorder(manager));
        context.getRegistry().bind("shrinkGuard", new ShrinkGuard(manager, s));
        context.getRegistry().bind("syncApi", new SyncApi(manager, auth));
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

    /** The API's bearer token; without one the API does not start unless sis2sds.api.auth=none. */
    static SyncApi.Auth apiAuth(Settings s) {
        String mode = s.get("sis2sds.api.auth", "token").toLowerCase(Locale.ROOT);
        if (!mode.equals("token") && !mode.equals("none")) {
            throw s.invalid("sis2sds.api.auth", mode, "token or none");
        }
        boolean serverOn = s.getBool("camel.server.enabled", false);
        String token = s.secret("sis2sds.api.token");
        if (mode.equals("none")) {
            if (serverOn) {
                LOG.warn("The management API runs WITHOUT authentication (sis2sds.api.auth=none): anyone who can reach "
                        + "{}:{} can change the syncs.", s.get("camel.server.host", "0.0.0.0"), s.get("camel.server.port", "8080"));
            }
            return SyncApi.Auth.none();
        }
        if (token.isEmpty() && serverOn) {
            throw new ConfigException("sis2sds.api.token", "Setting sis2sds.api.token is missing: set SIS2SDS_API_TOKEN "
                    + "to the bearer token API clients must send (or sis2sds.api.auth=none to run the API without "
                    + "authentication).");
        }
        return SyncApi.Auth.token(token);
    }
}
