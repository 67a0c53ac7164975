package org.sis2sds.powerschool;

import java.util.Map;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.sis2sds.core.Settings;

/**
 * Beans of the PowerSchool area: {@code powerSchoolExtractor} ({@link PowerSchoolExtractor}) and
 * {@code powerSchoolStaging} ({@link StagingRecovery}). When a client id is configured, the PowerSchool settings are
 * checked at start-up so a bad one stops the daemon with one sentence naming the key.
 */
public class PowerSchoolConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        Settings s = Settings.of(context);
        if (s.has(PowerSchoolOptions.PREFIX + "client-id")) {
            PowerSchoolOptions.from(s, Map.of());
        }
        context.getRegistry().bind("powerSchoolExtractor", new PowerSchoolExtractor(s));
        context.getRegistry().bind("powerSchoolStaging", new StagingRecovery(s));
    }
}
