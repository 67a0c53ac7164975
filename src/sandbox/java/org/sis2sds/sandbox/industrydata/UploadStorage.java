package org.sis2sds.sandbox.industrydata;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * Where upload sessions' containers live: the Data Lake host that a session URL points at. A container is the
 * directory {@code {connectorId}/{containerId}} of the tenant's file system, so files are addressed as
 * {@code /{tenantId}/{connectorId}/{containerId}/{file}}.
 */
public interface UploadStorage {
    /** Creates an empty container; returns its SAS URL (create, write, read, list), valid until {@code expires}. */
    String createContainer(String tenantId, String connectorId, String containerId, Instant expires);

    /** The names of the files flushed directly in the container, in any order. */
    List<String> list(String tenantId, String connectorId, String containerId) throws IOException;

    /** Reads one file of the container. */
    InputStream open(String tenantId, String connectorId, String containerId, String name) throws IOException;

    /** Deletes the container and everything in it; its SAS stops working. */
    void deleteContainer(String tenantId, String connectorId, String containerId);
}
