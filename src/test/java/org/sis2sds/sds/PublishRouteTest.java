package org.sis2sds.sds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sis2sds.core.Settings;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.pipeline.BatchRejected;
import org.sis2sds.sandbox.sds.SdsSandbox;
import org.sis2sds.sandbox.sds.SdsSandboxOptions;
import org.sis2sds.support.DaemonTestSupport;
import org.sis2sds.support.TestPaths;
import org.sis2sds.validate.Message;

/**
 * The real routes publishing to the SDS sandbox: a good batch ends archived with status success; SDS's refusals
 * (at start, or seen while polling) end in quarantine with SDS's messages or errors; faults do not stop a batch.
 */
class PublishRouteTest extends DaemonTestSupport {
    static final SdsSandboxOptions OPTIONS = SdsSandboxOptions.defaults().fast().port(0);
    static SdsSandbox sandbox;
    static String profileId;

    @Override
    protected void overrides(Map<String, String> o) {
        try {
            synchronized (PublishRouteTest.class) {
                if (sandbox == null) {
                    sandbox = new SdsSandbox(OPTIONS).start();
                    Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
                    ClassicSdsClient c = new ClassicSdsClient(SdsClientConfig.from(Settings.load(TestPaths.home(),
                            sandbox.clientSettings())));
                    profileId = c.createProfile(new ObjectMapper().readTree(SdsTestBatches.CSV_PROFILE))
                            .path("id").asText();
                    c.awaitProvisioned(profileId, Duration.ofSeconds(5));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        o.putAll(sandbox.clientSettings());
        o.put("sis2sds.sds.mode", "classic");
        o.put("sis2sds.sds.profile-id", profileId);
        o.put("sis2sds.sds.poll-interval", "40ms");
        o.put("sis2sds.sds.retry.base-delay", "20ms");
        o.put("sis2sds.sds.retry.max-delay", "500ms");
        o.put("sis2sds.sds.retry.max-attempts", "12");
    }

    @AfterEach
    void resetSandbox() {
        OPTIONS.throttleRate(0).serverErrorRate(0).storageFaults(0, 0).syncErrorRate(0).quarantineThreshold(1000)
                .deferValidationErrors(false);
    }

    Batch batch(String id, boolean valid) throws Exception {
        // outside processing/: the drop area resumes whatever it finds there at start-up
        Path dir = workDir.resolve("test-batches").resolve(id);
        if (valid) {
            SdsTestBatches.valid(dir, 20);
        } else {
            SdsTestBatches.broken(dir);
        }
        return new Batch(id, dir, "drop", "sync-1");
    }

    /** Sends a batch to the publish route alone and returns how it refused the batch. */
    BatchRejected rejection(Batch b) {
        b.setDestination("classic");
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> template.requestBody("direct:publish", b));
        assertThat(t).hasCauseInstanceOf(BatchRejected.class);
        return (BatchRejected) t.getCause();
    }

    Batch process(Batch b, String endpoint) {
        return template.requestBody(endpoint, b, Batch.class);
    }

    @Test
    void acceptedBatchIsPublishedAndArchivedWithSuccess() throws Exception {
        Batch b = process(batch("b-ok", true), "direct:process-batch");
        assertThat(b.getSdsStatus()).isEqualTo("success");
        assertThat(b.getOutcome()).isEqualTo(Batch.Outcome.ACCEPTED);
        assertThat(b.getFinalLocation()).isEqualTo(workDir.resolve("archive").resolve("b-ok"));
        assertThat(workDir.resolve("archive/b-ok/Student.csv")).exists();
        assertThat(sandbox.containerDir(profileId).resolve("Student.csv")).hasSameTextualContentAs(
                workDir.resolve("archive/b-ok/Student.csv"));
        assertThat(b.getAttributes()).containsEntry(ClassicPublisher.PROFILE_ATTR, profileId);
    }

    @Test
    void twoBatchesForOneProfileArePublishedOneAfterTheOther() throws Exception {
        var first = template.asyncRequestBody("direct:process-batch", batch("b-one", true), Batch.class);
        var second = template.asyncRequestBody("direct:process-batch", batch("b-two", true), Batch.class);
        assertThat(first.get(20, java.util.concurrent.TimeUnit.SECONDS).getSdsStatus()).isEqualTo("success");
        assertThat(second.get(20, java.util.concurrent.TimeUnit.SECONDS).getSdsStatus()).isEqualTo("success");
        assertThat(workDir.resolve("archive/b-one")).isDirectory();
        assertThat(workDir.resolve("archive/b-two")).isDirectory();
    }

    @Test
    void generatedDistrictReachesSuccess() throws Exception {
        Path dir = workDir.resolve("test-batches").resolve("b-district");
        Files.createDirectories(dir);
        org.sis2sds.batch.DistrictGenerator.write(dir, 300, 7);
        Batch b = process(new Batch("b-district", dir, "drop", "sync-1"), "direct:process-batch");
        assertThat(b.getValidation().hasErrors()).isFalse();
        assertThat(b.getSdsStatus()).isEqualTo("success");
        assertThat(b.getOutcome()).isEqualTo(Batch.Outcome.ACCEPTED);
    }

    @Test
    void batchReachesSuccessWhenAFifthOfSdsCallsFail() throws Exception {
        OPTIONS.throttleRate(0.1).serverErrorRate(0.1).storageFaults(0.1, 0.05).retryAfter(0);
        Batch b = process(batch("b-faults", true), "direct:process-batch");
        assertThat(b.getSdsStatus()).isEqualTo("success");
        assertThat(b.getOutcome()).isEqualTo(Batch.Outcome.ACCEPTED);
        assertThat(workDir.resolve("archive/b-faults")).isDirectory();
    }

    @Test
    void errorsInTheStartResponseQuarantineTheBatch() throws Exception {
        // The pipeline's own validation would catch this batch first, so SDS's verdict is exercised on the
        // publish route itself: it refuses the batch with SDS's messages.
        Batch b = batch("b-start", false);
        BatchRejected r = rejection(b);
        assertThat(r.outcome()).isEqualTo(Batch.Outcome.QUARANTINED);
        assertThat(b.getSdsStatus()).isEqualTo("validationError");
        assertThat(r.getMessage()).startsWith("SDS refused to start the sync: it found 1 error(s)");
        assertThat(b.getSdsMessages()).anyMatch(m -> m.isError() && m.fileName().equals("studentenrollment.csv"));
    }

    @Test
    void validationErrorSeenWhilePollingQuarantinesWithSdsErrors() throws Exception {
        OPTIONS.deferValidationErrors(true);
        Batch b = batch("b-deferred", false);
        assertThat(rejection(b).outcome()).isEqualTo(Batch.Outcome.QUARANTINED);
        assertThat(b.getSdsMessages()).noneMatch(Message::isError);
        assertThat(b.getSdsStatus()).isEqualTo("validationError");
        assertThat(b.getSdsErrors()).isNotEmpty();
        assertThat(b.getSdsErrors().get(0).get("errorMessage").toString()).contains("referenced data not found");
    }

    @Test
    void quarantinedSeenWhilePollingEndsInQuarantine() throws Exception {
        OPTIONS.syncErrorRate(0.5).quarantineThreshold(3);
        Batch b = process(batch("b-quarantined", true), "direct:process-batch");
        assertThat(b.getSdsStatus()).isEqualTo("quarantined");
        assertThat(b.getOutcome()).isEqualTo(Batch.Outcome.QUARANTINED);
        assertThat(b.getFinalLocation().getParent()).isEqualTo(workDir.resolve("quarantine"));
        assertThat(b.getFinalLocation().getFileName().toString()).startsWith("b-quarantined-");
        assertThat(b.getSdsErrors()).hasSizeGreaterThan(3)
                .allMatch(e -> "UnsynchronizableChange".equals(e.get("errorCode")));
        assertThat(b.getReason()).contains("quarantined");
    }

    @Test
    void errorStatusIsArchivedWithTheErrorsAndAWarning() throws Exception {
        OPTIONS.syncErrorRate(0.2);
        Batch b = process(batch("b-error", true), "direct:process-batch");
        assertThat(b.getSdsStatus()).isEqualTo("error");
        assertThat(b.getOutcome()).isEqualTo(Batch.Outcome.ACCEPTED);
        assertThat(Files.isDirectory(workDir.resolve("archive/b-error"))).isTrue();
        assertThat(b.getSdsErrors()).isNotEmpty();
        assertThat(b.getAttributes().get("sds.warning").toString()).contains("error(s)");
    }

    @Test
    void unknownProfileFailsTheBatchWithOneSentence() throws Exception {
        Batch in = batch("b-noprofile", true);
        in.getAttributes().put(ClassicPublisher.PROFILE_ATTR, "no-such-profile");
        Batch b = process(in, "direct:process-batch");
        assertThat(b.getOutcome()).isEqualTo(Batch.Outcome.FAILED);
        assertThat(b.getReason()).isEqualTo("SDS refused to give an upload URL for profile no-such-profile: The "
                + "synchronization profile no-such-profile was not found (itemNotFound, HTTP 404).");
        assertThat(b.getFinalLocation()).isDirectory();
        assertThat(b.getFinalLocation().getFileName().toString()).startsWith("b-noprofile-");
    }

    @Test
    void anSdsV21BatchIsNotSentToSdsClassic() throws Exception {
        Path dir = workDir.resolve("test-batches").resolve("b-v21");
        org.sis2sds.convert.V21DistrictGenerator.write(dir, 40, 3);
        Batch b = process(new Batch("b-v21", dir, "drop", "sync-1"), "direct:process-batch");
        assertThat(b.getOutcome()).isEqualTo(Batch.Outcome.FAILED);
        assertThat(b.getReason()).startsWith("SDS Classic takes SDS v1 CSV only, and this batch is SDS v2.1");
        assertThat(b.getFinalLocation().getParent()).isEqualTo(workDir.resolve("quarantine"));
    }
}
