package org.sis2sds.pipeline;

import java.io.IOException;
import org.sis2sds.core.Settings;
import org.sis2sds.validate.ValidationOptions;
import org.sis2sds.validate.ValidationResult;
import org.sis2sds.validate.BatchValidator;

/**
 * Pipeline step: validates a batch as SDS would, in the format its file names show (SDS v1 or v2.1), and records
 * that format on the batch; any Error refuses it (quarantine).
 */
public final class ValidateStep {
    private final BatchValidator validator;

    public ValidateStep(Settings s) {
        this.validator = new BatchValidator(ValidationOptions.of(s));
    }

    public void validate(Batch batch) throws IOException {
        ValidationResult r = validator.validate(batch.getDir());
        batch.setValidation(r);
        batch.setFormat(r.format());
        if (r.hasErrors()) {
            throw BatchRejected.quarantined("The batch has " + r.errorCount() + " error(s) that SDS would reject; "
                    + "fix them in the source and drop the batch again.");
        }
    }
}
