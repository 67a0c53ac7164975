package org.sis2sds.sandbox.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.microsoft.graph.beta.models.EducationCsvDataProvider;
import com.microsoft.graph.beta.models.EducationFileSynchronizationVerificationMessage;
import com.microsoft.graph.beta.models.EducationIdentityCreationConfiguration;
import com.microsoft.graph.beta.models.EducationIdentityDomain;
import com.microsoft.graph.beta.models.EducationSynchronizationProfile;
import com.microsoft.graph.beta.models.EducationSynchronizationStatus;
import com.microsoft.graph.beta.models.EducationUserRole;
import com.microsoft.graph.beta.models.odataerrors.ODataError;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.core.requests.options.GraphClientOption;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import com.microsoft.kiota.http.middleware.RetryHandler;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.sandbox.sds.SdsSandbox;
import org.sis2sds.sandbox.sds.SdsSandboxOptions;
import org.sis2sds.sds.SdsTestBatches;

/**
 * Microsoft's Graph SDK, unchanged (microsoft-graph-beta 6.30.0, the last with synchronizationProfiles; OkHttp and
 * Kiota's retry handler; azure-identity for the token), against the Classic profile service over HTTPS with
 * throttling on (429 and 503 with a whole-second Retry-After): create, get, list, uploadUrl (the SDK calls
 * {@code uploadUrl()}), start with errors (read as an ODataError), start, profileStatus, errors, pause, resume,
 * reset, delete.
 */
class GraphSdkCompatibilityTest {
    static SdsSandbox sandbox;
    static GraphServiceClient graph;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        sandbox = new SdsSandbox(SdsSandboxOptions.defaults().fast().port(0).tls(true).throttleRate(0.15)
                .serverErrorRate(0.05).retryAfter(1).seed(5)).start();
        AzureIdentityAuthenticationProvider auth = new AzureIdentityAuthenticationProvider(
                MicrosoftLoginCompatibilityTest.credential(sandbox), new String[] {"127.0.0.1"},
                "https://graph.microsoft.com/.default");
        OkHttpClient ok = GraphClientFactory.create(new GraphClientOption(),
                        new RetryHandler(new RetryHandlerOption(null, 10, 0)))
                .sslSocketFactory(sandbox.tls().clientContext().getSocketFactory(), sandbox.tls().trustManager())
                .build();
        graph = new GraphServiceClient(auth, ok);
        graph.getRequestAdapter().setBaseUrl(sandbox.graphUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static EducationSynchronizationProfile csvProfile(String name) {
        EducationSynchronizationProfile p = new EducationSynchronizationProfile();
        p.setDisplayName(name);
        p.setDataProvider(new EducationCsvDataProvider());
        EducationIdentityCreationConfiguration id = new EducationIdentityCreationConfiguration();
        EducationIdentityDomain d = new EducationIdentityDomain();
        d.setAppliesTo(EducationUserRole.Student);
        d.setName("students.example.edu");
        id.setUserDomains(List.of(d));
        p.setIdentitySynchronizationConfiguration(id);
        return p;
    }

    static EducationSynchronizationStatus status(String id) {
        return graph.education().synchronizationProfiles().byEducationSynchronizationProfileId(id).profileStatus().get()
                .getStatus();
    }

    static void upload(String sasUrl, Path dir) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(sandbox.tls().clientContext()).build();
        int q = sasUrl.indexOf('?');
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                HttpResponse<Void> r = null;
                for (int i = 0; i < 10 && (r == null || r.statusCode() >= 500); i++) {
                    r = http.send(HttpRequest.newBuilder(URI.create(sasUrl.substring(0, q) + "/" + f.getFileName()
                            + sasUrl.substring(q))).header("x-ms-blob-type", "BlockBlob")
                            .header("x-ms-version", "2024-11-04").PUT(HttpRequest.BodyPublishers.ofFile(f)).build(),
                            HttpResponse.BodyHandlers.discarding());
                }
                assertThat(r.statusCode()).isEqualTo(201);
            }
        }
    }

    @Test
    void theClassicProfileCallsWorkThroughTheSdkUnderThrottling() throws Exception {
        var profiles = graph.education().synchronizationProfiles();
        EducationSynchronizationProfile created = profiles.post(csvProfile("Graph SDK profile"));
        String id = created.getId();
        assertThat(created.getState().getValue()).isEqualTo("provisioning");
        var item = profiles.byEducationSynchronizationProfileId(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> item.get().getState().getValue().equals("provisioned"));
        assertThat(profiles.get().getValue()).extracting(EducationSynchronizationProfile::getId).contains(id);

        // start before any upload: 400 with the messages, which the SDK reads as an ODataError
        assertThatThrownBy(() -> item.start().post()).isInstanceOfSatisfying(ODataError.class, e -> {
            assertThat(e.getResponseStatusCode()).isEqualTo(400);
            assertThat(e.getError().getCode()).isEqualTo("BadRequest");
            assertThat(e.getError().getDetails()).extracting(d -> d.getMessage())
                    .anySatisfy(m -> assertThat(m).contains("File not found"));
        });
        assertThat(status(id)).isEqualTo(EducationSynchronizationStatus.ValidationError);

        String sas = item.uploadUrl().get().getValue();
        assertThat(sas).startsWith(sandbox.storage().endpoint() + "/" + id + "?");
        upload(sas, SdsTestBatches.valid(tmp.resolve("batch"), 20));
        List<EducationFileSynchronizationVerificationMessage> messages = item.start().post().getValue();
        assertThat(messages).noneMatch(m -> m.getType().equalsIgnoreCase("error"));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id) == EducationSynchronizationStatus.Success);
        var st = item.profileStatus().get();
        assertThat(st.getErrorCount()).isZero();
        assertThat(st.getLastSynchronizationDateTime()).isNotNull();
        assertThat(item.errors().get().getValue()).isEmpty();

        item.pause().post();
        assertThat(status(id)).isEqualTo(EducationSynchronizationStatus.Paused);
        item.resume().post();
        assertThat(status(id)).isEqualTo(EducationSynchronizationStatus.Success);
        item.reset().post();
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id) == EducationSynchronizationStatus.Success);

        item.delete();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThatThrownBy(item::get)
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(404);
                    assertThat(e.getError().getCode()).isEqualTo("itemNotFound");
                }));
        assertThat(sandbox.faultsServed()).as("throttling was on").isPositive();
    }
}
