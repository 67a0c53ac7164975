package org.sis2sds.sandbox.industrydata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sis2sds.batch.CsvRowReader;
import org.sis2sds.batch.SdsFile;
import org.sis2sds.validate.Message;
import org.sis2sds.validate.ValidationResult;
import org.sis2sds.validate.Validator;

/**
 * The run's record-level check of a validated SDS v1 snapshot (connector fileFormat {@code schoolDataSyncV1}):
 * the product's own v1 validator counts the errors and warnings, as the Classic sandbox does; the records' keys
 * (SIS ID, or Section SIS ID + SIS ID for memberships) are the snapshot's active records.
 */
final class V1RecordCheck {
    private V1RecordCheck() {
    }

    static RecordCheck.Result check(Path dir, Map<String, Path> files) throws IOException {
        ValidationResult v = new Validator().validate(dir);
        long errors = 0;
        long warnings = 0;
        for (Message m : v.messages()) {
            long n = m.count() == null ? 1 : m.count();
            if (m.isError()) {
                errors += n;
            } else if (m.isWarning()) {
                warnings += n;
            }
        }
        Map<String, KeySet> keys = new LinkedHashMap<>();
        Map<String, Integer> roles = new LinkedHashMap<>();
        for (SdsFile f : SdsFile.values()) {
            Path p = files.get(f.canonicalName());
            if (p == null) {
                continue;
            }
            boolean member = f == SdsFile.STUDENT_ENROLLMENT || f == SdsFile.TEACHER_ROSTER;
            KeySet k = read(p, member ? List.of("Section SIS ID", "SIS ID") : List.of("SIS ID"));
            keys.put(f.canonicalName(), k);
            if (f == SdsFile.STUDENT || f == SdsFile.TEACHER) {
                roles.put(f == SdsFile.STUDENT ? "student" : "teacher", k.size());
            }
        }
        return new RecordCheck.Result(errors, warnings, keys, roles);
    }

    private static KeySet read(Path p, List<String> columns) throws IOException {
        KeySet k = new KeySet();
        try (CsvRowReader in = CsvRowReader.open(p)) {
            if (!in.next()) {
                return k.freeze();
            }
            int[] idx = columns.stream().mapToInt(c -> in.fields().indexOf(c)).toArray();
            while (in.next()) {
                String[] parts = new String[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    parts[i] = idx[i] < 0 || idx[i] >= in.size() ? "" : in.get(idx[i]).trim();
                }
                if (!parts[parts.length - 1].isEmpty()) {
                    k.add(KeySet.hash(parts));
                }
            }
        }
        return k.freeze();
    }
}
