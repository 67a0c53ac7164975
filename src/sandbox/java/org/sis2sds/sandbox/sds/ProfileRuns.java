package org.sis2sds.sandbox.sds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.sis2sds.batch.SdsFile;
import org.sis2sds.validate.Message;
import org.sis2sds.validate.ValidationOptions;
import org.sis2sds.validate.ValidationResult;
import org.sis2sds.validate.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine of Classic profiles and their sync runs: provisioning → provisioned (→ a run of its own for
 * PowerSchool and OneRoster providers), deleting → gone; a run goes extracting → validating → inProgress → success,
 * error or quarantined (or validationError), and can be paused and resumed. Time moves it on: {@link #advance} is
 * called before every request. Also the validation a start runs and the sync errors a run finds.
 */
final class ProfileRuns {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileRuns.class);
    private final SdsSandboxOptions o;
    private final ObjectMapper json = new ObjectMapper();

    ProfileRuns(SdsSandboxOptions o) {
        this.o = o;
    }

    void advanceAll(Collection<SandboxProfile> profiles, Instant now) {
        for (SandboxProfile p : profiles) {
            advance(p, now);
        }
    }

    /** Moves a profile's state and its run on as far as the time allows. */
    void advance(SandboxProfile p, Instant now) {
        for (int guard = 0; guard < 16; guard++) {
            if (p.state.equals("provisioning")) {
                Instant at = p.stateSince.plus(o.provisionDelay);
                if (now.isBefore(at)) {
                    return;
                }
                p.stateSince = at;
                if (p.failProvisioning) {
                    p.state = "provisioningFailed";
                    return;
                }
                p.state = "provisioned";
                if (!p.isCsv()) {
                    beginRun(p, at); // PowerSchool and OneRoster profiles pull from their source by themselves
                }
                continue;
            }
            if (p.state.equals("deleting")) {
                if (!now.isBefore(p.stateSince.plus(o.deleteDelay))) {
                    p.gone = true;
                }
                return;
            }
            if (p.paused || p.phase == SandboxProfile.Phase.NONE || p.phase == SandboxProfile.Phase.DONE) {
                return;
            }
            Duration d = switch (p.phase) {
                case EXTRACTING -> o.extractDelay;
                case VALIDATING -> o.validateDelay;
                default -> o.syncDelay;
            };
            Instant end = p.phaseStart.plus(d);
            if (now.isBefore(end)) {
                return;
            }
            p.phaseStart = end;
            p.lastActivity = end;
            switch (p.phase) {
                case EXTRACTING -> set(p, SandboxProfile.Phase.VALIDATING, "validating", "Validating the source data.");
                case VALIDATING -> {
                    if (!p.deferredErrors.isEmpty()) {
                        p.errors.addAll(p.deferredErrors);
                        p.deferredErrors = List.of();
                        set(p, SandboxProfile.Phase.DONE, "validationError", "Critical errors are blocking sync; see "
                                + "the profile's errors.");
                    } else {
                        set(p, SandboxProfile.Phase.IN_PROGRESS, "inProgress", "Synchronizing.");
                    }
                }
                default -> finishRun(p, end);
            }
        }
    }

    private static void set(SandboxProfile p, SandboxProfile.Phase phase, String status, String message) {
        p.phase = phase;
        p.status = status;
        p.statusMessage = message;
    }

    void beginRun(SandboxProfile p, Instant at) {
        set(p, SandboxProfile.Phase.EXTRACTING, "extracting", "Extracting the source data.");
        p.phaseStart = at;
        p.paused = false;
        p.lastActivity = at;
    }

    private void finishRun(SandboxProfile p, Instant at) {
        p.phase = SandboxProfile.Phase.DONE;
        p.errors.addAll(p.isCsv() ? syncErrors(p, at) : List.of());
        if (p.errors.size() > o.quarantineThreshold) {
            p.status = "quarantined";
            p.statusMessage = "The profile is quarantined: " + p.errors.size() + " errors exceed the limit of "
                    + o.quarantineThreshold + ".";
        } else if (!p.errors.isEmpty()) {
            p.status = "error";
            p.statusMessage = "Synchronization finished with " + p.errors.size() + " error(s).";
            p.lastSync = at;
        } else {
            p.status = "success";
            p.statusMessage = "Synchronization finished.";
            p.lastSync = at;
        }
    }

    /** Pause: a run stops where it is; profileStatus says {@code paused} until resume. */
    void pause(SandboxProfile p, Instant now) {
        if (p.paused) {
            return;
        }
        p.paused = true;
        p.statusBeforePause = p.status;
        p.messageBeforePause = p.statusMessage;
        p.status = "paused";
        p.statusMessage = "Synchronization is paused.";
        p.lastActivity = now;
    }

    /** Resume: an interrupted run goes on from its phase; a finished profile shows its last status again. */
    void resume(SandboxProfile p, Instant now) {
        if (!p.paused) {
            return;
        }
        p.paused = false;
        p.lastActivity = now;
        if (p.phase == SandboxProfile.Phase.NONE || p.phase == SandboxProfile.Phase.DONE) {
            p.status = p.statusBeforePause;
            p.statusMessage = p.messageBeforePause;
            return;
        }
        // back to inProgress; errors the validation still has to surface keep the run in validating
        p.phase = p.deferredErrors.isEmpty() ? SandboxProfile.Phase.IN_PROGRESS : SandboxProfile.Phase.VALIDATING;
        p.phaseStart = now;
        p.status = p.phase == SandboxProfile.Phase.IN_PROGRESS ? "inProgress" : "validating";
        p.statusMessage = "Synchronizing.";
    }

    // ------------------------------------------------------------------------------------------ validation

    /** The project's validator over the uploaded container, honouring the profile's optionalPropertiesToSync. */
    ValidationResult validate(SandboxProfile p) throws IOException {
        Map<SdsFile, Set<String>> optional = new EnumMap<>(SdsFile.class);
        JsonNode cust = p.body.path("dataProvider").path("customizations");
        for (SdsFile f : SdsFile.values()) {
            String key = switch (f) {
                case STUDENT_ENROLLMENT -> "studentEnrollment";
                case TEACHER_ROSTER -> "teacherRoster";
                default -> f.entity();
            };
            JsonNode props = cust.path(key).path("optionalPropertiesToSync");
            if (props.isArray() && !props.isEmpty()) {
                Set<String> cols = new LinkedHashSet<>();
                props.forEach(n -> cols.add(columnName(f, n.asText())));
                optional.put(f, cols);
            }
        }
        ValidationOptions d = ValidationOptions.defaults();
        Files.createDirectories(p.container);
        return new Validator(new ValidationOptions(d.maxRows(), optional, d.maxRowNumbers(), d.maxSamples()))
                .validate(p.container);
    }

    /** optionalPropertiesToSync spellings that differ from the CSV headers (§4.3). */
    private static String columnName(SdsFile f, String prop) {
        return switch (prop) {
            case "GradeLow" -> "Grade Low";
            case "GradeHigh" -> "Grade High";
            case "Email" -> f == SdsFile.SCHOOL ? "Principal Secondary Email" : "Secondary Email";
            default -> prop;
        };
    }

    ObjectNode validationError(Message m, Instant at) {
        ObjectNode e = json.createObjectNode();
        e.put("id", UUID.randomUUID().toString().toUpperCase(Locale.ROOT));
        String entity = m.fileName() == null ? "" : m.fileName().replace(".csv", "");
        e.put("entryType", entity.isEmpty() ? "" : Character.toUpperCase(entity.charAt(0)) + entity.substring(1));
        e.put("errorCode", "ValidationError");
        e.put("errorMessage", m.fileName() + ": " + m.description());
        e.put("joiningValue", m.fileName());
        e.put("recordedDateTime", at.truncatedTo(ChronoUnit.SECONDS).toString());
        e.put("reportableIdentifier", m.fileName());
        return e;
    }

    /** The realistic sync errors: a deterministic share of the uploaded students whose identity does not match. */
    private List<ObjectNode> syncErrors(SandboxProfile p, Instant at) {
        if (o.syncErrorRate <= 0) {
            return List.of();
        }
        Path f = findFile(p.container, SdsFile.STUDENT);
        if (f == null) {
            return List.of();
        }
        String domain = studentDomain(p);
        List<ObjectNode> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                     .setIgnoreSurroundingSpaces(false).build().parse(r)) {
            Map<String, Integer> h = csv.getHeaderMap();
            for (CSVRecord rec : csv) {
                String sis = get(rec, h, "SIS ID");
                String user = get(rec, h, "Username");
                if (sis.isEmpty() || draw(sis) >= o.syncErrorRate) {
                    continue;
                }
                ObjectNode e = json.createObjectNode();
                e.put("id", UUID.nameUUIDFromBytes((p.id + sis).getBytes(StandardCharsets.UTF_8)).toString()
                        .toUpperCase(Locale.ROOT));
                e.put("entryType", "Student");
                e.put("errorCode", "UnsynchronizableChange");
                e.put("errorMessage", "Student cannot be updated as no matching entry in Active Directory was found "
                        + "for Student.  Verify the identity matching criteria for the profile.");
                e.put("joiningValue", user.isEmpty() ? sis : user + "@" + domain);
                e.put("recordedDateTime", at.truncatedTo(ChronoUnit.SECONDS).toString());
                e.put("reportableIdentifier", user.isEmpty() ? sis : user);
                out.add(e);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("sandbox could not read Student.csv of {}: {}", p.id, e.toString());
        }
        return out;
    }

    private double draw(String key) {
        return new java.util.SplittableRandom(o.graphFaults.seed * 0x9E3779B97F4A7C15L ^ key.hashCode()).nextDouble();
    }

    private static String get(CSVRecord rec, Map<String, Integer> h, String col) {
        Integer i = h.get(col);
        return i == null || i >= rec.size() ? "" : rec.get(i).trim();
    }

    private static Path findFile(Path dir, SdsFile f) {
        try (var files = Files.list(dir)) {
            return files.filter(x -> x.getFileName().toString().equalsIgnoreCase(f.canonicalName())).findFirst()
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static String studentDomain(SandboxProfile p) {
        JsonNode id = p.body.path("identitySynchronizationConfiguration");
        for (JsonNode d : id.path("userDomains")) {
            if ("student".equals(d.path("appliesTo").asText())) {
                return d.path("name").asText("sandbox.example.edu");
            }
        }
        for (JsonNode m : id.path("matchingOptions")) {
            if ("student".equals(m.path("appliesTo").asText()) && m.hasNonNull("targetDomain")) {
                return m.path("targetDomain").asText();
            }
        }
        return "sandbox.example.edu";
    }
}
