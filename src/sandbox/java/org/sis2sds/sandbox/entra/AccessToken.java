package org.sis2sds.sandbox.entra;

import java.time.Instant;
import java.util.Set;

/**
 * A verified access token: who called (the app's client id), in which tenant, with which application permissions.
 *
 * @param appId    the {@code appid} claim
 * @param tenantId the {@code tid} claim
 * @param audience the {@code aud} claim
 * @param roles    the {@code roles} claim (application permissions granted with admin consent)
 * @param expires  the {@code exp} claim
 */
public record AccessToken(String appId, String tenantId, String audience, Set<String> roles, Instant expires) {
    /** True when the token carries at least one of these permissions. */
    public boolean hasAny(String... permissions) {
        for (String p : permissions) {
            if (roles.contains(p)) {
                return true;
            }
        }
        return false;
    }
}
