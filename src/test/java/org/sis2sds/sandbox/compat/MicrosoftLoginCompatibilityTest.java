package org.sis2sds.sandbox.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sis2sds.sandbox.sds.SdsSandbox;
import org.sis2sds.sandbox.sds.SdsSandboxOptions;

/**
 * Microsoft's own sign-in libraries, unchanged, against the sandbox's Entra ID over HTTPS (a certificate made at
 * start, trusted through its CA): msal4j with an AAD authority (instance discovery off, as for any authority that is
 * not login.microsoftonline.com) and with an OIDC authority (discovery document, then its token endpoint), and
 * azure-identity's ClientSecretCredential.
 */
class MicrosoftLoginCompatibilityTest {
    static final Set<String> GRAPH = Set.of("https://graph.microsoft.com/.default");
    static SdsSandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        sandbox = new SdsSandbox(SdsSandboxOptions.defaults().port(0).tls(true)).start();
        assertThat(sandbox.baseUrl()).startsWith("https://");
        assertThat(sandbox.tls().caFile()).exists();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static ConfidentialClientApplication.Builder app(String secret) {
        return ConfidentialClientApplication.builder("sandbox", ClientCredentialFactory.createFromSecret(secret))
                .sslSocketFactory(sandbox.tls().clientContext().getSocketFactory());
    }

    @Test
    void msal4jWithAnAadAuthority() throws Exception {
        ConfidentialClientApplication msal = app("sandbox-secret").authority(sandbox.baseUrl() + "/sandbox/")
                .instanceDiscovery(false).validateAuthority(false).build();
        IAuthenticationResult r = msal.acquireToken(ClientCredentialParameters.builder(GRAPH).build()).get();
        assertThat(r.accessToken().split("\\.")).hasSize(3);
        assertThat(sandbox.login().verify(r.accessToken()).roles()).contains("EduAdministration.ReadWrite.All");

        ConfidentialClientApplication wrong = app("nope").authority(sandbox.baseUrl() + "/sandbox/")
                .instanceDiscovery(false).validateAuthority(false).build();
        assertThatThrownBy(() -> wrong.acquireToken(ClientCredentialParameters.builder(GRAPH).build()).get())
                .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(MsalServiceException.class,
                        e -> {
                            assertThat(e.errorCode()).isEqualTo("invalid_client");
                            assertThat(e.getMessage()).contains("AADSTS7000215");
                        });
    }

    @Test
    void msal4jWithAnOidcAuthority() throws Exception {
        ConfidentialClientApplication msal = app("sandbox-secret")
                .oidcAuthority(sandbox.baseUrl() + "/" + sandbox.login().tenantId() + "/v2.0").build();
        IAuthenticationResult r = msal.acquireToken(ClientCredentialParameters.builder(GRAPH).build()).get();
        assertThat(sandbox.login().verify(r.accessToken()).tenantId()).isEqualTo(sandbox.login().tenantId());
    }

    @Test
    void azureIdentityClientSecretCredential() throws Exception {
        ClientSecretCredential credential = credential(sandbox);
        AccessToken t = credential.getTokenSync(new TokenRequestContext().addScopes("https://graph.microsoft.com/.default"));
        assertThat(sandbox.login().verify(t.getToken()).appId()).isEqualTo("sandbox");
        assertThat(t.getExpiresAt()).isAfter(java.time.OffsetDateTime.now().plusMinutes(50));
    }

    /** azure-identity's credential for the sandbox: its authority host, instance discovery off, its CA trusted. */
    static ClientSecretCredential credential(SdsSandbox s) throws Exception {
        reactor.netty.http.client.HttpClient netty = reactor.netty.http.client.HttpClient.create()
                .secure(spec -> {
                    try {
                        spec.sslContext(SslContextBuilder.forClient().trustManager(s.tls().ca()).build());
                    } catch (javax.net.ssl.SSLException e) {
                        throw new IllegalStateException(e);
                    }
                });
        return new ClientSecretCredentialBuilder().authorityHost(s.baseUrl()).tenantId("sandbox")
                .clientId("sandbox").clientSecret("sandbox-secret").disableInstanceDiscovery()
                .httpClient(new NettyAsyncHttpClientBuilder(netty).build()).build();
    }
}
