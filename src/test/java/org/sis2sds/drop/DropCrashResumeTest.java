package org.sis2sds.drop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.boot.Daemon;
import org.sis2sds.core.Settings;
import org.sis2sds.support.TestPaths;

/**
 * Nothing is lost across a crash: a daemon goes down while a dropped batch is half-way through the pipeline; the
 * next daemon resumes it, and the batch ends in exactly one folder.
 */
class DropCrashResumeTest {
    @TempDir
    Path work;

    private Settings settings() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("sis2sds.work-dir", work.toString());
        o.put("camel.management.enabled", "false");
        o.put("camel.server.enabled", "false");
        o.put("sis2sds.shutdown-timeout-seconds", "1");
        o.put("camel.main.shutdown-timeout", "1");
        o.put("sis2sds.drop.poll-interval", "100ms");
        o.put("sis2sds.drop.min-age", "1s");
        return Settings.load(TestPaths.home(), o);
    }

    private List<String> everywhere() throws IOException {
        try (Stream<Path> s = Files.walk(work, 2)) {
            // db/ holds the sync database (sis2sds.db.url empty: H2 under the work dir), not batches
            return s.filter(p -> p.getNameCount() == work.getNameCount() + 2)
                    .filter(p -> !work.relativize(p).startsWith("db"))
                    .map(p -> work.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aBatchInterruptedMidPipelineIsResumedByTheNextDaemon() throws Exception {
        Path zip = TestBatches.zip(TestBatches.good(Files.createTempDirectory("src")), work.resolve("x.zip"), "");
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);

        Daemon first = Daemon.start(settings());
        try {
            // block the pipeline after validation, just before publishing, like a crash mid-way would
            AdviceWith.adviceWith(first.context(), "process-batch", r -> r.weaveByToUri("direct:publish").before()
                    .process(e -> {
                        blocked.countDown();
                        never.await(30, TimeUnit.SECONDS);
                        throw new IllegalStateException("daemon went down");
                    }));
            Files.createDirectories(work.resolve("inbox"));
            Path dropped = Files.move(zip, work.resolve("inbox/term.zip"));
            Files.setLastModifiedTime(dropped, FileTime.from(Instant.now().minusSeconds(5)));
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(everywhere()).contains("processing/term").noneMatch(p -> p.startsWith("archive/")
                    || p.startsWith("quarantine/") || p.startsWith("inbox/"));
        } finally {
            first.close();
            never.countDown();
        }
        // the blocked step now fails while the daemon is down: the batch must stay in processing/
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> everywhere().equals(List.of("processing/term")));

        try (Daemon second = Daemon.start(settings())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(work.resolve("archive/term/report.json")));
            assertThat(everywhere()).containsExactly("archive/term");
            assertThat(new ObjectMapper().readTree(work.resolve("archive/term/report.json").toFile())
                    .get("outcome").asText()).isEqualTo("ACCEPTED");
            assertThat(second.context().getRoute("drop-inbox")).isNotNull();
        }
    }

    @Test
    void anInterruptedUnpackIsRedoneAtStart() throws Exception {
        Path processing = Files.createDirectories(work.resolve("processing"));
        TestBatches.zip(TestBatches.good(Files.createTempDirectory("src")), processing.resolve("half.zip"), "");
        Files.createDirectories(processing.resolve(".extract-half"));
        Files.writeString(processing.resolve(".extract-half/School.csv"), "SIS ID,Na");

        try (Daemon d = Daemon.start(settings())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(work.resolve("archive/half/report.json")));
            assertThat(everywhere()).containsExactly("archive/half");
            assertThat(Files.readString(work.resolve("archive/half/School.csv"))).startsWith("SIS ID,Name");
        }
    }
}
