package org.sis2sds.sandbox.sds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One synchronization profile held by the sandbox, with its lifecycle state and its sync run. Guarded by the sandbox lock. */
final class SandboxProfile {
    enum Phase { NONE, EXTRACTING, VALIDATING, IN_PROGRESS, DONE }

    final String id;
    ObjectNode body;
    final Path container;
    String state = "provisioning";
    Instant stateSince;
    boolean gone;
    boolean failProvisioning;

    Phase phase = Phase.NONE;
    Instant phaseStart;
    boolean paused;
    String status = "paused";
    String statusMessage = "No synchronization has run yet; upload the files and start the profile.";
    /** What profileStatus said before a pause, shown again on resume of a finished profile. */
    String statusBeforePause = "paused";
    String messageBeforePause = statusMessage;
    Instant lastSync;
    Instant lastActivity;
    /** Errors that SDS's advanced validation finds once the run reaches validating (deferred validation). */
    List<ObjectNode> deferredErrors = List.of();
    final List<ObjectNode> errors = new ArrayList<>();

    SandboxProfile(String id, ObjectNode body, Path container, Instant now) {
        this.id = id;
        this.body = body;
        this.container = container;
        this.stateSince = now;
    }

    String providerType() {
        return body.path("dataProvider").path("@odata.type").asText("");
    }

    boolean isCsv() {
        return providerType().endsWith("educationCsvDataProvider");
    }

    /** A run is busy: uploads (uploadUrl) and a new start are refused with 409. */
    boolean running() {
        return !paused && (phase == Phase.EXTRACTING || phase == Phase.VALIDATING || phase == Phase.IN_PROGRESS);
    }
}
