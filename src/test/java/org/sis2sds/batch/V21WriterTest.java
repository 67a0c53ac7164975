package org.sis2sds.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.batch.v21.ClassRow;
import org.sis2sds.batch.v21.OrgRow;
import org.sis2sds.batch.v21.RoleRow;
import org.sis2sds.batch.v21.UserRow;
import org.sis2sds.batch.v21.V21Writer;

/** The v2.1 writer writes the headers of every named file, typed rows in sample column order, one line per row. */
class V21WriterTest {
    @TempDir
    Path dir;

    @Test
    void writesHeadersRowsAndCounts() throws IOException {
        try (V21Writer w = V21Writer.open(dir, Set.of(V21File.ORGS, V21File.USERS, V21File.ROLES, V21File.CLASSES,
                V21File.ENROLLMENTS))) {
            w.write(new OrgRow("D1", "Springfield District", "district", null));
            w.write(new OrgRow("S1", "Lincoln, \"High\"", "school", "D1"));
            w.write(new UserRow("U1", "ann@x.org", "Ann", "Lee", null, null, null, "+11234567890", null));
            w.write(new RoleRow("U1", "S1", "student", null, "01", true, "2025-08-18", null));
            w.write(new ClassRow("C1", "S1", "Math\r\n1", List.of("T1", "T2"), null));
            assertThat(w.rows(V21File.ORGS)).isEqualTo(2);
            assertThat(w.counts()).containsEntry(V21File.ENROLLMENTS, 0L).containsEntry(V21File.CLASSES, 1L);
        }
        assertThat(Files.readString(dir.resolve("orgs.csv"), StandardCharsets.UTF_8)).isEqualTo(
                "sourcedId,name,type,parentSourcedId\r\nD1,Springfield District,district,\r\n"
                        + "S1,\"Lincoln, \"\"High\"\"\",school,D1\r\n");
        assertThat(Files.readString(dir.resolve("users.csv"))).startsWith(
                "sourcedId,username,givenName,familyName,password,activeDirectoryMatchId,email,phone,sms\r\n");
        assertThat(Files.readString(dir.resolve("roles.csv"))).endsWith("U1,S1,student,,01,true,2025-08-18,\r\n");
        assertThat(Files.readString(dir.resolve("classes.csv"))).isEqualTo(
                "sourcedId,orgSourcedId,title,sessionSourcedIds,courseSourcedId\r\nC1,S1,Math 1,\"T1,T2\",\r\n");
        assertThat(Files.readString(dir.resolve("enrollments.csv"))).isEqualTo("classSourcedId,userSourcedId,role\r\n");
        assertThat(dir.resolve("demographics.csv")).doesNotExist();
    }

    @Test
    void aRowOfAFileNotOpenedIsRefused() throws IOException {
        try (V21Writer w = V21Writer.open(dir, Set.of(V21File.ORGS))) {
            assertThatThrownBy(() -> w.write(new UserRow("U1", "u", null, null, null, null, null, null, null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("users.csv");
        }
    }
}
