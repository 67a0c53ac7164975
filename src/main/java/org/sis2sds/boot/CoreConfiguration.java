package org.sis2sds.boot;

import org.sis2sds.core.Settings;
import org.sis2sds.core.ConfigException;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.sis2sds.pipeline.ValidateStep;

/** Core beans: the settings themselves and the validation step of the pipeline. */
public class CoreConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        Settings s = Settings.of(context);
        context.getRegistry().bind("batchValidator", new ValidateStep(s));
    }
}
