package org.sis2sds.drop;

import java.util.Locale;
import java.util.Set;
import org.sis2sds.batch.SdsFile;

/** What may be in a dropped batch: the six CSV files, plus operating-system litter that is ignored. */
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

    /** True when the name is one of the six SDS files (case-insensitive). */
    static boolean isSdsFile(String name) {
        return SdsFile.byFileName(name).isPresent();
    }

    /** A name safe to put in a one-sentence message: control characters removed, at most 80 characters. */
    static String shown(String name) {
        String s = name.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
