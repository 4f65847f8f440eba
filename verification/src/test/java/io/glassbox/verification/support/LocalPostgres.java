package io.glassbox.verification.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

/**
 * The local PostgreSQL (with pgvector) that stands in for RDS behind {@code --database-tunnel}. moto cannot
 * create the master user, so {@link #createMasterUser} plays that part of RDS with the password the
 * provisioner stored in the secret ({@link KnownEmulatorGaps#NO_RDS_MASTER_USER}).
 */
public final class LocalPostgres {

    private LocalPostgres() {
    }

    public static Connection admin(String database) throws SQLException {
        return connect(database, LocalServices.get("PG_ADMIN_USER"), LocalServices.get("PG_ADMIN_PASSWORD"));
    }

    public static Connection connect(String database, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("sslmode", "require");
        return DriverManager.getConnection("jdbc:postgresql://" + LocalServices.host() + ":" + LocalServices.postgresPort() + "/"
                + database, properties);
    }

    /**
     * Creates (or resets) the master user and its database from the secret, as RDS does at instance creation.
     * Superuser stands in for rds_superuser, which may create the untrusted extension {@code vector}.
     */
    public static void createMasterUser(Map<String, Object> secret) throws SQLException {
        String user = String.valueOf(secret.get("username"));
        String database = String.valueOf(secret.get("dbname"));
        try (Connection connection = admin("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + quote(database) + " WITH (FORCE)");
            statement.execute("DROP ROLE IF EXISTS " + quote(user));
            statement.execute("CREATE ROLE " + quote(user) + " LOGIN SUPERUSER PASSWORD '"
                    + String.valueOf(secret.get("password")).replace("'", "''") + "'");
            statement.execute("CREATE DATABASE " + quote(database) + " OWNER " + quote(user));
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
