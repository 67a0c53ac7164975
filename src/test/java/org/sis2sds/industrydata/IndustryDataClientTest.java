package org.sis2sds.industrydata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.azure.DataLakeUploader;
import org.sis2sds.azure.UploadException;
import org.sis2sds.core.Settings;
import org.sis2sds.sds.SdsClientConfig;
import org.sis2sds.sds.SdsException;

/**
 * The industryData client against a small fake: the token is cached and renewed, the flow resolves its connector,
 * files reach the Data Lake path in parallel chunks, validate is sent once and its operation read from Location,
 * refusals are one sentence naming the missing Graph permission, and an over-quota start is REFUSED, not an error.
 */
class IndustryDataClientTest {
    FakeIndustryData fake;
    IndustryDataClient client;
    ExecutorService pool = Executors.newFixedThreadPool(4);

    @BeforeEach
    void start() throws Exception {
        fake = new FakeIndustryData();
        client = client(Map.of());
    }

    @AfterEach
    void stop() {
        fake.close();
        pool.shutdownNow();
    }

    IndustryDataClient client(Map<String, String> extra) {
        Map<String, String> m = new java.util.HashMap<>(fake.settings());
        m.putAll(extra);
        return new IndustryDataClient(SdsClientConfig.from(Settings.load(Path.of("."), m)));
    }

    @Test
    void tokenIsCachedAndRenewedWhenItExpiresMidRun() throws Exception {
        fake.seedFlow("Flow", Instant.now().plus(Duration.ofDays(90)), "schoolDataSyncV2Rev1");
        client.list(Graph.Collection.INBOUND_FLOWS);
        client.list(Graph.Collection.INBOUND_FLOWS);
        assertThat(fake.tokenCalls).hasValue(1);
        fake.expireTokens(); // the token expires mid-run: the next call is refused once, renews it and goes on
        assertThat(client.list(Graph.Collection.INBOUND_FLOWS)).hasSize(1);
        assertThat(fake.tokenCalls).hasValue(2);
    }

    @Test
    void wrongSecretOrClientIsOneSentenceWithoutTheSecret() {
        assertThatThrownBy(() -> client(Map.of("sis2sds.sds.client-secret", "wrong-secret-777")).signIn())
                .isInstanceOf(SdsException.class)
                .hasMessageContaining("sis2sds.sds.client-secret").hasMessageNotContaining("wrong-secret-777")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
        assertThatThrownBy(() -> client(Map.of("sis2sds.sds.client-id", "nobody")).signIn())
                .hasMessageContaining("sis2sds.sds.client-id");
    }

    @Test
    void aForbiddenCallNamesTheMissingPermission() {
        fake.permissionsMissing = Set.of("inboundFlows");
        assertThatThrownBy(() -> client.list(Graph.Collection.INBOUND_FLOWS))
                .isInstanceOf(SdsException.class)
                .hasMessageContaining("IndustryData-InboundFlow.ReadWrite.All").hasMessageContaining("HTTP 403")
                .hasMessageContaining("request-id");
    }

    @Test
    void uploadValidateAndFollowTheRun(@TempDir Path dir) throws Exception {
        String flowId = fake.seedFlow("Flow", Instant.now().plus(Duration.ofDays(90)), "schoolDataSyncV2Rev1");
        Graph.Flow flow = client.flow(flowId);
        assertThat(flow.readiness()).isEqualTo("ready");
        assertThat(flow.expiredAt(Instant.now())).isFalse();
        Graph.UploadSession s = client.uploadSession(flow.connectorId(), false);
        assertThat(s.url().toString()).doesNotContain("sig=");
        assertThat(client.uploadSession(flow.connectorId(), false).containerId()).isEqualTo(s.containerId());

        DataLakeUploader up = new DataLakeUploader(client.http(), new DataLakeUploader.Options(64 * 1024, 4,
                Duration.ofSeconds(30)), pool);
        fake.waitForParallelAppends = true;
        StringBuilder users = new StringBuilder("sourcedId,username\n");
        for (int i = 0; i < 20_000; i++) {
            users.append(i).append(",user").append(i).append("@example.org\n");
        }
        Files.writeString(dir.resolve("users.csv"), users);
        Files.writeString(dir.resolve("orgs.csv"), "sourcedId,name,type\n1,School,school\n");
        Files.writeString(dir.resolve("roles.csv"), "userSourcedId,orgSourcedId,role\n1,1,student\n");
        for (String f : new String[] {"users.csv", "orgs.csv", "roles.csv"}) {
            up.upload(s.url(), f, dir.resolve(f));
        }
        assertThat(fake.file(flow.connectorId(), "users.csv")).isEqualTo(Files.readAllBytes(dir.resolve("users.csv")));
        assertThat(fake.maxParallelAppends.get()).isGreaterThan(1);

        String location = client.validate(flow.connectorId()).orElseThrow();
        Graph.Operation op = client.operation(location);
        assertThat(op.status()).isEqualTo("running");
        op = client.operation(location);
        assertThat(op.status()).isEqualTo("succeeded");
        assertThat(op.errors()).isEmpty();
        assertThat(client.latestOperation(Instant.now().minusSeconds(5))).map(Graph.Operation::id).contains(op.id());

        Graph.Run run = client.runs().get(0);
        assertThat(run.status()).isEqualTo("running");
        org.awaitility.Awaitility.await().until(() -> client.run(run.id()).isTerminal());
        assertThat(client.run(run.id()).status()).isEqualTo("completed");
        assertThat(client.statistics(run.id()).path("inboundTotals").path("people").asLong()).isEqualTo(20_000);
        assertThat(client.activities(run.id())).hasSize(1);
    }

    @Test
    void anExpiredSignatureIsAStorageRefusalThatAsksForANewSession(@TempDir Path dir) throws Exception {
        String flowId = fake.seedFlow("Flow", Instant.now().plus(Duration.ofDays(90)), "schoolDataSyncV2Rev1");
        Graph.Flow flow = client.flow(flowId);
        Graph.UploadSession s = client.uploadSession(flow.connectorId(), false);
        Files.writeString(dir.resolve("orgs.csv"), "sourcedId,name,type\n1,School,school\n");
        fake.expireSessionAfterAppends = 0;
        DataLakeUploader up = new DataLakeUploader(client.http(), new DataLakeUploader.Options(64 * 1024, 1,
                Duration.ofSeconds(30)), null);
        assertThatThrownBy(() -> up.upload(s.url(), "orgs.csv", dir.resolve("orgs.csv")))
                .isInstanceOfSatisfying(UploadException.class, e -> assertThat(e.isSignatureRefused()).isTrue())
                .hasMessageNotContaining(s.url().query());
        assertThat(client.uploadSession(flow.connectorId(), false).containerId()).isNotEqualTo(s.containerId());
    }

    @Test
    void validateIsSentOnceAndAnUnknownOutcomeSaysSo() throws Exception {
        String flowId = fake.seedFlow("Flow", Instant.now().plus(Duration.ofDays(90)), "schoolDataSyncV2Rev1");
        Graph.Flow flow = client.flow(flowId);
        client.uploadSession(flow.connectorId(), false);
        fake.validateAnswers503AfterAccepting = true;
        assertThatThrownBy(() -> client.validate(flow.connectorId()))
                .isInstanceOf(IndustryDataClient.OutcomeUnknown.class);
        assertThat(fake.validateCalls).hasValue(1);
        Graph.Operation op = client.latestOperation(Instant.now().minusSeconds(5)).orElseThrow();
        assertThat(op.errors()).extracting(e -> e.path("code").asText()).contains("RequiredFileNotFound");
    }

    @Test
    void anOverQuotaStartIsRefusedNotFatal() throws Exception {
        fake.startQuota = 0;
        assertThat(client.startRun()).isEqualTo(Graph.Start.REFUSED);
        assertThat(fake.startCalls).hasValue(1);
        fake.startQuota = 1;
        assertThat(client.startRun()).isEqualTo(Graph.Start.STARTED);
    }
}
