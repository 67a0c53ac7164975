package org.sis2sds.validate;

import java.util.List;
import java.util.Map;

/**
 * What a validation found: the messages (in the stable order of validation-rules.md) and the data rows read per
 * entity ({@code school}, {@code section}, ... as {@link org.sis2sds.batch.SdsFile#entity()}).
 */
public record ValidationResult(List<Message> messages, Map<String, Long> rowCounts) {

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
