package org.sis2sds.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the API shows of a sync's configuration: never a secret, however deep. */
class SyncAttributesTest {
    @Test
    void maskHidesSecretsInNestedObjectsAndLists() {
        Map<String, Object> conf = new LinkedHashMap<>();
        conf.put("school_year", 2025);
        conf.put("client_secret", "cs-123");
        conf.put("webhook", Map.of("url", "http://x", "token", "tk-123"));
        conf.put("servers", List.of(Map.of("host", "a", "password", "pw-123"), "plain"));
        conf.put("empty", Arrays.asList(null, "x"));
        Map<String, Object> shown = SyncAttributes.mask(conf);
        assertThat(shown.toString()).doesNotContain("cs-123", "tk-123", "pw-123");
        assertThat(shown.get("school_year")).isEqualTo(2025);
        assertThat(shown.get("client_secret")).isEqualTo(SyncAttributes.MASK);
        assertThat(shown.get("servers")).isEqualTo(List.of(Map.of("host", "a", "password", SyncAttributes.MASK),
                "plain"));
        assertThat(shown.get("empty")).isEqualTo(Arrays.asList(null, "x"));
    }

    @Test
    void aMaskedSecretEchoedBackKeepsTheStoredOneAtAnyDepth() {
        Map<String, Object> stored = Map.of("api_token", "tk-123", "school_year", "2026",
                "servers", List.of(Map.of("host", "a", "password", "pw-123")));
        Map<String, Object> sent = SyncAttributes.mask(stored);
        assertThat(SyncAttributes.unmask(sent, stored)).isEqualTo(stored);
        Map<String, Object> changed = new LinkedHashMap<>(sent);
        changed.put("school_year", "2027");
        changed.put("new_token", SyncAttributes.MASK);
        assertThat(SyncAttributes.unmask(changed, stored)).isEqualTo(Map.of("api_token", "tk-123",
                "school_year", "2027", "servers", List.of(Map.of("host", "a", "password", "pw-123")),
                "new_token", SyncAttributes.MASK));
    }
}
