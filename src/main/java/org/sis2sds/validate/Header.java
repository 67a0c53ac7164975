package org.sis2sds.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sis2sds.batch.CsvRowReader;

/** The header row of a file: the names (trimmed), the first position of each, and the names given twice. */
final class Header {
    final List<String> names;
    /** Each name's first position, in header order. */
    final Map<String, Integer> first = new LinkedHashMap<>();
    /** Names given more than once, each once, with its first position (empty names never count). */
    final Map<String, Integer> duplicated = new LinkedHashMap<>();

    /** The current record of {@code r}, read as the header. */
    Header(CsvRowReader r) {
        names = new ArrayList<>(r.size());
        for (int k = 0; k < r.size(); k++) {
            String name = r.get(k).strip();
            names.add(name);
            Integer prev = first.putIfAbsent(name, k);
            if (prev != null && !name.isEmpty()) {
                duplicated.putIfAbsent(name, prev);
            }
        }
    }

    int width() {
        return names.size();
    }

    /** The header's length in bytes, roughly (names and commas), for presizing sets. */
    int bytes() {
        return names.stream().mapToInt(String::length).sum() + names.size();
    }
}
