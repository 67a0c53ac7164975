package org.sis2sds.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;

/**
 * The platform-http engine of the management API: pinned to {@code camel.server.port}, with the {@link ApiGuard} in
 * front of every route. Camel 4.17's engine finds its port by looking for the one HTTP server in the registry; with
 * the management server (health, metrics) on its own port there are two, and the engine fell back to 8080, so the
 * API's routes could not start on any other port. Binding this engine as {@code platform-http-engine} names the API
 * server's port explicitly.
 */
public final class ApiServerEngine extends VertxPlatformHttpEngine {
    private final int port;

    public ApiServerEngine(int port, List<Handler<RoutingContext>> handlers) {
        this.port = port;
        setHandlers(handlers);
    }

    @Override
    public int getServerPort() {
        return port;
    }
}
