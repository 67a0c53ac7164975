package org.sis2sds.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Row fingerprints: keys, changes, column order, BOM, and the compact map. */
class FingerprintsTest {
    @TempDir
    Path tmp;

    private static Map<String, SyncStore.Snapshot> snapshot(Map<String, Fingerprints.EntityScan> scan) {
        Map<String, SyncStore.Snapshot> m = new LinkedHashMap<>();
        scan.forEach((e, s) -> m.put(e, s.toSnapshot()));
        return m;
    }

    @Test
    void countsAddedUpdatedRemovedPerEntity() throws Exception {
        Path a = TestBatches.write(tmp.resolve("a"), 10, "");
        Map<String, Fingerprints.EntityScan> first = Fingerprints.scan(a, Map.of());
        assertThat(first.get("student").rowCount()).isEqualTo(10);
        assertThat(first.get("student").added).isEqualTo(10);
        assertThat(first.keySet()).containsExactly("school", "section", "student", "teacher", "studentenrollment",
                "teacherroster");

        Path b = TestBatches.write(tmp.resolve("b"), 12, "");
        Files.writeString(b.resolve("Student.csv"), Files.readString(b.resolve("Student.csv"))
                .replace("P3,S1,p3@example.edu,Name3", "P3,S1,p3@example.edu,Changed")
                .replace("P5,S1,p5@example.edu,Name5\r\n", ""));
        Map<String, Fingerprints.EntityScan> second = Fingerprints.scan(b, snapshot(first));
        Fingerprints.EntityScan st = second.get("student");
        assertThat(st.rowCount()).isEqualTo(11);
        assertThat(st.added).isEqualTo(2);
        assertThat(st.updated).isEqualTo(1);
        assertThat(st.removed).isEqualTo(1);
        assertThat(second.get("studentenrollment").added).isEqualTo(2);
        assertThat(second.get("school").changed()).isFalse();
    }

    @Test
    void columnOrderBomAndFileNameCaseAreNoChange() throws Exception {
        Path a = tmp.resolve("a");
        Files.createDirectories(a);
        Files.writeString(a.resolve("School.csv"), "SIS ID,Name,Zip\r\nS1,Lincoln,12345\r\nS2,\"Grant, U.\",999\r\n");
        Path b = tmp.resolve("b");
        Files.createDirectories(b);
        Files.writeString(b.resolve("school.CSV"), "\uFEFFZip,name,SIS ID\n12345,Lincoln,S1\n999,\"Grant, U.\",S2\n",
                StandardCharsets.UTF_8);
        Map<String, Fingerprints.EntityScan> first = Fingerprints.scan(a, Map.of());
        Map<String, Fingerprints.EntityScan> second = Fingerprints.scan(b, snapshot(first));
        assertThat(second.get("school").rowCount()).isEqualTo(2);
        assertThat(second.get("school").changed()).isFalse();
        assertThat(second.get("student").rowCount()).isZero();
    }

    @Test
    void aBareQuoteInsideACellIsReadAsTheValidatorReadsIt() throws Exception {
        Path a = TestBatches.write(tmp.resolve("a"), 3, "");
        Files.writeString(a.resolve("School.csv"), "SIS ID,Name\r\nS1,\"Lincoln\" High\r\nS2,a \"b\" c\r\n");
        Map<String, Fingerprints.EntityScan> scan = Fingerprints.scan(a, Map.of());
        assertThat(scan.get("school").rowCount()).isEqualTo(2);
    }

    @Test
    void anSdsV21BatchIsFingerprintedPerV21Entity() throws Exception {
        Path a = org.sis2sds.support.Samples.v21(tmp.resolve("a"));
        Map<String, Fingerprints.EntityScan> first = Fingerprints.scan(a, Map.of());
        assertThat(first.keySet()).containsExactly("orgs", "academicSessions", "courses", "users", "classes", "roles",
                "enrollments", "demographics", "userFlags", "relationships");
        assertThat(first.get("roles").rowCount()).as("keyed by user, org and role").isEqualTo(7);
        assertThat(first.get("enrollments").rowCount()).isEqualTo(6);

        Path b = org.sis2sds.support.Samples.v21(tmp.resolve("b"));
        Files.writeString(b.resolve("users.csv"), Files.readString(b.resolve("users.csv")).replace("Jack", "Jacques"));
        Map<String, Fingerprints.EntityScan> second = Fingerprints.scan(b, snapshot(first));
        assertThat(second.get("users").updated).isEqualTo(1);
        assertThat(second.get("roles").changed()).isFalse();
    }

    @Test
    void theMapHoldsSixteenBytesPerIdAndRoundTrips() {
        LongLongMap m = new LongLongMap(4);
        Random r = new Random(7);
        long[] keys = new long[50_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i == 0 ? 0L : r.nextLong();
            m.put(keys[i], i);
        }
        byte[] bytes = m.toBytes();
        assertThat(bytes).hasSize(keys.length * 16);
        LongLongMap back = LongLongMap.fromBytes(bytes);
        assertThat(back.size()).isEqualTo(keys.length);
        for (int i = 0; i < keys.length; i++) {
            assertThat(back.get(keys[i], -1)).isEqualTo(i);
        }
        assertThat(back.containsKey(123456789L)).isFalse();
    }
}
