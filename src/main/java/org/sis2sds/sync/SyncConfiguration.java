package org.sis2sds.sync;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** Beans of the sync area, bound into the Camel registry for the routes to call. */
public class SyncConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        context.getRegistry().bind("runRecorder", new RunRecorder());
        context.getRegistry().bind("shrinkGuard", new ShrinkGuard());
    }
}
