package org.sis2sds.powerschool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.core.ConfigException;
import org.sis2sds.core.Settings;
import org.sis2sds.support.TestPaths;

/** The sis2sds.powerschool.* settings, a sync's configuration on top, and the secret's sources. */
class PowerSchoolOptionsTest {
    @TempDir
    Path dir;

    PowerSchoolOptions options(Map<String, String> more, Map<String, ?> sync) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("sis2sds.work-dir", dir.toString());
        o.put("sis2sds.powerschool.client-id", "abc");
        o.putAll(more);
        return PowerSchoolOptions.from(Settings.load(TestPaths.home(), o), sync);
    }

    @Test
    void defaultsAndASyncsConfiguration() {
        PowerSchoolOptions o = options(Map.of("sis2sds.powerschool.client-secret", "s3cret"),
                Map.of("schools", List.of("101", "102"), "school-year", "2024-2025",
                        "sis2sds.powerschool.concurrency", 6, "client-secret", "ignored"));
        assertThat(o.baseUrl().toString()).isEqualTo("http://127.0.0.1:18081");
        assertThat(o.schools()).containsExactly("101", "102");
        assertThat(o.schoolYear()).isEqualTo(2024);
        assertThat(o.concurrency()).isEqualTo(6);
        assertThat(o.clientSecret()).isEqualTo("s3cret");
        assertThat(o.activeStudentsOnly()).isTrue();
        assertThat(o.includeDropped()).isFalse();
        assertThat(o.studentUsername()).isEqualTo("student_username");
        assertThat(o.stagingDir()).isEqualTo(dir.resolve("staging"));
        assertThat(o.toString()).doesNotContain("s3cret");
    }

    @Test
    void theSecretFromTheEnvironmentOrAFile() throws Exception {
        // SIS2SDS_POWERSCHOOL_CLIENT_SECRET arrives as sis2sds.powerschool.client.secret
        assertThat(options(Map.of("sis2sds.powerschool.client.secret", "fromenv"), Map.of()).clientSecret())
                .isEqualTo("fromenv");
        Path f = dir.resolve("ps-secret");
        Files.writeString(f, "fromfile\n");
        assertThat(options(Map.of("sis2sds.powerschool.client-secret-file", f.toString()), Map.of()).clientSecret())
                .isEqualTo("fromfile");
        assertThat(options(Map.of("sis2sds.powerschool.client.secret.file", f.toString()), Map.of()).clientSecret())
                .isEqualTo("fromfile");
        assertThatThrownBy(() -> options(Map.of(), Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("sis2sds.powerschool.client-secret");
    }

    @Test
    void badSettingsAreNamed() {
        Map<String, String> secret = Map.of("sis2sds.powerschool.client-secret", "x");
        assertThatThrownBy(() -> options(secret, Map.of("student-username", "nickname")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sis2sds.powerschool.student-username");
        assertThatThrownBy(() -> options(secret, Map.of("school-year", "last")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sis2sds.powerschool.school-year");
        assertThatThrownBy(() -> options(secret, Map.of("concurrency", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sis2sds.powerschool.concurrency");
        assertThatThrownBy(() -> options(secret, Map.of("base-url", "not a url")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sis2sds.powerschool.base-url");
    }
}
