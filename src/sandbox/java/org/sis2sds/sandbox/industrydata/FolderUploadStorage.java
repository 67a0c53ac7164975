package org.sis2sds.sandbox.industrydata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.sis2sds.core.FileTrees;

/**
 * Containers as plain folders ({@code root/{tenantId}/{connectorId}/{containerId}/}): for driving the service
 * without a storage server. The "SAS URL" it hands out names the folder; writing is done with {@link #dir}.
 */
public final class FolderUploadStorage implements UploadStorage {
    private final Path root;

    public FolderUploadStorage(Path root) {
        this.root = root;
    }

    /** The folder of a container (tests write upload files straight into it). */
    public Path dir(String tenantId, String connectorId, String containerId) {
        return root.resolve(tenantId).resolve(connectorId).resolve(containerId);
    }

    @Override
    public String createContainer(String tenantId, String connectorId, String containerId, Instant expires) {
        try {
            Files.createDirectories(dir(tenantId, connectorId, containerId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "http://storage.invalid/" + tenantId + "/" + connectorId + "/" + containerId
                + "?sv=2023-11-03&sr=d&sp=racwl&se=" + expires + "&sig=folder";
    }

    @Override
    public List<String> list(String tenantId, String connectorId, String containerId) throws IOException {
        Path d = dir(tenantId, connectorId, containerId);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public InputStream open(String tenantId, String connectorId, String containerId, String name) throws IOException {
        return Files.newInputStream(dir(tenantId, connectorId, containerId).resolve(name));
    }

    @Override
    public void deleteContainer(String tenantId, String connectorId, String containerId) {
        FileTrees.deleteQuietly(dir(tenantId, connectorId, containerId));
    }
}
