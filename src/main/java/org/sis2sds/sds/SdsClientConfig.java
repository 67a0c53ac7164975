package org.sis2sds.sds;

import java.time.Duration;
import org.sis2sds.azure.UploadOptions;
import org.sis2sds.core.ConfigException;
import org.sis2sds.core.Settings;
import org.sis2sds.http.Resilient;

/**
 * How to reach SDS: the {@code sis2sds.sds.*} settings. {@link #toString()} never shows the secret.
 *
 * @param graphUrl        Graph base, e.g. {@code https://graph.microsoft.com/beta}
 * @param loginUrl        Entra login base, e.g. {@code https://login.microsoftonline.com}
 * @param tenant          tenant id or domain
 * @param clientId        app registration (client) id
 * @param clientSecret    its secret (never logged)
 * @param scope           token scope
 * @param connectTimeout  TCP connect timeout
 * @param requestTimeout  per request
 * @param retry           retries of 429/5xx/I-O failures
 * @param conflictTimeout how long to keep waiting while uploadUrl answers 409
 * @param pollInterval    between two profileStatus polls
 * @param timeout         overall wait for a final status after start (and for provisioning)
 * @param upload          how files go to the upload URL ({@code sis2sds.sds.upload.*})
 */
public record SdsClientConfig(String graphUrl, String loginUrl, String tenant, String clientId, String clientSecret,
                              String scope, Duration connectTimeout, Duration requestTimeout, Resilient.Policy retry,
                              Duration conflictTimeout, Duration pollInterval, Duration timeout,
                              UploadOptions upload) {

    public static final String P = "sis2sds.sds.";

    public static SdsClientConfig from(Settings s) {
        Resilient.Policy d = Resilient.Policy.defaults();
        Resilient.Policy retry = new Resilient.Policy(s.getInt(P + "retry.max-attempts", d.maxAttempts()),
                s.getDuration(P + "retry.base-delay", d.baseDelay()), s.getDuration(P + "retry.max-delay", d.maxDelay()));
        if (retry.maxAttempts() < 1) {
            throw s.invalid(P + "retry.max-attempts", String.valueOf(retry.maxAttempts()), "at least 1");
        }
        String secret = s.secret(P + "client-secret");
        if (secret.isEmpty()) {
            throw new ConfigException(P + "client-secret", "Setting " + P + "client-secret is missing: give the app "
                    + "registration's secret as SIS2SDS_SDS_CLIENT_SECRET or name a file holding it with "
                    + P + "client-secret-file.");
        }
        return new SdsClientConfig(strip(s.get(P + "graph-url", "https://graph.microsoft.com/beta")),
                strip(s.get(P + "login-url", "https://login.microsoftonline.com")), s.require(P + "tenant"),
                s.require(P + "client-id"), secret, s.get(P + "scope", "https://graph.microsoft.com/.default"),
                s.getDuration(P + "connect-timeout", Duration.ofSeconds(10)),
                s.getDuration(P + "request-timeout", Duration.ofSeconds(60)), retry,
                s.getDuration(P + "conflict-timeout", Duration.ofMinutes(10)),
                s.getDuration(P + "poll-interval", Duration.ofSeconds(10)),
                s.getDuration(P + "timeout", Duration.ofHours(2)), UploadOptions.from(s, P + "upload."));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "SdsClientConfig[graphUrl=" + graphUrl + ", loginUrl=" + loginUrl + ", tenant=" + tenant
                + ", clientId=" + clientId + ", clientSecret=(hidden)]";
    }
}
