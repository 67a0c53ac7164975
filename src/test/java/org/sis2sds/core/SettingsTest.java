package org.sis2sds.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path home;

    private Settings load(String props, Map<String, String> env) throws Exception {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/application.properties"), props);
        return Settings.load(home, Map.of(), env);
    }

    @Test
    void environmentOverridesEveryKeyIncludingPorts() throws Exception {
        Settings s = load("sis2sds.sds.poll-interval = 5s\ncamel.server.port = 8080\n",
                Map.of("SIS2SDS_SDS_POLL_INTERVAL", "2s", "CAMEL_SERVER_PORT", "9999"));
        assertThat(s.getDuration("sis2sds.sds.poll-interval", null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.getInt("camel.server.port", 0)).isEqualTo(9999);
    }

    @Test
    void environmentAloneCanSetASecretThatNeverReachesCamel() throws Exception {
        Settings s = load("", Map.of("SIS2SDS_API_TOKEN", "t0ps3cret-value"));
        assertThat(s.secret("sis2sds.api.token")).isEqualTo("t0ps3cret-value");
        assertThat(s.camelProperties().toString()).doesNotContain("t0ps3cret-value");
    }

    @Test
    void environmentOnlyKeysWithDashesAreFound() throws Exception {
        Settings s = load("", Map.of("SIS2SDS_POWERSCHOOL_CLIENT_SECRET", "ps-secret", "SIS2SDS_DROP_MIN_AGE", "3s"));
        assertThat(s.secret("sis2sds.powerschool.client-secret")).isEqualTo("ps-secret");
        assertThat(s.getDuration("sis2sds.drop.min-age", null)).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.with(Map.of()).secret("sis2sds.powerschool.client-secret")).isEqualTo("ps-secret");
    }

    @Test
    void secretFromAFileNamedByTheFileKey() throws Exception {
        Files.writeString(home.resolve("secret.txt"), "from-file\n");
        Settings s = load("sis2sds.sds.client-secret-file = secret.txt\n", Map.of());
        assertThat(s.secret("sis2sds.sds.client-secret")).isEqualTo("from-file");
    }

    @Test
    void invalidAndMissingSettingsNameTheKeyInOneSentence() throws Exception {
        Settings s = load("sis2sds.a.count = many\nsis2sds.a.secret = abc\n", Map.of());
        assertThatThrownBy(() -> s.getInt("sis2sds.a.count", 1))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Setting sis2sds.a.count is 'many' but must be a whole number.");
        assertThatThrownBy(() -> s.require("sis2sds.b.url"))
                .hasMessageContaining("sis2sds.b.url").hasMessageContaining("SIS2SDS_B_URL");
        assertThat(s.invalid("sis2sds.a.secret", "abc", "x").getMessage()).doesNotContain("abc");
    }

    @Test
    void relativePathsResolveAgainstTheHome() throws Exception {
        Settings s = load("sis2sds.work-dir = data\n", Map.of());
        assertThat(s.workDir()).isEqualTo(home.resolve("data"));
    }

    @Test
    void durations() {
        assertThat(Settings.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Settings.parseDuration("3m")).isEqualTo(Duration.ofMinutes(3));
        assertThat(Settings.parseDuration("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(Settings.parseDuration("1500")).isEqualTo(Duration.ofMillis(1500));
    }
}
