package org.sis2sds.sds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.core.Settings;
import org.sis2sds.sandbox.sds.SdsSandbox;
import org.sis2sds.sandbox.sds.SdsSandboxOptions;
import org.sis2sds.support.TestPaths;

/**
 * The project's own Classic uploads follow Azure's rules against the storage sandbox: files above the block
 * threshold go as blocks (several in flight, each retried alone through storage faults), smaller ones as one Put
 * Blob; a 413 and a block that keeps failing are reported in one sentence naming the file.
 */
class ClassicUploadTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern BLOCK = Pattern.compile("<Block>");
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
        m.put("sis2sds.sds.retry.base-delay", "10ms");
        m.put("sis2sds.sds.retry.max-delay", "100ms");
        m.put("sis2sds.sds.retry.max-attempts", "12");
        m.put("sis2sds.sds.upload.block-threshold", "4KB");
        m.put("sis2sds.sds.upload.block-size", "2KB");
        m.put("sis2sds.sds.upload.concurrency", "3");
        m.putAll(more);
        return new ClassicSdsClient(SdsClientConfig.from(Settings.load(TestPaths.home(), m)));
    }

    String profile(ClassicSdsClient c) throws Exception {
        String id = c.createProfile(JSON.readTree(SdsTestBatches.CSV_PROFILE)).path("id").asText();
        c.awaitProvisioned(id, Duration.ofSeconds(5));
        return id;
    }

    /** How many committed blocks a blob has, read through a read SAS as any client would. */
    int committedBlocks(String id, String name) throws Exception {
        String sas = sandbox.storage().sasUrl(id, null, "r", Duration.ofMinutes(5));
        int q = sas.indexOf('?');
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sas.substring(0, q)
                + "/" + name + sas.substring(q) + "&comp=blocklist&blocklisttype=committed")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return (int) BLOCK.matcher(r.body()).results().count();
    }

    @Test
    void largeFilesGoAsBlocksThroughStorageFaultsSmallOnesAsOnePutBlob() throws Exception {
        try (ClassicSdsClient c = client(SdsSandboxOptions.defaults().fast().storageFaults(0.2, 0.1).retryAfter(0)
                .seed(9), Map.of())) {
            String id = profile(c);
            Path batch = SdsTestBatches.valid(tmp.resolve("b"), 400);
            assertThat(Files.size(batch.resolve("Student.csv"))).isGreaterThan(8 * 1024);
            c.uploadBatch(id, batch);
            sandbox.options().storageFaults(0, 0);
            Path stored = sandbox.containerDir(id);
            for (String f : new String[] {"School.csv", "Section.csv", "Student.csv", "Teacher.csv",
                "StudentEnrollment.csv", "TeacherRoster.csv"}) {
                assertThat(stored.resolve(f)).hasSameBinaryContentAs(batch.resolve(f));
            }
            long size = Files.size(batch.resolve("Student.csv"));
            assertThat(committedBlocks(id, "Student.csv")).isEqualTo((int) ((size + 2047) / 2048));
            assertThat(committedBlocks(id, "School.csv")).as("one Put Blob").isZero();
            assertThat(sandbox.storage().faultsServed()).as("the storage sandbox threw faults").isPositive();
            assertThat(c.start(id)).noneMatch(org.sis2sds.validate.Message::isError);
        }
    }

    @Test
    void a413NamesTheFile() throws Exception {
        try (ClassicSdsClient c = client(SdsSandboxOptions.defaults().fast(), Map.of(
                "sis2sds.sds.upload.block-threshold", "8MB"))) {
            String id = profile(c);
            sandbox.storage().maxPutBlob(1024);
            Path batch = SdsTestBatches.valid(tmp.resolve("b"), 400);
            assertThatThrownBy(() -> c.uploadBatch(id, batch)).isInstanceOfSatisfying(SdsException.class, e -> {
                assertThat(e.status()).isEqualTo(413);
                assertThat(e.code()).isEqualTo("RequestBodyTooLarge");
                assertThat(e.getMessage()).startsWith("Azure storage refused Student.csv as too large for one "
                        + "request (RequestBodyTooLarge, HTTP 413, limit 1024 bytes)").contains("block-threshold")
                        .contains(id).doesNotContain("sig=");
            });
        }
    }

    @Test
    void aBlockThatKeepsFailingNamesTheFileAndTheBlock() throws Exception {
        try (ClassicSdsClient c = client(SdsSandboxOptions.defaults().fast(), Map.of(
                "sis2sds.sds.retry.max-attempts", "2"))) {
            String id = profile(c);
            Path batch = SdsTestBatches.valid(tmp.resolve("b"), 400);
            sandbox.options().storageFaults(0, 1.0);
            assertThatThrownBy(() -> c.uploadBatch(id, batch)).isInstanceOfSatisfying(SdsException.class, e -> {
                assertThat(e.status()).isEqualTo(500);
                assertThat(e.getMessage()).matches("Azure storage refused Put (Blob|Block \\d+ of \\d+) of \\w+\\.csv "
                        + "\\(InternalError, HTTP 500\\) \\(SDS profile .*\\)\\.");
            });
        }
    }
}
