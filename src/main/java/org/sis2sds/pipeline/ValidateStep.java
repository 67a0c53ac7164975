package org.sis2sds.pipeline;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.sis2sds.core.Settings;
import org.sis2sds.batch.SdsFile;
import org.sis2sds.validate.ValidationOptions;
import org.sis2sds.validate.ValidationResult;
import org.sis2sds.validate.Validator;

/** Pipeline step: validates a batch as SDS would; any Error refuses it (quarantine). */
public final class ValidateStep {
    private final Validator validator;

    public ValidateStep(Settings s) {
        ValidationOptions d = ValidationOptions.defaults();
        Map<SdsFile, Set<String>> optional = new EnumMap<>(SdsFile.class);
        this.validator = new Validator(new ValidationOptions(s.getLong("sis2sds.validation.max-rows", d.maxRows()),
                optional, d.maxRowNumbers(), d.maxSamples()));
    }

    public void validate(Batch batch) throws IOException {
        ValidationResult r = validator.validate(batch.getDir());
        batch.setValidation(r);
        if (r.hasErrors()) {
            throw BatchRejected.quarantined("The batch has " + r.errorCount() + " error(s) that SDS would reject; "
                    + "fix them in the source and drop the batch again.");
        }
    }
}
