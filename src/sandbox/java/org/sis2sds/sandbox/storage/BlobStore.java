package org.sis2sds.sandbox.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.sis2sds.core.FileTrees;

/**
 * The data of the storage sandbox, shared by its Blob and Data Lake faces: containers (Data Lake file systems)
 * holding committed blobs as files under {@code root/{container}/{name}} (names case-sensitive, {@code /} a
 * folder), their properties, and what is not committed yet: staged blocks (Put Block) and appended ranges (Data
 * Lake append), kept apart under {@code root/.staging} until Put Block List or flush commits them atomically.
 */
final class BlobStore {
    static final int MAX_COMMITTED_BLOCKS = 50_000;
    static final int MAX_UNCOMMITTED_BLOCKS = 100_000;

    record Block(String id, long size) {
    }

    /** A committed blob's properties. */
    static final class Blob {
        final String name;
        long length;
        String etag;
        Instant created;
        Instant modified;
        String contentType;
        List<Block> blocks = List.of();
        /** Made by Data Lake Path Create: blocks cannot be put on it (BlobOperationNotSupported). */
        boolean dfs;

        Blob(String name) {
            this.name = name;
        }
    }

    /** What a blob name has staged and not committed: blocks by id, Data Lake appends by position. */
    static final class Staged {
        final Map<String, Long> blocks = new LinkedHashMap<>();
        final TreeMap<Long, Long> appends = new TreeMap<>();
        int idLength = -1;
    }

    static final class Container {
        final String name;
        final Instant created = Instant.now();
        final String etag;
        final Map<String, Blob> blobs = new ConcurrentHashMap<>();
        final Map<String, Staged> staged = new ConcurrentHashMap<>();

        Container(String name, String etag) {
            this.name = name;
            this.etag = etag;
        }
    }

    private final Path root;
    private final Path staging;
    private final Map<String, Container> containers = new ConcurrentHashMap<>();
    private final AtomicLong etags = new AtomicLong(System.currentTimeMillis() << 8);

    BlobStore(Path root) throws IOException {
        this.root = root;
        this.staging = root.resolve(".staging");
        Files.createDirectories(staging);
    }

    Path root() {
        return root;
    }

    String newEtag() {
        return "\"0x8D" + Long.toHexString(etags.incrementAndGet()).toUpperCase(java.util.Locale.ROOT) + "\"";
    }

    // ------------------------------------------------------------------------------------------ containers

    /** Creates the container when missing; true when it was created. */
    boolean createContainer(String name) throws IOException {
        Files.createDirectories(root.resolve(name));
        return containers.putIfAbsent(name, new Container(name, newEtag())) == null;
    }

    Container container(String name) {
        return containers.get(name);
    }

    void deleteContainer(String name) {
        Container c = containers.remove(name);
        if (c != null) {
            FileTrees.deleteQuietly(root.resolve(name));
            FileTrees.deleteQuietly(staging.resolve(name));
        }
    }

    /** Removes every committed and staged blob under {@code prefix} ("" = all) of a container. */
    void deletePrefix(String container, String prefix) {
        Container c = containers.get(container);
        if (c == null) {
            return;
        }
        synchronized (c) {
            c.blobs.keySet().removeIf(n -> n.startsWith(prefix));
            c.staged.keySet().removeIf(n -> n.startsWith(prefix));
            Path p = prefix.isEmpty() ? root.resolve(container) : root.resolve(container).resolve(prefix);
            FileTrees.deleteQuietly(p);
            try {
                Files.createDirectories(root.resolve(container));
            } catch (IOException ignored) {
                // the next write says so
            }
        }
    }

    Path file(String container, String name) {
        return root.resolve(container).resolve(name);
    }

    /** The committed blobs whose names start with {@code prefix}, by name. */
    List<Blob> list(String container, String prefix) {
        Container c = containers.get(container);
        if (c == null) {
            return List.of();
        }
        return c.blobs.values().stream().filter(b -> b.name.startsWith(prefix == null ? "" : prefix))
                .sorted((a, b) -> a.name.compareTo(b.name)).toList();
    }

    // ------------------------------------------------------------------------------------------ blob writes

    /** Put Blob: the body becomes the whole blob at once; staged blocks of that name are dropped. */
    Blob putBlob(Container c, String name, InputStream body, String contentType) throws IOException {
        Path tmp = spool(c, body);
        synchronized (c) {
            Blob b = commit(c, name, tmp);
            b.contentType = contentType;
            b.blocks = List.of();
            b.dfs = false;
            return b;
        }
    }

    /** Put Block: stages a block under its id (replacing one of the same id). */
    void putBlock(Container c, String name, String blockId, byte[] rawId, InputStream body) throws IOException {
        Path tmp = spool(c, body);
        synchronized (c) {
            Blob existing = c.blobs.get(name);
            if (existing != null && existing.dfs) {
                Files.deleteIfExists(tmp);
                throw new StorageError(409, "BlobOperationNotSupported", "The operation is not supported in this "
                        + "scenario: the blob was made by Data Lake Path Create.");
            }
            Staged s = c.staged.computeIfAbsent(name, k -> new Staged());
            if (s.idLength >= 0 && s.idLength != rawId.length) {
                Files.deleteIfExists(tmp);
                throw new StorageError(400, "InvalidBlobOrBlock", "The specified blob or block content is invalid.");
            }
            if (!s.blocks.containsKey(blockId) && s.blocks.size() >= MAX_UNCOMMITTED_BLOCKS) {
                Files.deleteIfExists(tmp);
                throw new StorageError(409, "BlockCountExceedsLimit", "The uncommitted block count cannot exceed "
                        + "the maximum limit of 100,000 blocks.");
            }
            s.idLength = rawId.length;
            Path dest = stagedDir(c, name).resolve("b" + HexFormat.of().formatHex(rawId));
            Files.createDirectories(dest.getParent());
            Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            s.blocks.put(blockId, Files.size(dest));
        }
    }

    /** One entry of a Put Block List body. */
    record ListedBlock(String kind, String id) {
    }

    /** Put Block List: the listed blocks, in order, become the blob; the uncommitted rest is dropped. */
    Blob putBlockList(Container c, String name, List<ListedBlock> list, String contentType) throws IOException {
        if (list.size() > MAX_COMMITTED_BLOCKS) {
            throw new StorageError(400, "BlockListTooLong", "The block list may not contain more than 50,000 blocks.");
        }
        synchronized (c) {
            Blob old = c.blobs.get(name);
            Staged s = c.staged.get(name);
            Map<String, long[]> committed = new LinkedHashMap<>();
            if (old != null) {
                long off = 0;
                for (Block b : old.blocks) {
                    committed.put(b.id(), new long[] {off, b.size()});
                    off += b.size();
                }
            }
            Path tmp = Files.createTempFile(staging, "commit", ".tmp");
            List<Block> blocks = new ArrayList<>();
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                for (ListedBlock lb : list) {
                    boolean uncommitted = s != null && s.blocks.containsKey(lb.id())
                            && !lb.kind().equals("Committed");
                    boolean fromCommitted = !uncommitted && !lb.kind().equals("Uncommitted")
                            && committed.containsKey(lb.id());
                    if (uncommitted) {
                        Path f = stagedDir(c, name).resolve("b" + HexFormat.of().formatHex(
                                java.util.Base64.getDecoder().decode(lb.id())));
                        try (FileChannel in = FileChannel.open(f)) {
                            long n = in.size();
                            transfer(in, 0, n, out);
                            blocks.add(new Block(lb.id(), n));
                        }
                    } else if (fromCommitted) {
                        long[] r = committed.get(lb.id());
                        try (FileChannel in = FileChannel.open(file(c.name, name))) {
                            transfer(in, r[0], r[1], out);
                        }
                        blocks.add(new Block(lb.id(), r[1]));
                    } else {
                        throw new StorageError(400, "InvalidBlockList", "The specified block list is invalid.");
                    }
                }
            } catch (StorageError | IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Blob b = commit(c, name, tmp);
            b.blocks = List.copyOf(blocks);
            b.contentType = contentType;
            b.dfs = false;
            return b;
        }
    }

    /** The committed blocks of a blob (empty when none) and its staged ones. */
    Map<String, List<Block>> blockList(Container c, String name) {
        synchronized (c) {
            Blob b = c.blobs.get(name);
            Staged s = c.staged.get(name);
            if (b == null && (s == null || s.blocks.isEmpty())) {
                throw StorageError.blobNotFound();
            }
            List<Block> unc = new ArrayList<>();
            if (s != null) {
                s.blocks.forEach((id, size) -> unc.add(new Block(id, size)));
            }
            return Map.of("committed", b == null ? List.of() : b.blocks, "uncommitted", unc);
        }
    }

    // ------------------------------------------------------------------------------------------ Data Lake

    /** Path Create (resource=file): an empty file; whatever was staged under the name is dropped. */
    Blob createFile(Container c, String name, String contentType) throws IOException {
        Path tmp = Files.createTempFile(staging, "create", ".tmp");
        synchronized (c) {
            Blob b = commit(c, name, tmp);
            b.contentType = contentType;
            b.blocks = List.of();
            b.dfs = true;
            return b;
        }
    }

    void createDirectory(String container, String dir) throws IOException {
        Files.createDirectories(file(container, dir));
    }

    /** Path Update append: stages the body at {@code position} (appends may come in any order, in parallel). */
    void append(Container c, String name, long position, InputStream body) throws IOException {
        Path tmp = spool(c, body);
        synchronized (c) {
            Blob b = c.blobs.get(name);
            if (b == null) {
                Files.deleteIfExists(tmp);
                throw new StorageError(404, "PathNotFound", "The specified path does not exist.");
            }
            if (position < b.length) {
                Files.deleteIfExists(tmp);
                throw StorageError.invalidQuery("position", String.valueOf(position), "The position is below the "
                        + "length of the flushed file (" + b.length + ").");
            }
            Staged s = c.staged.computeIfAbsent(name, k -> new Staged());
            Path dest = stagedDir(c, name).resolve("a" + position);
            Files.createDirectories(dest.getParent());
            Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            s.appends.put(position, Files.size(dest));
        }
    }

    /**
     * Path Update flush: the appended data from the file's length up to {@code position} must be contiguous and
     * end exactly there; it is written to the file. Later data is kept only when {@code retain}.
     */
    Blob flush(Container c, String name, long position, boolean retain, String contentType) throws IOException {
        synchronized (c) {
            Blob b = c.blobs.get(name);
            if (b == null) {
                throw new StorageError(404, "PathNotFound", "The specified path does not exist.");
            }
            Staged s = c.staged.getOrDefault(name, new Staged());
            List<Long> take = new ArrayList<>();
            long at = b.length;
            while (at < position) {
                Long len = s.appends.get(at);
                if (len == null || len == 0) {
                    break;
                }
                take.add(at);
                at += len;
            }
            if (at != position) {
                throw new StorageError(400, "InvalidFlushPosition", "The uploaded data is not contiguous or the "
                        + "position query parameter value is not equal to the length of the file after appending "
                        + "the uploaded data.");
            }
            Blob out = b;
            if (!take.isEmpty()) {
                Path tmp = Files.createTempFile(staging, "flush", ".tmp");
                try (FileChannel w = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    try (FileChannel in = FileChannel.open(file(c.name, name))) {
                        transfer(in, 0, in.size(), w);
                    }
                    for (long p : take) {
                        try (FileChannel in = FileChannel.open(stagedDir(c, name).resolve("a" + p))) {
                            transfer(in, 0, in.size(), w);
                        }
                    }
                }
                out = commit(c, name, tmp, retain);
                out.dfs = true;
            }
            if (contentType != null) {
                out.contentType = contentType;
            }
            if (retain) {
                take.forEach(s.appends::remove);
            } else {
                c.staged.remove(name);
                FileTrees.deleteQuietly(stagedDir(c, name));
            }
            return out;
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Moves a written temp file into place as the committed content of {@code name}. Caller holds the lock. */
    private Blob commit(Container c, String name, Path tmp) throws IOException {
        Blob b = commit(c, name, tmp, false);
        c.staged.remove(name);
        FileTrees.deleteQuietly(stagedDir(c, name));
        return b;
    }

    private Blob commit(Container c, String name, Path tmp, boolean keepStaged) throws IOException {
        Path dest = file(c.name, name);
        if (Files.isDirectory(dest)) {
            Files.deleteIfExists(tmp);
            throw new StorageError(409, "PathConflict", "The specified path, or an element of the path, exists and "
                    + "its resource type is invalid for this operation.");
        }
        Files.createDirectories(dest.getParent());
        Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Instant now = Instant.now();
        Blob old = c.blobs.get(name);
        Blob b = new Blob(name);
        b.created = old == null ? now : old.created;
        b.modified = now;
        b.etag = newEtag();
        b.length = Files.size(dest);
        b.contentType = old == null ? "application/octet-stream" : old.contentType;
        c.blobs.put(name, b);
        return b;
    }

    private Path spool(Container c, InputStream body) throws IOException {
        Path tmp = Files.createTempFile(staging, "in", ".tmp");
        try (InputStream in = body; OutputStream out = Files.newOutputStream(tmp)) {
            in.transferTo(out);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return tmp;
    }

    private Path stagedDir(Container c, String name) {
        try {
            return staging.resolve(c.name).resolve(HexFormat.of().formatHex(java.security.MessageDigest
                    .getInstance("SHA-256").digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void transfer(FileChannel in, long from, long n, FileChannel out) throws IOException {
        long done = 0;
        while (done < n) {
            done += in.transferTo(from + done, n - done, out);
        }
    }
}
