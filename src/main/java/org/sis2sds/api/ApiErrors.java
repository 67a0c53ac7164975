package org.sis2sds.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.sis2sds.api.Answers.Failure;
import org.sis2sds.api.Answers.Problem;
import org.sis2sds.sync.SyncAttributes;
import org.sis2sds.sync.SyncException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bean {@code apiErrors}: the one place that turns what went wrong in an API request into its answer, a status and
 * {@code {"success": false, "message", "errors"}} (used by the {@code onException} of {@code routes/api.camel.yaml}).
 * A refusal of the sync area ({@link SyncException}) keeps its status and reasons; a body that does not bind to the
 * request type is a 400 in one sentence naming the attribute, in the words the sync area uses, never the JSON
 * library's; anything else is a 500 that points to the daemon log (where it is logged with its cause).
 */
public final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    static final String BODY_SHAPE = "{\"sync\": {...attributes...}}";

    /** A status and its answer. */
    record Refusal(int status, Failure failure) {
    }

    /** The HTTP status of the answer to {@code e}. */
    public int status(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable e) {
        return refusal(e).status();
    }

    /** The body of the answer to {@code e}; logs what was not a refusal. */
    public Failure failure(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable e,
            @Header(Exchange.HTTP_METHOD) String method, @Header(Exchange.HTTP_PATH) String path) {
        Refusal r = refusal(e);
        if (r.status() >= 500) {
            LOG.warn("API request {} {} failed", method, path, e);
        }
        return r.failure();
    }

    static Refusal refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SyncException s) {
                return of(s);
            }
            if (t instanceof JsonProcessingException j) {
                return of(unbound(j));
            }
        }
        return new Refusal(500, new Failure("The request failed inside sis2sds; see the daemon log.",
                List.of(Problem.of("unexpected error"))));
    }

    static Refusal of(SyncException s) {
        return new Refusal(s.status(), new Failure(s.getMessage(), problems(s.errors())));
    }

    private static List<Problem> problems(List<Map<String, String>> errors) {
        return errors.stream().map(m -> new Problem(m.get("field"), m.get("detail"))).toList();
    }

    /** A body that could not be read as a {@link SyncRequest}: the sentence says which attribute and why. */
    static SyncException unbound(JsonProcessingException e) {
        JsonParseException syntax = syntaxError(e);
        if (syntax != null || !(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            JsonLocation at = (syntax != null ? syntax : e).getLocation();
            return new SyncException(400, "The request body is not valid JSON" + (at == null ? "" : " (line "
                    + at.getLineNr() + ", column " + at.getColumnNr() + ")") + "; send " + BODY_SHAPE
                    + " with the header Content-Type: application/json.");
        }
        JsonMappingException m = (JsonMappingException) e;
        List<JsonMappingException.Reference> path = m.getPath();
        if (path.size() == 1 || !"sync".equals(path.get(0).getFieldName())) {
            return new SyncException(400, "The request body must be " + BODY_SHAPE
                    + (path.get(0).getFieldName() == null || "sync".equals(path.get(0).getFieldName()) ? ""
                    : "; '" + path.get(0).getFieldName() + "' is not part of it") + ".");
        }
        String field = path.get(1).getFieldName();
        if (m instanceof UnrecognizedPropertyException) {
            return SyncAttributes.invalid(field, SyncAttributes.UNKNOWN);
        }
        return SyncAttributes.invalid(field, switch (field) {
            case "sync_interval" -> SyncAttributes.NOT_A_POSITIVE_NUMBER;
            case "configuration" -> "must be an object";
            default -> "must be a string";
        });
    }

    /** The JSON syntax error behind {@code e} (a mapping error may wrap one, e.g. at an early end), or null. */
    private static JsonParseException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonParseException s) {
                return s;
            }
        }
        return null;
    }
}
