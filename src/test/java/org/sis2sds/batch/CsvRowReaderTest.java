package org.sis2sds.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvRowReaderTest {

    static List<List<String>> parse(byte[] bytes, int buffer) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (CsvRowReader r = new CsvRowReader(new ByteArrayInputStream(bytes), buffer)) {
            while (r.next()) {
                out.add(r.fields());
            }
        }
        return out;
    }

    static List<List<String>> parse(String s) throws IOException {
        return parse(s.getBytes(StandardCharsets.UTF_8), 1 << 16);
    }

    @Test
    void lfAndCrlfAndLoneCrEndRecords() throws IOException {
        assertThat(parse("a,b\nc,d\r\ne,f\rg,h")).containsExactly(List.of("a", "b"), List.of("c", "d"),
                List.of("e", "f"), List.of("g", "h"));
    }

    @Test
    void bomIsSkipped() throws IOException {
        assertThat(parse("\uFEFFSIS ID,Name\r\n1,A\r\n")).containsExactly(List.of("SIS ID", "Name"), List.of("1", "A"));
    }

    @Test
    void rfc4180Quoting() throws IOException {
        assertThat(parse("\"a,1\",\"say \"\"hi\"\"\",\"two\r\nlines\",\"\"\r\n")).containsExactly(
                List.of("a,1", "say \"hi\"", "two\r\nlines", ""));
    }

    @Test
    void emptyFieldsAndTrailingComma() throws IOException {
        assertThat(parse(",x,\n,\n")).containsExactly(List.of("", "x", ""), List.of("", ""));
    }

    @Test
    void emptyLinesAreSkippedAndLastLineNeedsNoBreak() throws IOException {
        assertThat(parse("a\n\n\r\nb\r\n\r\n")).containsExactly(List.of("a"), List.of("b"));
        assertThat(parse("")).isEmpty();
        assertThat(parse("\uFEFF")).isEmpty();
    }

    @Test
    void lenientQuotes() throws IOException {
        assertThat(parse("ab\"c,\"x\"y,\"open")).containsExactly(List.of("ab\"c", "xy", "open"));
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 17, 19, 23, 64})
    void recordsAcrossBufferBoundariesAndLongerThanTheBuffer(int buffer) throws IOException {
        StringBuilder sb = new StringBuilder();
        List<List<String>> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String a = "id" + i;
            String b = "name \"" + i + "\", très long " + "x".repeat(i % 37);
            sb.append(a).append(",\"").append(b.replace("\"", "\"\"")).append("\"").append(i % 2 == 0 ? "\r\n" : "\n");
            expected.add(List.of(a, b));
        }
        assertThat(parse(sb.toString().getBytes(StandardCharsets.UTF_8), buffer)).isEqualTo(expected);
    }

    @Test
    void handedOverBuffersKeepEveryRecordIntact() throws IOException {
        StringBuilder sb = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String v = "v" + i + "é".repeat(i % 5);
            expected.add(v);
            sb.append(i).append(",\"").append(v).append("\"\r\n");
        }
        List<Object[]> kept = new ArrayList<>(); // buffer, start, end of field 1 of each record
        List<byte[]> handed = new ArrayList<>();
        try (CsvRowReader r = new CsvRowReader(new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)),
                32)) {
            r.setBufferHandoff((full, keep) -> {
                handed.add(full);
                return new byte[Math.max(32, keep * 2)];
            });
            while (r.next()) {
                kept.add(new Object[] {r.buffer(), r.start(1), r.end(1)});
            }
        }
        assertThat(handed).hasSizeGreaterThan(100);
        for (int i = 0; i < kept.size(); i++) {
            Object[] k = kept.get(i);
            assertThat(new String((byte[]) k[0], (int) k[1], (int) k[2] - (int) k[1], StandardCharsets.UTF_8))
                    .isEqualTo(expected.get(i));
        }
    }

    @Test
    void multiByteUtf8IsDecoded() throws IOException {
        try (CsvRowReader r = new CsvRowReader(new ByteArrayInputStream("Zoë,José,日本,😀\n".getBytes(StandardCharsets.UTF_8)))) {
            assertThat(r.next()).isTrue();
            assertThat(r.fields()).containsExactly("Zoë", "José", "日本", "😀");
            assertThat(r.malformed()).isFalse();
        }
    }

    @Test
    void malformedUtf8IsDetected() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("a,b\nok,fine\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes(new byte[] {'J', 'o', 's', (byte) 0xE9, ',', 'x', '\n'}); // Latin-1 é
        try (CsvRowReader r = new CsvRowReader(new ByteArrayInputStream(b.toByteArray()))) {
            while (r.next()) {
                // read all
            }
            assertThat(r.malformed()).isTrue();
            assertThat(r.firstMalformedRecord()).isEqualTo(3);
        }
    }

    @Test
    void strictUtf8() {
        assertThat(valid(0xC3, 0xA9)).isTrue();
        assertThat(valid(0xC0, 0x80)).as("overlong").isFalse();
        assertThat(valid(0xED, 0xA0, 0x80)).as("surrogate").isFalse();
        assertThat(valid(0xF4, 0x90, 0x80, 0x80)).as("above U+10FFFF").isFalse();
        assertThat(valid(0xE2, 0x82)).as("cut short").isFalse();
        assertThat(valid(0xF0, 0x9F, 0x98, 0x80)).isTrue();
        assertThat(valid(0x80)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u00A0", "\u2007", "\u202F", "\u0085", " \u00A0\t", "\u3000", "\u2028"})
    void unicodeWhiteSpaceIsBlank(String cell) throws IOException {
        try (CsvRowReader r = new CsvRowReader(new ByteArrayInputStream(("a," + cell + ",\u00A0x\n")
                .getBytes(StandardCharsets.UTF_8)))) {
            assertThat(r.next()).isTrue();
            assertThat(r.isBlank(0)).isFalse();
            assertThat(r.isBlank(1)).as("U+%04X", (int) cell.charAt(0)).isTrue();
            assertThat(r.isBlank(2)).isFalse();
        }
    }

    @Test
    void lineBreaksInsideQuotedFieldsAreFlagged() throws IOException {
        try (CsvRowReader r = new CsvRowReader(new ByteArrayInputStream(
                "\"two\nlines\",plain,\"quoted\",\"cr\ronly\"\n".getBytes(StandardCharsets.UTF_8)), 16)) {
            assertThat(r.next()).isTrue();
            assertThat(List.of(r.hasLineBreak(0), r.hasLineBreak(1), r.hasLineBreak(2), r.hasLineBreak(3)))
                    .containsExactly(true, false, false, true);
        }
    }

    /** An endless stream: a record that never ends (no line break, or a quote that is never closed). */
    static java.io.InputStream endless(String start, byte fill) {
        byte[] head = start.getBytes(StandardCharsets.UTF_8);
        return new java.io.InputStream() {
            long pos;

            @Override
            public int read() {
                return pos < head.length ? head[(int) pos++] : fill;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                for (int k = 0; k < len; k++) {
                    b[off + k] = (byte) read();
                }
                pos += 0;
                return len;
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,b\nc,d\nendless", "a,b\nc,d\n\"unclosed quote"})
    void aRecordWithoutAnEndStopsAtTheCapInBoundedMemory(String start) throws IOException {
        int cap = 64 * 1024;
        try (CsvRowReader r = new CsvRowReader(endless(start, (byte) 'x'), 4096, cap)) {
            assertThat(r.next()).isTrue();
            assertThat(r.next()).isTrue();
            assertThatThrownBy(r::next).isInstanceOfSatisfying(CsvRowReader.RecordTooLongException.class, e -> {
                assertThat(e.record()).isEqualTo(3);
                assertThat(e.maxBytes()).isEqualTo(cap);
            });
            assertThat(r.buffer().length).isLessThanOrEqualTo(4 * cap);
        }
    }

    @Test
    void utf16TextIsRecognisedByItsFirstBytes() throws IOException {
        assertThat(new CsvRowReader(new ByteArrayInputStream("orgs".getBytes(StandardCharsets.UTF_16LE))).utf16())
                .isEqualTo("UTF-16LE");
        assertThat(new CsvRowReader(new ByteArrayInputStream("orgs".getBytes(StandardCharsets.UTF_16))).utf16())
                .isEqualTo("UTF-16BE");
        assertThat(new CsvRowReader(new ByteArrayInputStream(new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0})).utf16())
                .isEqualTo("UTF-16LE");
        assertThat(new CsvRowReader(new ByteArrayInputStream("\uFEFForgs".getBytes(StandardCharsets.UTF_8))).utf16())
                .isNull();
        assertThat(new CsvRowReader(new ByteArrayInputStream("o".getBytes(StandardCharsets.UTF_8))).utf16()).isNull();
    }

    private static boolean valid(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Utf8.isValid(b, 0, b.length);
    }
}
