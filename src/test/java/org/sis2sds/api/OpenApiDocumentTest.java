package org.sis2sds.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.ResponseMessageDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;
import org.sis2sds.sync.SyncDaemonTestBase;
import org.sis2sds.sync.TestDb;

/**
 * {@code GET /api/v1/openapi.json} is a valid OpenAPI 3 document that describes every endpoint of the Rest DSL
 * ({@code routes/api.camel.yaml}) with its parameters, request and answer schemas and status codes, and declares the
 * bearer token every request needs.
 */
class OpenApiDocumentTest extends SyncDaemonTestBase {
    @Override
    protected TestDb db() {
        return TestDb.H2;
    }

    private static String schemaRef(ApiResponse r) {
        MediaType m = r.getContent() == null ? null : r.getContent().get("application/json");
        return m == null || m.getSchema() == null ? null : m.getSchema().get$ref();
    }

    @Test
    void describesEveryEndpointWithItsSchemasStatusCodesAndTheBearerScheme() throws Exception {
        start();
        assertThat(call("GET", "/openapi.json", null, null).status()).as("the document needs the token too")
                .isEqualTo(401);
        Resp doc = call("GET", "/openapi.json", null);
        assertThat(doc.status()).isEqualTo(200);

        ParseOptions resolve = new ParseOptions();
        resolve.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(doc.raw(), null, resolve);
        assertThat(parsed.getMessages()).as("the document is valid OpenAPI 3").isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getOpenapi()).startsWith("3.");
        assertThat(api.getServers()).extracting(s -> s.getUrl()).containsExactly("http://127.0.0.1:" + port + "/api/v1");

        SecurityScheme bearer = api.getComponents().getSecuritySchemes().get("bearer");
        assertThat(bearer.getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(bearer.getScheme()).isEqualTo("bearer");
        assertThat(api.getSecurity()).anySatisfy(req -> assertThat(req).containsKey("bearer"));

        List<VerbDefinition> verbs = new ArrayList<>();
        for (RestDefinition rest : ((ModelCamelContext) daemon.context()).getRestDefinitions()) {
            verbs.addAll(rest.getVerbs());
        }
        assertThat(verbs).hasSize(19);
        int operations = 0;
        for (PathItem item : api.getPaths().values()) {
            operations += item.readOperations().size();
        }
        assertThat(operations).as("one operation per endpoint").isEqualTo(verbs.size());
        for (VerbDefinition verb : verbs) {
            String what = verb.asVerb().toUpperCase(Locale.ROOT) + " " + verb.getPath();
            PathItem item = api.getPaths().get(verb.getPath());
            assertThat(item).as(what).isNotNull();
            Operation op = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(verb.asVerb()
                    .toUpperCase(Locale.ROOT)));
            assertThat(op).as(what).isNotNull();
            assertThat(op.getSummary()).as(what).isNotBlank();
            assertThat(op.getResponses()).as(what).containsKey("401");
            assertThat(verb.getResponseMsgs()).as(what).isNotEmpty();
            for (ResponseMessageDefinition m : verb.getResponseMsgs()) {
                ApiResponse r = op.getResponses().get(m.getCode());
                assertThat(r).as(what + " " + m.getCode()).isNotNull();
                String ref = schemaRef(r);
                assertThat(ref).as(what + " " + m.getCode() + " schema").isNotNull();
                assertThat(api.getComponents().getSchemas()).containsKey(ref.substring(ref.lastIndexOf('/') + 1));
                if (!m.getCode().startsWith("2")) {
                    assertThat(ref).as(what + " " + m.getCode()).endsWith("/Failure");
                }
            }
            if (verb.getType() != null) {
                assertThat(op.getRequestBody().getContent().get("application/json").getSchema().get$ref())
                        .as(what + " request").endsWith("/SyncRequest");
            }
            long pathParams = verb.getPath().chars().filter(c -> c == '{').count();
            assertThat(op.getParameters() == null ? 0 : op.getParameters().stream()
                    .filter(p -> "path".equals(p.getIn())).count()).as(what + " path parameters").isEqualTo(pathParams);
        }
        assertThat(api.getPaths().get("/cluster").getGet().getResponses().get("200").getContent()
                .get("application/json").getSchema().get$ref()).endsWith("/ClusterAnswer");
        assertThat(api.getComponents().getSchemas().get("SyncAttributes").getProperties())
                .containsKeys("source_id", "schedule_type", "sync_interval", "cron_expression", "configuration");
        assertThat(api.getPaths().get("/syncs").getPost().getResponses()).containsOnlyKeys("201", "400", "401", "409");
    }
}
