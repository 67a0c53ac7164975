package org.sis2sds.validate;

import java.util.List;
import java.util.Map;
import org.sis2sds.batch.BatchFormat;

/**
 * What a validation found: the messages (in a stable order: file, rule, column) and the data rows read per entity
 * ({@link org.sis2sds.batch.BatchFile#entity()}: {@code school}, {@code section}... for v1; {@code orgs},
 * {@code users}... for v2.1), and the format the batch was validated as.
 */
public record ValidationResult(List<Message> messages, Map<String, Long> rowCounts, BatchFormat format) {

    /** A result of an SDS v1 validation. */
    public ValidationResult(List<Message> messages, Map<String, Long> rowCounts) {
        this(messages, rowCounts, BatchFormat.V1);
    }

    public long errorCount() {
        return messages.stream().filter(Message::isError).count();
    }

    public long warningCount() {
        return messages.stream().filter(Message::isWarning).count();
    }

    public boolean hasErrors() {
        return messages.stream().anyMatch(Message::isError);
    }
}
