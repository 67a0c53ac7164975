package org.sis2sds.sandbox.industrydata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.sis2sds.sandbox.QueryString;
import org.sis2sds.sandbox.graph.GraphError;
import org.sis2sds.sandbox.graph.GraphResponse;

/** Drives the industryData service without HTTP, on a clock the test moves. */
final class ServiceDriver {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TENANT = "c0ffee00-0000-4000-8000-000000000001";
    static final String GRAPH = "http://graph.test/beta";

    final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T08:00:00Z"));
    final FolderUploadStorage storage;
    final IndustryDataService service;
    Set<String> roles = Permissions.ALL;

    ServiceDriver(Path tmp, IndustryDataOptions o) {
        this.storage = new FolderUploadStorage(tmp.resolve("storage"));
        this.service = new IndustryDataService(o, storage, tmp.resolve("work"), clock);
    }

    /** One answer: the status, headers and JSON (or the error's code and message as JSON). */
    record Answer(int status, Map<String, String> headers, JsonNode json, String text) {
        String code() {
            return json.path("error").path("code").asText();
        }
    }

    Answer call(String method, String pathAndQuery, String body) {
        String path = pathAndQuery;
        Map<String, String> q = new HashMap<>();
        int i = pathAndQuery.indexOf('?');
        if (i >= 0) {
            path = pathAndQuery.substring(0, i);
            q = QueryString.parse(pathAndQuery.substring(i + 1));
        }
        try {
            GraphResponse a = service.handle(new GraphCall(method, GraphPath.parse(path), q,
                    body == null ? "" : body, GRAPH,
                    new GraphCall.Caller(TENANT, roles)));
            return new Answer(a.status(), a.headers(), a.json(),
                    a.bytes() == null ? null : new String(a.bytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (GraphError f) {
            return new Answer(f.status(), f.headers(), JSON.createObjectNode().set("error",
                    JSON.createObjectNode().put("code", f.code()).put("message", f.getMessage())), null);
        }
    }

    JsonNode ok(String method, String path, String body) {
        Answer a = call(method, path, body);
        if (a.status >= 300) {
            throw new AssertionError(method + " " + path + " → " + a.status + " " + a.json);
        }
        return a.json;
    }

    /** Source system → connector → year → file flow, as research §2.1; returns {connectorId, flowId}. */
    String[] setup(String format, String expiration) {
        String ss = ok("POST", "/sourceSystems", "{\"displayName\":\"SIS\",\"userMatchingSettings\":[{\"matchTarget\":"
                + "{\"code\":\"userPrincipalName\"},\"priorityOrder\":0,\"roleGroup@odata.bind\":\"" + GRAPH
                + "/external/industryData/roleGroups/staff\",\"sourceIdentifier\":{\"code\":\"username\"}}]}")
                .path("id").asText();
        String dc = ok("POST", "/dataConnectors", "{\"@odata.type\":\"#microsoft.graph.industryData."
                + "azureDataLakeConnector\",\"displayName\":\"CSV\",\"fileFormat\":{\"code\":\"" + format + "\"},"
                + "\"sourceSystem@odata.bind\":\"" + GRAPH + "/external/industryData/sourceSystems('" + ss + "')\"}")
                .path("id").asText();
        String yr = ok("POST", "/years", "{\"displayName\":\"2025-26\",\"startDate\":\"2025-08-01\","
                + "\"endDate\":\"2026-07-31\",\"year\":{\"code\":\"2025\"}}").path("id").asText();
        String flow = ok("POST", "/inboundFlows", "{\"@odata.type\":\"#microsoft.graph.industryData.inboundFileFlow\","
                + "\"dataConnector@odata.bind\":\"" + GRAPH + "/external/industryData/dataConnectors/" + dc + "\","
                + "\"year@odata.bind\":\"" + GRAPH + "/external/industryData/years/" + yr + "\","
                + "\"dataDomain\":\"educationRostering\",\"displayName\":\"Rostering\","
                + "\"effectiveDateTime\":\"2026-01-01\"" + (expiration == null ? ""
                : ",\"expirationDateTime\":\"" + expiration + "\"") + "}").path("id").asText();
        return new String[] {dc, flow};
    }

    /** getUploadSession, then the named files (from the v2.1 sample, or given content) written into the container. */
    JsonNode upload(String connectorId, Map<String, String> files) {
        JsonNode session = ok("GET", "/dataConnectors/" + connectorId + "/microsoft.graph.industryData."
                + "azureDataLakeConnector/microsoft.graph.industryData.getUploadSession()", null);
        Path dir = storage.dir(TENANT, connectorId, session.path("containerId").asText());
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return session;
    }

    /** validate, then the clock past the validation; returns the finished operation. */
    JsonNode validate(String connectorId) {
        Answer a = call("POST", "/dataConnectors/" + connectorId + "/validate()", null);
        if (a.status != 202) {
            throw new AssertionError("validate → " + a.status + " " + a.json);
        }
        String location = a.headers.get("Location");
        clock.move(service.options().validateDelay.plusMillis(1));
        return ok("GET", location.substring(location.indexOf("/operations/")), null);
    }

    static Map<String, String> sample() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        try {
            Path dir = Path.of(ServiceDriver.class.getResource("/industrydata/v21-sample/orgs.csv").toURI())
                    .getParent();
            for (String f : new String[] {"orgs.csv", "users.csv", "roles.csv", "classes.csv", "enrollments.csv",
                "academicSessions.csv", "courses.csv", "demographics.csv", "userFlags.csv", "relationships.csv"}) {
                m.put(f, Files.readString(dir.resolve(f)));
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void move(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
