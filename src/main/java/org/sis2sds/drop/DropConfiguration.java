package org.sis2sds.drop;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.sis2sds.app.CoreConfiguration;
import org.sis2sds.app.Settings;
import org.sis2sds.notify.Notifier;

/** Beans of the drop area, bound into the Camel registry for the routes to call. */
public class DropConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        Settings s = CoreConfiguration.settings(context);
        context.getRegistry().bind("batchFolders", new BatchFolders(s));
        context.getRegistry().bind("notifier", new Notifier());
    }
}
