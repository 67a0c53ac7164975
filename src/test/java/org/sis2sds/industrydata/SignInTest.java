package org.sis2sds.industrydata;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sis2sds.core.Settings;
import org.sis2sds.sandbox.sds.SdsSandbox;
import org.sis2sds.sandbox.sds.SdsSandboxOptions;
import org.sis2sds.sds.SdsClientConfig;
import org.sis2sds.sds.SdsException;
import org.sis2sds.support.TestPaths;

/**
 * Against the sandbox's Entra login (its AADSTS answers): a wrong tenant, client id or secret is one sentence that
 * names the setting to fix and never shows the secret.
 */
class SignInTest {
    static SdsSandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        sandbox = new SdsSandbox(SdsSandboxOptions.defaults().fast().port(0)).start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    void signIn(String key, String value) throws Exception {
        Map<String, String> m = new HashMap<>(sandbox.clientSettings());
        m.put(key, value);
        new IndustryDataClient(SdsClientConfig.from(Settings.load(TestPaths.home(), m))).signIn();
    }

    @Test
    void eachWrongSettingIsNamedInOneSentence() {
        assertThatThrownBy(() -> signIn("sis2sds.sds.tenant", "fabrikam.onmicrosoft.com"))
                .isInstanceOf(SdsException.class).hasMessageContaining("check sis2sds.sds.tenant")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage().lines()).hasSize(1));
        assertThatThrownBy(() -> signIn("sis2sds.sds.client-id", "00000000-0000-0000-0000-000000000001"))
                .hasMessageContaining("check sis2sds.sds.client-id");
        assertThatThrownBy(() -> signIn("sis2sds.sds.client-secret", "not-the-secret-42"))
                .hasMessageContaining("sis2sds.sds.client-secret").hasMessageNotContaining("not-the-secret-42");
    }
}
