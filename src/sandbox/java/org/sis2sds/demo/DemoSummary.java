package org.sis2sds.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sis2sds.batch.SdsFile;

/**
 * The demo's closing tables, read from each batch's report.json: rows per entity, errors, warnings, SDS's status and
 * the outcome; for the live SDS also what its run counted (entities active, records and values dropped); and where
 * the reports are.
 */
final class DemoSummary {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path home;
    private final List<String[]> batches = new ArrayList<>();
    private final List<String[]> runs = new ArrayList<>();
    private final List<String> reports = new ArrayList<>();

    DemoSummary(Path home) {
        this.home = home;
    }

    void record(String sync, String batch, Path report) throws IOException {
        String[] row = new String[6 + SdsFile.values().length];
        row[0] = sync;
        row[1] = batch;
        if (report == null || !Files.isRegularFile(report)) {
            Arrays.fill(row, 2, row.length, "-");
            batches.add(row);
            return;
        }
        JsonNode r = JSON.readTree(report.toFile());
        int i = 2;
        for (SdsFile f : SdsFile.values()) {
            JsonNode n = r.path("rowCounts").path(f.entity());
            row[i++] = n.isMissingNode() ? "-" : String.format("%,d", n.asLong());
        }
        row[i++] = String.valueOf(r.path("errorCount").asLong());
        row[i++] = String.valueOf(r.path("warningCount").asLong());
        row[i++] = r.path("sdsStatus").asText("-").isEmpty() ? "-" : r.path("sdsStatus").asText("-");
        row[i] = r.path("outcome").asText("-").toLowerCase();
        batches.add(row);
        JsonNode st = r.path("attributes").path("sds.statistics");
        if (st.isObject()) {
            JsonNode e = st.path("entities");
            runs.add(new String[] {batch, st.path("status").asText("-"), count(e, "organizations"), count(e, "people"),
                count(e, "groups"), count(e, "memberships"), String.format("%,d", st.path("errors").asLong()),
                String.format("%,d", st.path("warnings").asLong())});
        }
        Path rel = home.relativize(report.getParent().toAbsolutePath());
        reports.add(String.format("  %-22s %s/%s", batch, rel.startsWith("..") ? report.getParent() : rel,
                Files.isRegularFile(report.resolveSibling("report.html")) ? "  (report.json, report.html)"
                        : "  (report.json)"));
    }

    private static String count(JsonNode entities, String entity) {
        JsonNode n = entities.path(entity).path("active");
        return n.isMissingNode() || n.isNull() ? "-" : String.format("%,d", n.asLong());
    }

    void print(PrintStream out) {
        out.println();
        out.println("Summary");
        table(out, new String[] {"sync", "batch", "school", "section", "student", "teacher", "enrollment", "roster",
            "errors", "warnings", "SDS", "result"}, batches, 2, 9);
        if (!runs.isEmpty()) {
            out.println();
            out.println("SDS runs (active records after the run; errors = records SDS dropped, warnings = values)");
            table(out, new String[] {"batch", "run status", "organizations", "people", "groups", "memberships",
                "errors", "warnings"}, runs, 2, 7);
        }
        out.println();
        out.println("Reports");
        reports.forEach(out::println);
    }

    /** Columns {@code firstNumber..lastNumber} are right-aligned. */
    private static void table(PrintStream out, String[] head, List<String[]> body, int firstNumber, int lastNumber) {
        List<String[]> rows = new ArrayList<>();
        rows.add(head);
        rows.addAll(body);
        int[] w = new int[head.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i] == null ? 1 : r[i].length());
            }
        }
        for (int k = 0; k < rows.size(); k++) {
            StringBuilder b = new StringBuilder("  ");
            String[] r = rows.get(k);
            for (int i = 0; i < r.length; i++) {
                boolean number = i >= firstNumber && i <= lastNumber;
                String v = r[i] == null ? "-" : r[i];
                b.append(number ? " ".repeat(w[i] - v.length()) + v : v + " ".repeat(w[i] - v.length())).append("  ");
            }
            out.println(b.toString().stripTrailing());
            if (k == 0) {
                out.println("  " + "-".repeat(Arrays.stream(w).sum() + 2 * (w.length - 1)));
            }
        }
    }
}
