package org.sis2sds.api;

import java.util.Locale;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.sis2sds.core.ClusterView;
import org.sis2sds.core.ConfigException;
import org.sis2sds.core.Settings;
import org.sis2sds.sync.SyncManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management API's bean {@code syncApi}, over the sync area's {@code syncManager}; and, when no clustering
 * configuration bound one, the {@link ClusterView} of a single node.
 */
public class ApiConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(ApiConfiguration.class);

    @Override
    public void configure(CamelContext context) {
        Settings s = Settings.of(context);
        SyncApi.Auth auth = apiAuth(s);
        SyncManager manager = context.getRegistry().lookupByNameAndType("syncManager", SyncManager.class);
        context.getRegistry().bind("syncApi", new SyncApi(manager, auth));
        if (context.getRegistry().findSingleByType(ClusterView.class) == null) {
            context.getRegistry().bind(ClusterView.BEAN, ClusterView.single(ClusterView.nodeId(s)));
        }
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
