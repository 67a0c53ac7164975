package org.sis2sds.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sis2sds.batch.BatchFile;
import org.sis2sds.batch.BatchFormat;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.validate.Message;

/**
 * Writes a batch's {@code report.json} (for scripts and the API) and {@code report.html} (for the person who fixes
 * the data: plain words, self-contained, no scripts, everything HTML-escaped).
 */
public final class ReportWriter {
    public static final String JSON = "report.json";
    public static final String HTML = "report.html";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The content of report.json. {@code location} is the folder the batch is about to be moved to. */
    public Map<String, Object> model(Batch b, Path location, Instant finishedAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("batchId", b.getId());
        m.put("outcome", b.getOutcome().name());
        m.put("reason", b.getReason());
        m.put("source", b.getSource());
        m.put("syncId", b.getSyncId());
        m.put("runId", b.getRunId());
        m.put("format", format(b).code());
        m.put("receivedAt", b.getReceivedAt().truncatedTo(ChronoUnit.MILLIS).toString());
        m.put("finishedAt", finishedAt.truncatedTo(ChronoUnit.MILLIS).toString());
        m.put("location", location == null ? null : location.toString());
        m.put("rowCounts", new LinkedHashMap<>(b.getRowCounts()));
        m.put("errorCount", b.errorCount());
        m.put("warningCount", b.warningCount());
        m.put("messages", b.allMessages());
        if (b.getSdsStatus() != null || !b.getSdsErrors().isEmpty()) {
            m.put("sdsStatus", b.getSdsStatus());
            m.put("sdsErrors", b.getSdsErrors());
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        b.getAttributes().forEach((k, v) -> attrs.put(k, jsonSafe(v)));
        m.put("attributes", attrs);
        return m;
    }

    private Object jsonSafe(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        try {
            return mapper.readTree(mapper.writeValueAsBytes(v));
        } catch (IOException | RuntimeException e) {
            return String.valueOf(v);
        }
    }

    public Path writeJson(Batch b, Path dir, Path location, Instant finishedAt) throws IOException {
        Path f = dir.resolve(JSON);
        mapper.writeValue(f.toFile(), model(b, location, finishedAt));
        return f;
    }

    public Path writeHtml(Batch b, Path dir, Path location, Instant finishedAt) throws IOException {
        Path f = dir.resolve(HTML);
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write(html(b, location, finishedAt));
        }
        return f;
    }

    /** The whole report.html. */
    public String html(Batch b, Path location, Instant finishedAt) {
        StringBuilder h = new StringBuilder(16 * 1024);
        String title = "Batch " + b.getId() + ": " + headline(b);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<main>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        h.append("<p class=\"summary ").append(b.isRejected() ? "bad" : "good").append("\">")
                .append(esc(summary(b))).append("</p>\n");
        if (b.getReason() != null) {
            h.append("<p class=\"reason\"><strong>Why:</strong> ").append(esc(b.getReason())).append("</p>\n");
        }
        h.append("<table class=\"facts\">\n");
        fact(h, "Batch", b.getId());
        fact(h, "Outcome", b.getOutcome().name());
        fact(h, "Came from", "drop".equals(b.getSource()) ? "a file dropped in the inbox folder"
                : "powerschool".equals(b.getSource()) ? "PowerSchool" : b.getSource());
        fact(h, "Sync", b.getSyncId());
        fact(h, "Run", b.getRunId() == null ? null : String.valueOf(b.getRunId()));
        fact(h, "Received", SHOWN.format(b.getReceivedAt()));
        fact(h, "Finished", SHOWN.format(finishedAt));
        fact(h, "Errors / warnings", b.errorCount() + " / " + b.warningCount());
        fact(h, "Files kept in", location == null ? null : location.toString());
        fact(h, "SDS status", b.getSdsStatus());
        h.append("</table>\n");
        sdsRun(h, b);

        if (!b.getSdsErrors().isEmpty()) {
            h.append("<h2>What SDS said</h2>\n<ul class=\"sds\">\n");
            for (Map<String, Object> e : b.getSdsErrors()) {
                h.append("<li>");
                boolean first = true;
                for (Map.Entry<String, Object> kv : e.entrySet()) {
                    if (!first) {
                        h.append("; ");
                    }
                    first = false;
                    h.append("<strong>").append(esc(kv.getKey())).append(":</strong> ").append(esc(String.valueOf(kv.getValue())));
                }
                h.append("</li>\n");
            }
            h.append("</ul>\n");
        }

        Map<String, Long> counts = b.getRowCounts();
        BatchFormat format = format(b);
        if (!counts.isEmpty()) {
            h.append("<h2>Rows read per file (").append(esc(format.displayName())).append(")</h2>\n")
                    .append("<table class=\"counts\">\n<tr><th>File</th><th>Rows</th></tr>\n");
            for (BatchFile f : format.files()) {
                Long n = counts.get(f.entity());
                h.append("<tr><td>").append(esc(f.canonicalName())).append("</td><td class=\"num\">")
                        .append(n == null ? "not read" : String.format(Locale.ROOT, "%,d", n)).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        List<Message> messages = b.allMessages();
        if (messages.isEmpty() && b.getValidation() == null) {
            h.append("<h2>Messages</h2>\n<p>The files were not checked, because of the problem above. Fix it and send "
                    + "the batch again; the files are then checked as SDS would.</p>\n");
        } else if (messages.isEmpty()) {
            h.append("<h2>Messages</h2>\n<p>No errors and no warnings were found in the files.</p>\n");
        } else {
            List<BatchFile> order = format.files();
            Map<String, List<Message>> byFile = new java.util.TreeMap<>(java.util.Comparator
                    .comparing((String f) -> format.file(f).map(order::indexOf).orElse(99))
                    .thenComparing(f -> f));
            for (Message m : messages) {
                byFile.computeIfAbsent(m.fileName() == null ? "(whole batch)" : m.fileName(), k -> new ArrayList<>()).add(m);
            }
            h.append("<h2>What to fix, file by file</h2>\n<p class=\"legend\"><span class=\"tag err\">Error</span> ")
                    .append("stops the batch: SDS would reject it. <span class=\"tag warn\">Warning</span> does not ")
                    .append("stop it, but check it. Row numbers count data rows: row 1 is the first row under the ")
                    .append("header, which is line 2 in a spreadsheet.</p>\n");
            for (Map.Entry<String, List<Message>> e : byFile.entrySet()) {
                String file = format.file(e.getKey()).map(BatchFile::canonicalName).orElse(e.getKey());
                h.append("<section>\n<h3>").append(esc(file)).append("</h3>\n")
                        .append("<table class=\"msgs\">\n<tr><th>Type</th><th>What SDS says</th><th>Rows</th>")
                        .append("<th>Sample values</th><th>What to fix</th></tr>\n");
                for (Message m : e.getValue()) {
                    String type = m.isError() ? "Error" : m.isWarning() ? "Warning" : String.valueOf(m.type());
                    h.append("<tr><td><span class=\"tag ").append(m.isError() ? "err" : "warn").append("\">")
                            .append(esc(type)).append("</span></td><td>").append(esc(m.description()));
                    if (m.rule() != null) {
                        h.append(" <span class=\"rule\">(").append(esc(m.rule())).append(")</span>");
                    }
                    h.append("</td><td>").append(esc(rows(m))).append("</td><td>").append(samples(m))
                            .append("</td><td>").append(esc(FixAdvice.forMessage(m))).append("</td></tr>\n");
                }
                h.append("</table>\n</section>\n");
            }
        }
        h.append("<footer>Written by sis2sds. The batch's files are kept unchanged next to this report.</footer>\n")
                .append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The batch's format: as validated, else as its file names show, else v1. */
    static BatchFormat format(Batch b) {
        if (b.getFormat() != null) {
            return b.getFormat();
        }
        if (b.getValidation() != null) {
            return b.getValidation().format();
        }
        try {
            return b.getDir() == null ? BatchFormat.V1 : BatchFormat.detect(b.getDir()).format().orElse(BatchFormat.V1);
        } catch (IOException | RuntimeException e) {
            return BatchFormat.V1;
        }
    }

    private static String headline(Batch b) {
        return switch (b.getOutcome()) {
            case ACCEPTED -> "accepted";
            case UNCHANGED -> "unchanged, nothing to send";
            case QUARANTINED -> "not sent to SDS";
            case HELD -> "held back";
            case FAILED -> "could not be processed";
            case PENDING -> "in progress";
        };
    }

    private static String summary(Batch b) {
        return switch (b.getOutcome()) {
            case ACCEPTED -> "This batch was checked and handed to School Data Sync.";
            case UNCHANGED -> "This batch holds the same data as the last one sent, so nothing was sent to School Data "
                    + "Sync.";
            case QUARANTINED -> b.getAttributes().containsKey("refused")
                    ? "This batch was refused before its data was checked, and nothing was sent to School Data Sync."
                    : "This batch was NOT sent to School Data Sync because SDS would reject it. Nothing in SDS has "
                    + "changed. Fix the errors listed below in the source system, then send the batch again.";
            case HELD -> "This batch was held back and NOT sent to School Data Sync, because it would remove much more "
                    + "data than usual. Check that the export is complete; an administrator can release it if the "
                    + "change is intended.";
            case FAILED -> "Something unexpected stopped the processing of this batch, and nothing was sent to School "
                    + "Data Sync. The files are kept unchanged; once the problem is fixed the batch can be sent again.";
            case PENDING -> "This batch is still being processed.";
        };
    }

    private static void fact(StringBuilder h, String k, String v) {
        if (v != null && !v.isBlank()) {
            h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
        }
    }

    private static String rows(Message m) {
        if (m.rows() == null || m.rows().isEmpty()) {
            return m.count() == null ? "" : m.count() + " row(s)";
        }
        StringBuilder s = new StringBuilder();
        for (Long r : m.rows()) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(r);
        }
        if (m.count() != null && m.count() > m.rows().size()) {
            s.append(" … (").append(m.count()).append(" in all)");
        }
        return s.toString();
    }

    private static String samples(Message m) {
        if (m.samples() == null || m.samples().isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (String v : m.samples()) {
            s.append("<code>").append(esc(v)).append("</code> ");
        }
        return s.toString().trim();
    }

    /** The live SDS's run: its warning (records or values it dropped) and its statistics per entity. */
    private static void sdsRun(StringBuilder h, Batch b) {
        Object warning = b.getAttributes().get("sds.warning");
        if (warning != null) {
            h.append("<p class=\"reason\"><strong>SDS:</strong> ").append(esc(String.valueOf(warning))).append("</p>\n");
        }
        if (b.getAttributes().get("sds.statistics") instanceof Map<?, ?> st && st.get("entities") instanceof Map<?, ?> es) {
            h.append("<h2>What SDS's run counted</h2>\n<p>Run ").append(esc(String.valueOf(st.get("runId"))))
                    .append(": ").append(esc(String.valueOf(st.get("status")))).append(", ")
                    .append(esc(String.valueOf(st.get("errors")))).append(" record(s) dropped (errors), ")
                    .append(esc(String.valueOf(st.get("warnings")))).append(" value(s) dropped (warnings).</p>\n")
                    .append("<table class=\"counts\">\n<tr><th>Entity</th><th>Active</th><th>Inactive</th><th>Total</th></tr>\n");
            es.forEach((entity, c) -> {
                Map<?, ?> m = c instanceof Map<?, ?> mm ? mm : Map.of();
                h.append("<tr><td>").append(esc(String.valueOf(entity))).append("</td>");
                for (String k : List.of("active", "inactive", "total")) {
                    h.append("<td>").append(m.get(k) == null ? "-" : esc(String.valueOf(m.get(k)))).append("</td>");
                }
                h.append("</tr>\n");
            });
            h.append("</table>\n");
        }
    }

    /** HTML-escapes text for element content and quoted attributes. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f2328;background:#f6f8fa;margin:0}
            main{max-width:1100px;margin:0 auto;padding:24px 32px;background:#fff;min-height:100vh}
            h1{font-size:1.6em;margin:0 0 12px}
            h2{font-size:1.25em;margin:28px 0 10px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
            h3{font-size:1.05em;margin:18px 0 6px}
            .summary{padding:12px 16px;border-radius:6px;font-size:1.05em}
            .summary.bad{background:#fff1f0;border:1px solid #ffa39e}
            .summary.good{background:#f0fff4;border:1px solid #8ddb8c}
            .reason{font-size:1.02em}
            table{border-collapse:collapse;margin:6px 0}
            th,td{border:1px solid #d0d7de;padding:6px 9px;text-align:left;vertical-align:top}
            th{background:#f6f8fa}
            table.facts th{width:170px}
            table.msgs{width:100%}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            .tag{display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600;font-size:.9em}
            .tag.err{background:#cf222e;color:#fff}
            .tag.warn{background:#d4a72c;color:#1f2328}
            .rule{color:#656d76;font-size:.85em}
            code{background:#eff1f3;padding:1px 4px;border-radius:4px;font-size:.9em;word-break:break-all}
            .legend{color:#424a53}
            footer{margin-top:32px;color:#656d76;font-size:.85em}
            """;
}
