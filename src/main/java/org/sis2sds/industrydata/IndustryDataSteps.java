package org.sis2sds.industrydata;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.sis2sds.notify.Notifier;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.pipeline.BatchRejected;
import org.sis2sds.validate.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of {@code routes/publish-industrydata.camel.yaml} (bean {@code industryDataPublisher}): one batch to
 * one inbound flow of the live SDS. Each step does one thing through {@link FlowPublisher}, which records it in the
 * batch's publish state first, so a batch resumed after a crash goes on where it stood. A refusal throws
 * {@link BatchRejected}: validation errors and a failed run are QUARANTINED with SDS's messages, a changed file set
 * is HELD, an expired flow or an unreachable SDS is FAILED.
 *
 * <p>Exchange properties the route reads: {@value #POLLING} (keep polling) and {@value #POLL_MS} (the delay).
 */
public final class IndustryDataSteps {
    private static final Logger LOG = LoggerFactory.getLogger(IndustryDataSteps.class);
    public static final String POLLING = "idPolling";
    public static final String POLL_MS = "idPollMs";
    /** Batch attribute: the inbound flow (from the sync's destination configuration {@code flow_id}). */
    public static final String FLOW_ATTR = org.sis2sds.sync.SyncManager.ATTR_FLOW;
    /** Batch attribute: the run statistics (also recorded with the run: see the sync area's sds.statistics). */
    public static final String STATS_ATTR = org.sis2sds.sync.SyncManager.ATTR_SDS_STATISTICS;
    static final String CTX = "idPublication";

    private final java.util.function.Supplier<FlowPublisher> publishers;
    private final IndustryDataSettings cfg;
    private final FileSetGuard fileSets;
    private final Function<Batch, PublishState> states;
    private final java.util.function.Supplier<Notifier> notifier;
    private volatile IndustryDataMetrics metrics;
    private final Map<String, Semaphore> locks = new ConcurrentHashMap<>();

    /** What the steps of one batch share while it is in the route (never written anywhere). */
    static final class Ctx {
        Graph.Flow flow;
        PublishState st;
        String location;
        Graph.Operation op;
        Graph.Run run;
        Instant deadline;
        String held;
    }

    /**
     * @param publishers the publisher, made on first use (the connection settings are checked then, or at start-up
     *                   when the default mode is industrydata)
     * @param states     the durable publish state of a batch (its publish journal)
     * @param notifier   people to tell about a run that ended completedWithErrors (null: nobody)
     */
    public IndustryDataSteps(IndustryDataSettings cfg, java.util.function.Supplier<FlowPublisher> publishers,
                             FileSetGuard fileSets, Function<Batch, PublishState> states,
                             java.util.function.Supplier<Notifier> notifier) {
        this.publishers = publishers;
        this.cfg = cfg;
        this.fileSets = fileSets;
        this.states = states;
        this.notifier = notifier;
    }

    public void setMetrics(IndustryDataMetrics metrics) {
        this.metrics = metrics;
    }

    private FlowPublisher publisher() {
        return publishers.get();
    }

    private static Ctx ctx(Exchange ex) {
        return ex.getProperty(CTX, Ctx.class);
    }

    /** Step 1: the flow (an expired one fails with the fix), one batch at a time per connector, the file set. */
    public void prepare(Batch b, Exchange ex) {
        ex.setProperty(POLLING, false);
        Ctx c = new Ctx();
        ex.setProperty(CTX, c);
        Object attr = b.getAttributes().get(FLOW_ATTR);
        String flowId = attr == null || attr.toString().isBlank() ? cfg.flowId() : attr.toString();
        c.flow = call(b, "read the inbound flow", () -> publisher().flow(flowId));
        b.getAttributes().put(FLOW_ATTR, c.flow.id());
        b.getAttributes().put("industrydata.flowName", c.flow.displayName());
        c.st = states.apply(b);
        Semaphore lock = locks.computeIfAbsent(c.flow.connectorId(), k -> new Semaphore(1));
        try {
            if (!lock.tryAcquire(cfg.runTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw BatchRejected.failed("Another batch kept inbound flow \"" + c.flow.displayName() + "\" busy for "
                        + human(cfg.runTimeout()) + "; release this batch later.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BatchRejected.failed("The daemon stopped while batch " + b.getId() + " waited for its inbound flow.");
        }
        c.held = c.flow.connectorId();
        if (!c.st.has(PublishState.VALIDATE_CALLING)) {
            fileSets.check(b, c.flow);
        }
    }

    /** Step 2: every CSV file to the session's Data Lake folder (skipped when already done). */
    public void upload(Batch b, Exchange ex) {
        Ctx c = ctx(ex);
        long bytes = call(b, "upload the files", () -> publisher().upload(c.flow, b.getDir(), c.st));
        if (bytes > 0) {
            b.getAttributes().put("industrydata.uploadedBytes", bytes);
        }
    }

    /** Step 3: validate (once), then poll the operation from its Location. */
    public void validate(Batch b, Exchange ex) {
        Ctx c = ctx(ex);
        if (c.st.has(PublishState.VALIDATED)) {
            return; // resumed after the verdict: straight to the run
        }
        String loc = call(b, "validate the upload", () -> publisher().validate(c.flow, c.st));
        if (FlowPublisher.NEEDS_UPLOAD.equals(loc)) { // the session ended before it was validated: once more
            call(b, "upload the files", () -> publisher().upload(c.flow, b.getDir(), c.st));
            loc = call(b, "validate the upload", () -> publisher().validate(c.flow, c.st));
            if (FlowPublisher.NEEDS_UPLOAD.equals(loc)) {
                throw BatchRejected.failed("SDS lost the upload of batch " + b.getId() + " twice before validating it; "
                        + "release the batch to try again.");
            }
        }
        c.location = loc;
        c.deadline = Instant.now().plus(cfg.validateTimeout());
        ex.setProperty(POLL_MS, Math.max(1, cfg.validatePollInterval().toMillis()));
        ex.setProperty(POLLING, true);
    }

    /** Step 4 (in the loop): one read of the operation. */
    public void pollValidation(Batch b, Exchange ex) {
        Ctx c = ctx(ex);
        Graph.Operation op = call(b, "read the validation", () -> publisher().operation(c.location));
        if (op.isFinished()) {
            c.op = op;
            ex.setProperty(POLLING, false);
        } else if (Instant.now().isAfter(c.deadline)) {
            ex.setProperty(POLLING, false);
            throw BatchRejected.failed("SDS was still validating batch " + b.getId() + " after "
                    + human(cfg.validateTimeout()) + " (status " + op.status() + "); raise "
                    + IndustryDataSettings.P + "validate-timeout or release the batch later.");
        }
    }

    /** Step 5: errors[] are checked even when the operation succeeded; warnings are kept in the report. */
    public void judgeValidation(Batch b, Exchange ex) {
        Ctx c = ctx(ex);
        if (c.op == null) {
            return; // resumed after the verdict
        }
        Graph.Operation op = c.op;
        for (JsonNode w : op.warnings()) {
            b.getSdsMessages().add(message(Message.WARNING, w));
        }
        for (JsonNode e : op.errors()) {
            b.getSdsMessages().add(message(Message.ERROR, e));
        }
        b.getAttributes().put("industrydata.validatedFiles", op.validatedFiles());
        if (!op.errors().isEmpty()) {
            b.setSdsStatus("validationErrors");
            op.errors().forEach(e -> b.getSdsErrors().add(error(e)));
            throw BatchRejected.quarantined("SDS refused the upload: " + op.errors().size() + " error(s) in the files ("
                    + op.errors().get(0).path("code").asText() + " " + op.errors().get(0).path("target").asText()
                    + (op.errors().size() > 1 ? ", ..." : "") + "); fix them in the source and send the batch again.");
        }
        if (!"succeeded".equalsIgnoreCase(op.status())) {
            b.setSdsStatus("validation" + op.status());
            throw BatchRejected.failed("SDS could not validate the upload (operation " + op.status()
                    + (op.statusDetail() == null ? "" : ": " + op.statusDetail()) + "); release the batch to try again.");
        }
        call(b, "record the validation", () -> publisher().recordVerdict(op, c.st));
        fileSets.accepted(b, c.flow);
        LOG.info("SDS validated batch {} for inbound flow \"{}\" ({} warning(s))", b.getId(), c.flow.displayName(),
                op.warnings().size());
    }

    /** Step 6: an on-demand run when configured (a refusal is not an error: the scheduled run comes), then wait. */
    public void startRun(Batch b, Exchange ex) {
        Ctx c = ctx(ex);
        if (cfg.startRun()) {
            Graph.Start s = call(b, "start a run", () -> publisher().start(c.st));
            b.getAttributes().put("industrydata.runStart", s.name());
        }
        c.deadline = Instant.now().plus(cfg.runTimeout());
        ex.setProperty(POLL_MS, Math.max(1, cfg.runPollInterval().toMillis()));
        ex.setProperty(POLLING, true);
    }

    /** Step 7 (in the loop): the run that picked the upload up, until it ends. */
    public void pollRun(Batch b, Exchange ex) {
        Ctx c = ctx(ex);
        Optional<Graph.Run> r = call(b, "read the runs", () -> publisher().run(c.st));
        r.ifPresent(run -> b.setSdsStatus(run.status()));
        if (r.isPresent() && r.get().isTerminal()) {
            c.run = r.get();
            ex.setProperty(POLLING, false);
        } else if (Instant.now().isAfter(c.deadline)) {
            ex.setProperty(POLLING, false);
            throw BatchRejected.failed("SDS validated batch " + b.getId() + " but " + (r.isPresent() ? "its run "
                    + r.get().id() + " was still " + r.get().status() : "no run picked it up") + " after "
                    + human(cfg.runTimeout()) + "; check bin/sis2sds flow runs (raise " + IndustryDataSettings.P
                    + "run-timeout to wait longer).");
        }
    }

    /** Step 8: the run's statistics and the batch's outcome by the run's status. */
    public void finish(Batch b, Exchange ex) {
        Ctx c = ctx(ex);
        Graph.Run run = c.run;
        Optional<JsonNode> activity = call(b, "read the run's activities", () -> publisher().activity(run.id(), c.flow));
        JsonNode stats = call(b, "read the run's statistics", () -> publisher().statistics(run.id()));
        RunStatistics st = RunStatistics.of(stats, c.flow);
        Map<String, Object> m = new LinkedHashMap<>(st.toMap());
        m.put("flowId", c.flow.id());
        b.getAttributes().put(STATS_ATTR, m);
        b.setSdsStatus(run.status());
        IndustryDataMetrics mt = metrics;
        if (mt != null) {
            mt.run(c.flow.id(), st);
        }
        String actStatus = activity.map(a -> a.path("status").asText("")).orElse("");
        if ("skipped".equalsIgnoreCase(actStatus)) {
            throw BatchRejected.failed("SDS's run " + run.id() + " skipped inbound flow \"" + c.flow.displayName()
                    + "\" (expired or not ready); run bin/sis2sds flow setup for the next school year if it expired.");
        }
        JsonNode blocking = run.blockingError() != null ? run.blockingError()
                : activity.map(a -> a.get("blockingError")).filter(n -> n != null && !n.isNull()).orElse(null);
        switch (run.status()) {
            case "completed" -> LOG.info("SDS run {} completed batch {}", run.id(), b.getId());
            case "completedWithWarnings" -> b.getAttributes().put("sds.warning", "SDS's run " + run.id()
                    + " dropped " + st.warnings() + " optional value(s) (warnings); the records were kept.");
            case "completedWithErrors" -> {
                String w = "SDS's run " + run.id() + " dropped " + st.errors() + " record(s) that failed its checks "
                        + "(errors) and " + st.warnings() + " value(s); the rest was synced. The SDS portal's run log "
                        + "lists them.";
                b.getAttributes().put("sds.warning", w);
                b.getAttributes().put("sds.flagged", true);
                LOG.warn("Batch {}: {}", b.getId(), w);
                notifyFlagged(b, w);
            }
            case "failed" -> {
                if (blocking != null) {
                    b.getSdsErrors().add(error(blocking));
                }
                throw BatchRejected.quarantined("SDS's run " + run.id() + " failed" + (blocking == null ? ""
                        : ": " + blocking.path("message").asText(blocking.path("code").asText())) + "; fix the cause "
                        + "and send the batch again.");
            }
            default -> b.getAttributes().put("sds.warning", "SDS's run " + run.id() + " ended with status "
                    + run.status() + ", which sis2sds does not know.");
        }
    }

    /** Lets the next batch use the connector (the route's doFinally, whatever happened). */
    public void release(Exchange ex) {
        Ctx c = ctx(ex);
        if (c != null && c.held != null) {
            Semaphore s = locks.get(c.held);
            c.held = null;
            s.release();
        }
    }

    private void notifyFlagged(Batch b, String w) {
        Notifier n = notifier.get();
        if (n == null) {
            return;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("batchId", b.getId());
        json.put("syncId", b.getSyncId());
        json.put("runId", b.getRunId());
        json.put("statistics", b.getAttributes().get(STATS_ATTR));
        n.notice("batch.completedWithErrors", "batch " + b.getId() + " synced with errors",
                "Batch " + b.getId() + " (sync " + b.getSyncId() + ") was archived, but " + w + "\n", json);
    }

    static Message message(String type, JsonNode e) {
        return Message.of(type, e.path("target").asText(null), e.path("message").asText("") + " ("
                + e.path("code").asText("") + ")");
    }

    static Map<String, Object> error(JsonNode e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("errorCode", e.path("code").asText(null));
        m.put("target", e.path("target").asText(null));
        m.put("errorMessage", e.path("message").asText(null));
        List<String> details = new ArrayList<>();
        e.path("details").forEach(d -> details.add(d.path("message").asText()));
        if (!details.isEmpty()) {
            m.put("details", details);
        }
        return m;
    }

    private interface Call<T> {
        T run() throws IOException, InterruptedException;
    }

    /** Runs one call; a refusal or an unreachable SDS stops the batch as FAILED with one sentence. */
    private static <T> T call(Batch b, String what, Call<T> call) {
        try {
            return call.run();
        } catch (BatchRejected e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the daemon is stopping: the batch stays and goes on at the next start
            throw new IllegalStateException("Interrupted while about to " + what + " for batch " + b.getId() + ".", e);
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw BatchRejected.failed(e instanceof org.sis2sds.sds.SdsException ? why
                    : "SDS could not be reached (" + why + "); the batch was not published.");
        }
    }

    private static String human(Duration d) {
        return d.toHours() >= 2 ? d.toHours() + " h" : d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toMillis() + " ms";
    }
}
