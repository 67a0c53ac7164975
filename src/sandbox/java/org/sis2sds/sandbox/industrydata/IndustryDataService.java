package org.sis2sds.sandbox.industrydata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.sis2sds.sandbox.graph.GraphError;
import org.sis2sds.sandbox.graph.GraphResponse;

/**
 * The Graph industryData service (research §8), without HTTP: {@link #handle(GraphCall)} answers one request under
 * {@code /external/industryData}; the HTTP layer renders {@link GraphError}s. Time comes from a {@link Clock}, and
 * everything that happens by itself (operations finishing, runs starting and ending, the schedule) is played in time
 * order up to "now" before each request, so the same seed, calls and clock give the same answers.
 */
public final class IndustryDataService {
    final IndustryDataOptions o;
    final UploadStorage storage;
    final Path work;
    private final Clock clock;
    private final Random ids;
    private final Random draws;

    final EntitySet sourceSystems = new EntitySet("sourceSystems", "sourceSystemDefinition");
    final EntitySet dataConnectors = new EntitySet("dataConnectors", "industryDataConnector");
    final EntitySet years = new EntitySet("years", "yearTimePeriodDefinition");
    final EntitySet inboundFlows = new EntitySet("inboundFlows", "inboundFlow");
    final EntitySet operations = new EntitySet("operations", "longRunningOperation");
    final EntitySet runs = new EntitySet("runs", "industryDataRun");
    final EntitySet referenceDefinitions = new EntitySet("referenceDefinitions", "referenceDefinition");
    final EntitySet roleGroups = new EntitySet("roleGroups", "roleGroup");
    final EntitySet flowSets = new EntitySet("outboundProvisioningFlowSets", "outboundProvisioningFlowSet");
    final ReferenceValues lov;
    final SetupResources setup;
    final Uploads uploads;
    final RunEngine runEngine;
    private final Routes routes;
    private final LostAnswers lost;

    /**
     * @param work a folder of the service's own (validated snapshots are copied there)
     */
    public IndustryDataService(IndustryDataOptions options, UploadStorage storage, Path work, Clock clock) {
        this.o = options;
        this.storage = storage;
        this.work = work;
        this.clock = clock;
        this.ids = new Random(options.seed);
        this.draws = new Random(options.seed ^ 0x5DEECE66DL);
        this.lov = new ReferenceValues(referenceDefinitions, roleGroups);
        this.setup = new SetupResources(this);
        this.uploads = new Uploads(this);
        this.runEngine = new RunEngine(this, now());
        this.routes = new Routes(this);
        this.lost = new LostAnswers(options.dropRate, options.seed);
    }

    /** Answers one request (a {@link GraphError} for an error answer). */
    public synchronized GraphResponse handle(GraphCall call) {
        advance();
        return routes.answer(call);
    }

    /** The lost-answer switch: which carried-out calls get no answer ({@link #answerLost(GraphCall)}). */
    public LostAnswers lostAnswers() {
        return lost;
    }

    /** Asked by the HTTP layer after {@link #handle}: true = cut the connection instead of answering. */
    public boolean answerLost(GraphCall call) {
        return lost.lose(call);
    }

    /** Plays everything due up to now (the HTTP layer also calls this on a timer, so runs move while no one asks). */
    public synchronized void advance() {
        Instant now = now();
        while (true) {
            ObjectNode op = null;
            Instant t = runEngine.nextEvent();
            for (ObjectNode u : uploads.unfinished()) {
                Instant done = Instant.parse(u.path("_done").asText());
                if (t == null || done.isBefore(t) || done.equals(t)) {
                    t = done;
                    op = u;
                }
            }
            if (t == null || t.isAfter(now)) {
                break;
            }
            if (op != null) {
                uploads.finish(op, t);
            } else {
                runEngine.fire(t);
            }
        }
        uploads.expire(now);
    }

    /**
     * Records each file of a flow's last run held: {@code {active, inactive}} per file name (sandbox inspection: SDS
     * shows this only in its portal).
     */
    public synchronized Map<String, int[]> recordStates(String flowId) {
        advance();
        return runEngine.recordStates(flowId);
    }

    /** The ids of the runs so far, oldest first (sandbox inspection). */
    public synchronized List<String> runIds() {
        advance();
        List<String> l = new ArrayList<>();
        runs.all().forEach(r -> l.add(r.path("id").asText()));
        return l;
    }

    public IndustryDataOptions options() {
        return o;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A new GUID, from the seeded generator. */
    String newId() {
        return new UUID(ids.nextLong(), ids.nextLong()).toString();
    }

    /** A draw in [0, 1) for the run-failure switch, from the seeded generator. */
    double draw() {
        return draws.nextDouble();
    }

    /** A flow's readinessStatus at {@code at} (§8.2): notReady → ready → expired; disabled; failed without links. */
    String readiness(ObjectNode flow, Instant at) {
        if (dataConnectors.find(flow.path("_dataConnector").asText()) == null
                || years.find(flow.path("_year").asText()) == null) {
            return "failed";
        }
        if (flow.path("_disabled").asBoolean()) {
            return "disabled";
        }
        if (at.isBefore(Instant.parse(flow.path("_created").asText()).plus(o.readinessDelay))) {
            return "notReady";
        }
        String exp = flow.path("expirationDateTime").asText(null);
        return exp != null && at.isAfter(Instant.parse(exp)) ? "expired" : "ready";
    }
}
