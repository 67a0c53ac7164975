package org.sis2sds.sds;

import java.util.Locale;
import java.util.Set;
import org.sis2sds.core.Settings;
import org.sis2sds.pipeline.Batch;
import org.sis2sds.pipeline.BatchRejected;

/**
 * Bean {@code destinations}: decides where a batch is published (the first step of {@code routes/publish.camel.yaml}):
 * the mode its sync's destination names (batch attribute {@value #MODE_ATTR}), else setting {@code sis2sds.sds.mode}.
 * The route then goes to {@code direct:publish-<mode>}.
 */
public final class Destinations {
    /** Batch attribute set from the sync's destination configuration ({@code mode}). */
    public static final String MODE_ATTR = "sds.mode";
    /** The destinations sis2sds knows; each has a route {@code direct:publish-<mode>}. */
    public static final Set<String> MODES = Set.of("off", "classic", "industrydata");
    private final String defaultMode;

    public Destinations(Settings s) {
        this.defaultMode = mode(s);
    }

    /** Setting {@code sis2sds.sds.mode}, checked. */
    public static String mode(Settings s) {
        String m = s.get(SdsClientConfig.P + "mode", "off").trim().toLowerCase(Locale.ROOT);
        if (!MODES.contains(m)) {
            throw s.invalid(SdsClientConfig.P + "mode", m, "off, classic or industrydata");
        }
        return m;
    }

    public void resolve(Batch b) {
        Object attr = b.getAttributes().get(MODE_ATTR);
        String m = attr == null || attr.toString().isBlank() ? defaultMode
                : attr.toString().trim().toLowerCase(Locale.ROOT);
        if (!MODES.contains(m)) {
            throw BatchRejected.failed("The destination of sync " + b.getSyncId() + " names the SDS mode '" + attr
                    + "', which sis2sds does not know; set its mode to off, classic or industrydata.");
        }
        b.setDestination(m);
    }
}
