package org.sis2sds.drop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks a dropped zip into a batch folder, refusing anything hostile before a byte is written: entries that climb
 * out ({@code ..}, absolute paths, drive letters), symbolic links, folders deeper than one top-level folder, files other
 * than the CSV files of SDS v1 or v2.1, duplicate entries, unreadable (encrypted) entries, and more uncompressed
 * data than the limit (counted while copying, never trusted from the headers). Desktop litter ({@code __MACOSX/}, {@code .DS_Store},
 * {@code Thumbs.db}) is skipped. Files land flat in the target folder under their names in the zip.
 */
public final class ZipUnpacker {
    private final long maxUnpackedBytes;

    public ZipUnpacker(long maxUnpackedBytes) {
        this.maxUnpackedBytes = maxUnpackedBytes;
    }

    /** True when the zip's central directory can be read (a zip still being written has none yet). */
    public static boolean isReadable(Path zipFile) {
        try (ZipFile z = ZipFile.builder().setPath(zipFile).get()) {
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Checks {@code zipFile} and extracts it into {@code target} (created; must not exist yet).
     *
     * @throws Refusal when the zip is hostile or unreadable; {@code target} may then hold partial output, which the
     *                 caller discards
     */
    public void unpack(Path zipFile, Path target) throws Refusal, IOException {
        String zipName = BatchContent.shown(zipFile.getFileName().toString());
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(zipFile).get();
        } catch (IOException | RuntimeException e) {
            throw new Refusal("The zip file " + zipName + " cannot be read as a zip archive; create it again and drop it "
                    + "once it is completely copied.");
        }
        try (zip) {
            List<ZipArchiveEntry> wanted = check(zip, zipName);
            Files.createDirectories(target);
            long total = 0;
            for (ZipArchiveEntry e : wanted) {
                String name = fileName(e.getName());
                Path out = target.resolve(name).normalize();
                if (!out.getParent().equals(target.normalize())) {
                    throw new Refusal("The zip entry " + BatchContent.shown(e.getName()) + " points outside the batch "
                            + "folder; send a zip that holds only the SDS CSV files.");
                }
                try (InputStream in = zip.getInputStream(e);
                     OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW,
                             StandardOpenOption.WRITE)) {
                    byte[] buf = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        total += n;
                        if (total > maxUnpackedBytes) {
                            throw new Refusal("The zip file " + zipName + " unpacks to more than " + human(maxUnpackedBytes)
                                    + ", the limit set by sis2sds.drop.max-unpacked-size; split the batch or raise the "
                                    + "limit.");
                        }
                        os.write(buf, 0, n);
                    }
                } catch (IOException ex) {
                    if (!isZipProblem(ex)) {
                        throw ex;
                    }
                    throw new Refusal("The zip entry " + BatchContent.shown(e.getName()) + " in " + zipName
                            + " is damaged and cannot be unpacked; create the zip again.");
                }
            }
        }
    }

    private static boolean isZipProblem(IOException e) {
        return e.getClass().getName().contains("compress") || e instanceof java.util.zip.ZipException
                || e instanceof java.io.EOFException;
    }

    /** All checks on the central directory, before anything is written. Returns the entries to extract. */
    private List<ZipArchiveEntry> check(ZipFile zip, String zipName) throws Refusal {
        List<ZipArchiveEntry> wanted = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String topFolder = null;
        boolean rootFiles = false;
        for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
            String raw = e.getName();
            String shown = BatchContent.shown(raw);
            String name = raw.replace('\\', '/');
            if (name.startsWith("/") || name.matches("^[A-Za-z]:.*") || name.contains("\0")) {
                throw new Refusal("The zip entry " + shown + " has an absolute path; send a zip that holds only the SDS "
                        + "CSV files.");
            }
            for (String seg : name.split("/")) {
                if (seg.equals("..")) {
                    throw new Refusal("The zip entry " + shown + " points outside the batch folder; send a zip that holds "
                            + "only the SDS CSV files.");
                }
            }
            if (e.isUnixSymlink()) {
                throw new Refusal("The zip entry " + shown + " is a symbolic link, which is not allowed; send a zip that "
                        + "holds only the SDS CSV files.");
            }
            if (BatchContent.isLitter(name)) {
                continue;
            }
            String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
            String[] parts = trimmed.split("/");
            boolean dir = e.isDirectory() || name.endsWith("/");
            if (dir) {
                if (parts.length > 1) {
                    throw new Refusal("The zip holds the folder " + shown + ", nested deeper than one top-level folder; "
                            + "put the SDS CSV files at the top of the zip or in one folder.");
                }
                continue;
            }
            if (parts.length > 2) {
                throw new Refusal("The zip entry " + shown + " is nested deeper than one top-level folder; put the batch's "
                        + "CSV files at the top of the zip or in one folder.");
            }
            if (parts.length == 2) {
                if (topFolder != null && !topFolder.equals(parts[0])) {
                    throw new Refusal("The zip holds files in more than one folder (" + BatchContent.shown(topFolder)
                            + ", " + BatchContent.shown(parts[0]) + "); put the SDS CSV files in one place.");
                }
                topFolder = parts[0];
            } else {
                rootFiles = true;
            }
            if (rootFiles && topFolder != null) {
                throw new Refusal("The zip holds files both at its top and in the folder " + BatchContent.shown(topFolder)
                        + "; put the SDS CSV files in one place.");
            }
            String file = parts[parts.length - 1];
            if (!BatchContent.isSdsFile(file)) {
                throw new Refusal("The zip holds the unexpected file " + shown + " (SDS: \"Archive validation failed. "
                        + "Unsupported file " + BatchContent.shown(file) + " found in archive " + zipName + ".\"); "
                        + "remove it and drop the zip again: a batch holds only " + BatchContent.allowed() + ".");
            }
            if (!seen.add(file.toLowerCase(Locale.ROOT))) {
                throw new Refusal("The zip holds " + BatchContent.shown(file) + " more than once; keep one copy of each "
                        + "file.");
            }
            if (!zip.canReadEntryData(e)) {
                throw new Refusal("The zip entry " + shown + " is encrypted or uses an unsupported compression method; "
                        + "create the zip again without a password.");
            }
            wanted.add(e);
        }
        return wanted;
    }

    private static String fileName(String entryName) {
        String n = entryName.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1);
    }

    static String human(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KB";
        }
        return bytes + " bytes";
    }
}
