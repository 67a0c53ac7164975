package org.sis2sds.drop;

import java.util.Locale;
import java.util.Set;
import org.sis2sds.batch.BatchFile;
import org.sis2sds.batch.BatchFormat;

/**
 * What may be in a dropped batch: the CSV files of SDS v1 or SDS v2.1 ({@link BatchFormat}), plus operating-system
 * litter that is ignored. A folder mixing both formats is let through: the validation says so in its report.
 */
final class BatchContent {
    /** Files that desktops leave behind; never extracted, never an error. */
    private static final Set<String> LITTER = Set.of(".ds_store", "thumbs.db", "desktop.ini");

    private BatchContent() {
    }

    /** True for macOS resource forks ({@code __MACOSX/...}, {@code ._School.csv}) and desktop metadata files. */
    static boolean isLitter(String path) {
        String p = path.replace('\\', '/');
        if (p.startsWith("__MACOSX/") || p.equals("__MACOSX")) {
            return true;
        }
        String name = p.substring(p.lastIndexOf('/') + 1);
        return LITTER.contains(name.toLowerCase(Locale.ROOT)) || name.startsWith("._");
    }

    /** True when the name is a file of SDS v1 or v2.1 (case-insensitive). */
    static boolean isSdsFile(String name) {
        return BatchFormat.fileNamed(name).isPresent();
    }

    /** The files a batch may hold, for sentences: "the SDS v1 files (School.csv, ...) or the SDS v2.1 files (...)". */
    static String allowed() {
        return "the six SDS v1 files (" + names(BatchFormat.V1) + ") or the SDS v2.1 files (" + names(BatchFormat.V2_1)
                + ")";
    }

    private static String names(BatchFormat f) {
        return String.join(", ", f.files().stream().map(BatchFile::canonicalName).toList());
    }

    /** A name safe to put in a one-sentence message: control characters removed, at most 80 characters. */
    static String shown(String name) {
        String s = name.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
