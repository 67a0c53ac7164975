package org.sis2sds.pipeline;

import java.io.IOException;
import org.sis2sds.core.Settings;
import org.sis2sds.validate.ValidationOptions;
import org.sis2sds.validate.ValidationResult;
import org.sis2sds.validate.Validator;

/** Pipeline step: validates a batch as SDS would; any Error stops it for quarantine. */
public final class ValidateStep {
    private final Validator validator;

    public ValidateStep(Settings s) {
        this.validator = new Validator(ValidationOptions.of(s));
    }

    public void validate(Batch batch) throws IOException {
        ValidationResult r = validator.validate(batch.getDir());
        batch.setValidation(r);
        if (r.hasErrors()) {
            batch.setOutcome(Batch.Outcome.QUARANTINED);
            batch.setReason("The batch has " + r.errorCount() + " error(s) that SDS would reject; fix them in the "
                    + "source and drop the batch again.");
        }
    }
}
