package org.sis2sds.batch.v21;

import org.sis2sds.batch.V21File;

/**
 * A row of users.csv (students, staff and contacts alike; their roles are in roles.csv).
 *
 * @param username               usually the matching key (the user principal name)
 * @param givenName              required when SDS creates the user, and for contacts
 * @param familyName             required when SDS creates the user, and for contacts
 * @param password               an initial password, or null
 * @param activeDirectoryMatchId the value matched against Entra ID when the profile matches on it, or null
 * @param email                  required for contacts (guardians), else optional
 * @param phone                  E.164 ({@code +11234567890}), or null
 * @param sms                    E.164, or null
 */
public record UserRow(String sourcedId, String username, String givenName, String familyName, String password,
                      String activeDirectoryMatchId, String email, String phone, String sms) implements V21Row {
    @Override
    public V21File file() {
        return V21File.USERS;
    }

    @Override
    public String[] cells() {
        return new String[] {sourcedId, username, givenName, familyName, password, activeDirectoryMatchId, email,
            phone, sms};
    }
}
