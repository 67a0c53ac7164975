package org.sis2sds.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Locale;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.sis2sds.core.ClusterView;
import org.sis2sds.core.ConfigException;
import org.sis2sds.core.Settings;
import org.sis2sds.sync.SyncManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management API's beans, over the sync area's {@code syncManager}: {@code syncApi} (what the endpoints do),
 * {@code apiErrors} (their refusals), {@code apiJson} (the JSON binding), {@code apiHeaders} (which headers cross),
 * and, with {@code camel.server.enabled}, the API server's engine with the {@link ApiGuard} in front. When no
 * clustering configuration bound a {@link ClusterView}, the view of a single node is bound.
 */
public class ApiConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(ApiConfiguration.class);
    /** Where the API lives on its server. */
    public static final String BASE = Resources.BASE;
    /** The routes file of the API (left out when {@code camel.server.enabled=false}). */
    public static final String ROUTES = "api.camel.yaml";

    @Override
    public void configure(CamelContext context) {
        Settings s = Settings.of(context);
        Registry registry = context.getRegistry();
        BearerToken token = apiAuth(s);
        ObjectMapper json = json();
        ClusterView cluster = registry.findSingleByType(ClusterView.class);
        if (cluster == null) {
            cluster = ClusterView.single(ClusterView.nodeId(s));
            registry.bind(ClusterView.BEAN, cluster);
        }
        SyncManager manager = registry.lookupByNameAndType("syncManager", SyncManager.class);
        registry.bind("apiJson", json);
        registry.bind("apiHeaders", new ApiHeaders());
        registry.bind("apiErrors", new ApiErrors());
        registry.bind("syncApi", new SyncApi(manager, cluster));
        if (s.getBool("camel.server.enabled", false)) {
            registry.bind("platform-http-engine", new ApiServerEngine(s.getInt("camel.server.port", 8080),
                    List.of(new ApiGuard(token, json, BASE))));
        }
    }

    /**
     * How the API reads and writes JSON: unknown attributes are refused, a number with a fraction is not a whole
     * number, absent values are written as null.
     */
    static ObjectMapper json() {
        return new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** The API's bearer token; without one the API does not start unless sis2sds.api.auth=none. */
    static BearerToken apiAuth(Settings s) {
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
            return BearerToken.none();
        }
        if (token.isEmpty() && serverOn) {
            throw new ConfigException("sis2sds.api.token", "Setting sis2sds.api.token is missing: set SIS2SDS_API_TOKEN "
                    + "to the bearer token API clients must send (or sis2sds.api.auth=none to run the API without "
                    + "authentication).");
        }
        return BearerToken.of(token);
    }
}
