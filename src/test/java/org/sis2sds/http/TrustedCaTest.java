package org.sis2sds.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.core.ConfigException;
import org.sis2sds.core.Settings;
import org.sis2sds.sandbox.SandboxTls;
import org.sis2sds.sandbox.powerschool.PowerSchoolSandbox;
import org.sis2sds.support.TestPaths;

/** sis2sds.http.trust-ca-file: the CA file the sandboxes print is what a client needs to reach them over HTTPS. */
class TrustedCaTest {
    @TempDir
    Path tmp;

    @Test
    void theSandboxCaFileMakesItsHttpsTrusted() throws Exception {
        SandboxTls tls = SandboxTls.generate(tmp.resolve("ca.pem"), Duration.ofDays(1));
        PowerSchoolSandbox.Options o = new PowerSchoolSandbox.Options().port(0).students(20);
        o.tls = tls;
        try (PowerSchoolSandbox ps = new PowerSchoolSandbox(o).start()) {
            assertThat(ps.baseUrl()).startsWith("https://127.0.0.1:");
            HttpRequest time = HttpRequest.newBuilder(URI.create(ps.baseUrl() + "/ws/v1/time")).build();
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(time, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
            HttpClient trusting = HttpClient.newBuilder().sslContext(TrustedCa.context(tls.caFile())).build();
            assertThat(trusting.send(time, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aFileWithoutCertificatesStopsStartUpNamingTheKey() throws Exception {
        Files.writeString(tmp.resolve("bad.pem"), "not a certificate");
        Settings s = Settings.load(TestPaths.home(), Map.of(TrustedCa.KEY, tmp.resolve("bad.pem").toString()));
        assertThatThrownBy(() -> TrustedCa.install(s)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(TrustedCa.KEY);
        TrustedCa.install(Settings.load(TestPaths.home(), Map.of()));
    }
}
