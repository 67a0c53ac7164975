package org.sis2sds.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** How API requests are authenticated: a bearer token compared in constant time, or nothing. */
public final class BearerToken {
    private final byte[] tokenDigest;

    private BearerToken(String token) {
        this.tokenDigest = token == null ? null : sha256(token);
    }

    /** Requests must send {@code Authorization: Bearer <token>}. */
    public static BearerToken of(String token) {
        return new BearerToken(token);
    }

    /** Every request is accepted ({@code sis2sds.api.auth=none}). */
    public static BearerToken none() {
        return new BearerToken(null);
    }

    /** Whether the value of an {@code Authorization} header carries the token. */
    boolean accepts(String authorization) {
        if (tokenDigest == null) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        // digests have one length, so the comparison time says nothing about the token
        return MessageDigest.isEqual(tokenDigest, sha256(authorization.substring(7).trim()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
