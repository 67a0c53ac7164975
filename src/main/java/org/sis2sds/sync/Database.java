package org.sis2sds.sync;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sis2sds.core.ConfigException;
import org.sis2sds.core.Settings;

/**
 * The sync database: a HikariCP pool over an embedded H2 file database under the work dir (default) or any JDBC URL
 * ({@code sis2sds.db.url}, e.g. PostgreSQL), migrated by Flyway at start.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final boolean postgres;
    private final String url;

    private Database(HikariDataSource pool, String url) {
        this.pool = pool;
        this.url = url;
        this.postgres = url.startsWith("jdbc:postgresql:");
    }

    /** Opens the pool and migrates the schema; a bad setting stops start-up with one sentence naming the key. */
    public static Database open(Settings s) {
        String url = s.get("sis2sds.db.url", null);
        if (url == null) {
            Path dir = s.workDir().resolve("db");
            try {
                Files.createDirectories(dir);
            } catch (Exception e) {
                throw new ConfigException("sis2sds.work-dir", "Cannot create the database folder " + dir
                        + "; check setting sis2sds.work-dir.");
            }
            // closed by the daemon itself after a graceful shutdown, not by the JVM before it
            url = "jdbc:h2:file:" + dir.resolve("sis2sds").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        if (!url.startsWith("jdbc:")) {
            throw s.invalid("sis2sds.db.url", redact(url), "a JDBC URL such as jdbc:postgresql://host:5432/sis2sds");
        }
        String schema = s.get("sis2sds.db.schema", null);
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setPoolName("sis2sds-db");
        String user = s.get("sis2sds.db.user", null);
        if (user != null) {
            c.setUsername(user);
        }
        String password = s.secret("sis2sds.db.password");
        if (!password.isEmpty()) {
            c.setPassword(password);
        }
        c.setMaximumPoolSize(s.getInt("sis2sds.db.pool-size", 5));
        c.setMinimumIdle(1);
        c.setConnectionTimeout(s.getDuration("sis2sds.db.connect-timeout", java.time.Duration.ofSeconds(10)).toMillis());
        c.setInitializationFailTimeout(-1);
        if (schema != null) {
            c.setSchema(schema);
        }
        try {
            var fw = Flyway.configure().dataSource(url, user, password.isEmpty() ? null : password)
                    .locations("classpath:db/migration");
            if (schema != null) {
                fw = fw.schemas(schema).defaultSchema(schema).createSchemas(true);
            }
            fw.load().migrate();
        } catch (RuntimeException e) {
            String why = rootMessage(e);
            if (url.startsWith("jdbc:h2:") && (why.contains("already in use") || why.contains("locked"))) {
                throw new ConfigException("sis2sds.db.url", "The sync database " + redact(url) + " is in use by another "
                        + "sis2sds process (a running daemon?); stop it first, use the daemon's API, or share a "
                        + "PostgreSQL database through setting sis2sds.db.url.");
            }
            throw new ConfigException("sis2sds.db.url", "The sync database at " + redact(url)
                    + " cannot be opened or migrated (" + rootMessage(e) + "); check setting sis2sds.db.url.");
        }
        Database db = new Database(new HikariDataSource(c), url);
        return db;
    }

    static String rootMessage(Throwable e) {
        Throwable r = e;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        String m = r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /** The URL without any password: neither a password parameter nor the one in {@code //user:password@host}. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/@:]*:)[^/@]*@", "$1***@");
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public boolean isPostgres() {
        return postgres;
    }

    public String url() {
        return redact(url);
    }

    @Override
    public void close() {
        pool.close();
    }
}
