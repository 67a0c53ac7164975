package org.sis2sds.sandbox.industrydata;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * validate's file-level check of a finalized upload (research §1.6, §4.1, §4.6): every required file is there, the
 * classes/enrollments pair comes together, and each known file's header names every required column exactly once
 * (case-sensitive). Problems are publicErrors in {@code errors[]} and {@code warnings[]}; the operation itself still
 * {@code succeeded}.
 */
final class FileCheck {
    /** Reads the header (first record) of an uploaded file; an empty list for an empty file. */
    interface HeaderReader {
        List<String> header(String uploadedName) throws IOException;
    }

    /**
     * @param files the known files found, spec name → uploaded name (for the snapshot the run reads)
     */
    record Result(List<ObjectNode> errors, List<ObjectNode> warnings, List<String> validatedFiles,
            Map<String, String> files) {
        boolean accepted() {
            return errors.isEmpty();
        }
    }

    private FileCheck() {
    }

    static Result check(String format, List<String> uploaded, HeaderReader headers) throws IOException {
        List<ObjectNode> errors = new ArrayList<>();
        List<ObjectNode> warnings = new ArrayList<>();
        Map<String, String> found = new LinkedHashMap<>();
        List<CsvFileSpec> specs = CsvFileSpec.of(format);
        for (CsvFileSpec spec : specs) {
            uploaded.stream().filter(u -> spec.matches(u, format)).findFirst().ifPresent(u -> found.put(spec.name(), u));
        }
        boolean anyPaired = specs.stream().anyMatch(s -> s.presence() == CsvFileSpec.Presence.PAIRED
                && found.containsKey(s.name()));
        for (CsvFileSpec spec : specs) {
            if (found.containsKey(spec.name())) {
                checkHeader(spec, found.get(spec.name()), headers.header(found.get(spec.name())), errors);
            } else if (spec.presence() == CsvFileSpec.Presence.REQUIRED
                    || spec.presence() == CsvFileSpec.Presence.PAIRED && anyPaired) {
                errors.add(publicError("RequiredFileNotFound", spec.name(), "When trying to validate required file "
                        + spec.name() + " encountered RequiredFileNotFound error."));
            } else if (spec.presence() == CsvFileSpec.Presence.PAIRED) {
                warnings.add(publicError("OptionalFileNotFound", spec.name(), "When trying to validate file "
                        + spec.name() + " encountered OptionalFileNotFound error."));
            }
        }
        List<String> validated = errors.isEmpty() ? new ArrayList<>(found.values()) : List.of();
        return new Result(errors, warnings, validated, found);
    }

    private static void checkHeader(CsvFileSpec spec, String file, List<String> header, List<ObjectNode> errors) {
        Set<String> seen = new HashSet<>();
        Set<String> reported = new HashSet<>();
        for (String h : header) {
            if (!seen.add(h) && (spec.required().contains(h) || spec.optional().contains(h)) && reported.add(h)) {
                errors.add(publicError("DuplicateColumnInHeader", file, "Two or more " + h + " found in " + file
                        + ". Correct the extract, upload the corrected file, and rerun the sync."));
            }
        }
        for (String r : spec.required()) {
            if (!seen.contains(r)) {
                errors.add(publicError("HeaderNotPresent", file, r + " not found in " + file
                        + ". Correct the extract to add or ensure it reads as " + r
                        + ". Upload the corrected file and rerun the sync."));
            }
        }
    }

    static ObjectNode publicError(String code, String target, String message) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("code", code);
        e.putArray("details");
        e.putNull("innerError");
        e.put("message", message);
        e.put("target", target);
        return e;
    }
}
