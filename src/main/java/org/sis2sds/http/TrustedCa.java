package org.sis2sds.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.sis2sds.core.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sis2sds.http.trust-ca-file}: extra certificate authorities (PEM) every HTTPS client of this process trusts
 * beside the JVM's own, e.g. the CA file {@code bin/sis2sds sandbox --tls} prints, or a district's TLS-inspecting
 * proxy. It becomes the JVM's default SSL context, so the SDS, Azure storage and PowerSchool clients all use it.
 */
public final class TrustedCa {
    public static final String KEY = "sis2sds.http.trust-ca-file";
    private static final Logger LOG = LoggerFactory.getLogger(TrustedCa.class);

    private TrustedCa() {
    }

    /** Installs the CA file named by the setting, when one is named; a bad file stops start-up naming the key. */
    public static void install(Settings s) {
        String name = s.get(KEY, "");
        if (name.isBlank()) {
            return;
        }
        Path file = s.getPath(KEY, name);
        try {
            SSLContext.setDefault(context(file));
            HttpsURLConnection.setDefaultSSLSocketFactory(SSLContext.getDefault().getSocketFactory());
            LOG.info("Trusting the certificate authorities in {} beside the JVM's own", file);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw s.invalid(KEY, name, "a readable PEM file of CA certificates");
        }
    }

    /** An SSL context trusting the JVM's default authorities and those in {@code pem}. */
    static SSLContext context(Path pem) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jdk.init((KeyStore) null);
        int i = 0;
        for (TrustManager tm : jdk.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                for (X509Certificate c : x.getAcceptedIssuers()) {
                    ks.setCertificateEntry("jdk-" + i++, c);
                }
            }
        }
        Collection<? extends Certificate> extra;
        try (InputStream in = Files.newInputStream(pem)) {
            extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (extra.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + pem);
        }
        for (Certificate c : extra) {
            ks.setCertificateEntry("extra-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
