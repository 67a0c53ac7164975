package org.sis2sds.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.sis2sds.core.Settings;
import org.sis2sds.batch.BatchFile;
import org.sis2sds.batch.BatchFormat;
import org.sis2sds.validate.Message;
import org.sis2sds.validate.ValidationOptions;
import org.sis2sds.validate.ValidationResult;
import org.sis2sds.validate.BatchValidator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sis2sds validate DIR [--json] [--format v1|v2.1]}: checks one SDS v1 or v2.1 batch folder as SDS would (the
 * format from the file names unless forced). Exit 0 no Error (Warnings allowed), 1 at least one Error, 2 usage or I/O
 * problem.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks one SDS v1 or v2.1 batch folder as SDS would (v1: rules V01-V13; v2.1: V21-01 to "
                + "V21-20). The format is recognised from the file names.",
        footer = {"", "Exit codes: 0 no Error (Warnings allowed), 1 at least one Error, 2 usage or I/O problem."})
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The folder holding the SDS v1 files (School.csv, "
            + "Section.csv, Student.csv, Teacher.csv, StudentEnrollment.csv, TeacherRoster.csv) or the SDS v2.1 files "
            + "(orgs.csv, users.csv, roles.csv, ...).")
    Path dir;

    @Option(names = "--json", description = "Print {\"value\":[message, ...]} (the SDS start-response shape) "
            + "instead of the text report.")
    boolean json;

    @Option(names = "--format", paramLabel = "v1|v2.1", description = "Validate as this format, whatever the file "
            + "names say (files of the other format are then ignored).")
    String format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BatchFormat forced = null;
        if (format != null) {
            forced = BatchFormat.fromCode(format).orElseThrow(() -> new CliException(Sis2sds.USAGE,
                    "--format must be v1 or v2.1, not '" + format + "'."));
        }
        if (!Files.exists(dir)) {
            throw new CliException(Sis2sds.USAGE, "The folder " + dir + " does not exist; name the batch folder "
                    + "that holds the SDS files.");
        }
        if (!Files.isDirectory(dir)) {
            throw new CliException(Sis2sds.USAGE, dir + " is not a folder; name the batch folder that holds the "
                    + "SDS files.");
        }
        ValidationResult result;
        try {
            result = new BatchValidator(options()).validate(dir, forced);
        } catch (AccessDeniedException e) {
            throw new CliException(Sis2sds.USAGE, "Cannot read " + e.getFile() + " (permission denied); make it "
                    + "readable and run validate again.", e);
        } catch (IOException e) {
            throw new CliException(Sis2sds.USAGE, "Cannot read the batch in " + dir + " (" + e.getMessage()
                    + "); check the folder and run validate again.", e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(result));
        } else {
            out.print(report(dir, result));
        }
        out.flush();
        return result.hasErrors() ? 1 : 0;
    }

    /** The daemon's validation settings (sis2sds.validation.*), so that the command and the drop folder agree. */
    private static ValidationOptions options() {
        return ValidationOptions.of(Settings.load());
    }

    /** The {@code {"value":[...]}} document, with the row counts as an extra field. */
    public static String toJson(ValidationResult result) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.set("value", mapper.valueToTree(result.messages()));
        root.set("rowCounts", mapper.valueToTree(result.rowCounts()));
        return mapper.writeValueAsString(root);
    }

    /** The readable report: one block per file (rows read, each message with its rows and samples), a summary. */
    public static String report(Path dir, ValidationResult result) {
        StringBuilder sb = new StringBuilder();
        BatchFormat format = result.format();
        sb.append("Validation of ").append(dir).append(" (").append(format.displayName()).append(")\n");
        Map<String, List<Message>> byFile = new LinkedHashMap<>();
        for (BatchFile f : format.files()) {
            byFile.put(f.messageName(), new ArrayList<>());
        }
        for (Message m : result.messages()) {
            String name = m.fileName() == null ? "(batch)" : format.file(m.fileName()).map(BatchFile::messageName)
                    .orElse(m.fileName());
            byFile.computeIfAbsent(name, k -> new ArrayList<>()).add(m);
        }
        long totalRows = 0;
        for (Map.Entry<String, List<Message>> e : byFile.entrySet()) {
            String file = e.getKey();
            List<Message> ms = e.getValue();
            Long rows = format.file(file).map(f -> result.rowCounts().get(f.entity())).orElse(null);
            long errors = ms.stream().filter(Message::isError).count();
            long warnings = ms.stream().filter(Message::isWarning).count();
            totalRows += rows == null ? 0 : rows;
            sb.append('\n').append(String.format(Locale.ROOT, "%-22s %12s   %s", file,
                    rows == null ? "" : String.format(Locale.ROOT, rows == 1 ? "%,d row" : "%,d rows", rows),
                    ms.isEmpty() ? "OK" : counts(errors, warnings))).append('\n');
            for (Message m : ms) {
                sb.append(String.format(Locale.ROOT, "  %-8s %s", m.type(), m.description())).append('\n');
                if (m.rows() != null && !m.rows().isEmpty()) {
                    String more = m.count() != null && m.count() > m.rows().size() ? ", ..." : "";
                    sb.append("           rows: ").append(m.rows().stream().map(String::valueOf)
                            .collect(Collectors.joining(", "))).append(more).append('\n');
                }
                if (m.samples() != null && !m.samples().isEmpty()) {
                    sb.append("           values: ").append(m.samples().stream().map(ValidateCommand::quote)
                            .collect(Collectors.joining(", "))).append('\n');
                }
            }
        }
        long errors = result.errorCount();
        long warnings = result.warningCount();
        sb.append('\n').append("Summary: ").append(counts(errors, warnings))
                .append(String.format(Locale.ROOT, " in %,d data rows; ", totalRows))
                .append(errors > 0 ? "SDS would reject this batch: fix the errors in the source and export again."
                        : "SDS would accept this batch.").append('\n');
        return sb.toString();
    }

    private static String counts(long errors, long warnings) {
        return errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings");
    }

    private static String quote(String v) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (Character.isISOControl(c) || Character.isSpaceChar(c) && c != ' ') {
                        sb.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
