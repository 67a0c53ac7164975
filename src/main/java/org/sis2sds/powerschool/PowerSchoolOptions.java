package org.sis2sds.powerschool;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sis2sds.core.ConfigException;
import org.sis2sds.core.Settings;
import org.sis2sds.http.Resilient;

/**
 * Everything one PowerSchool extraction needs, read from the {@code sis2sds.powerschool.*} settings, with a sync's own
 * {@code configuration} map on top (its keys are the setting names without the prefix, e.g. {@code schools} or
 * {@code school-year}; the prefixed form works too). Secrets come only from the settings.
 */
public record PowerSchoolOptions(
        URI baseUrl, String clientId, String clientSecret,
        Set<String> schools, int schoolYear, boolean activeStudentsOnly, boolean includeDropped,
        String studentUsername, String usernameDomain, String teacherUsername, String teacherId, String sectionName,
        int concurrency, int pageSize, Resilient.Policy retry, Duration requestTimeout, Path stagingDir) {

    public static final String PREFIX = "sis2sds.powerschool.";
    public static final List<String> STUDENT_USERNAMES = List.of("student_username", "email", "email-local",
            "local_id");
    public static final List<String> TEACHER_USERNAMES = List.of("teacher_username", "admin_username", "email",
            "email-local");
    public static final List<String> TEACHER_IDS = List.of("users_dcid", "id");

    @Override
    public String toString() {
        return "PowerSchoolOptions[" + baseUrl + ", client " + clientId + ", schools " + schools + ", year "
                + schoolYear + "]"; // never the secret
    }

    public static PowerSchoolOptions from(Settings settings, Map<String, ?> syncConfiguration) {
        Settings s = settings;
        if (syncConfiguration != null && !syncConfiguration.isEmpty()) {
            Map<String, String> more = new java.util.LinkedHashMap<>();
            syncConfiguration.forEach((k, v) -> {
                if (v == null) {
                    return;
                }
                String key = k.startsWith(PREFIX) ? k : PREFIX + k;
                if (Settings.isSecretKey(key)) {
                    return; // secrets never come from a sync's configuration
                }
                more.put(key, v instanceof java.util.Collection<?> c
                        ? String.join(",", c.stream().map(String::valueOf).toList()) : String.valueOf(v));
            });
            s = settings.with(more);
        }
        String base = s.get(PREFIX + "base-url", "http://127.0.0.1:18081");
        URI uri;
        try {
            uri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw s.invalid(PREFIX + "base-url", base, "a URL such as https://district.powerschool.com");
        }
        String clientId = s.require(PREFIX + "client-id");
        String secret = secret(s, PREFIX + "client-secret");
        if (secret.isEmpty()) {
            throw new ConfigException(PREFIX + "client-secret", "Setting " + PREFIX + "client-secret is missing: set "
                    + Settings.envName(PREFIX + "client-secret") + " or name a file holding it with "
                    + PREFIX + "client-secret-file.");
        }
        Set<String> schools = new LinkedHashSet<>();
        for (String v : s.get(PREFIX + "schools", "").split("[,;\\s]+")) {
            if (!v.isBlank() && !v.equalsIgnoreCase("all")) {
                schools.add(v.trim());
            }
        }
        int month = s.getInt(PREFIX + "year-start-month", 7);
        if (month < 1 || month > 12) {
            throw s.invalid(PREFIX + "year-start-month", String.valueOf(month), "a month number from 1 to 12");
        }
        String yearText = s.get(PREFIX + "school-year", "current");
        int year;
        if (yearText.equalsIgnoreCase("current")) {
            LocalDate today = LocalDate.now(s.getZone(PREFIX + "time-zone", "UTC"));
            year = today.getMonthValue() >= month ? today.getYear() : today.getYear() - 1;
        } else {
            String y = yearText.contains("-") ? yearText.substring(0, yearText.indexOf('-')) : yearText;
            try {
                year = Integer.parseInt(y.trim());
            } catch (NumberFormatException e) {
                year = -1;
            }
            if (year < 1990 || year > 2200) {
                throw s.invalid(PREFIX + "school-year", yearText, "current or the start year of a school year, "
                        + "such as 2025 (for 2025-2026)");
            }
        }
        String su = oneOf(s, "student-username", "student_username", STUDENT_USERNAMES);
        String tu = oneOf(s, "teacher-username", "teacher_username", TEACHER_USERNAMES);
        String tid = oneOf(s, "teacher-id", "users_dcid", TEACHER_IDS);
        int concurrency = s.getInt(PREFIX + "concurrency", 4);
        if (concurrency < 1 || concurrency > 64) {
            throw s.invalid(PREFIX + "concurrency", String.valueOf(concurrency), "a whole number from 1 to 64");
        }
        int pageSize = s.getInt(PREFIX + "page-size", 0);
        if (pageSize < 0) {
            throw s.invalid(PREFIX + "page-size", String.valueOf(pageSize), "0 (the server's maximum) or more");
        }
        int attempts = s.getInt(PREFIX + "max-attempts", 8);
        if (attempts < 1) {
            throw s.invalid(PREFIX + "max-attempts", String.valueOf(attempts), "at least 1");
        }
        Resilient.Policy retry = new Resilient.Policy(attempts,
                s.getDuration(PREFIX + "retry-base-delay", Duration.ofMillis(200)),
                s.getDuration(PREFIX + "retry-max-delay", Duration.ofSeconds(30)));
        return new PowerSchoolOptions(uri, clientId, secret, schools, year,
                s.getBool(PREFIX + "active-students-only", true), s.getBool(PREFIX + "include-dropped", false),
                su, s.get(PREFIX + "username-domain", "").trim(), tu, tid,
                s.get(PREFIX + "section-name", "{course_name} {section_number}"),
                concurrency, pageSize, retry, s.getDuration(PREFIX + "request-timeout", Duration.ofSeconds(60)),
                s.workDir().resolve("staging"));
    }

    /**
     * A secret by its key, also when it came from the environment: a variable for a key that is not in the
     * properties file ({@code SIS2SDS_POWERSCHOOL_CLIENT_SECRET}, {@code ..._SECRET_FILE}) arrives with dots in place
     * of the dashes ({@code sis2sds.powerschool.client.secret}).
     */
    public static String secret(Settings s, String key) {
        String v = s.secret(key);
        if (!v.isEmpty()) {
            return v;
        }
        String dotted = key.replace('-', '.');
        v = s.get(dotted, null);
        if (v != null) {
            return v;
        }
        String file = s.get(dotted + ".file", null);
        if (file == null) {
            return "";
        }
        Path p = Path.of(file).isAbsolute() ? Path.of(file) : s.home().resolve(file);
        try {
            return java.nio.file.Files.readString(p, java.nio.charset.StandardCharsets.UTF_8).trim();
        } catch (java.io.IOException e) {
            throw new ConfigException(key + "-file", "Setting " + key + "-file names " + p + ", which cannot be read.");
        }
    }

    private static String oneOf(Settings s, String name, String def, List<String> allowed) {
        String v = s.get(PREFIX + name, def).trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw s.invalid(PREFIX + name, v, "one of " + String.join(", ", allowed));
        }
        return v;
    }
}
