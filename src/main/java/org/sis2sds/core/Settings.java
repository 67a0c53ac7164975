package org.sis2sds.core;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The effective configuration: {@code config/application.properties}, then an environment variable per key
 * ({@code sis2sds.a.b-c} is overridden by {@code SIS2SDS_A_B_C}), then {@code -D} system properties, then explicit
 * overrides (tests, the demo). Relative paths resolve against the sis2sds home, not the caller's directory.
 *
 * <p>Secrets are read with {@link #secret(String)}: from the key itself (normally given by the environment) or from
 * the file named by {@code <key>-file}. They are never handed to Camel's property placeholders and never printed.
 */
public final class Settings {
    private static final Pattern SECRET_KEY = Pattern.compile(".*(secret|password|token)(-file)?$");

    private final Path home;
    private final Map<String, String> values;
    private final Map<String, String> env;

    private Settings(Path home, Map<String, String> values, Map<String, String> env) {
        this.home = home;
        this.values = values;
        this.env = env;
    }

    /** The value of a key: the file, -D and overrides as loaded, else the environment variable named for it. */
    private String raw(String key) {
        String v = values.get(key);
        return v != null ? v : env.get(envName(key));
    }

    /** The sis2sds home: {@code -Dsis2sds.home}, {@code SIS2SDS_HOME}, or the working directory. */
    /** The settings bound under the name {@code settings} by the daemon (or a test that boots it). */
    public static Settings of(org.apache.camel.CamelContext context) {
        Settings s = context.getRegistry().lookupByNameAndType("settings", Settings.class);
        if (s == null) {
            throw new IllegalStateException("no 'settings' bean: start sis2sds through Daemon or DaemonTestSupport");
        }
        return s;
    }

    public static Path defaultHome() {
        String h = System.getProperty("sis2sds.home");
        if (h == null || h.isBlank()) {
            h = System.getenv("SIS2SDS_HOME");
        }
        return Path.of(h == null || h.isBlank() ? "." : h).toAbsolutePath().normalize();
    }

    public static Settings load() {
        return load(defaultHome(), Map.of());
    }

    public static Settings load(Path home, Map<String, String> overrides) {
        return load(home, overrides, System.getenv());
    }

    static Settings load(Path home, Map<String, String> overrides, Map<String, String> env) {
        home = home.toAbsolutePath().normalize();
        Map<String, String> v = new LinkedHashMap<>();
        Path file = home.resolve("config").resolve("application.properties");
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new ConfigException("config", "Cannot read " + file + ": " + e.getMessage());
            }
            new TreeMap<>(p).forEach((k, val) -> v.put(k.toString(), val.toString().trim()));
        }
        // environment: one variable per known key, plus sis2sds.* keys that only the environment names
        for (String key : v.keySet().toArray(String[]::new)) {
            String e = env.get(envName(key));
            if (e != null) {
                v.put(key, e.trim());
            }
        }
        env.forEach((name, val) -> {
            if (name.startsWith("SIS2SDS_") && !name.equals("SIS2SDS_HOME") && !name.startsWith("SIS2SDS_TEST_")) {
                String key = keyFromEnv(name);
                if (!v.containsKey(key)) {
                    v.put(key, val.trim());
                }
            }
        });
        System.getProperties().forEach((k, val) -> {
            String key = k.toString();
            if ((key.startsWith("sis2sds.") || key.startsWith("camel.")) && !key.equals("sis2sds.home")) {
                v.put(key, val.toString().trim());
            }
        });
        v.putAll(overrides);
        return new Settings(home, v, Map.copyOf(env));
    }

    /** {@code sis2sds.api.token} → {@code SIS2SDS_API_TOKEN}. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** Best-effort reverse of {@link #envName}: {@code SIS2SDS_API_TOKEN} → {@code sis2sds.api.token}. */
    static String keyFromEnv(String env) {
        return env.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    public Path home() {
        return home;
    }

    public boolean has(String key) {
        String v = raw(key);
        return v != null && !v.isBlank();
    }

    public String get(String key, String def) {
        String v = raw(key);
        return v == null || v.isBlank() ? def : v;
    }

    public String require(String key) {
        String v = raw(key);
        if (v == null || v.isBlank()) {
            throw new ConfigException(key, "Setting " + key + " is missing: set it in config/application.properties or as "
                    + envName(key) + ".");
        }
        return v;
    }

    public int getInt(String key, int def) {
        String v = get(key, null);
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw invalid(key, v, "a whole number");
        }
    }

    public long getLong(String key, long def) {
        String v = get(key, null);
        if (v == null) {
            return def;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw invalid(key, v, "a whole number");
        }
    }

    public double getDouble(String key, double def) {
        String v = get(key, null);
        if (v == null) {
            return def;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw invalid(key, v, "a number");
        }
    }

    public boolean getBool(String key, boolean def) {
        String v = get(key, null);
        if (v == null) {
            return def;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw invalid(key, v, "true or false");
    }

    /** Durations as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601 ({@code PT30S}). */
    public Duration getDuration(String key, Duration def) {
        String v = get(key, null);
        if (v == null) {
            return def;
        }
        try {
            return parseDuration(v);
        } catch (RuntimeException e) {
            throw invalid(key, v, "a duration such as 500ms, 30s, 5m or 2h");
        }
    }

    public static Duration parseDuration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        }
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
        }
        char unit = s.charAt(s.length() - 1);
        if (Character.isDigit(unit)) {
            return Duration.ofMillis(Long.parseLong(s));
        }
        long n = Long.parseLong(s.substring(0, s.length() - 1).trim());
        return switch (unit) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException(v);
        };
    }

    /** Sizes as {@code 8MB}, {@code 4GB}, {@code 64KB} or a plain byte count (binary units). */
    public long getSize(String key, long def) {
        String v = get(key, null);
        if (v == null) {
            return def;
        }
        try {
            return parseSize(v);
        } catch (RuntimeException e) {
            throw invalid(key, v, "a size such as 8MB, 4GB or 64KB");
        }
    }

    /** {@link #getSize(String, long)} for a size of at least 1 byte, its default written as a size ({@code 4GB}). */
    public long getSize(String key, String def) {
        long n = getSize(key, parseSize(def));
        if (n < 1) {
            throw invalid(key, get(key, def), "a size of at least 1 byte, such as 4GB, 500MB or 64KB");
        }
        return n;
    }

    /** Parses sizes such as {@code 4GB}, {@code 500MB}, {@code 64KB} or a plain byte count. */
    public static long parseSize(String v) {
        String s = v.trim().toUpperCase(Locale.ROOT).replace(" ", "");
        long mult = 1;
        if (s.endsWith("GB")) {
            mult = 1L << 30;
        } else if (s.endsWith("MB")) {
            mult = 1L << 20;
        } else if (s.endsWith("KB")) {
            mult = 1L << 10;
        }
        if (mult > 1) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("B")) {
            s = s.substring(0, s.length() - 1);
        }
        return Math.multiplyExact(Long.parseLong(s), mult);
    }

    public ZoneId getZone(String key, String def) {
        String v = get(key, def);
        try {
            return ZoneId.of(v);
        } catch (RuntimeException e) {
            throw invalid(key, v, "a time zone such as America/Chicago");
        }
    }

    /** A path setting, resolved against the home when relative. */
    public Path getPath(String key, String def) {
        Path p = Path.of(get(key, def));
        return p.isAbsolute() ? p : home.resolve(p).normalize();
    }

    /** The work directory ({@code sis2sds.work-dir}, default {@code data/}). */
    public Path workDir() {
        return getPath("sis2sds.work-dir", "data");
    }

    /**
     * A secret: the key's own value, or the content of the file named by {@code <key>-file}. Empty when neither is
     * set. Never log the result.
     */
    public String secret(String key) {
        String v = get(key, null);
        if (v != null) {
            return v;
        }
        String f = get(key + "-file", null);
        if (f == null) {
            return "";
        }
        Path p = Path.of(f).isAbsolute() ? Path.of(f) : home.resolve(f);
        try {
            return Files.readString(p, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new ConfigException(key + "-file", "Setting " + key + "-file names " + p + ", which cannot be read.");
        }
    }

    public static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }

    public ConfigException invalid(String key, String value, String expected) {
        String shown = isSecretKey(key) ? "(hidden)" : "'" + value + "'";
        return new ConfigException(key, "Setting " + key + " is " + shown + " but must be " + expected + ".");
    }

    /** Every non-secret setting, for Camel's property placeholders. */
    public Properties camelProperties() {
        Properties p = new Properties();
        values.forEach((k, v) -> {
            if (!isSecretKey(k)) {
                p.setProperty(k, v);
            }
        });
        p.setProperty("sis2sds.home", home.toString());
        p.setProperty("sis2sds.work-dir", workDir().toString());
        return p;
    }

    /** A copy with more overrides (tests, the demo). */
    public Settings with(Map<String, String> more) {
        Map<String, String> v = new LinkedHashMap<>(values);
        v.putAll(more);
        return new Settings(home, v, env);
    }

    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return "Settings[home=" + home + ", " + values.size() + " keys]";
    }
}
