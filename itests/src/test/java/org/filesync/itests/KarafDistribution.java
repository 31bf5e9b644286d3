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
        ClientResult started = startScript();
        if (started.exitCode() != 0) {
            throw new IllegalStateException("bin/start failed with " + started.exitCode() + ": " + started.output());
        }
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

    /** Runs {@code bin/start} as an operator would (no JAVA_HOME): what it printed and its exit code. */
    ClientResult startScript() throws IOException, InterruptedException {
        Process process = operatorProcess("bin/start").redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/start did not end");
        }
        return new ClientResult(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Whether a Karaf JVM of this folder runs (its {@code karaf.pid} names a live process). */
    boolean running() throws IOException {
        Path pidFile = home.resolve("karaf.pid");
        return Files.exists(pidFile)
                && ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                        .map(ProcessHandle::isAlive)
                        .orElse(false);
    }

    /** The value of a key in a configuration file under the home, e.g. {@code etc/org.apache.karaf.shell.cfg}. */
    String property(String file, String key) throws IOException {
        String value = null;
        for (String line : Files.readAllLines(home.resolve(file))) {
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(
                            "\\s*" + java.util.regex.Pattern.quote(key) + "\\s*=\\s*(.*?)\\s*")
                    .matcher(line);
            if (matcher.matches()) {
                value = matcher.group(1);
            }
        }
        if (value == null) {
            throw new IllegalStateException(key + " is not set in " + file);
        }
        return value;
    }

    /** Gives this instance the ports another one uses (to start it while the other runs). */
    void usePortsOf(KarafDistribution other) throws IOException {
        setProperty(
                "etc/org.apache.karaf.shell.cfg",
                "sshPort",
                other.property("etc/org.apache.karaf.shell.cfg", "sshPort"));
        for (String key : List.of("rmiRegistryPort", "rmiServerPort")) {
            setProperty(
                    "etc/org.apache.karaf.management.cfg",
                    key,
                    other.property("etc/org.apache.karaf.management.cfg", key));
        }
    }

    /** The text {@code data/log/karaf.log} holds now (empty before the first start). */
    String log() throws IOException {
        Path log = home.resolve("data/log/karaf.log");
        return Files.exists(log) ? Files.readString(log) : "";
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
        ProcessBuilder builder = operatorProcess("bin/client", "-u", user, "-p", password, "-r", "60", "-d", "2", "-b")
                .redirectErrorStream(true)
                .redirectInput(input.toFile());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/client did not end");
        }
        Files.delete(input);
        return new ClientResult(process.exitValue(), withoutRetries(new String(output, StandardCharsets.UTF_8)));
    }

    /**
     * A script of the distribution run in its home as a newcomer runs it: with the {@code java} on the
     * PATH and no JAVA_HOME (the build's own may be set in this JVM's environment).
     */
    private ProcessBuilder operatorProcess(String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("JAVA");
        return builder;
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

    /** Kills the Karaf JVM (SIGKILL, as a power cut would stop it) and waits until it has gone. */
    void kill() throws IOException {
        ProcessHandle karaf = ProcessHandle.of(Long.parseLong(
                        Files.readString(home.resolve("karaf.pid")).trim()))
                .orElseThrow(() -> new IllegalStateException("no Karaf JVM to kill"));
        karaf.destroyForcibly();
        karaf.onExit().join();
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

    /**
     * The output without the lines {@code bin/client} prints while the shell does not answer yet
     * ({@code retrying (attempt N) ...}); everything else is kept as printed, escape codes included.
     */
    private static String withoutRetries(String output) {
        StringBuilder kept = new StringBuilder();
        for (String line : output.split("\\R")) {
            if (!line.matches("retrying \\(attempt \\d+\\) \\.\\.\\.")) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }

    private static void run(Path directory, Duration timeout, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().remove("JAVA_HOME");
        Process process = builder.redirectErrorStream(true)
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
