package org.sis2sds.sds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sis2sds.batch.CsvWriter;

/** Small SDS v1 batches for the sds tests, written with the project's CsvWriter in a temp dir. */
public final class SdsTestBatches {
    private SdsTestBatches() {
    }

    /** A Classic client for a running sandbox: quick retries and polls, plus {@code more} settings. */
    public static ClassicSdsClient client(org.sis2sds.sandbox.sds.SdsSandbox sandbox, java.util.Map<String, String> more) {
        java.util.Map<String, String> m = new java.util.HashMap<>(sandbox.clientSettings());
        m.put("sis2sds.sds.retry.base-delay", "20ms");
        m.put("sis2sds.sds.retry.max-delay", "500ms");
        m.put("sis2sds.sds.retry.max-attempts", "10");
        m.put("sis2sds.sds.poll-interval", "50ms");
        m.putAll(more);
        return new ClassicSdsClient(SdsClientConfig.from(org.sis2sds.core.Settings.load(
                org.sis2sds.support.TestPaths.home(), m)));
    }

    /** A valid batch: 2 schools, 4 sections, {@code students} students, 3 teachers. */
    public static Path valid(Path dir, int students) throws IOException {
        Files.createDirectories(dir);
        try (CsvWriter w = new CsvWriter(dir.resolve("School.csv"), List.of("SIS ID", "Name"))) {
            w.write("S1", "North High");
            w.write("S2", "South High");
        }
        try (CsvWriter w = new CsvWriter(dir.resolve("Section.csv"), List.of("SIS ID", "School SIS ID", "Section Name"))) {
            for (int i = 1; i <= 4; i++) {
                w.write("SEC" + i, "S" + (1 + i % 2), "Math " + i);
            }
        }
        try (CsvWriter w = new CsvWriter(dir.resolve("Student.csv"),
                List.of("SIS ID", "School SIS ID", "Username", "First Name", "Last Name"))) {
            for (int i = 1; i <= students; i++) {
                w.write("ST" + i, "S" + (1 + i % 2), "student" + i, "First" + i, "Last" + i);
            }
        }
        try (CsvWriter w = new CsvWriter(dir.resolve("Teacher.csv"), List.of("SIS ID", "School SIS ID", "Username"))) {
            for (int i = 1; i <= 3; i++) {
                w.write("T" + i, "S" + (1 + i % 2), "teacher" + i);
            }
        }
        try (CsvWriter w = new CsvWriter(dir.resolve("StudentEnrollment.csv"), List.of("Section SIS ID", "SIS ID"))) {
            for (int i = 1; i <= students; i++) {
                w.write("SEC" + (1 + i % 4), "ST" + i);
            }
        }
        try (CsvWriter w = new CsvWriter(dir.resolve("TeacherRoster.csv"), List.of("Section SIS ID", "SIS ID"))) {
            for (int i = 1; i <= 4; i++) {
                w.write("SEC" + i, "T" + (1 + i % 3));
            }
        }
        return dir;
    }

    /** A batch SDS refuses: two enrollments reference a section that does not exist. */
    public static Path broken(Path dir) throws IOException {
        valid(dir, 5);
        try (CsvWriter w = new CsvWriter(dir.resolve("StudentEnrollment.csv"), List.of("Section SIS ID", "SIS ID"))) {
            w.write("SEC1", "ST1");
            w.write("NOPE", "ST2");
            w.write("NOPE", "ST3");
        }
        return dir;
    }

    public static final String CSV_PROFILE = """
            {"displayName": "Test CSV profile",
             "dataProvider": {"@odata.type": "#microsoft.graph.educationCsvDataProvider",
               "customizations": {"student": {"optionalPropertiesToSync": ["First Name", "Last Name"]},
                                  "studentEnrollment": {}}},
             "identitySynchronizationConfiguration": {
               "@odata.type": "#microsoft.graph.educationIdentityCreationConfiguration",
               "userDomains": [{"appliesTo": "student", "name": "students.example.edu"},
                               {"appliesTo": "teacher", "name": "example.edu"}]},
             "licensesToAssign": [{"appliesTo": "teacher", "skuIds": ["6fd2c87f-b296-42f0-b197-1e91e994b900"]}]}
            """;

    public static final String POWERSCHOOL_PROFILE = """
            {"displayName": "PowerSchool profile",
             "dataProvider": {"@odata.type": "microsoft.graph.educationPowerSchoolDataProvider",
               "connectionUrl": "https://ps.example.edu", "clientId": "ps-client", "clientSecret": "ps-secret",
               "schoolsIds": ["1", "2"], "schoolYear": "2026", "allowTeachersInMultipleSchools": false},
             "identitySynchronizationConfiguration": {
               "@odata.type": "#microsoft.graph.educationIdentityMatchingConfiguration",
               "matchingOptions": [{"appliesTo": "student", "sourcePropertyName": "Username",
                                    "targetPropertyName": "userPrincipalName", "targetDomain": "example.edu"}]}}
            """;
}
