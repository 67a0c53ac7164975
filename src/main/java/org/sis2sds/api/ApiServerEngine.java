package org.sis2sds.boot;

import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;

/**
 * The platform-http engine for the management API, pinned to {@code camel.server.port}. Camel 4.17's engine finds
 * its port by looking for the one HTTP server in the registry; with the management server (health, metrics) on
 * its own port there are two, and the engine fell back to 8080, so the API's routes could not start on any other
 * port. Binding this engine as {@code platform-http-engine} names the API server's port explicitly.
 */
public final class ApiServerEngine extends VertxPlatformHttpEngine {
    private final int port;

    public ApiServerEngine(int port) {
        this.port = port;
    }

    @Override
    public int getServerPort() {
        return port;
    }
}
