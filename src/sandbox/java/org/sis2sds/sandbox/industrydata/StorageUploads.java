package org.sis2sds.sandbox.industrydata;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sis2sds.sandbox.storage.StorageServer;
import org.sis2sds.sandbox.storage.StoredFile;

/**
 * Upload containers on the sandbox's Azure storage server: the tenant's Data Lake file system (named by the tenant
 * id), directory {@code {connectorId}/{containerId}}, and a directory SAS (read, add, create, write, delete, list)
 * that ends with the session. The session URL is therefore
 * {@code {storage}/{account}/{tenantId}/{connectorId}/{containerId}?{SAS}}: Azure's path shape on an IP-style
 * (Azurite-like) endpoint, which the Azure SDKs address with the account name first.
 */
final class StorageUploads implements UploadStorage {
    private final StorageServer storage;

    StorageUploads(StorageServer storage) {
        this.storage = storage;
    }

    private static String dir(String connectorId, String containerId) {
        return connectorId + "/" + containerId;
    }

    @Override
    public String createContainer(String tenantId, String connectorId, String containerId, Instant expires) {
        storage.createDirectory(tenantId, dir(connectorId, containerId));
        Duration validity = Duration.between(Instant.now(), expires);
        return storage.sasUrl(tenantId, dir(connectorId, containerId), "racwdl",
                validity.isNegative() ? Duration.ZERO : validity);
    }

    @Override
    public List<String> list(String tenantId, String connectorId, String containerId) {
        String prefix = dir(connectorId, containerId) + "/";
        List<String> names = new ArrayList<>();
        for (StoredFile f : storage.list(tenantId, prefix)) {
            String rest = f.name().substring(prefix.length());
            if (!rest.isEmpty() && rest.indexOf('/') < 0) {
                names.add(rest);
            }
        }
        return names;
    }

    @Override
    public InputStream open(String tenantId, String connectorId, String containerId, String name) throws IOException {
        return storage.open(tenantId, dir(connectorId, containerId) + "/" + name);
    }

    @Override
    public void deleteContainer(String tenantId, String connectorId, String containerId) {
        storage.delete(tenantId, dir(connectorId, containerId) + "/");
    }
}
