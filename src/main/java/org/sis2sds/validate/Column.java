package org.sis2sds.validate;

import org.sis2sds.batch.V21Column;

/**
 * The checks of one column of a file, and what they found. The reading thread checks blank cells (and line breaks);
 * the second stage ({@link SetStage}) the format, uniqueness and references of the cells it is given.
 */
final class Column {
    /** The column's place among the second stage's cells, or -1 when the second stage does not see it. */
    int slot = -1;
    /** Whether the second stage hashes the cells (for {@link #unique} or {@link #target}). */
    boolean hashed;
    final String name;
    final int pos;
    boolean required;
    /** v1: an optional column the profile syncs (a blank cell is a Warning). */
    boolean syncedOptional;
    /** Whether a blank cell is counted in {@link #missing}. */
    boolean reportBlank;
    /** A {@link Formats} rule. */
    int format;
    /** For {@link Formats#ENUM}: the hashes of the lower-cased codes. */
    LongHashSet codes;
    /** A comma-separated list of values, each checked (v2.1 sessionSourcedIds, raceCodes). */
    boolean list;
    /** Whether a line break inside a value is counted in {@link #lineBreak} (v2.1). */
    boolean lineBreaks;
    /**
     * For the role column of roles.csv: the user and org columns whose cells, with this one's, make the key of a
     * role; repeated keys go to {@link #duplicates} of this column (in {@link #composite}).
     */
    Column[] compositeOf;
    LongHashSet composite;
    /** Whether the column is part of another's {@link #compositeOf} (the second stage must see its cells). */
    boolean keyPart;
    /** The hashes of the cells of rows the reading stage marked go into this set (users that cannot be contacts). */
    LongHashSet collectInto;
    /** Cells whose hash is in this set are counted in {@link #flagged} (contacts that lack names or e-mail). */
    LongHashSet flagIfIn;
    final Tally flagged = new Tally();
    /** For {@link Formats#ENUM}: the last value found valid (most cells repeat it), and its length. */
    final byte[] lastCode = new byte[32];
    int lastCodeLength = -1;
    /** Values never shown as samples (passwords). */
    boolean secret;
    LongHashSet unique;
    boolean caseInsensitive;
    String uniqueType;
    LongHashSet target;
    /** v2.1: the column's definition. */
    V21Column v21;
    /** The last data row whose cell in this column was blank (lets per-row checks reuse the reading stage's test). */
    long blankRow;
    long lastFound;
    boolean hasLastFound;
    /** A direct-mapped cache of hashes found in {@link #target} (hot sections and schools). */
    final long[] found = new long[4096];
    final Tally missing = new Tally();
    final Tally invalid = new Tally();
    final Tally unknownCode = new Tally();
    final Tally lineBreak = new Tally();
    final Tally duplicates = new Tally();
    final Tally missingRef = new Tally();

    Column(String name, int pos) {
        this.name = name;
        this.pos = pos;
    }

    /** Whether the second stage must see this column's cells. */
    boolean staged() {
        return unique != null || target != null || format != Formats.NONE || compositeOf != null || keyPart
                || collectInto != null || flagIfIn != null;
    }

    /** Whether the column's only check is for line breaks (then it is looked at only in rows that have one). */
    boolean lineBreakOnly() {
        return lineBreaks && !reportBlank && !staged();
    }
}
