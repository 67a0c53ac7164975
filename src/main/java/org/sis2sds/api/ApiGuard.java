package org.sis2sds.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sis2sds.api.Answers.Failure;
import org.sis2sds.api.Answers.Problem;

/**
 * The door of the management API, in front of every route of its HTTP server (a handler of the platform-http
 * engine, so it runs before Camel makes an exchange of the request). It reads the credentials only from the
 * request's own {@code Authorization} header: Camel copies query parameters into message headers, so a check
 * inside a route could not tell {@code ?Authorization=Bearer...} from the header. A request without the token, or
 * with credentials in its URL (which end up in proxy logs and browser history), is answered 401 here.
 *
 * <p>A JSON body sent as a form ({@code curl -d} without {@code -H 'Content-Type: application/json'}) is passed on
 * as JSON: the API reads nothing else.
 */
public final class ApiGuard implements Handler<RoutingContext> {
    /** Query parameters that carry credentials (RFC 6750 names {@code access_token}). */
    private static final Set<String> CREDENTIAL_PARAMETERS = Set.of("authorization", "access_token");
    private static final String FORM = "application/x-www-form-urlencoded";

    private final BearerToken token;
    private final ObjectMapper json;
    private final String basePath;

    public ApiGuard(BearerToken token, ObjectMapper json, String basePath) {
        this.token = token;
        this.json = json;
        this.basePath = basePath;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        if (!req.path().startsWith(basePath)) {
            ctx.next();
            return;
        }
        if (req.params().names().stream().anyMatch(n -> CREDENTIAL_PARAMETERS.contains(n.toLowerCase(Locale.ROOT)))) {
            refuse(ctx, "Credentials in the URL are refused: send the token only in the header 'Authorization: "
                    + "Bearer <token>', never as a query parameter.", "credentials in the query string");
            return;
        }
        if (!token.accepts(req.getHeader(HttpHeaders.AUTHORIZATION))) {
            refuse(ctx, "Authentication required: send the header 'Authorization: Bearer <token>' with the token "
                    + "from SIS2SDS_API_TOKEN.", "missing or wrong bearer token");
            return;
        }
        String type = req.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith(FORM)) {
            req.headers().set(HttpHeaders.CONTENT_TYPE, "application/json");
        }
        ctx.next();
    }

    private void refuse(RoutingContext ctx, String message, String detail) {
        String body;
        try {
            body = json.writeValueAsString(new Failure(message, List.of(Problem.of(detail))));
        } catch (JsonProcessingException e) {
            body = "{\"success\":false}";
        }
        ctx.response().setStatusCode(401)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader("WWW-Authenticate", "Bearer realm=\"sis2sds\"")
                .end(body);
    }
}
