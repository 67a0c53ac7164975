package org.sis2sds.validate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sis2sds.batch.BatchFile;
import org.sis2sds.batch.BatchFormat;

/**
 * Validates a batch folder of either format: recognises SDS v1 or v2.1 by the file names ({@link BatchFormat#detect})
 * unless a format is forced, then runs {@link Validator} (v1) or {@link V21Validator} (v2.1). A folder holding files of
 * both formats is one F01 Error; a folder holding no batch file at all is validated as v1 (six "File not found").
 * Thread-safe: one instance can serve many batches.
 */
public final class BatchValidator {
    private final Validator v1;
    private final V21Validator v21;

    public BatchValidator(ValidationOptions options) {
        this.v1 = new Validator(options);
        this.v21 = new V21Validator(options);
    }

    public BatchValidator() {
        this(ValidationOptions.defaults());
    }

    /** Validates {@code dir} in the format its file names show. */
    public ValidationResult validate(Path dir) throws IOException {
        return validate(dir, null);
    }

    /**
     * Validates {@code dir} as {@code format} (null: recognised from the file names). Files of the other format are
     * then ignored, like any other file.
     */
    public ValidationResult validate(Path dir, BatchFormat format) throws IOException {
        if (format == null) {
            BatchFormat.Detection d = BatchFormat.detect(dir);
            if (d.mixed()) {
                return mixed(d);
            }
            format = d.format().orElse(BatchFormat.V1);
        }
        return format == BatchFormat.V2_1 ? v21.validate(dir) : v1.validate(dir);
    }

    /** The one F01 Error of a folder that mixes formats, filed under the first file of the smaller set. */
    private static ValidationResult mixed(BatchFormat.Detection d) {
        List<String> v1Files = d.files(BatchFormat.V1);
        List<String> v21Files = d.files(BatchFormat.V2_1);
        BatchFormat stray = v1Files.size() <= v21Files.size() ? BatchFormat.V1 : BatchFormat.V2_1;
        BatchFormat main = stray == BatchFormat.V1 ? BatchFormat.V2_1 : BatchFormat.V1;
        String file = stray.file(d.files(stray).get(0)).map(BatchFile::messageName).orElse(d.files(stray).get(0));
        Map<String, Long> rows = new LinkedHashMap<>();
        main.files().forEach(f -> rows.put(f.entity(), 0L));
        return new ValidationResult(List.of(new Message(Message.ERROR, file, d.mixedDescription(),
                V21Rules.MIXED_FORMATS, null, null, null, null)), rows, main);
    }
}
