package org.sis2sds.batch;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fast, streaming RFC 4180 record reader working on UTF-8 bytes: the one parser behind every read of a batch file
 * (validation, fingerprints, the PowerSchool staging sort), of either format.
 *
 * <ul>
 *   <li>An optional UTF-8 byte-order mark at the start is skipped.</li>
 *   <li>Records end with LF, CRLF or a lone CR; completely empty lines are skipped (they are not records).</li>
 *   <li>Fields are separated by commas; a field that starts with {@code "} is quoted: commas and line breaks inside
 *       it are data and {@code ""} is one quote. Lenient where RFC 4180 is strict: a quote inside an unquoted field
 *       is data, characters after a closing quote are appended, an unterminated quote ends at end of file.</li>
 *   <li>Malformed UTF-8 is detected per field ({@link #malformed()}); such bytes decode as U+FFFD. A file that
 *       starts as UTF-16 text does ({@link #utf16()}).</li>
 *   <li>A record longer than the cap ({@link #DEFAULT_MAX_RECORD_BYTES} unless told otherwise: a missing line break
 *       or an unclosed quote) stops the reading with a {@link RecordTooLongException}, so memory stays bounded.</li>
 * </ul>
 *
 * The separators are ASCII, and UTF-8 never uses ASCII bytes inside a multi-byte sequence, so tokenising bytes is
 * exact. Fields are exposed as byte ranges of {@link #buffer()} (valid until the next {@link #next()}) and, on
 * demand, as strings. Memory is bounded by the record cap (the buffer is at most about twice the cap).
 */
public final class CsvRowReader implements Closeable {
    private static final byte COMMA = ',';
    private static final byte QUOTE = '"';
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    /** The default record cap: 1 MB (an SDS row is a few hundred bytes). */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;
    /** The default buffer size. */
    public static final int DEFAULT_BUFFER_SIZE = 1 << 18;

    /** Thrown by {@link #next()} when a record exceeds the cap: the rest of the input is not read. */
    public static final class RecordTooLongException extends IOException {
        private final long record;
        private final long maxBytes;

        RecordTooLongException(long record, long maxBytes) {
            super("record " + record + " is longer than " + maxBytes + " bytes (a missing line break or an unclosed "
                    + "quote?)");
            this.record = record;
            this.maxBytes = maxBytes;
        }

        /** The 1-based number of the record that was too long (the header is record 1). */
        public long record() {
            return record;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }

    private final InputStream in;
    private final int maxRecordBytes;
    private String utf16;
    private byte[] buf;
    private int limit;
    private boolean eof;

    // the record being scanned
    private int recStart;
    private int i;
    private int state;
    private int fieldStart;
    private int w;
    private boolean fieldHi;
    private boolean fieldNl;
    private boolean skipLf;

    private int count;
    private boolean recordNl;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private boolean[] hi = new boolean[64];
    private boolean[] nl = new boolean[64];

    private long records;
    private BufferHandoff handoff;
    private boolean malformed;
    private long firstMalformedRecord;

    public CsvRowReader(InputStream in) throws IOException {
        this(in, DEFAULT_BUFFER_SIZE);
    }

    public CsvRowReader(InputStream in, int bufferSize) throws IOException {
        this(in, bufferSize, DEFAULT_MAX_RECORD_BYTES);
    }

    /**
     * @param bufferSize     the initial buffer (it grows for longer records)
     * @param maxRecordBytes the longest record accepted (at least 1 KB)
     */
    public CsvRowReader(InputStream in, int bufferSize, int maxRecordBytes) throws IOException {
        this.in = in;
        this.maxRecordBytes = Math.max(1024, maxRecordBytes);
        this.buf = new byte[Math.max(16, bufferSize)];
        while (limit < 3 && !eof) {
            fill();
        }
        if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
            recStart = 3;
        } else if (limit >= 2) {
            int b0 = buf[0] & 0xFF;
            int b1 = buf[1] & 0xFF;
            if ((b0 == 0xFF && b1 == 0xFE) || (b0 != 0 && b1 == 0)) {
                utf16 = "UTF-16LE";
            } else if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0 && b1 != 0)) {
                utf16 = "UTF-16BE";
            }
        }
    }

    /** Opens a file for reading. */
    public static CsvRowReader open(Path file) throws IOException {
        return open(file, DEFAULT_BUFFER_SIZE);
    }

    /** Opens a file for reading with a buffer of {@code bufferSize} bytes (it grows for longer records). */
    public static CsvRowReader open(Path file, int bufferSize) throws IOException {
        return open(file, bufferSize, DEFAULT_MAX_RECORD_BYTES);
    }

    /** Opens a file for reading with a buffer of {@code bufferSize} bytes and a record cap. */
    public static CsvRowReader open(Path file, int bufferSize, int maxRecordBytes) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            return new CsvRowReader(in, bufferSize, maxRecordBytes);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * {@code UTF-16LE} or {@code UTF-16BE} when the input starts like UTF-16 text (a UTF-16 byte-order mark, or a zero
     * byte among the first two, which UTF-8 CSV text never has); null otherwise.
     */
    public String utf16() {
        return utf16;
    }

    /**
     * Receives the buffer when the reader is done with it, so that the records read from it stay valid for whoever
     * holds on to them: instead of moving the unfinished record to the start of its buffer, the reader moves it into
     * the buffer {@link #handOff} returns (which may be the same one once the receiver has finished with it).
     */
    @FunctionalInterface
    public interface BufferHandoff {
        /**
         * @param full the buffer the reader is leaving; every record returned so far lies in it or an earlier one
         * @param keep how many bytes (the unfinished record) must fit in the returned buffer
         */
        byte[] handOff(byte[] full, int keep) throws IOException;
    }

    /** Makes the reader hand over each buffer it leaves instead of reusing it (see {@link BufferHandoff}). */
    public void setBufferHandoff(BufferHandoff handoff) {
        this.handoff = handoff;
    }

    private void fill() throws IOException {
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    /** Moves the current record to the start of the buffer (growing it when the record fills it) and reads more. */
    private void refill() throws IOException {
        if (limit - recStart > maxRecordBytes) {
            throw new RecordTooLongException(records + 1, maxRecordBytes);
        }
        int delta = recStart;
        if (delta > 0) {
            byte[] target = buf;
            if (handoff != null) {
                target = handoff.handOff(buf, limit - delta);
                if (target.length < limit - delta) {
                    target = new byte[buf.length];
                }
            }
            System.arraycopy(buf, delta, target, 0, limit - delta);
            buf = target;
            limit -= delta;
            i -= delta;
            fieldStart -= delta;
            w -= delta;
            for (int k = 0; k < count; k++) {
                starts[k] -= delta;
                ends[k] -= delta;
            }
            recStart = 0;
        }
        fill();
    }

    /**
     * Advances to the next record. Returns false at end of input. The first record is the header when the file has
     * one.
     */
    public boolean next() throws IOException {
        count = 0;
        recordNl = false;
        i = recStart;
        state = FIELD_START;
        while (true) {
            if (i >= limit) {
                if (!eof) {
                    refill();
                    continue;
                }
                // end of input
                if (state == FIELD_START && count == 0) {
                    recStart = i;
                    return false;
                }
                if (state == FIELD_START) {
                    fieldStart = i;
                    fieldHi = false;
                    w = i;
                }
                endField(w);
                recStart = i;
                return finish();
            }
            byte[] b = buf;
            switch (state) {
                case FIELD_START: {
                    byte c = b[i];
                    if (skipLf) {
                        skipLf = false;
                        if (c == LF && count == 0) {
                            i++;
                            recStart = i;
                            continue;
                        }
                    }
                    if (c == QUOTE) {
                        i++;
                        fieldStart = i;
                        w = i;
                        fieldHi = false;
                        state = QUOTED;
                    } else if (c == COMMA) {
                        fieldStart = i;
                        fieldHi = false;
                        endField(i);
                        i++;
                    } else if (c == LF || c == CR) {
                        if (count == 0) { // an empty line: not a record
                            skipLf = c == CR;
                            i++;
                            recStart = i;
                            continue;
                        }
                        fieldStart = i;
                        fieldHi = false;
                        endField(i);
                        skipLf = c == CR;
                        recStart = i + 1;
                        return finish();
                    } else {
                        fieldStart = i;
                        w = i;
                        fieldHi = false;
                        state = UNQUOTED;
                    }
                    break;
                }
                case UNQUOTED: {
                    int j = i;
                    int lim = limit;
                    boolean h = fieldHi;
                    if (w == j) { // the common case: nothing to shift
                        while (j < lim) {
                            byte c = b[j];
                            if (c == COMMA || c == LF || c == CR) {
                                break;
                            }
                            h |= c < 0;
                            j++;
                        }
                        w = j;
                    } else {
                        int ww = w;
                        while (j < lim) {
                            byte c = b[j];
                            if (c == COMMA || c == LF || c == CR) {
                                break;
                            }
                            h |= c < 0;
                            b[ww++] = c;
                            j++;
                        }
                        w = ww;
                    }
                    fieldHi = h;
                    i = j;
                    if (j < lim) {
                        byte c = b[j];
                        endField(w);
                        i++;
                        state = FIELD_START;
                        if (c != COMMA) {
                            skipLf = c == CR;
                            recStart = i;
                            return finish();
                        }
                    }
                    break;
                }
                case QUOTED: {
                    int j = i;
                    int lim = limit;
                    int ww = w;
                    boolean h = fieldHi;
                    boolean n = fieldNl;
                    while (j < lim) {
                        byte c = b[j];
                        if (c == QUOTE) {
                            break;
                        }
                        h |= c < 0;
                        n |= c == LF | c == CR;
                        if (ww != j) {
                            b[ww] = c;
                        }
                        ww++;
                        j++;
                    }
                    w = ww;
                    fieldHi = h;
                    fieldNl = n;
                    i = j;
                    if (j < lim) {
                        i++;
                        state = QUOTE_IN_QUOTED;
                    }
                    break;
                }
                default: { // QUOTE_IN_QUOTED: an escaped quote, the end of the field, or lenient trailing data
                    byte c = b[i];
                    if (c == QUOTE) {
                        b[w++] = QUOTE;
                        i++;
                        state = QUOTED;
                    } else if (c == COMMA) {
                        endField(w);
                        i++;
                        state = FIELD_START;
                    } else if (c == LF || c == CR) {
                        endField(w);
                        i++;
                        skipLf = c == CR;
                        recStart = i;
                        return finish();
                    } else {
                        state = UNQUOTED;
                    }
                    break;
                }
            }
        }
    }

    private void endField(int end) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
            hi = Arrays.copyOf(hi, count * 2);
            nl = Arrays.copyOf(nl, count * 2);
        }
        starts[count] = fieldStart;
        ends[count] = end;
        hi[count] = fieldHi;
        nl[count] = fieldNl;
        recordNl |= fieldNl;
        count++;
        fieldHi = false;
        fieldNl = false;
    }

    private boolean finish() {
        records++;
        for (int k = 0; k < count; k++) {
            if (hi[k] && !Utf8.isValid(buf, starts[k], ends[k])) {
                if (!malformed) {
                    malformed = true;
                    firstMalformedRecord = records;
                }
            }
        }
        return true;
    }

    /** Number of fields of the current record. */
    public int size() {
        return count;
    }

    /** The bytes of the current record's fields (valid until the next {@link #next()}). */
    public byte[] buffer() {
        return buf;
    }

    public int start(int field) {
        return starts[field];
    }

    public int end(int field) {
        return ends[field];
    }

    public int length(int field) {
        return ends[field] - starts[field];
    }

    /** Whether the field holds bytes outside ASCII. */
    public boolean nonAscii(int field) {
        return hi[field];
    }

    /** Whether any field of the current record holds a line break. */
    public boolean hasLineBreak() {
        return recordNl;
    }

    /** Whether the (quoted) field holds a line break (CR or LF), which SDS v2.1 does not accept in values. */
    public boolean hasLineBreak(int field) {
        return nl[field];
    }

    /** The field decoded from UTF-8 (malformed bytes become U+FFFD). */
    public String get(int field) {
        int s = starts[field];
        int len = ends[field] - s;
        if (len == 0) {
            return "";
        }
        return new String(buf, s, len, hi[field] ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    /**
     * Whether the field is empty or holds only white space: any Unicode white space ({@link #isWhiteSpace(int)}),
     * the no-break spaces U+00A0, U+2007, U+202F and the next-line control U+0085 included.
     */
    public boolean isBlank(int field) {
        int s = starts[field];
        int e = ends[field];
        if (hi[field]) {
            String v = get(field);
            for (int k = 0; k < v.length(); ) {
                int cp = v.codePointAt(k);
                if (!isWhiteSpace(cp)) {
                    return false;
                }
                k += Character.charCount(cp);
            }
            return true;
        }
        for (int k = s; k < e; k++) {
            byte c = buf[k];
            if (c != ' ' && (c < 0x09 || c > 0x0D) && (c < 0x1C || c > 0x1F)) {
                return false;
            }
        }
        return true;
    }

    /**
     * White space as Unicode defines it (the White_Space property: spaces of every width, the no-break spaces, line
     * and paragraph separators, tab, line feeds and U+0085), and the ASCII separators U+001C–U+001F.
     */
    public static boolean isWhiteSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    /** All fields of the current record as strings. */
    public List<String> fields() {
        List<String> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            out.add(get(k));
        }
        return out;
    }

    /** Records read so far, the header included. */
    public long records() {
        return records;
    }

    /** Whether any field read so far was not valid UTF-8. */
    public boolean malformed() {
        return malformed;
    }

    /** The 1-based record number (header = 1) of the first malformed field, or 0. */
    public long firstMalformedRecord() {
        return firstMalformedRecord;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
