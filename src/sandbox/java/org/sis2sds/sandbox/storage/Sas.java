package org.sis2sds.sandbox.storage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Service shared access signatures as Azure Storage defines them ("Create a service SAS"): the string-to-sign of
 * each signed version, HMAC-SHA256 with the account key, scope by {@code sr} (container {@code c}, blob {@code b},
 * directory {@code d} with depth {@code sdd}), {@code st}/{@code se} validity, {@code spr}, {@code sip} and the
 * permissions {@code sp}. Used both to issue the sandbox's SAS URLs and to check every request.
 */
final class Sas {
    /** What a valid SAS grants. */
    record Grant(String permissions, String version) {
        boolean allows(char p) {
            return permissions.indexOf(p) >= 0;
        }
    }

    private final String account;
    private final byte[] key;

    Sas(String account, byte[] key) {
        this.account = account;
        this.key = key;
    }

    /**
     * The SAS query for {@code container} (and, when {@code directory} is not blank, the directory {@code sr=d}
     * scope under it), as a real service would give it.
     */
    String issue(String container, String directory, String permissions, Instant expiry, String version) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("sv", version);
        String se = expiry.truncatedTo(ChronoUnit.SECONDS).toString();
        q.put("se", se);
        String resource = "/blob/" + account + "/" + container;
        if (directory != null && !directory.isBlank()) {
            String dir = directory.replaceAll("^/+|/+$", "");
            q.put("sr", "d");
            q.put("sdd", String.valueOf(dir.split("/").length));
            resource += "/" + dir;
        } else {
            q.put("sr", "c");
        }
        q.put("sp", permissions);
        q.put("sig", sign(stringToSign(q, resource)));
        StringBuilder b = new StringBuilder();
        q.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }

    /**
     * Checks the SAS of a request for {@code container}/{@code path} (the blob or directory path, "" for the
     * container itself); the grant, or a 403 {@link StorageError} as Azure answers it.
     */
    Grant verify(Map<String, String> q, String container, String path, boolean https, String clientIp) {
        String sig = q.get("sig");
        if (sig == null) {
            throw new StorageError(401, "NoAuthenticationInformation", "Server failed to authenticate the request. "
                    + "Please refer to the information in the www-authenticate header.");
        }
        String sv = q.getOrDefault("sv", "");
        ServiceVersion v = ServiceVersion.parse(sv);
        if (v == null || !v.atLeast(2015, 4, 5) || q.containsKey("skoid") || q.containsKey("ss")) {
            throw authFailed("The sandbox accepts service SAS of version 2015-04-05 or later signed with the "
                    + "account key.");
        }
        String sr = q.getOrDefault("sr", "");
        String resource = "/blob/" + account + "/" + container;
        String rel = path == null ? "" : path.replaceAll("^/+|/+$", "");
        switch (sr) {
            case "c" -> { }
            case "b" -> resource += "/" + rel;
            case "d" -> {
                int depth;
                try {
                    depth = Integer.parseInt(q.getOrDefault("sdd", ""));
                } catch (NumberFormatException e) {
                    throw StorageError.invalidQuery("sdd", q.getOrDefault("sdd", ""), "sdd is required with sr=d.");
                }
                String[] parts = rel.isEmpty() ? new String[0] : rel.split("/");
                if (parts.length < depth) {
                    throw authFailed("The request is outside the directory the signature was made for.");
                }
                if (depth > 0) {
                    resource += "/" + String.join("/", java.util.Arrays.copyOf(parts, depth));
                }
            }
            default -> throw authFailed("Signed resource sr=" + sr + " is not supported here.");
        }
        String sts = stringToSign(q, resource);
        if (!MessageDigest.isEqual(sign(sts).getBytes(StandardCharsets.UTF_8), sig.getBytes(StandardCharsets.UTF_8))) {
            throw authFailed("Signature did not match. String to sign used was " + sts);
        }
        Instant now = Instant.now();
        Instant st = time(q, "st");
        Instant se = time(q, "se");
        if (se == null || (st != null && now.isBefore(st)) || !now.isBefore(se)) {
            throw authFailed("Signature not valid in the specified time frame: Start [" + q.getOrDefault("st", "")
                    + "] - Expiry [" + q.getOrDefault("se", "") + "] - Current [" + StorageXml.date(now) + "]");
        }
        if ("https".equals(q.get("spr")) && !https) {
            throw new StorageError(403, "AuthorizationProtocolMismatch", "This request is not authorized to perform "
                    + "this operation using this protocol.");
        }
        String sip = q.get("sip");
        if (sip != null && !sip.isBlank() && !inRange(clientIp, sip)) {
            throw new StorageError(403, "AuthorizationSourceIPMismatch", "This request is not authorized to "
                    + "perform this operation using this source IP " + clientIp + ".");
        }
        return new Grant(q.getOrDefault("sp", ""), sv);
    }

    /** The string-to-sign of a service SAS, by signed version (2015-04-05, 2018-11-09, 2020-12-06 layouts). */
    static String stringToSign(Map<String, String> q, String canonicalResource) {
        ServiceVersion v = ServiceVersion.parse(q.getOrDefault("sv", ""));
        StringBuilder b = new StringBuilder();
        for (String k : new String[] {"sp", "st", "se"}) {
            b.append(q.getOrDefault(k, "")).append('\n');
        }
        b.append(canonicalResource).append('\n');
        for (String k : new String[] {"si", "sip", "spr", "sv"}) {
            b.append(q.getOrDefault(k, "")).append('\n');
        }
        if (v != null && v.atLeast(2018, 11, 9)) {
            b.append(q.getOrDefault("sr", "")).append('\n');
            b.append(q.getOrDefault("snapshot", q.getOrDefault("sst", ""))).append('\n');
            if (v.atLeast(2020, 12, 6)) {
                b.append(q.getOrDefault("ses", "")).append('\n');
            }
        }
        b.append(q.getOrDefault("rscc", "")).append('\n').append(q.getOrDefault("rscd", "")).append('\n')
                .append(q.getOrDefault("rsce", "")).append('\n').append(q.getOrDefault("rscl", "")).append('\n')
                .append(q.getOrDefault("rsct", ""));
        return b.toString();
    }

    private String sign(String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StorageError authFailed(String detail) {
        return new StorageError(403, "AuthenticationFailed", "Server failed to authenticate the request. Make sure "
                + "the value of Authorization header is formed correctly including the signature.",
                "<AuthenticationErrorDetail>" + StorageXml.esc(detail) + "</AuthenticationErrorDetail>");
    }

    private static Instant time(Map<String, String> q, String k) {
        String v = q.get(k);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return v.length() == 10 ? java.time.LocalDate.parse(v).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    : Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw StorageError.invalidQuery(k, v, "Not an ISO 8601 UTC time.");
        }
    }

    private static boolean inRange(String ip, String range) {
        String[] r = range.split("-");
        long x = ipv4(ip);
        return x >= 0 && x >= ipv4(r[0]) && x <= ipv4(r[r.length - 1]);
    }

    private static long ipv4(String s) {
        String[] p = s.trim().split("\\.");
        if (p.length != 4) {
            return -1;
        }
        long v = 0;
        for (String o : p) {
            v = v * 256 + Integer.parseInt(o);
        }
        return v;
    }
}
