package org.sis2sds.validate;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Checks one SDS v1 batch folder exactly as SDS would (validation-rules.md, V01–V12), streaming: memory grows with
 * the number of distinct IDs, never with the number of rows.
 */
public final class Validator {
    private final ValidationOptions options;

    public Validator(ValidationOptions options) {
        this.options = options;
    }

    public Validator() {
        this(ValidationOptions.defaults());
    }

    public ValidationOptions options() {
        return options;
    }

    /** Validates the batch in {@code dir}. I/O problems (unreadable folder) are thrown; bad content is a message. */
    public ValidationResult validate(Path dir) throws IOException {
        throw new UnsupportedOperationException("validator not built yet");
    }
}
