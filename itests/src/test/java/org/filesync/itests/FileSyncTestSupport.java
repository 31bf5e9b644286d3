package org.filesync.itests;

import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.CoreOptions.when;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFileExtend;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.filesync.api.Conduit;
import org.filesync.api.ConduitOptions;
import org.filesync.api.ConduitSpec;
import org.filesync.api.FileSyncService;
import org.filesync.api.Generation;
import org.filesync.api.SyncPlan;
import org.filesync.resolver.Side;
import org.junit.After;
import org.junit.Assert;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;

/**
 * Boots the project's own Karaf distribution (offline, with filesync installed) once per test
 * class, and offers what every integration test needs: the services, the shell, fresh
 * directories, and a clean slate after each test.
 */
public abstract class FileSyncTestSupport {

    /** How long a test waits for a condition before it fails. */
    protected static final long TIMEOUT_MILLIS = 60_000;

    /** How long a test waits for a service: a loaded 2-core machine can take long to start the container. */
    protected static final long SERVICE_TIMEOUT_MILLIS = 180_000;

    /** How long a test waits for one run of a conduit to end. */
    protected static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    /** A modification time older than any the test writes later. */
    protected static final FileTime OLD = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

    /** A modification time newer than {@link #OLD}. */
    protected static final FileTime NEWER = FileTime.from(Instant.parse("2021-01-01T00:00:00Z"));

    @Inject
    protected BundleContext bundleContext;

    @Inject
    @Filter(timeout = SERVICE_TIMEOUT_MILLIS)
    protected FileSyncService fileSync;

    @Inject
    @Filter(timeout = SERVICE_TIMEOUT_MILLIS)
    protected SessionFactory sessionFactory;

    private final List<Path> directories = new ArrayList<>();
    private final List<Path> unwritable = new ArrayList<>();

    /**
     * The container of every test class. A class adds its own options by overriding {@link
     * #extraOptions()}: a second {@code @Configuration} method would boot a second container and
     * run every test twice.
     */
    @Configuration
    public final Option[] configuration() {
        return OptionUtils.combine(OptionUtils.combine(baseOptions(), databaseOptions()), extraOptions());
    }

    /**
     * In the PostgreSQL execution of the itests, the container keeps its state in a new database
     * of its own on the real server, switched as the README tells an operator: the feature {@code
     * filesync-postgresql} and the DataSource configuration, nothing else.
     */
    private static Option[] databaseOptions() {
        if (!PostgresqlServer.enabled()) {
            return new Option[0];
        }
        List<Option> options = new ArrayList<>();
        for (String[] property : PostgresqlServer.datasourceProperties(PostgresqlServer.createDatabase())) {
            options.add(editConfigurationFilePut(PostgresqlServer.DATASOURCE_CONFIGURATION, property[0], property[1]));
        }
        options.add(editConfigurationFileExtend(
                "etc/org.apache.karaf.features.cfg", "featuresBoot", "filesync-postgresql"));
        // the server's folder and the script, for the tests that stop and start the server
        for (String key : List.of(PostgresqlServer.DIRECTORY_PROPERTY, PostgresqlServer.SCRIPTS_PROPERTY)) {
            options.add(editConfigurationFilePut("etc/system.properties", key, System.getProperty(key)));
        }
        return options.toArray(new Option[0]);
    }

    /** Options a test class adds to the container (e.g. a configuration file); none by default. */
    protected Option[] extraOptions() {
        return new Option[0];
    }

    /** The system property (in the container) that holds the container's HTTP port. */
    protected static final String HTTP_PORT_PROPERTY = "filesync.itest.http.port";

    /** The Karaf version the distribution is built on: the build's {@code karaf.version}, passed by failsafe. */
    private static String karafVersion() {
        String version = System.getProperty("filesync.karaf.version");
        if (version == null || version.isBlank()) {
            throw new IllegalStateException(
                    "the system property filesync.karaf.version is not set: run the itests through Maven (failsafe)");
        }
        return version;
    }

    private Option[] baseOptions() {
        String distribution = System.getProperty("filesync.distribution");
        String karafVersion = karafVersion();
        String httpPort = freePort();
        File work = new File(System.getProperty("filesync.work", "target/work"));
        return options(
                // -Dfilesync.keep=true keeps the container's folder (logs, data) for a post-mortem.
                when(Boolean.getBoolean("filesync.keep")).useOptions(keepRuntimeFolder()),
                karafDistributionConfiguration()
                        .frameworkUrl(new File(distribution).toURI().toString())
                        .karafVersion(karafVersion)
                        .name("filesync")
                        .unpackDirectory(new File(work, "exam"))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.WARN),
                // filesync's own lifecycle lines (runs, generations, verification) in data/log/karaf.log
                editConfigurationFilePut(
                        "etc/org.ops4j.pax.logging.cfg", "log4j2.logger.filesync.name", "org.filesync"),
                editConfigurationFilePut("etc/org.ops4j.pax.logging.cfg", "log4j2.logger.filesync.level", "INFO"),
                systemTimeout(SERVICE_TIMEOUT_MILLIS),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort()),
                // the HTTP API and page on a free port, known to the tests inside the container
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", httpPort),
                editConfigurationFilePut("etc/system.properties", HTTP_PORT_PROPERTY, httpPort),
                // users of the tests' HTTP requests: a viewer, and one with no filesync role (karaf is the admin)
                editConfigurationFilePut("etc/users.properties", "viewer", "viewer,viewer"),
                editConfigurationFilePut("etc/users.properties", "nobody", "nobody,ssh"),
                // What bin/karaf passes on Java 17; Pax Exam starts the JVM itself.
                vmOptions(
                        "--add-reads=java.xml=java.logging",
                        "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                        "--patch-module",
                        "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar",
                        "--patch-module",
                        "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar",
                        "--add-opens",
                        "java.base/java.security=ALL-UNNAMED",
                        "--add-opens",
                        "java.base/java.net=ALL-UNNAMED",
                        "--add-opens",
                        "java.base/java.lang=ALL-UNNAMED",
                        "--add-opens",
                        "java.base/java.util=ALL-UNNAMED",
                        "--add-opens",
                        "java.naming/javax.naming.spi=ALL-UNNAMED",
                        "--add-opens",
                        "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                        "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                        "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                        "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
                        "-Xmx1g"));
    }

    private static String freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Integer.toString(socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes every conduit and directory the test created; the container serves the next test. */
    @After
    public void cleanUp() throws IOException, InterruptedException {
        for (Path directory : unwritable) {
            setWritable(directory, true);
        }
        unwritable.clear();
        for (Conduit conduit : fileSync.listConduits()) {
            // a run whose generation the history already shows as verified may still be ending
            // (a test that waits on the history, not on the run, can get here before it has ended)
            awaitCondition("the run of conduit " + conduit.id() + " to end", () -> fileSync.activeRuns().stream()
                    .noneMatch(run -> run.conduitId() == conduit.id()));
            fileSync.deleteConduit(conduit.id());
        }
        for (Path directory : directories) {
            deleteTree(directory);
        }
        directories.clear();
    }

    /**
     * Makes a directory refuse new entries, even to root (the tests run as root in CI, and root
     * ignores permission bits): {@code chattr +i} as root, {@code chmod 555} otherwise. Undone
     * after the test.
     */
    protected void makeUnwritable(Path directory) throws IOException, InterruptedException {
        setWritable(directory, false);
        unwritable.add(directory);
    }

    /** Undoes {@link #makeUnwritable} before the end of the test. */
    protected void makeWritableAgain(Path directory) throws IOException, InterruptedException {
        setWritable(directory, true);
        unwritable.remove(directory);
    }

    private static void setWritable(Path directory, boolean writable) throws IOException, InterruptedException {
        List<String> command = "root".equals(System.getProperty("user.name"))
                ? List.of("chattr", writable ? "-i" : "+i", directory.toString())
                : List.of("chmod", writable ? "755" : "555", directory.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    /** Waits until a condition holds, polling it, or fails after {@link #TIMEOUT_MILLIS}. */
    protected static void awaitCondition(String what, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }

    /** Waits until the conduit's run is copying and has written its first bytes. */
    protected void awaitCopyUnderWay(Conduit conduit) throws InterruptedException {
        awaitCondition("the copy of conduit " + conduit.id() + " to be under way", () -> fileSync.activeRuns().stream()
                .anyMatch(run -> run.conduitId() == conduit.id()
                        && run.phase() == Generation.Phase.COPYING
                        && run.bytesDone() > 0));
    }

    /** A new empty directory, removed after the test. */
    protected Path newDirectory(String prefix) throws IOException {
        Path directory = Files.createTempDirectory(prefix);
        directories.add(directory);
        return directory;
    }

    /** Result of a shell command: what it printed, and the exception it ended with, if any. */
    protected record CommandResult(String output, Exception error) {

        public String errorMessage() {
            return error == null ? null : error.getMessage();
        }
    }

    /** Runs one command line in a new shell session, as the admin {@code karaf} at the console would. */
    protected CommandResult execute(String command) {
        return executeAs(command, "karaf", "admin", "manager", "viewer");
    }

    /** Runs one command line in a new shell session as a user with the given roles (command ACLs apply). */
    protected CommandResult executeAs(String command, String user, String... roles) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        for (String role : roles) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(InputStream.nullInputStream(), out, out);
        Exception error = null;
        try {
            Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } catch (PrivilegedActionException e) {
            error = e.getException();
        } catch (RuntimeException e) {
            error = e;
        } finally {
            out.flush();
            session.close();
        }
        return new CommandResult(bytes.toString(StandardCharsets.UTF_8), error);
    }

    /** Runs a command that must succeed, and returns its output. */
    protected String executeOk(String command) {
        CommandResult result = execute(command);
        if (result.error() != null) {
            throw new AssertionError("'" + command + "' failed: " + result.errorMessage(), result.error());
        }
        return result.output();
    }

    /** Two ends bound by a conduit that already agreed on some files. */
    protected record Pair(Path source, Path target, Conduit conduit) {

        /** The end on the given side. */
        public Path end(Side side) {
            return side == Side.SOURCE ? source : target;
        }

        /** A path in the source. */
        public Path s(String path) {
            return source.resolve(path);
        }

        /** A path in the target. */
        public Path t(String path) {
            return target.resolve(path);
        }

        /** Where a run of the given generation keeps the replaced or deleted {@code path} of one end. */
        public Path trash(Side side, Generation generation, String path) {
            return end(side).resolve(".filesync/trash/" + generation.number()).resolve(path);
        }
    }

    /**
     * Two fresh ends and a conduit with these options whose first run copied the given files
     * (content = path, modified {@link #OLD}) from the source to the target and ended verified.
     */
    protected Pair agreed(ConduitOptions options, String... files) throws Exception {
        Path source = newDirectory("src");
        Path target = newDirectory("dst");
        for (String file : files) {
            write(source.resolve(file), file, OLD);
        }
        Pair pair = agree(source, target, options, files.length);
        for (String file : files) {
            Assert.assertEquals(file, Files.readString(pair.t(file)));
        }
        return pair;
    }

    /**
     * A conduit with these options over two ends, whose first run must copy {@code files} files
     * and end verified; the pair holds the conduit as it is after that run.
     */
    protected Pair agree(Path source, Path target, ConduitOptions options, int files) throws Exception {
        Conduit conduit = fileSync.createConduit(new ConduitSpec(source.toString(), target.toString(), options));
        Generation first = syncVerified(new Pair(source, target, conduit));
        Assert.assertEquals(files, first.filesCopied());
        return new Pair(source, target, fileSync.getConduit(conduit.id()).orElseThrow());
    }

    /** Runs the pair's conduit now; the run must complete and its generation be verified. */
    protected Generation syncVerified(Pair pair) throws InterruptedException {
        Generation generation = sync(pair.conduit());
        assertVerified(generation);
        return generation;
    }

    /** Runs the conduit now (not forced) and waits up to {@link #RUN_TIMEOUT} for its generation. */
    protected Generation sync(Conduit conduit) throws InterruptedException {
        return fileSync.syncNow(conduit.id(), false).await(RUN_TIMEOUT);
    }

    /** The generation completed and was verified; its errors are the message otherwise. */
    protected static void assertVerified(Generation generation) {
        Assert.assertEquals(generation.errors().toString(), Generation.Phase.COMPLETED, generation.phase());
        Assert.assertEquals(generation.errors().toString(), Generation.VERIFIED, generation.verification());
    }

    /** A dry run of the conduit plans nothing: its ends agree. */
    protected void assertNothingPlanned(Conduit conduit) {
        SyncPlan plan = fileSync.dryRun(conduit.id());
        Assert.assertTrue(plan.operations().toString(), plan.operations().isEmpty());
    }

    /** Writes a file as UTF-8, creating its missing parent directories. */
    protected static Path write(Path file, String content) throws IOException {
        Path parent = file.getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** Writes a file as {@link #write(Path, String)} does, then sets its modification time. */
    protected static Path write(Path file, String content, FileTime mtime) throws IOException {
        write(file, content);
        Files.setLastModifiedTime(file, mtime);
        return file;
    }

    /** The SHA-256 of the bytes in lower-case hex, as the index stores a file's hash. */
    protected static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names directly in a directory, sorted. */
    protected static List<String> namesIn(Path directory) throws IOException {
        try (Stream<Path> paths = Files.list(directory)) {
            return paths.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    /** Deletes a directory tree, if it exists. */
    protected static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Anything left under the endpoint's temp folder. */
    protected static List<String> leftoverTemps(Path endpoint) throws IOException {
        Path tmp = endpoint.resolve(".filesync/tmp");
        if (!Files.exists(tmp)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(tmp)) {
            return paths.filter(path -> !path.equals(tmp)).map(Path::toString).toList();
        }
    }

    /** The regular files of a directory tree outside its {@code .filesync} folder, by relative path. */
    protected static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted().toList()) {
                String relative = root.relativize(path).toString();
                if (Files.isRegularFile(path) && !relative.startsWith(".filesync")) {
                    contents.put(relative, Files.readAllBytes(path));
                }
            }
        }
        return contents;
    }

    /** Bytes that do not compress, the same for the same seed. */
    protected static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
