package org.sis2sds.sds;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** Beans of the sds area, bound into the Camel registry for the routes to call. */
public class SdsConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        // filled in by the sds area
    }
}
