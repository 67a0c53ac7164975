package org.sis2sds.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/** Where the project is, and free loopback ports. */
public final class TestPaths {
    private TestPaths() {
    }

    /** The project root (Maven passes it as sis2sds.home). */
    public static Path home() {
        return Path.of(System.getProperty("sis2sds.home", ".")).toAbsolutePath().normalize();
    }

    /** A free TCP port on 127.0.0.1. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
