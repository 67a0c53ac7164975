package org.sis2sds.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.util.Timeout;
import org.sis2sds.core.Settings;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.report.ReportWriter;
import org.sis2sds.validate.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells people about a batch that went to quarantine (quarantined, held or failed): an e-mail through camel-mail
 * (SMTP) and a JSON webhook through camel-http, each switched on by its settings. Sending happens on a background
 * thread after the batch is filed, so a slow or broken mail server or webhook never loses or blocks a batch; a
 * failure is logged in one line, without secrets.
 */
public class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    public static final String HTTP_CONFIGURER = "notifyHttpClientConfigurer";
    /** Exchange property naming the prepared endpoint the notify routes send to. */
    static final String URI_PROPERTY = "sis2sdsNotifyUri";

    private final CamelContext context;
    private final ObjectMapper mapper = new ObjectMapper();
    private final int maxMessages;
    private final String emailHost;
    private final int emailPort;
    private final boolean emailSsl;
    private final boolean emailStartTls;
    private final String emailFrom;
    private final String emailTo;
    private final String emailUser;
    private final String emailPassword;
    private final String webhookUrl;
    private final String webhookToken;
    private final Duration timeout;
    private ExecutorService executor;
    private ProducerTemplate template;

    public Notifier(Settings s, CamelContext context) {
        this.context = context;
        this.maxMessages = s.getInt("sis2sds.notify.max-messages", 10);
        this.timeout = s.getDuration("sis2sds.notify.timeout", Duration.ofSeconds(10));
        this.emailHost = s.get("sis2sds.notify.email.host", null);
        this.emailPort = s.getInt("sis2sds.notify.email.port", 25);
        this.emailSsl = s.getBool("sis2sds.notify.email.ssl", false);
        this.emailStartTls = s.getBool("sis2sds.notify.email.starttls", false);
        this.emailFrom = s.get("sis2sds.notify.email.from", "sis2sds@localhost");
        this.emailTo = s.get("sis2sds.notify.email.to", null);
        this.emailUser = s.get("sis2sds.notify.email.username", null);
        this.emailPassword = s.secret("sis2sds.notify.email.password");
        this.webhookUrl = s.get("sis2sds.notify.webhook.url", null);
        this.webhookToken = s.secret("sis2sds.notify.webhook.token");
        if (emailHost != null && emailTo == null) {
            throw s.invalid("sis2sds.notify.email.to", "", "the address(es) to notify when sis2sds.notify.email.host is set");
        }
        if (webhookUrl != null && !webhookUrl.matches("(?i)https?://.+")) {
            throw s.invalid("sis2sds.notify.webhook.url", redacted(webhookUrl), "an http:// or https:// URL");
        }
    }

    public boolean emailEnabled() {
        return emailHost != null;
    }

    public boolean webhookEnabled() {
        return webhookUrl != null;
    }

    /** Called by the reject route once the batch is in quarantine. Returns at once; sending runs in the background. */
    public void batchRejected(Batch batch) {
        if (!emailEnabled() && !webhookEnabled()) {
            return;
        }
        String subject = subject(batch);
        String text = text(batch);
        Map<String, Object> json = json(batch);
        ExecutorService ex = executor();
        if (emailEnabled()) {
            ex.submit(() -> sendEmail("batch " + batch.getId(), subject, text));
        }
        if (webhookEnabled()) {
            ex.submit(() -> sendWebhook("batch " + batch.getId(), json));
        }
    }

    /**
     * Called when a run of a sync failed without producing a batch (the source was down, a setting is missing): a
     * nightly PowerSchool outage must not go unnoticed. Returns at once; sending runs in the background.
     */
    public void runFailed(String syncId, long runId, String reason) {
        if (!emailEnabled() && !webhookEnabled()) {
            return;
        }
        String what = "run " + runId + " of sync " + syncId;
        String subject = "sis2sds: " + what + " failed";
        String text = "Run " + runId + " of sync " + syncId + " failed, so nothing was sent to School Data Sync.\n\n"
                + "Reason: " + reason + "\n\nThe run history is at GET /api/v1/syncs/" + syncId + "/runs/" + runId
                + ". Fix the cause, then run the sync again (POST /api/v1/syncs/" + syncId + "/run) or wait for its"
                + " next scheduled run.\n";
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event", "run.failed");
        json.put("syncId", syncId);
        json.put("runId", runId);
        json.put("reason", reason);
        ExecutorService ex = executor();
        if (emailEnabled()) {
            ex.submit(() -> sendEmail(what, subject, text));
        }
        if (webhookEnabled()) {
            ex.submit(() -> sendWebhook(what, json));
        }
    }

    /**
     * Tells people about something that needs a person but is not a quarantined batch (a batch archived with SDS's
     * record errors, an inbound flow about to expire): {@code json} gets {@code "event": event}. Returns at once.
     */
    public void notice(String event, String subject, String text, Map<String, Object> json) {
        if (!emailEnabled() && !webhookEnabled()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.putAll(json);
        ExecutorService ex = executor();
        if (emailEnabled()) {
            ex.submit(() -> sendEmail(event, "sis2sds: " + subject, text));
        }
        if (webhookEnabled()) {
            ex.submit(() -> sendWebhook(event, body));
        }
    }

    private synchronized ExecutorService executor() {
        if (executor == null) {
            executor = context.getExecutorServiceManager().newSingleThreadExecutor(this, "sis2sds-notify");
            template = context.createProducerTemplate();
        }
        return executor;
    }

    void sendEmail(String about, String subject, String text) {
        try {
            String uri = (emailSsl ? "smtps" : "smtp") + "://" + emailHost + ":" + emailPort;
            MailEndpoint ep = context.getEndpoint(uri, MailEndpoint.class);
            var cfg = ep.getConfiguration();
            cfg.setFrom(emailFrom);
            cfg.setTo(emailTo);
            cfg.setContentType("text/plain; charset=UTF-8");
            cfg.setConnectionTimeout((int) timeout.toMillis());
            if (emailUser != null) {
                cfg.setUsername(emailUser);
                cfg.setPassword(emailPassword);
            }
            Properties extra = new Properties();
            extra.setProperty("mail.smtp.timeout", String.valueOf(timeout.toMillis()));
            extra.setProperty("mail.smtp.writetimeout", String.valueOf(timeout.toMillis()));
            if (emailStartTls) {
                extra.setProperty("mail.smtp.starttls.enable", "true");
                extra.setProperty("mail.smtp.starttls.required", "true");
            }
            cfg.setAdditionalJavaMailProperties(extra);
            Exchange result = template.send("direct:notify-email", e -> {
                e.setProperty(URI_PROPERTY, ep.getEndpointUri());
                e.getMessage().setHeader("Subject", subject);
                e.getMessage().setBody(text);
            });
            if (result.getException() != null) {
                throw result.getException();
            }
            LOG.info("Notified {} by e-mail about {}", emailTo, about);
        } catch (Exception e) {
            LOG.warn("E-mail notification for {} failed: {}", about, safe(e));
        }
    }

    void sendWebhook(String about, Map<String, Object> json) {
        try {
            String body = mapper.writeValueAsString(json);
            String uri = webhookUrl + (webhookUrl.contains("?") ? "&" : "?") + "httpClientConfigurer=#" + HTTP_CONFIGURER;
            Exchange result = template.send("direct:notify-webhook", e -> {
                e.setProperty(URI_PROPERTY, uri);
                e.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
                e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
                if (!webhookToken.isEmpty()) {
                    e.getMessage().setHeader("Authorization", "Bearer " + webhookToken);
                }
                e.getMessage().setBody(body);
            });
            if (result.getException() != null) {
                throw result.getException();
            }
            LOG.info("Notified the webhook about {}", about);
        } catch (Exception e) {
            LOG.warn("Webhook notification for {} failed: {}", about, safe(e));
        }
    }

    private static final String QUERY_HIDDEN = "?(hidden)";

    /** A webhook URL as it may be shown: without its query string (it may carry a key) or user:password@. */
    static String redacted(String url) {
        String u = url.contains("?") ? url.substring(0, url.indexOf('?')) + QUERY_HIDDEN : url;
        return u.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@?#]*@", "$1(hidden)@");
    }

    /** One line, never the password or token, never the webhook's query string (it may carry a key). */
    private String safe(Exception e) {
        String m;
        if (e instanceof HttpOperationFailedException h) {
            m = "the webhook answered HTTP " + h.getStatusCode();
        } else {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            m = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        }
        for (String secret : new String[] {emailPassword, webhookToken}) {
            if (secret != null && !secret.isEmpty()) {
                m = m.replace(secret, "(hidden)");
            }
        }
        if (webhookUrl != null && webhookUrl.contains("?")) {
            m = m.replace(webhookUrl.substring(webhookUrl.indexOf('?')), QUERY_HIDDEN);
        }
        m = m.replaceAll("\\s+", " ").trim();
        return m.length() > 300 ? m.substring(0, 297) + "..." : m;
    }

    static String verb(Batch b) {
        return switch (b.getOutcome()) {
            case HELD -> "held";
            case FAILED -> "failed";
            default -> "quarantined";
        };
    }

    static String subject(Batch b) {
        return "sis2sds: batch " + b.getId() + " " + verb(b) + " (" + b.errorCount() + " error(s), " + b.warningCount()
                + " warning(s))";
    }

    private static Path reportHtml(Batch b) {
        Path dir = b.getFinalLocation() != null ? b.getFinalLocation() : b.getDir();
        return dir.resolve(ReportWriter.HTML);
    }

    String text(Batch b) {
        StringBuilder t = new StringBuilder();
        t.append("Batch ").append(b.getId()).append(" from ")
                .append("drop".equals(b.getSource()) ? "the drop folder" : b.getSource())
                .append(" (sync ").append(b.getSyncId()).append(") was ").append(verb(b))
                .append(" and was not sent to School Data Sync.\n\n");
        t.append("Reason: ").append(b.getReason()).append("\n");
        t.append("Errors: ").append(b.errorCount()).append(", warnings: ").append(b.warningCount()).append("\n");
        if (b.getSdsStatus() != null) {
            t.append("SDS status: ").append(b.getSdsStatus()).append("\n");
        }
        List<Message> all = b.allMessages();
        if (!all.isEmpty()) {
            t.append("\nFirst messages:\n");
            for (Message m : all.subList(0, Math.min(maxMessages, all.size()))) {
                t.append("- ").append(m.type()).append(" ").append(m.fileName() == null ? "" : m.fileName() + ": ")
                        .append(m.description());
                if (m.rows() != null && !m.rows().isEmpty()) {
                    t.append(" (rows ").append(m.rows().stream().limit(10).map(String::valueOf)
                            .reduce((a, c) -> a + ", " + c).orElse("")).append(m.rows().size() > 10 ? ", ..." : "")
                            .append(")");
                }
                t.append("\n");
            }
            if (all.size() > maxMessages) {
                t.append("... and ").append(all.size() - maxMessages).append(" more in the report.\n");
            }
        }
        t.append("\nThe files and the full report are in:\n").append(reportHtml(b)).append("\n");
        return t.toString();
    }

    Map<String, Object> json(Batch b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "batch." + verb(b));
        m.put("batchId", b.getId());
        m.put("outcome", b.getOutcome().name());
        m.put("reason", b.getReason());
        m.put("source", b.getSource());
        m.put("syncId", b.getSyncId());
        m.put("runId", b.getRunId());
        m.put("errorCount", b.errorCount());
        m.put("warningCount", b.warningCount());
        if (b.getSdsStatus() != null) {
            m.put("sdsStatus", b.getSdsStatus());
        }
        List<Message> all = b.allMessages();
        m.put("messages", new ArrayList<>(all.subList(0, Math.min(maxMessages, all.size()))));
        m.put("moreMessages", Math.max(0, all.size() - maxMessages));
        Path dir = b.getFinalLocation() != null ? b.getFinalLocation() : b.getDir();
        m.put("location", dir.toString());
        m.put("reportHtml", dir.resolve(ReportWriter.HTML).toString());
        m.put("reportJson", dir.resolve(ReportWriter.JSON).toString());
        return m;
    }

    /** Applies {@code sis2sds.notify.timeout} to the webhook's HTTP client. */
    public static org.apache.camel.component.http.HttpClientConfigurer httpConfigurer(Duration timeout) {
        return builder -> builder.setDefaultRequestConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.of(timeout))
                .setConnectTimeout(Timeout.of(timeout))
                .setResponseTimeout(Timeout.of(timeout)).build());
    }
}
