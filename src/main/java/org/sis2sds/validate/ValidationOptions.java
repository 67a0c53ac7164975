package org.sis2sds.validate;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sis2sds.batch.CsvRowReader;
import org.sis2sds.batch.SdsFile;
import org.sis2sds.batch.V21Enum;
import org.sis2sds.core.Settings;

/**
 * Settings of a validation run.
 *
 * @param maxRows                  the largest number of data rows a v1 file may hold (V10; SDS: 2,000,000)
 * @param optionalPropertiesToSync per v1 file, optional columns a profile syncs: empty cells there are V05
 *                                 Warnings; empty map = offline validation, no such check
 * @param maxRowNumbers            how many row numbers a message carries (20)
 * @param maxSamples               how many sample values a message carries (5)
 * @param maxRecordBytes           the longest record (row) read; a longer one stops the file with an Error
 * @param extraCodes               v2.1: codes a tenant added to SDS's default lists of values
 */
public record ValidationOptions(long maxRows, Map<SdsFile, Set<String>> optionalPropertiesToSync, int maxRowNumbers,
                                int maxSamples, int maxRecordBytes, Map<V21Enum, Set<String>> extraCodes) {

    public static final String MAX_ROWS = "sis2sds.validation.max-rows";
    public static final String MAX_RECORD_SIZE = "sis2sds.validation.max-record-size";
    public static final String EXTRA_CODES = "sis2sds.validation.extra-codes";

    public ValidationOptions(long maxRows, Map<SdsFile, Set<String>> optionalPropertiesToSync, int maxRowNumbers,
                             int maxSamples) {
        this(maxRows, optionalPropertiesToSync, maxRowNumbers, maxSamples, CsvRowReader.DEFAULT_MAX_RECORD_BYTES,
                Map.of());
    }

    public static ValidationOptions defaults() {
        return new ValidationOptions(2_000_000, Map.of(), 20, 5);
    }

    /** The options the settings give ({@value #MAX_ROWS}, {@value #MAX_RECORD_SIZE}, {@value #EXTRA_CODES}). */
    public static ValidationOptions of(Settings s) {
        ValidationOptions d = defaults();
        long maxRecord = s.getSize(MAX_RECORD_SIZE, "1MB");
        if (maxRecord < 1024 || maxRecord > 1 << 30) {
            throw s.invalid(MAX_RECORD_SIZE, s.get(MAX_RECORD_SIZE, ""), "a size between 1KB and 1GB, such as 1MB");
        }
        String codes = s.get(EXTRA_CODES, "");
        Map<V21Enum, Set<String>> extra;
        try {
            extra = parseExtraCodes(codes);
        } catch (IllegalArgumentException e) {
            throw s.invalid(EXTRA_CODES, codes, "lists such as 'grade: ps5 ps6, flag: section504' (list names: "
                    + String.join(", ", java.util.Arrays.stream(V21Enum.values()).map(V21Enum::key).toList()) + ")");
        }
        return new ValidationOptions(s.getLong(MAX_ROWS, d.maxRows()), d.optionalPropertiesToSync(),
                d.maxRowNumbers(), d.maxSamples(), (int) maxRecord, extra);
    }

    /** {@code grade: ps5 ps6, flag: section504}: per list, codes separated by spaces; lists by commas. */
    static Map<V21Enum, Set<String>> parseExtraCodes(String v) {
        Map<V21Enum, Set<String>> m = new EnumMap<>(V21Enum.class);
        if (v == null || v.isBlank()) {
            return Map.of();
        }
        for (String part : v.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.indexOf(':');
            Optional<V21Enum> list = colon < 0 ? Optional.empty() : V21Enum.byKey(part.substring(0, colon));
            String[] codes = colon < 0 ? new String[0] : part.substring(colon + 1).trim().split("\\s+");
            if (list.isEmpty() || codes.length == 0 || codes[0].isEmpty()) {
                throw new IllegalArgumentException(part);
            }
            m.computeIfAbsent(list.get(), k -> new LinkedHashSet<>()).addAll(java.util.List.of(codes));
        }
        return Collections.unmodifiableMap(m);
    }

    /** The same options with another row limit. */
    public ValidationOptions withMaxRows(long rows) {
        return new ValidationOptions(rows, optionalPropertiesToSync, maxRowNumbers, maxSamples, maxRecordBytes,
                extraCodes);
    }

    /** The same options with another record cap. */
    public ValidationOptions withMaxRecordBytes(int bytes) {
        return new ValidationOptions(maxRows, optionalPropertiesToSync, maxRowNumbers, maxSamples, bytes, extraCodes);
    }
}
