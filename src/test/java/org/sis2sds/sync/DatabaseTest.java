package org.sis2sds.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sis2sds.core.ConfigException;
import org.sis2sds.core.Settings;
import org.sis2sds.support.TestPaths;

/** Database URLs never show their password. */
class DatabaseTest {
    @Test
    void redactHidesPasswordParametersAndUserInfo() {
        assertThat(Database.redact("jdbc:postgresql://db:5432/sis2sds?user=app&password=pw-123&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/sis2sds?user=app&password=***&ssl=true");
        assertThat(Database.redact("jdbc:h2:file:/x;USER=sa;PASSWORD=pw-123"))
                .isEqualTo("jdbc:h2:file:/x;USER=sa;PASSWORD=***");
        assertThat(Database.redact("postgres://app:pw-123@db:5432/sis2sds"))
                .isEqualTo("postgres://app:***@db:5432/sis2sds");
        assertThat(Database.redact("jdbc:postgresql://db:5432/sis2sds")).isEqualTo("jdbc:postgresql://db:5432/sis2sds");
    }

    @Test
    void aUrlThatIsNotJdbcIsRefusedWithoutShowingItsPassword() {
        Settings s = Settings.load(TestPaths.home(), Map.of("sis2sds.db.url", "postgres://app:pw-123@db:5432/sis2sds"));
        assertThatThrownBy(() -> Database.open(s)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("sis2sds.db.url").hasMessageContaining("postgres://app:***@db")
                .hasMessageNotContaining("pw-123");
    }
}
