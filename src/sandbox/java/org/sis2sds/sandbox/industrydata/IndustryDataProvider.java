package org.sis2sds.sandbox.industrydata;

import org.sis2sds.core.Settings;
import org.sis2sds.sandbox.graph.GraphService;
import org.sis2sds.sandbox.sds.SdsSandbox;
import org.sis2sds.sandbox.sds.SdsServiceProvider;

/**
 * Joins industryData to every SDS sandbox (listed in META-INF/services), with the options of
 * {@code sis2sds.sds.sandbox.industrydata.*}: so {@code bin/sis2sds sandbox} and the demo serve it beside Classic.
 */
public final class IndustryDataProvider implements SdsServiceProvider {
    @Override
    public String path() {
        return IndustryDataGraph.PATH;
    }

    @Override
    public GraphService create(SdsSandbox sandbox) {
        return IndustryDataGraph.create(sandbox, IndustryDataOptions.fromSettings(Settings.load()));
    }
}
