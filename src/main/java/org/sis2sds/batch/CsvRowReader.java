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
 * A fast, streaming RFC 4180 record reader working on UTF-8 bytes: the parser behind every SDS v1 file read.
 *
 * <ul>
 *   <li>An optional UTF-8 byte-order mark at the start is skipped.</li>
 *   <li>Records end with LF, CRLF or a lone CR; completely empty lines are skipped (they are not records).</li>
 *   <li>Fields are separated by commas; a field that starts with {@code "} is quoted: commas and line breaks inside
 *       it are data and {@code ""} is one quote. Lenient where RFC 4180 is strict: a quote inside an unquoted field
 *       is data, characters after a closing quote are appended, an unterminated quote ends at end of file.</li>
 *   <li>Malformed UTF-8 is detected per field ({@link #malformed()}); such bytes decode as U+FFFD.</li>
 * </ul>
 *
 * The separators are ASCII, and UTF-8 never uses ASCII bytes inside a multi-byte sequence, so tokenising bytes is
 * exact. Fields are exposed as byte ranges of {@link #buffer()} (valid until the next {@link #next()}) and, on
 * demand, as strings. Memory is bounded by the longest record.
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

    private final InputStream in;
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
    private boolean skipLf;

    private int count;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private boolean[] hi = new boolean[64];

    private long records;
    private BufferHandoff handoff;
    private boolean malformed;
    private long firstMalformedRecord;

    public CsvRowReader(InputStream in) throws IOException {
        this(in, 1 << 18);
    }

    public CsvRowReader(InputStream in, int bufferSize) throws IOException {
        this.in = in;
        this.buf = new byte[Math.max(16, bufferSize)];
        while (limit < 3 && !eof) {
            fill();
        }
        if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
            recStart = 3;
        }
    }

    /** Opens a file for reading. */
    public static CsvRowReader open(Path file) throws IOException {
        return open(file, 1 << 18);
    }

    /** Opens a file for reading with a buffer of {@code bufferSize} bytes (it grows for longer records). */
    public static CsvRowReader open(Path file, int bufferSize) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            return new CsvRowReader(in, bufferSize);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
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
                    while (j < lim) {
                        byte c = b[j];
                        if (c == QUOTE) {
                            break;
                        }
                        h |= c < 0;
                        if (ww != j) {
                            b[ww] = c;
                        }
                        ww++;
                        j++;
                    }
                    w = ww;
                    fieldHi = h;
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
        }
        starts[count] = fieldStart;
        ends[count] = end;
        hi[count] = fieldHi;
        count++;
        fieldHi = false;
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

    /** The field decoded from UTF-8 (malformed bytes become U+FFFD). */
    public String get(int field) {
        int s = starts[field];
        int len = ends[field] - s;
        if (len == 0) {
            return "";
        }
        return new String(buf, s, len, hi[field] ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    /** Whether the field is empty or holds only white space. */
    public boolean isBlank(int field) {
        int s = starts[field];
        int e = ends[field];
        if (hi[field]) {
            return get(field).isBlank();
        }
        for (int k = s; k < e; k++) {
            byte c = buf[k];
            if (c != ' ' && (c < 0x09 || c > 0x0D) && (c < 0x1C || c > 0x1F)) {
                return false;
            }
        }
        return true;
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
