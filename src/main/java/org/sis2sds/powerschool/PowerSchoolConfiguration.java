package org.sis2sds.powerschool;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** Beans of the powerschool area, bound into the Camel registry for the routes to call. */
public class PowerSchoolConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        // filled in by the powerschool area
    }
}
