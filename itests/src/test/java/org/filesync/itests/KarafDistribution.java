package org.filesync.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The filesync distribution unpacked into a folder and driven as an operator would: {@code
 * bin/start}, {@code bin/client -b} with commands on standard input, {@code bin/stop}. Ports are
 * chosen free, so several copies can run side by side.
 */
final class KarafDistribution implements AutoCloseable {

    /** What one {@code bin/client} call printed and its exit code. */
    record ClientResult(int exitCode, String output) {}

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path home;

    private KarafDistribution(Path home) {
        this.home = home;
    }

    /** Unpacks the distribution archive into a new folder under {@code work}. */
    static KarafDistribution unpack(Path archive, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path folder = Files.createTempDirectory(work, "karaf-");
        run(
                folder,
                Duration.ofSeconds(120),
                "tar",
                "xzf",
                archive.toString(),
                "-C",
                folder.toString(),
                "--strip-components=1");
        KarafDistribution distribution = new KarafDistribution(folder);
        distribution.setProperty("etc/org.apache.karaf.shell.cfg", "sshPort", freePort());
        distribution.setProperty("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort());
        distribution.setProperty("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort());
        distribution.setProperty("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", freePort());
        return distribution;
    }

    Path home() {
        return home;
    }

    /** The HTTP port the distribution serves {@code /filesync/} on (a free one, chosen at unpack). */
    int httpPort() throws IOException {
        for (String line : Files.readAllLines(home.resolve("etc/org.ops4j.pax.web.cfg"))) {
            if (line.matches("\\s*org\\.osgi\\.service\\.http\\.port\\s*=.*")) {
                return Integer.parseInt(line.substring(line.indexOf('=') + 1).trim());
            }
        }
        throw new IllegalStateException("no HTTP port in etc/org.ops4j.pax.web.cfg");
    }

    void start() throws IOException, InterruptedException {
        run(home, Duration.ofSeconds(30), "bin/start");
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        // bin/client retries the connection until the shell answers; the first command also waits for filesync.
        while (true) {
            ClientResult result = client("filesync:conduit-list");
            if (result.exitCode() == 0) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Karaf did not come up: " + result.output());
            }
        }
    }

    /** Adds a user with the given roles to {@code etc/users.properties} (before {@link #start()}). */
    void addUser(String user, String password, String... roles) throws IOException {
        Files.writeString(
                home.resolve("etc/users.properties"),
                user + " = " + password + "," + String.join(",", roles) + "\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** Runs commands through {@code bin/client -b} as the admin {@code karaf}, one per line on standard input. */
    ClientResult client(String... commands) throws IOException, InterruptedException {
        return clientAs("karaf", "karaf", commands);
    }

    /** Runs commands through {@code bin/client -b} as the given user. */
    ClientResult clientAs(String user, String password, String... commands) throws IOException, InterruptedException {
        Path input = Files.createTempFile(home, "commands", ".txt");
        Files.writeString(input, String.join("\n", commands) + "\n");
        ProcessBuilder builder = new ProcessBuilder(
                        "bin/client", "-u", user, "-p", password, "-r", "60", "-d", "2", "-b")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectInput(input.toFile());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/client did not end");
        }
        Files.delete(input);
        return new ClientResult(process.exitValue(), withoutNoise(new String(output, StandardCharsets.UTF_8)));
    }

    /** Stops Karaf with {@code bin/stop} and waits until its JVM has exited. */
    void stop() throws IOException, InterruptedException {
        Path pidFile = home.resolve("karaf.pid");
        String pid = Files.exists(pidFile) ? Files.readString(pidFile).trim() : null;
        run(home, Duration.ofSeconds(60), "bin/stop");
        if (pid != null) {
            ProcessHandle.of(Long.parseLong(pid))
                    .ifPresent(handle -> handle.onExit().join());
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }

    private void setProperty(String file, String key, String value) throws IOException {
        Path path = home.resolve(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(path));
        lines.removeIf(line -> line.matches("\\s*" + key.replace(".", "\\.") + "\\s*=.*"));
        lines.add(key + " = " + value);
        Files.write(path, lines);
    }

    private static String withoutNoise(String output) {
        StringBuilder kept = new StringBuilder();
        for (String line : output.split("\\R")) {
            if (!line.contains("JAVA_HOME not set")) {
                kept.append(line.replaceAll("\u001B\\[[;\\d]*m", "")).append('\n');
            }
        }
        return kept.toString();
    }

    private static void run(Path directory, Duration timeout, String... command)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with " + process.exitValue());
        }
    }

    private static String freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Integer.toString(socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
