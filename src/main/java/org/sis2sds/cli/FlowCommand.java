package org.sis2sds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sis2sds.core.Settings;
import org.sis2sds.industrydata.FlowPublisher;
import org.sis2sds.industrydata.FlowService;
import org.sis2sds.industrydata.FlowSetup;
import org.sis2sds.industrydata.Graph;
import org.sis2sds.industrydata.IndustryDataSettings;
import org.sis2sds.industrydata.PublishState;
import org.sis2sds.industrydata.RunStatistics;
import org.sis2sds.sds.SdsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sis2sds flow <verb>}: the live SDS (Microsoft Graph industryData) against the configured tenant
 * ({@code sis2sds.sds.*}) or, with {@code --sandbox}, the local sandbox. Exit 0 success, 1 SDS refused (its error
 * printed as one sentence), 2 usage: the rules of {@code profile}, with the same plumbing ({@link GraphVerb}).
 */
@Command(name = "flow", mixinStandardHelpOptions = true,
        description = "The live SDS (Graph industryData): set up, list and inspect inbound flows, upload, runs.",
        subcommands = {FlowCommand.SetupVerb.class, FlowCommand.ListVerb.class, FlowCommand.GetVerb.class,
                FlowCommand.DeleteVerb.class, FlowCommand.RunsVerb.class, FlowCommand.StatsVerb.class,
                FlowCommand.UploadVerb.class})
public final class FlowCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a flow verb: setup, list, get, delete, "
                + "runs, stats or upload.");
    }

    /** The base of every verb: the industryData tools; SDS's refusals exit 1. */
    abstract static class Verb extends SdsCommand {
        @Override
        protected final int execute() throws Exception {
            try (FlowService svc = new FlowService(settings(), null)) {
                return run(svc);
            }
        }

        /** What the verb does with SDS; returns the exit code. */
        abstract int run(FlowService svc) throws Exception;

        @Override
        protected CliException refusal(Exception e) {
            return e instanceof SdsException ? new CliException(REFUSED, e.getMessage(), e) : null;
        }

        static String shortTime(Instant t) {
            return t == null ? "-" : t.toString().replaceFirst("\\.\\d+Z$", "Z");
        }
    }

    @Command(name = "setup", description = "Creates (or finds) the source system, data connector, year and inbound "
            + "flow; waits until the flow is ready; prints the ids for the configuration.")
    static final class SetupVerb extends Verb {
        @Option(names = "--name", required = true, description = "Base display name, e.g. the district's.")
        String name;

        @Option(names = "--year-start", required = true, paramLabel = "YYYY-MM-DD")
        String yearStart;

        @Option(names = "--year-end", required = true, paramLabel = "YYYY-MM-DD",
                description = "Last day of the school year; the flow expires then.")
        String yearEnd;

        @Option(names = "--format", defaultValue = "v2.1", description = "v2.1 (default) or v1.")
        String format;

        @Option(names = "--match-source", description = "Source identifier users are matched by: username, email or "
                + "activeDirectory (default: setting sis2sds.sds.industrydata.match-source, username).")
        String matchSource;

        @Option(names = "--match-target", description = "Entra ID property matched: userPrincipalName or mail "
                + "(default: setting sis2sds.sds.industrydata.match-target, userPrincipalName).")
        String matchTarget;

        @Option(names = "--match-domain", description = "Domain appended to source values without @domain.")
        String matchDomain;

        @Override
        int run(FlowService svc) throws Exception {
            Settings s = settings();
            FlowSetup.Matching m = new FlowSetup.Matching(
                    choice("--match-source", matchSource, s.get(IndustryDataSettings.P + "match-source", "username"),
                            FlowSetup.Matching.SOURCES),
                    choice("--match-target", matchTarget, s.get(IndustryDataSettings.P + "match-target",
                            "userPrincipalName"), FlowSetup.Matching.TARGETS),
                    matchDomain != null ? matchDomain : s.get(IndustryDataSettings.P + "match-domain", null));
            FlowSetup.Request req;
            try {
                req = new FlowSetup.Request(name, date("--year-start", yearStart), date("--year-end", yearEnd), format, m);
            } catch (IllegalArgumentException e) {
                throw new CliException(Sis2sds.USAGE, e.getMessage() + ".");
            }
            if (!json()) {
                out.println("Setting up \"" + name + "\" (" + format + ", " + yearStart + " to " + yearEnd + ") ...");
                out.flush();
            }
            FlowSetup.Result r = svc.setup().run(req, svc.readyTimeout(), line -> {
                if (!json()) {
                    out.println("  " + line);
                    out.flush();
                }
            });
            if (json()) {
                ObjectNode n = JSON.createObjectNode().put("sourceSystemId", r.sourceSystemId())
                        .put("dataConnectorId", r.connectorId()).put("yearId", r.yearId())
                        .put("inboundFlowId", r.flowId()).put("readinessStatus", r.readiness())
                        .put("expirationDateTime", r.expiration() == null ? null : r.expiration().toString());
                n.set("created", JSON.valueToTree(r.created()));
                print(n);
                return 0;
            }
            out.println("The inbound flow is " + r.readiness() + " (expires " + shortTime(r.expiration()) + ").");
            out.println("Put in the configuration:");
            out.println("  SIS2SDS_SDS_MODE=industrydata");
            out.println("  SIS2SDS_SDS_INDUSTRYDATA_FLOW_ID=" + r.flowId());
            return 0;
        }

        private static String choice(String option, String given, String fallback, java.util.Set<String> allowed) {
            String v = given != null ? given : fallback;
            if (!allowed.contains(v)) {
                throw new CliException(Sis2sds.USAGE, option + " is '" + v + "' but must be one of "
                        + new java.util.TreeSet<>(allowed) + ".");
            }
            return v;
        }

        private static LocalDate date(String option, String v) {
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw new CliException(Sis2sds.USAGE, option + " is '" + v + "' but must be a date such as 2026-08-01.");
            }
        }
    }

    @Command(name = "list", description = "Lists the inbound flows.")
    static final class ListVerb extends Verb {
        @Override
        int run(FlowService svc) throws Exception {
            List<JsonNode> all = svc.client().list(Graph.Collection.INBOUND_FLOWS);
            if (json()) {
                ObjectNode n = JSON.createObjectNode();
                n.putArray("value").addAll(all);
                print(n);
                return 0;
            }
            if (all.isEmpty()) {
                out.println("No inbound flows; create one with: sis2sds flow setup --name NAME --year-start ... "
                        + "--year-end ...");
                return 0;
            }
            out.printf("%-36s  %-10s  %-20s  %s%n", "ID", "READINESS", "EXPIRES", "NAME");
            for (JsonNode f : all) {
                out.printf("%-36s  %-10s  %-20s  %s%n", f.path("id").asText(), f.path("readinessStatus").asText(),
                        f.path("expirationDateTime").asText("-").replaceFirst("\\.\\d+Z$", "Z"),
                        f.path("displayName").asText());
            }
            return 0;
        }
    }

    @Command(name = "get", description = "Shows one inbound flow and its data connector.")
    static final class GetVerb extends Verb {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        int run(FlowService svc) throws Exception {
            JsonNode f = svc.client().get(Graph.Collection.INBOUND_FLOWS, id);
            Graph.Flow flow = svc.client().flow(id);
            if (json()) {
                print(f);
                return 0;
            }
            out.println("Inbound flow " + flow.id() + "  \"" + flow.displayName() + "\"");
            out.println("  readiness:      " + flow.readiness());
            out.println("  domain:         " + f.path("dataDomain").asText());
            out.println("  effective:      " + shortTime(flow.effective()));
            out.println("  expires:        " + shortTime(flow.expiration()));
            out.println("  data connector: " + flow.connectorId());
            return 0;
        }
    }

    @Command(name = "delete", description = "Deletes an inbound flow (its connector, year and source system stay).")
    static final class DeleteVerb extends Verb {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        int run(FlowService svc) throws Exception {
            svc.client().delete(Graph.Collection.INBOUND_FLOWS, id);
            if (json()) {
                print(JSON.createObjectNode().put("id", id).put("deleted", true));
            } else {
                out.println("Deleted inbound flow " + id + ".");
            }
            return 0;
        }
    }

    @Command(name = "runs", description = "Lists SDS's runs, newest first.")
    static final class RunsVerb extends Verb {
        @Option(names = "--max", defaultValue = "20", description = "Show at most this many (default 20).")
        int max;

        @Override
        int run(FlowService svc) throws Exception {
            List<Graph.Run> runs = svc.client().runs();
            if (json()) {
                ObjectNode n = JSON.createObjectNode();
                ArrayNode v = n.putArray("value");
                runs.stream().limit(max).forEach(r -> v.add(JSON.valueToTree(r)));
                print(n);
                return 0;
            }
            if (runs.isEmpty()) {
                out.println("No runs yet.");
                return 0;
            }
            out.printf("%-36s  %-22s  %-20s  %-20s%n", "ID", "STATUS", "STARTED", "ENDED");
            runs.stream().limit(max).forEach(r -> out.printf("%-36s  %-22s  %-20s  %-20s%n", r.id(), r.status(),
                    shortTime(r.start()), shortTime(r.end())));
            return 0;
        }
    }

    @Command(name = "stats", description = "Shows a run's statistics (entities, errors and warnings).")
    static final class StatsVerb extends Verb {
        @Parameters(index = "0", paramLabel = "RUN_ID")
        String runId;

        @Override
        int run(FlowService svc) throws Exception {
            JsonNode st = svc.client().statistics(runId);
            if (json()) {
                print(st);
            } else {
                RunStatistics.of(st, null).print(out);
            }
            return 0;
        }
    }

    @Command(name = "upload", description = "Uploads every CSV file of DIR to the inbound flow and validates it; "
            + "--wait follows the run that picks it up.")
    static final class UploadVerb extends Verb implements WaitOptions.Defaults {
        @Parameters(index = "0", paramLabel = "DIR")
        Path dir;

        @Option(names = "--flow", paramLabel = "ID", description = "The inbound flow (default: setting "
                + "sis2sds.sds.industrydata.flow-id).")
        String flowId;

        @CommandLine.Mixin
        WaitOptions wait;

        @Override
        public String defaultTimeout() {
            return "14h";
        }

        @Override
        int run(FlowService svc) throws Exception {
            if (!Files.isDirectory(dir)) {
                throw new CliException(Sis2sds.USAGE, dir + " is not a folder; name the folder holding the CSV files.");
            }
            FlowPublisher p = svc.publisher();
            IndustryDataSettings cfg = svc.settings();
            Graph.Flow flow = p.flow(flowId != null ? flowId : cfg.flowId());
            PublishState st = PublishState.inMemory();
            Graph.Operation op;
            while (true) {
                long bytes = p.upload(flow, dir, st);
                say("Uploaded " + FlowPublisher.files(dir).size() + " file(s), " + bytes + " bytes, to \""
                        + flow.displayName() + "\"; validating ...");
                String location = p.validate(flow, st);
                if (!FlowPublisher.NEEDS_UPLOAD.equals(location)) {
                    op = awaitOperation(p, location, cfg);
                    break;
                }
            }
            p.recordVerdict(op, st);
            for (JsonNode w : op.warnings()) {
                say("Warning  " + w.path("target").asText() + "  " + w.path("message").asText());
            }
            for (JsonNode e : op.errors()) {
                say("Error  " + e.path("target").asText() + "  " + e.path("message").asText());
            }
            if (!op.errors().isEmpty() || !"succeeded".equalsIgnoreCase(op.status())) {
                if (json()) {
                    print(JSON.valueToTree(op));
                }
                out.flush();
                throw new CliException(1, "SDS refused the upload: " + (op.errors().isEmpty()
                        ? "the validation " + op.status() + (op.statusDetail() == null ? "" : " (" + op.statusDetail() + ")")
                        : op.errors().size() + " error(s), e.g. " + op.errors().get(0).path("code").asText() + " "
                        + op.errors().get(0).path("target").asText()) + "; fix the files and upload again.");
            }
            say("SDS validated the upload (" + op.warnings().size() + " warning(s)).");
            if (!wait.await()) {
                if (json()) {
                    print(JSON.valueToTree(op));
                }
                return 0;
            }
            if (cfg.startRun()) {
                say("On-demand run: " + p.start(st));
            }
            Duration limit = wait.timeout();
            Instant until = Instant.now().plus(limit);
            String last = null;
            while (true) {
                Optional<Graph.Run> r = p.run(st);
                if (r.isPresent() && !r.get().status().equals(last)) {
                    last = r.get().status();
                    say("  run " + r.get().id() + ": " + last);
                }
                if (r.isPresent() && r.get().isTerminal()) {
                    JsonNode stats = p.statistics(r.get().id());
                    if (json()) {
                        print(stats);
                    } else {
                        RunStatistics.of(stats, flow).print(out);
                    }
                    if ("failed".equalsIgnoreCase(r.get().status())) {
                        throw new CliException(1, "SDS's run " + r.get().id() + " failed"
                                + (r.get().blockingError() == null ? "" : ": "
                                + r.get().blockingError().path("message").asText()) + ".");
                    }
                    return 0;
                }
                if (Instant.now().isAfter(until)) {
                    throw new CliException(1, "No run of SDS picked the upload up within " + limit.toMinutes()
                            + " min; check later with: sis2sds flow runs");
                }
                Thread.sleep(Math.max(50, cfg.runPollInterval().toMillis()));
            }
        }

        private Graph.Operation awaitOperation(FlowPublisher p, String location, IndustryDataSettings cfg)
                throws Exception {
            Instant until = Instant.now().plus(cfg.validateTimeout());
            while (true) {
                Thread.sleep(Math.max(50, cfg.validatePollInterval().toMillis()));
                Graph.Operation op = p.operation(location);
                if (op.isFinished()) {
                    return op;
                }
                if (Instant.now().isAfter(until)) {
                    throw new CliException(1, "SDS was still validating after " + cfg.validateTimeout().toMinutes()
                            + " min; check later with: sis2sds flow runs");
                }
            }
        }

        private void say(String line) {
            if (!json()) {
                out.println(line);
                out.flush();
            }
        }
    }
}
