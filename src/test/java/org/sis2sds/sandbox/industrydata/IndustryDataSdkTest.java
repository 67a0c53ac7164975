package org.sis2sds.sandbox.industrydata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.azure.core.util.BinaryData;
import com.azure.storage.file.datalake.DataLakeDirectoryClient;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.microsoft.graph.beta.models.LongRunningOperation;
import com.microsoft.graph.beta.models.LongRunningOperationStatus;
import com.microsoft.graph.beta.models.industrydata.AzureDataLakeConnector;
import com.microsoft.graph.beta.models.industrydata.FileFormatReferenceValue;
import com.microsoft.graph.beta.models.industrydata.FileValidateOperation;
import com.microsoft.graph.beta.models.industrydata.IdentifierTypeReferenceValue;
import com.microsoft.graph.beta.models.industrydata.InboundActivityResults;
import com.microsoft.graph.beta.models.industrydata.InboundDomain;
import com.microsoft.graph.beta.models.industrydata.InboundFileFlow;
import com.microsoft.graph.beta.models.industrydata.InboundFlow;
import com.microsoft.graph.beta.models.industrydata.IndustryDataConnector;
import com.microsoft.graph.beta.models.industrydata.IndustryDataRun;
import com.microsoft.graph.beta.models.industrydata.IndustryDataRunStatistics;
import com.microsoft.graph.beta.models.industrydata.IndustryDataRunStatus;
import com.microsoft.graph.beta.models.industrydata.ReadinessStatus;
import com.microsoft.graph.beta.models.industrydata.SourceSystemDefinition;
import com.microsoft.graph.beta.models.industrydata.UserMatchTargetReferenceValue;
import com.microsoft.graph.beta.models.industrydata.UserMatchingSetting;
import com.microsoft.graph.beta.models.industrydata.YearReferenceValue;
import com.microsoft.graph.beta.models.industrydata.YearTimePeriodDefinition;
import com.microsoft.graph.beta.models.odataerrors.ODataError;
import com.microsoft.graph.beta.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.HttpMethod;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.http.middleware.options.HeadersInspectionOption;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParseNode;
import com.microsoft.kiota.serialization.SerializationWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Microsoft's own clients against the industryData sandbox, with throttling on: the Graph beta Java SDK (6.30.0) for
 * the setup chain, polymorphic lists, the raw getUploadSession call, validate with its Location read through Kiota's
 * HeadersInspectionOption, the operation, runs, getStatistics, runs/start and its quota; the Azure Data Lake SDK
 * writing the files through the session URL (create, append, flush, and chunked uploads).
 */
class IndustryDataSdkTest {
    static SandboxFixture f;
    static GraphServiceClient graph;

    @BeforeEach
    void fresh() throws Exception {
        f = SandboxFixture.shared().fresh(IndustryDataOptions.defaults().fast()
                .startQuotaWindow(Duration.ofHours(1)), 0.2, 1);
        graph = f.graph;
    }

    @Test
    void the_sdk_sets_up_uploads_validates_and_follows_the_run() throws Exception {
        var g = graph.external().industryData();
        SourceSystemDefinition ss = new SourceSystemDefinition();
        ss.setDisplayName("SIS");
        UserMatchingSetting m = new UserMatchingSetting();
        UserMatchTargetReferenceValue target = new UserMatchTargetReferenceValue();
        target.setCode("userPrincipalName");
        m.setMatchTarget(target);
        IdentifierTypeReferenceValue source = new IdentifierTypeReferenceValue();
        source.setCode("username");
        m.setSourceIdentifier(source);
        m.setPriorityOrder(0);
        m.getAdditionalData().put("roleGroup@odata.bind", f.sandbox.graphUrl() + "/external/industryData/roleGroups/staff");
        ss.setUserMatchingSettings(List.of(m));
        String ssId = g.sourceSystems().post(ss).getId();

        AzureDataLakeConnector dc = new AzureDataLakeConnector();
        dc.setDisplayName("CSV connector");
        FileFormatReferenceValue format = new FileFormatReferenceValue();
        format.setCode("schoolDataSyncV2Rev1");
        dc.setFileFormat(format);
        dc.getAdditionalData().put("sourceSystem@odata.bind",
                f.sandbox.graphUrl() + "/external/industryData/sourceSystems('" + ssId + "')");
        IndustryDataConnector created = g.dataConnectors().post(dc);
        assertThat(created).isInstanceOf(AzureDataLakeConnector.class);
        String dcId = created.getId();

        YearTimePeriodDefinition year = new YearTimePeriodDefinition();
        year.setDisplayName("2025-26");
        year.setStartDate(LocalDate.of(2025, 8, 1));
        year.setEndDate(LocalDate.of(2026, 7, 31));
        YearReferenceValue code = new YearReferenceValue();
        code.setCode("2025");
        year.setYear(code);
        String yearId = g.years().post(year).getId();

        InboundFileFlow flow = new InboundFileFlow();
        flow.setDisplayName("Rostering");
        flow.setDataDomain(InboundDomain.EducationRostering);
        OffsetDateTime effective = OffsetDateTime.of(2026, 1, 1, 5, 30, 0, 0, ZoneOffset.ofHoursMinutes(5, 30));
        flow.setEffectiveDateTime(effective);
        flow.getAdditionalData().put("dataConnector@odata.bind",
                f.sandbox.graphUrl() + "/external/industryData/dataConnectors/" + dcId);
        flow.getAdditionalData().put("year@odata.bind", f.sandbox.graphUrl() + "/external/industryData/years/" + yearId);
        InboundFlow createdFlow = g.inboundFlows().post(flow);
        assertThat(createdFlow).isInstanceOf(InboundFileFlow.class);
        assertThat(createdFlow.getEffectiveDateTime().getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(createdFlow.getEffectiveDateTime().toInstant()).isEqualTo(effective.toInstant());
        await().pollDelay(Duration.ofMillis(200)).pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(15)).until(() -> g.inboundFlows().byInboundFlowId(createdFlow.getId()).get()
                .getReadinessStatus() == ReadinessStatus.Ready);

        assertThat(g.dataConnectors().get().getValue()).allMatch(c -> c instanceof AzureDataLakeConnector);
        assertThat(g.inboundFlows().get().getValue()).allMatch(f -> f instanceof InboundFileFlow);
        assertThat(g.inboundFlows().byInboundFlowId(createdFlow.getId()).dataConnector().get().getId()).isEqualTo(dcId);
        UploadSession session = getUploadSession(dcId);
        assertThat(session.containerId).isNotBlank();
        DataLakeDirectoryClient dir = SandboxFixture.directory(session.sessionUrl);
        boolean first = true;
        for (Map.Entry<String, String> file : ServiceDriver.sample().entrySet()) {
            byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
            DataLakeFileClient fc = dir.getFileClient(file.getKey());
            if (first) {
                fc.create(true);
                fc.append(BinaryData.fromBytes(bytes), 0);
                fc.flush(bytes.length, true);
                first = false;
            } else {
                fc.upload(BinaryData.fromBytes(bytes), true);
            }
        }
        HeadersInspectionOption inspect = new HeadersInspectionOption(false, true);
        g.dataConnectors().byIndustryDataConnectorId(dcId).microsoftGraphIndustryDataValidate()
                .post(c -> c.options.add(inspect));
        String location = inspect.getResponseHeaders().get("Location").iterator().next();
        String opId = location.substring(location.lastIndexOf('/') + 1);
        await().pollDelay(Duration.ofMillis(200)).pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(15)).until(() -> g.operations().byLongRunningOperationId(opId).get()
                .getStatus() == LongRunningOperationStatus.Succeeded);
        LongRunningOperation op = g.operations().byLongRunningOperationId(opId).get();
        assertThat(op).isInstanceOf(FileValidateOperation.class);
        assertThat(((FileValidateOperation) op).getErrors()).isEmpty();
        assertThat(((FileValidateOperation) op).getValidatedFiles()).hasSize(10);
        IndustryDataRun run = await().pollDelay(Duration.ofMillis(200)).pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(15)).until(() -> latestRun(g),
                r -> r != null && r.getStatus() != IndustryDataRunStatus.Running);
        assertThat(run.getStatus()).isEqualTo(IndustryDataRunStatus.Completed);
        IndustryDataRunStatistics stats = g.runs().byIndustryDataRunId(run.getId())
                .microsoftGraphIndustryDataGetStatistics().get();
        assertThat(stats.getInboundTotals().getPeople()).isEqualTo(8);
        assertThat(stats.getInboundTotals().getOrganizations()).isEqualTo(4);
        assertThat(stats.getActivityStatistics().get(0)).isInstanceOf(InboundActivityResults.class);
        assertThat(((InboundActivityResults) stats.getActivityStatistics().get(0)).getPeople().getActive()).isEqualTo(8);
        assertThat(g.runs().microsoftGraphIndustryDataGetStatistics().get().getRunId()).isEqualTo(run.getId());
    }

    @Test
    void runs_start_is_accepted_five_times_then_refused_with_retry_after() {
        var g = graph.external().industryData();
        for (int i = 0; i < 5; i++) {
            g.runs().microsoftGraphIndustryDataStart().post();
        }
        f.sandbox.options().throttleRate(0);
        ApiException refused = catchThrowableOfType(ApiException.class, () -> g.runs()
                .microsoftGraphIndustryDataStart().post(c -> c.options.add(new RetryHandlerOption(null, 0, 0))));
        assertThat(refused.getResponseStatusCode()).isEqualTo(429);
        assertThat(Long.parseLong(refused.getResponseHeaders().get("Retry-After").iterator().next()))
                .isBetween(1L, 3600L);
        assertThat(refused).isInstanceOf(ODataError.class);
        assertThat(((ODataError) refused).getError().getCode()).isEqualTo("TooManyRequests");
        f.sandbox.options().throttleRate(1);
        ApiException throttled = catchThrowableOfType(ApiException.class, () -> g.runs().get(
                c -> c.options.add(new RetryHandlerOption(null, 0, 0))));
        assertThat(throttled.getResponseStatusCode()).isEqualTo(429);
        assertThat(throttled.getResponseHeaders().get("Retry-After")).containsExactly("1");
    }

    private static IndustryDataRun latestRun(com.microsoft.graph.beta.external.industrydata.IndustryDataRequestBuilder g) {
        List<IndustryDataRun> runs = g.runs().get(c -> {
            c.queryParameters.orderby = new String[] {"startDateTime desc"};
            c.queryParameters.top = 1;
        }).getValue();
        return runs.isEmpty() ? null : runs.get(0);
    }

    /** getUploadSession has no request builder in the SDK (research §7.3): sent raw through the request adapter. */
    private UploadSession getUploadSession(String connectorId) {
        RequestInformation ri = new RequestInformation(HttpMethod.GET, "{+baseurl}/external/industryData/dataConnectors/"
                + "{id}/microsoft.graph.industryData.azureDataLakeConnector/microsoft.graph.industryData."
                + "getUploadSession()", new HashMap<>(Map.of("id", connectorId)));
        ri.headers.add("Accept", "application/json");
        HashMap<String, com.microsoft.kiota.serialization.ParsableFactory<? extends Parsable>> errors = new HashMap<>();
        errors.put("XXX", ODataError::createFromDiscriminatorValue);
        return graph.getRequestAdapter().send(ri, errors, n -> new UploadSession());
    }

    /** The fileUploadSession, parsed by Kiota. */
    static final class UploadSession implements Parsable {
        String containerId;
        String sessionUrl;

        @Override
        public Map<String, Consumer<ParseNode>> getFieldDeserializers() {
            Map<String, Consumer<ParseNode>> m = new HashMap<>();
            m.put("containerId", n -> containerId = n.getStringValue());
            m.put("sessionUrl", n -> sessionUrl = n.getStringValue());
            return m;
        }

        @Override
        public void serialize(SerializationWriter writer) {
            writer.writeStringValue("containerId", containerId);
            writer.writeStringValue("sessionUrl", sessionUrl);
        }
    }
}
