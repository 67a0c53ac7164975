package org.sis2sds.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * HTTPS for the sandboxes: a certificate authority made at start, and a server certificate it signs for 127.0.0.1,
 * ::1 and localhost. The CA certificate is written as a PEM file that clients trust ({@link #caFile()}), so the
 * sandboxes can be reached over real TLS with nothing but that file. One instance serves every sandbox of a process.
 */
public final class SandboxTls {
    private static final char[] PASSWORD = "sandbox".toCharArray();
    private final SSLContext serverContext;
    private final X509Certificate ca;
    private final Path caFile;

    private SandboxTls(SSLContext serverContext, X509Certificate ca, Path caFile) {
        this.serverContext = serverContext;
        this.ca = ca;
        this.caFile = caFile;
    }

    /** A new CA and server certificate, valid for {@code validity}; the CA's PEM goes to {@code caFile}. */
    public static SandboxTls generate(Path caFile, Duration validity) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair caKeys = gen.generateKeyPair();
            KeyPair serverKeys = gen.generateKeyPair();
            Instant from = Instant.now().minus(Duration.ofMinutes(5));
            Instant to = Instant.now().plus(validity);
            X500Name caName = new X500Name("CN=sis2sds sandbox CA " + from.getEpochSecond());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();

            X509v3CertificateBuilder cab = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(from),
                    Date.from(to), caName, caKeys.getPublic());
            cab.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            cab.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            cab.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate ca = sign(cab, caKeys);

            X509v3CertificateBuilder sb = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(from),
                    Date.from(to), new X500Name("CN=127.0.0.1"), serverKeys.getPublic());
            sb.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            sb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            sb.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, "::1"),
                new GeneralName(GeneralName.dNSName, "localhost")}));
            sb.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
            X509Certificate server = sign(sb, caKeys);

            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", serverKeys.getPrivate(), PASSWORD, new X509Certificate[] {server, ca});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            Files.createDirectories(caFile.toAbsolutePath().getParent());
            Files.writeString(caFile, pem(ca), StandardCharsets.US_ASCII);
            return new SandboxTls(ctx, ca, caFile);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("Cannot make the sandbox certificate: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the sandbox CA file " + caFile + ": " + e.getMessage(), e);
        }
    }

    /** The context the sandbox servers use (server certificate and key). */
    public SSLContext serverContext() {
        return serverContext;
    }

    /** A client context that trusts this CA only (tests). */
    public SSLContext clientContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {trustManager()}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trust manager that trusts this CA only (clients such as OkHttp want one beside the socket factory). */
    public javax.net.ssl.X509TrustManager trustManager() {
        try {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            ts.setCertificateEntry("sandbox-ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            return (javax.net.ssl.X509TrustManager) tmf.getTrustManagers()[0];
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CA certificate as a PEM file: what a client (or {@code sis2sds.http.trust-ca-file}) trusts. */
    public Path caFile() {
        return caFile;
    }

    public X509Certificate ca() {
        return ca;
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair issuer)
            throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(System.nanoTime()).abs().add(BigInteger.ONE);
    }

    private static String pem(X509Certificate c) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** Loopback is the only address the sandboxes bind; kept here so servers and certificates agree. */
    public static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }
}
