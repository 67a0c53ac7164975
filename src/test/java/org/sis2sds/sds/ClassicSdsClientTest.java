package org.sis2sds.sds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.core.ConfigException;
import org.sis2sds.core.Settings;
import org.sis2sds.http.Resilient;
import org.sis2sds.sandbox.sds.SdsSandbox;
import org.sis2sds.sandbox.sds.SdsSandboxOptions;
import org.sis2sds.support.TestPaths;
import org.sis2sds.validate.Message;

/** The SDS Classic client against the sandbox: the whole flow, retries, 409 waits, token renewal, refusals. */
class ClassicSdsClientTest {
    static final ObjectMapper JSON = new ObjectMapper();
    SdsSandbox sandbox;

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    ClassicSdsClient client(SdsSandboxOptions o, Map<String, String> more) throws Exception {
        sandbox = new SdsSandbox(o.port(0)).start();
        Map<String, String> m = new HashMap<>(sandbox.clientSettings());
        m.put("sis2sds.sds.retry.base-delay", "20ms");
        m.put("sis2sds.sds.retry.max-delay", "500ms");
        m.put("sis2sds.sds.retry.max-attempts", "10");
        m.put("sis2sds.sds.poll-interval", "50ms");
        m.putAll(more);
        return new ClassicSdsClient(SdsClientConfig.from(Settings.load(TestPaths.home(), m)));
    }

    String provisioned(ClassicSdsClient c) throws Exception {
        JsonNode p = c.createProfile(JSON.readTree(SdsTestBatches.CSV_PROFILE));
        assertThat(p.path("state").asText()).isEqualTo("provisioning");
        String id = p.path("id").asText();
        assertThat(c.awaitProvisioned(id, Duration.ofSeconds(5)).path("state").asText()).isEqualTo("provisioned");
        return id;
    }

    ProfileStatus awaitFinal(ClassicSdsClient c, String id) throws Exception {
        long until = System.currentTimeMillis() + 10_000;
        ProfileStatus st = c.status(id);
        while (!st.status().isFinal() && System.currentTimeMillis() < until) {
            Thread.sleep(30);
            st = c.status(id);
        }
        return st;
    }

    @Test
    void publishesABatchAndReadsItsStatus() throws Exception {
        ClassicSdsClient c = client(SdsSandboxOptions.defaults().fast(), Map.of());
        String id = provisioned(c);
        c.uploadBatch(id, SdsTestBatches.valid(tmp.resolve("b"), 12));
        assertThat(sandbox.containerDir(id).resolve("StudentEnrollment.csv")).exists();
        List<Message> msgs = c.start(id);
        assertThat(msgs).noneMatch(Message::isError);
        ProfileStatus first = c.status(id);
        assertThat(first.status()).isIn(SyncStatus.EXTRACTING, SyncStatus.VALIDATING, SyncStatus.IN_PROGRESS);
        ProfileStatus st = awaitFinal(c, id);
        assertThat(st.status()).isEqualTo(SyncStatus.SUCCESS);
        assertThat(st.lastSynchronization()).isNotNull();
        assertThat(c.errors(id, 100).total()).isZero();
        assertThat(c.listProfiles()).extracting(p -> p.path("id").asText()).contains(id);
        assertThat(c.updateProfile(id, JSON.readTree("{\"displayName\":\"New\"}")).path("displayName").asText())
                .isEqualTo("New");
        c.awaitProvisioned(id, Duration.ofSeconds(5));
        c.reset(id);
        assertThat(awaitFinal(c, id).status()).isEqualTo(SyncStatus.SUCCESS);
        c.deleteProfile(id);
        assertThat(c.getProfile(id).path("state").asText()).isEqualTo("deleting");
    }

    @Test
    void startReturnsSdsErrorsAsMessages() throws Exception {
        ClassicSdsClient c = client(SdsSandboxOptions.defaults().fast(), Map.of());
        String id = provisioned(c);
        c.uploadBatch(id, SdsTestBatches.broken(tmp.resolve("b")));
        List<Message> msgs = c.start(id);
        assertThat(msgs).anyMatch(m -> m.isError() && m.fileName().equals("studentenrollment.csv")
                && m.description().equals("2 row(s) have referenced data not found in source. Field - Section SIS ID"));
        assertThat(c.status(id).status()).isEqualTo(SyncStatus.VALIDATION_ERROR);
    }

    @Test
    void readsErrorsAcrossPages() throws Exception {
        ClassicSdsClient c = client(SdsSandboxOptions.defaults().fast().syncErrorRate(0.5), Map.of());
        String id = provisioned(c);
        c.uploadBatch(id, SdsTestBatches.valid(tmp.resolve("b"), 60));
        c.start(id);
        assertThat(awaitFinal(c, id).status()).isEqualTo(SyncStatus.ERROR);
        ErrorPage all = c.errors(id, 1000);
        assertThat(all.total()).isGreaterThan(10);
        assertThat(all.errors()).hasSize((int) all.total());
        ErrorPage some = c.errors(id, 4);
        assertThat(some.errors()).hasSize(4);
        assertThat(some.total()).isEqualTo(all.total());
        assertThat(some.errors().get(0).errorCode()).isEqualTo("UnsynchronizableChange");
    }

    @Test
    void retriesThrottlingAndServerErrors() throws Exception {
        long throttled = Resilient.RETRIES_THROTTLED.get();
        long failed = Resilient.RETRIES_SERVER_ERROR.get();
        ClassicSdsClient c = client(SdsSandboxOptions.defaults().fast().throttleRate(0.3).serverErrorRate(0.2)
                .retryAfter(0).seed(3), Map.of());
        String id = provisioned(c);
        c.uploadBatch(id, SdsTestBatches.valid(tmp.resolve("b"), 5));
        assertThat(c.start(id)).noneMatch(Message::isError);
        assertThat(awaitFinal(c, id).status()).isEqualTo(SyncStatus.SUCCESS);
        assertThat(Resilient.RETRIES_THROTTLED.get() - throttled + Resilient.RETRIES_SERVER_ERROR.get() - failed)
                .isGreaterThan(3);
    }

    @Test
    void waitsWhileUploadUrlAnswers409() throws Exception {
        ClassicSdsClient c = client(SdsSandboxOptions.defaults().fast().syncDelay(Duration.ofMillis(700)), Map.of());
        String id = provisioned(c);
        Path b = SdsTestBatches.valid(tmp.resolve("b"), 5);
        c.uploadBatch(id, b);
        c.start(id);
        long t0 = System.currentTimeMillis();
        c.uploadBatch(id, b); // blocked by the run in progress until it ends
        assertThat(System.currentTimeMillis() - t0).isGreaterThanOrEqualTo(300);
        assertThat(c.status(id).status()).isEqualTo(SyncStatus.SUCCESS);
    }

    @Test
    void gives409UpAfterTheConflictTimeout() throws Exception {
        ClassicSdsClient c = client(SdsSandboxOptions.defaults().fast().syncDelay(Duration.ofSeconds(30)),
                Map.of("sis2sds.sds.conflict-timeout", "300ms"));
        String id = provisioned(c);
        Path b = SdsTestBatches.valid(tmp.resolve("b"), 5);
        c.uploadBatch(id, b);
        c.start(id);
        assertThatThrownBy(() -> c.uploadBatch(id, b)).isInstanceOf(SdsException.class)
                .hasMessageContaining("still being processed").satisfies(e ->
                        assertThat(((SdsException) e).status()).isEqualTo(409));
    }

    @Test
    void renewsTheTokenBeforeExpiryAndWhenRefused() throws Exception {
        ClassicSdsClient c = client(SdsSandboxOptions.defaults().fast().tokenLifetime(Duration.ofSeconds(1)), Map.of());
        String id = provisioned(c);
        String t1 = c.token(false);
        Thread.sleep(1100); // the token is past expiry: the client must have renewed it
        assertThat(c.getProfile(id).path("id").asText()).isEqualTo(id);
        assertThat(c.token(false)).isNotEqualTo(t1);
        long renewals = Resilient.TOKEN_RENEWALS.get();
        sandbox.revokeTokens(); // mid-run: every issued token refused
        c.uploadBatch(id, SdsTestBatches.valid(tmp.resolve("b"), 3));
        assertThat(Resilient.TOKEN_RENEWALS.get()).isGreaterThan(renewals);
    }

    @Test
    void refusalsAreOneSentenceWithoutSecrets() throws Exception {
        ClassicSdsClient c = client(SdsSandboxOptions.defaults().fast(), Map.of());
        assertThatThrownBy(() -> c.getProfile("missing")).isInstanceOf(SdsException.class)
                .hasMessage("SDS refused to read profile missing: The synchronization profile missing was not found "
                        + "(itemNotFound, HTTP 404).");
        sandbox.close();
        ClassicSdsClient bad = client(SdsSandboxOptions.defaults().fast(),
                Map.of("sis2sds.sds.client-secret", "wrong-secret-123"));
        assertThatThrownBy(bad::listProfiles).isInstanceOf(SdsException.class)
                .hasMessageContaining("sis2sds.sds.client-secret").hasMessageNotContaining("wrong-secret-123");
        assertThat(bad.config().toString()).doesNotContain("wrong-secret-123");
    }

    @Test
    void provisioningFailedIsReported() throws Exception {
        ClassicSdsClient c = client(SdsSandboxOptions.defaults().fast().provisioningFails(true), Map.of());
        String id = c.createProfile(JSON.readTree(SdsTestBatches.CSV_PROFILE)).path("id").asText();
        assertThatThrownBy(() -> c.awaitProvisioned(id, Duration.ofSeconds(5))).isInstanceOf(SdsException.class)
                .hasMessage("Profile " + id + " is provisioningFailed in SDS; it cannot be used.");
    }

    @Test
    void missingSettingsNameTheKey() {
        Map<String, String> m = Map.of("sis2sds.sds.tenant", "t", "sis2sds.sds.client-id", "c");
        assertThatThrownBy(() -> SdsClientConfig.from(Settings.load(TestPaths.home(), m)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sis2sds.sds.client-secret");
    }

    @Test
    void statusValuesParseCaseInsensitivelyWithUnknownsMapped() {
        assertThat(SyncStatus.parse("INPROGRESS")).isEqualTo(SyncStatus.IN_PROGRESS);
        assertThat(SyncStatus.parse("validationerror")).isEqualTo(SyncStatus.VALIDATION_ERROR);
        assertThat(SyncStatus.parse("somethingNew")).isEqualTo(SyncStatus.UNKNOWN_FUTURE_VALUE);
        assertThat(SyncStatus.parse(null)).isEqualTo(SyncStatus.UNKNOWN_FUTURE_VALUE);
        assertThat(SyncStatus.QUARANTINED.isFinal()).isTrue();
        assertThat(SyncStatus.PAUSED.isFinal()).isFalse();
        assertThat(ClassicSdsClient.normalType("ERROR")).isEqualTo("Error");
    }
}
