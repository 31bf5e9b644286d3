package org.filesync.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real PostgreSQL server of the itests' PostgreSQL execution, run by {@code
 * scripts/postgres.sh} in the folder that {@code -Dfilesync.postgresql.dir} names (the itests' pom
 * starts it before the integration tests and removes it after them). Inside a container the folder
 * and the scripts' folder arrive as the system properties below.
 */
final class PostgresqlServer {

    /** The cluster's folder, in the test JVM (from the pom) and in the container (etc/system.properties). */
    static final String DIRECTORY_PROPERTY = "filesync.postgresql.dir";
    /** The folder of {@code postgres.sh}. */
    static final String SCRIPTS_PROPERTY = "filesync.scripts";
    /** The configuration that switches the distribution's database (pax-jdbc-config). */
    static final String DATASOURCE_CONFIGURATION = "etc/org.ops4j.datasource-filesync.cfg";

    private PostgresqlServer() {}

    /** Whether this run keeps the containers' state in PostgreSQL. */
    static boolean enabled() {
        return !System.getProperty(DIRECTORY_PROPERTY, "").isEmpty();
    }

    /** Creates an empty database of its own and returns its JDBC URL. */
    static String createDatabase() {
        return script("createdb").trim();
    }

    /** Stops the server (fast shutdown: open connections are cut). */
    static void stop() {
        script("stop");
    }

    /** Starts the stopped server again on the same port. */
    static void start() {
        script("start");
    }

    /** The lines of {@code DATASOURCE_CONFIGURATION} that switch to a database at {@code url}. */
    static List<String[]> datasourceProperties(String url) {
        return List.of(
                new String[] {"osgi.jdbc.driver.name", "PostgreSQL JDBC Driver"},
                new String[] {"url", url},
                new String[] {"user", "filesync"},
                new String[] {"password", "filesync"},
                new String[] {"dataSourceName", "filesync"},
                new String[] {"pool", "hikari"},
                new String[] {"xa", "false"},
                new String[] {"hikari.connectionTimeout", "5000"});
    }

    private static String script(String command) {
        Path script = Path.of(System.getProperty(SCRIPTS_PROPERTY), "postgres.sh");
        List<String> line =
                new ArrayList<>(List.of(script.toString(), command, System.getProperty(DIRECTORY_PROPERTY)));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(
                        "postgres.sh " + command + " failed: " + new String(output, StandardCharsets.UTF_8));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run postgres.sh " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running postgres.sh " + command, e);
        }
    }
}
