package org.sis2sds.validate;

import java.util.Map;
import java.util.Set;
import org.sis2sds.batch.SdsFile;

/**
 * Settings of a validation run.
 *
 * @param maxRows the largest number of data rows a file may hold (V10; SDS: 2,000,000)
 * @param optionalPropertiesToSync per file, optional columns a profile syncs: empty cells there are V05 Warnings;
 *                                 empty map = offline validation, no such check
 * @param maxRowNumbers how many row numbers a message carries (20)
 * @param maxSamples how many sample values a message carries (5)
 */
public record ValidationOptions(long maxRows, Map<SdsFile, Set<String>> optionalPropertiesToSync, int maxRowNumbers,
                                int maxSamples) {

    public static ValidationOptions defaults() {
        return new ValidationOptions(2_000_000, Map.of(), 20, 5);
    }
}
