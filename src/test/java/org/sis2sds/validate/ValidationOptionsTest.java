package org.sis2sds.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sis2sds.batch.V21Enum;
import org.sis2sds.core.ConfigException;
import org.sis2sds.core.Settings;

/** The validation settings: the record cap and the tenant's own codes; a bad value names its key. */
class ValidationOptionsTest {
    @TempDir
    Path home;

    private ValidationOptions of(String props) throws Exception {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/application.properties"), props);
        return ValidationOptions.of(Settings.load(home, Map.of()));
    }

    @Test
    void settingsGiveTheCapAndTheExtraCodes() throws Exception {
        ValidationOptions o = of("sis2sds.validation.max-record-size = 64KB\n"
                + "sis2sds.validation.extra-codes = grade: ps5 ps6, flag: section504\n");
        assertThat(o.maxRecordBytes()).isEqualTo(64 * 1024);
        assertThat(o.extraCodes()).containsEntry(V21Enum.GRADE, Set.of("ps5", "ps6"))
                .containsEntry(V21Enum.FLAG, Set.of("section504"));
        assertThat(of("").maxRecordBytes()).isEqualTo(1 << 20);
        assertThat(of("").extraCodes()).isEmpty();
    }

    @Test
    void aBadSettingIsOneSentenceNamingItsKey() {
        assertThatThrownBy(() -> of("sis2sds.validation.max-record-size = huge\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sis2sds.validation.max-record-size");
        assertThatThrownBy(() -> of("sis2sds.validation.max-record-size = 10\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("between 1KB and 1GB");
        assertThatThrownBy(() -> of("sis2sds.validation.extra-codes = colour: blue\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sis2sds.validation.extra-codes")
                .hasMessageContaining("grade, sessionType");
    }
}
