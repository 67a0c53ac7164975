package org.sis2sds.sandbox;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Makes the JDK HTTP(S) server every sandbox runs on: 127.0.0.1 only, HTTPS when a {@link SandboxTls} is given. */
public final class SandboxHttp {
    private SandboxHttp() {
    }

    /**
     * A bound (not yet started) server on 127.0.0.1:{@code port} (0 = any free port) with a pool of daemon
     * {@code threads} named {@code name}; over TLS when {@code tls} is not null.
     */
    public static HttpServer create(int port, SandboxTls tls, int threads, String name) throws IOException {
        HttpServer server = bind(port, tls);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        return server;
    }

    /** A bound server on 127.0.0.1:{@code port} without an executor; HTTPS when {@code tls} is not null. */
    public static HttpServer bind(int port, SandboxTls tls) throws IOException {
        InetSocketAddress at = new InetSocketAddress(SandboxTls.loopback(), port);
        if (tls == null) {
            return HttpServer.create(at, 128);
        }
        HttpsServer s = HttpsServer.create(at, 128);
        s.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        return s;
    }

    /** {@code http(s)://127.0.0.1:PORT} of a started server. */
    public static String baseUrl(HttpServer server) {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Stops the server at once and its pool. */
    public static void stop(HttpServer server) {
        server.stop(0);
        if (server.getExecutor() instanceof ExecutorService e) {
            e.shutdownNow();
        }
    }
}
