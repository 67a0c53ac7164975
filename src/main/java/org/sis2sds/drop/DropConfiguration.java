package org.sis2sds.drop;

import java.time.Clock;
import java.time.Duration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.sis2sds.cluster.ClusterNode;
import org.sis2sds.core.Settings;
import org.sis2sds.notify.Notifier;
import org.sis2sds.report.ReportWriter;

/**
 * Beans of the drop area, bound into the Camel registry for the routes: {@code dropInbox} (pick-up and resume),
 * {@code batchFolders} (archive, quarantine, fail with reports), {@code notifier} (e-mail and webhook).
 */
public class DropConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        Settings s = Settings.of(context);
        long maxUnpacked = s.getSize("sis2sds.drop.max-unpacked-size", "4GB");
        Duration minAge = s.getDuration("sis2sds.drop.min-age", Duration.ofSeconds(10));
        String syncId = s.get("sis2sds.drop.sync-id", "csv-drop");
        Clock clock = Clock.systemUTC();
        DropInbox inbox = new DropInbox(s.workDir(), minAge, syncId, new ZipUnpacker(maxUnpacked), clock);
        context.getRegistry().bind("dropInbox", inbox);
        ClusterNode cluster = context.getRegistry().lookupByNameAndType("cluster", ClusterNode.class);
        if (cluster != null) {
            // what another leader leaves in processing/ is resumed again the next time this node leads
            cluster.addListener(leader -> {
                if (!leader) {
                    inbox.resumeAgain();
                }
            });
        }
        context.getRegistry().bind("batchFolders", new BatchFolders(s.workDir(), new ReportWriter(), clock,
                () -> context.isStopping() || context.isStopped()));
        Duration timeout = s.getDuration("sis2sds.notify.timeout", Duration.ofSeconds(10));
        context.getRegistry().bind(Notifier.HTTP_CONFIGURER, Notifier.httpConfigurer(timeout));
        context.getRegistry().bind("notifier", new Notifier(s, context));
    }
}
