package org.sis2sds.sandbox.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sis2sds.sandbox.FaultSettings;

/** The storage sandbox's answers on the wire: Azure's XML (Blob) and JSON (Data Lake) errors, headers, faults. */
class StorageServerTest {
    final HttpClient http = HttpClient.newHttpClient();
    final FaultSettings faults = new FaultSettings();
    StorageServer storage;

    @AfterEach
    void stop() {
        storage.close();
    }

    HttpResponse<String> send(String method, String url, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String at(String sasUrl, String name, String extraQuery) {
        int q = sasUrl.indexOf('?');
        return sasUrl.substring(0, q) + (name.isEmpty() ? "" : "/" + name) + sasUrl.substring(q)
                + (extraQuery.isEmpty() ? "" : "&" + extraQuery);
    }

    @Test
    void blobErrorsAreAzureXmlWithErrorCodeAndRequestId() throws Exception {
        storage = new StorageServer("sdssandbox", faults, true).start(0, null);
        storage.createContainer("p01");
        String sas = storage.sasUrl("p01", null, "w", Duration.ofSeconds(2), "2015-07-08");

        HttpResponse<String> head = send("HEAD", at(sas, "School.csv", ""), null);
        assertThat(head.statusCode()).isEqualTo(403);
        assertThat(head.headers().firstValue("x-ms-error-code")).hasValue("AuthorizationPermissionMismatch");
        assertThat(head.headers().firstValue("x-ms-request-id")).isPresent();
        assertThat(head.body()).isEmpty();

        HttpResponse<String> noType = send("PUT", at(sas, "School.csv", ""), "a");
        assertThat(noType.statusCode()).isEqualTo(400);
        assertThat(noType.headers().firstValue("Content-Type")).hasValue("application/xml");
        assertThat(noType.body()).startsWith("<?xml").contains("<Code>MissingRequiredHeader</Code>")
                .contains("<HeaderName>x-ms-blob-type</HeaderName>").contains("RequestId:");

        HttpResponse<String> list = send("GET", at(sas, "", "restype=container&comp=list"), null);
        assertThat(list.statusCode()).isEqualTo(403);
        assertThat(list.body()).contains("<Code>AuthorizationPermissionMismatch</Code>");

        HttpResponse<String> ok = send("PUT", at(sas, "School.csv", ""), "SIS ID\r\n", "x-ms-blob-type", "BlockBlob");
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(ok.headers().firstValue("ETag")).hasValueSatisfying(e -> assertThat(e).startsWith("\"0x"));
        assertThat(ok.headers().firstValue("x-ms-version")).hasValue("2015-07-08");

        HttpResponse<String> again = send("PUT", at(sas, "School.csv", ""), "x", "x-ms-blob-type", "BlockBlob",
                "If-None-Match", "*");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("<Code>BlobAlreadyExists</Code>");
        assertThat(send("PUT", at(sas, "School.csv", ""), "x", "x-ms-blob-type", "BlockBlob", "If-Match",
                "\"0xNOPE\"").statusCode()).isEqualTo(412);

        HttpResponse<String> forged = send("PUT", at(sas, "School.csv", "").replaceAll("sig=[^&]+", "sig=AAAA"), "x",
                "x-ms-blob-type", "BlockBlob");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("<Code>AuthenticationFailed</Code>").contains("Signature did not match");

        HttpResponse<String> badVersion = send("PUT", at(sas, "School.csv", ""), "x", "x-ms-blob-type", "BlockBlob",
                "x-ms-version", "soon");
        assertThat(badVersion.statusCode()).isEqualTo(400);
        assertThat(badVersion.headers().firstValue("x-ms-error-code")).hasValue("InvalidHeaderValue");

        HttpResponse<String> anonymous = send("PUT", storage.endpoint() + "/p01/School.csv", "x",
                "x-ms-blob-type", "BlockBlob");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(send("PUT", at(sas, "School.csv", "").replace("/p01", "/p02"), "x", "x-ms-blob-type", "BlockBlob")
                .statusCode()).as("another container").isEqualTo(403);

        await().atMost(Duration.ofSeconds(5)).until(() -> send("PUT", at(sas, "School.csv", ""), "x",
                "x-ms-blob-type", "BlockBlob").statusCode() == 403);
        assertThat(send("PUT", at(sas, "School.csv", ""), "x", "x-ms-blob-type", "BlockBlob").body())
                .contains("Signature not valid in the specified time frame");
    }

    @Test
    void pathsWorkWithoutTheAccountSegmentAndDataLakeErrorsAreJson() throws Exception {
        storage = new StorageServer("sdssandbox", faults, true).start(0, null);
        storage.createDirectory("tenant-1", "conn/cont");
        String sas = storage.sasUrl("tenant-1", "conn/cont", "rcwl", Duration.ofHours(1));
        String noAccount = sas.replace("/sdssandbox/", "/");
        assertThat(send("PUT", at(noAccount, "users.csv", "resource=file"), null).statusCode()).isEqualTo(201);
        assertThat(send("PATCH", at(noAccount, "users.csv", "action=append&position=0"), "abc").statusCode())
                .isEqualTo(202);
        HttpResponse<String> bad = send("PATCH", at(noAccount, "users.csv", "action=flush&position=2"), null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(
                "application/json"));
        assertThat(bad.body()).startsWith("{\"error\":{\"code\":\"InvalidFlushPosition\"");
        assertThat(send("PATCH", at(noAccount, "users.csv", "action=flush&position=3"), null).statusCode())
                .isEqualTo(200);
        HttpResponse<String> read = send("GET", at(noAccount, "users.csv", ""), null);
        assertThat(read.body()).isEqualTo("abc");
        assertThat(read.headers().firstValue("x-ms-resource-type")).hasValue("file");
        HttpResponse<String> exists = send("PUT", at(noAccount, "users.csv", "resource=file"), null,
                "If-None-Match", "*");
        assertThat(exists.statusCode()).isEqualTo(409);
        assertThat(exists.body()).contains("PathAlreadyExists");
        HttpResponse<String> paths = send("GET", at(noAccount.replace("/conn/cont?", "?"), "",
                "resource=filesystem&recursive=true&directory=conn/cont"), null);
        assertThat(paths.body()).contains("\"name\":\"conn/cont/users.csv\"").contains("\"contentLength\":\"3\"");
    }

    @Test
    void faultsAre503ServerBusyAnd500InternalErrorWithRetryAfterInXml() throws Exception {
        faults.throttleRate = 0.5;
        faults.internalErrorRate = 0.5;
        faults.retryAfterSeconds = 2;
        storage = new StorageServer("sdssandbox", faults, true).start(0, null);
        storage.createContainer("p01");
        String sas = storage.sasUrl("p01", null, "rw", Duration.ofHours(1));
        boolean busy = false;
        boolean internal = false;
        for (int i = 0; i < 20 && !(busy && internal); i++) {
            HttpResponse<String> r = send("PUT", at(sas, "a.csv", ""), "x", "x-ms-blob-type", "BlockBlob");
            assertThat(r.statusCode()).isIn(500, 503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
            busy |= r.statusCode() == 503 && r.body().contains("<Code>ServerBusy</Code>");
            internal |= r.statusCode() == 500 && r.body().contains("<Code>InternalError</Code>");
        }
        assertThat(busy && internal).isTrue();
        assertThat(storage.faultsServed()).isPositive();
    }
}
