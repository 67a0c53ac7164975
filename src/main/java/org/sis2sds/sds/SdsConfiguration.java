package org.sis2sds.sds;

import java.util.Locale;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.sis2sds.core.ConfigException;
import org.sis2sds.core.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Beans of the sds area: {@code sdsDestination} (the {@link SdsDestination}, SDS Classic) and {@code sdsPublisher}
 * (the steps of {@code routes/publish.camel.yaml}). With {@code sis2sds.sds.mode=classic} the connection settings are
 * checked at start-up (a missing one stops the daemon with one sentence); with {@code off} batches are accepted
 * without publishing.
 */
public class SdsConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(SdsConfiguration.class);

    @Override
    public void configure(CamelContext context) {
        Settings s = Settings.of(context);
        String mode = s.get(SdsClientConfig.P + "mode", "off").toLowerCase(Locale.ROOT);
        SdsDestination destination;
        switch (mode) {
            case "classic" -> {
                destination = new ClassicSdsClient(SdsClientConfig.from(s));
                LOG.info("Publishing to {}", destination.describe());
            }
            case "off" -> {
                destination = null;
                LOG.warn("SDS publishing is off (sis2sds.sds.mode=off): accepted batches are archived without being "
                        + "sent to SDS.");
            }
            default -> throw s.invalid(SdsClientConfig.P + "mode", mode, "classic or off");
        }
        if (destination != null) {
            context.getRegistry().bind("sdsDestination", SdsDestination.class, destination);
        }
        SdsDestination d = destination;
        context.getRegistry().bind("sdsPublisher", new SdsPublisher(s, () -> {
            if (d == null) {
                throw new ConfigException(SdsClientConfig.P + "mode", "SDS publishing is off: set sis2sds.sds.mode to "
                        + "classic.");
            }
            return d;
        }));
    }
}
