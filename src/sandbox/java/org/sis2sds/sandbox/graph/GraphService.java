package org.sis2sds.sandbox.graph;

import java.io.IOException;

/**
 * One Graph sandbox service (the Classic synchronizationProfiles API, industryData, ...), registered with
 * {@link GraphServer#register(String, GraphService)} under a path such as {@code /beta/education/synchronizationProfiles}.
 * The server has already verified the bearer token, drawn the faults, parsed the path into OData segments and set
 * the {@code request-id} headers; the service answers with a {@link GraphResponse} or throws a {@link GraphError},
 * which the server writes as Graph's OData error body.
 */
@FunctionalInterface
public interface GraphService {
    GraphResponse handle(GraphRequest request) throws IOException;
}
