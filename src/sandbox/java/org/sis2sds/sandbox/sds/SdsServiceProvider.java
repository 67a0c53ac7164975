package org.sis2sds.sandbox.sds;

import org.sis2sds.sandbox.graph.GraphService;

/**
 * A Graph service that joins the SDS sandbox by itself: list the implementing class in
 * {@code src/sandbox/resources/META-INF/services/org.sis2sds.sandbox.sds.SdsServiceProvider} and every
 * {@link SdsSandbox} serves it under {@link #path()} on its Graph port, beside the Classic profile API, with the
 * same login, faults and storage server ({@link SdsSandbox#storage()}).
 */
public interface SdsServiceProvider {
    /** Where the service is served, e.g. {@code /beta/external/industryData}. */
    String path();

    /** Makes the service for one sandbox; called once per {@link SdsSandbox#start()}, before it listens. */
    GraphService create(SdsSandbox sandbox);
}
