package org.sis2sds.validate;

import java.util.Comparator;

/** A message with its place in the report: the file's order, the rule, the column's position (-1: file-level). */
record Placed(int file, String rule, int pos, Message message) {
    static final Comparator<Placed> ORDER = Comparator.comparingInt(Placed::file).thenComparing(Placed::rule)
            .thenComparingInt(Placed::pos);
}
