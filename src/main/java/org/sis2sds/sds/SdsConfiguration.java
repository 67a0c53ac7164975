package org.sis2sds.sds;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.sis2sds.core.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Beans of the sds area: {@code destinations} (which destination a batch goes to), {@code sdsDestination} (the
 * {@link SdsDestination}, SDS Classic) and {@code classicPublisher} (the steps of
 * {@code routes/publish-classic.camel.yaml}). With {@code sis2sds.sds.mode=classic} the connection settings are
 * checked at start-up (a missing one stops the daemon with one sentence); with {@code off} batches are accepted
 * without publishing.
 */
public class SdsConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(SdsConfiguration.class);

    @Override
    public void configure(CamelContext context) {
        Settings s = Settings.of(context);
        String mode = Destinations.mode(s);
        context.getRegistry().bind("destinations", new Destinations(s));
        Supplier<SdsDestination> classic;
        switch (mode) {
            case "classic" -> {
                // checked at start-up: a missing connection setting stops the daemon with one sentence
                SdsDestination d = new ClassicSdsClient(SdsClientConfig.from(s));
                context.getRegistry().bind("sdsDestination", SdsDestination.class, d);
                LOG.info("Publishing to {}", d.describe());
                classic = () -> d;
            }
            case "off" -> {
                LOG.warn("SDS publishing is off (sis2sds.sds.mode=off): accepted batches are archived without being "
                        + "sent to SDS, unless a sync's destination names a mode of its own.");
                classic = lazyClassic(s);
            }
            default -> classic = lazyClassic(s);
        }
        context.getRegistry().bind("classicPublisher", new ClassicPublisher(s, classic));
    }

    /** A Classic client made on first use, for a sync whose destination says classic while the default is not. */
    private static Supplier<SdsDestination> lazyClassic(Settings s) {
        AtomicReference<SdsDestination> made = new AtomicReference<>();
        return () -> made.updateAndGet(d -> d != null ? d : new ClassicSdsClient(SdsClientConfig.from(s)));
    }
}
