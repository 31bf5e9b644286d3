package org.filesync.transfer.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.filesync.transfer.DeleteStrategy;
import org.filesync.transfer.Layout;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves entries into {@code <endpoint>/.filesync/trash/<generation>/<relative path>} (a rename on
 * the same filesystem, keeping the structure); keeps a replaced file as a hard link there. Trash
 * generations older than the retention are purged. Configured by PID {@value #PID}.
 */
@Component(
        name = TrashDeleteStrategy.PID,
        configurationPid = TrashDeleteStrategy.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = DeleteStrategy.PROPERTY + "=" + DeleteStrategy.TRASH)
@Designate(ocd = TrashDeleteStrategy.Config.class)
public final class TrashDeleteStrategy implements DeleteStrategy {

    static final String PID = "org.filesync.transfer.delete.trash";
    private static final Logger LOG = LoggerFactory.getLogger(TrashDeleteStrategy.class);

    /** Configuration of the trash. */
    @ObjectClassDefinition(name = "filesync trash", description = "Where deleted and replaced entries are kept")
    public @interface Config {
        @AttributeDefinition(description = "Days a trash generation is kept before it is purged (0 keeps it forever)")
        int retentionDays() default 30;
    }

    private volatile Duration retention;
    private final Clock clock;

    @Activate
    public TrashDeleteStrategy(Config config) {
        this(Duration.ofDays(Math.max(0, config.retentionDays())), Clock.systemUTC());
    }

    TrashDeleteStrategy(Duration retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    /** A changed retention applies from the next purge on; the strategy stays registered. */
    @Modified
    void modified(Config config) {
        retention = Duration.ofDays(Math.max(0, config.retentionDays()));
    }

    @Override
    public void remove(Path endpoint, Path entry, String generation) throws IOException {
        Path dest = destination(endpoint, entry, generation);
        BasicFileAttributes a = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isDirectory() && Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(entry); // its content is already in the trash, in the same structure
            return;
        }
        Files.move(entry, unique(dest), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Keeps {@code existing} as a hard link in the trash (a copy where links are not supported); the
     * name stays in place until the atomic replace. The common case, a folder already there and the
     * name free, costs one {@code link(2)}: the folders are made, and a free name looked for, only
     * when the link says they are needed.
     */
    @Override
    public void keepReplaced(Path endpoint, Path existing, String generation) throws IOException {
        Path dest = trashPath(endpoint, existing, generation);
        try {
            Files.createLink(dest, existing);
            return;
        } catch (FileAlreadyExistsException e) {
            dest = unique(dest); // replaced before in this generation: both versions are kept
        } catch (UnsupportedOperationException | IOException e) {
            Files.createDirectories(dest.getParent()); // the first kept in this folder, or no links here
            dest = unique(dest);
        }
        try {
            Files.createLink(dest, existing);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(existing, dest, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** The trash path of {@code entry}, with its parent directories created. */
    private static Path destination(Path endpoint, Path entry, String generation) throws IOException {
        Path dest = trashPath(endpoint, entry, generation);
        Files.createDirectories(dest.getParent());
        return dest;
    }

    /** The trash path of {@code entry}; refuses a trash reached through a symbolic link. */
    private static Path trashPath(Path endpoint, Path entry, String generation) throws IOException {
        Path root = endpoint.normalize();
        Path rel = root.relativize(entry.normalize());
        Path internal = root.resolve(Layout.FOLDER);
        for (Path p : List.of(internal, Layout.trash(root))) {
            if (Files.isSymbolicLink(p)) {
                throw new IOException(p + " is a symbolic link: the trash is not written through it");
            }
        }
        return Layout.trash(root, generation).resolve(rel);
    }

    private static Path unique(Path dest) {
        Path p = dest;
        for (int n = 1; Files.exists(p, LinkOption.NOFOLLOW_LINKS); n++) {
            p = dest.resolveSibling(dest.getFileName() + ".~" + n + "~");
        }
        return p;
    }

    @Override
    public int purge(Path endpoint) throws IOException {
        Path trash = Layout.trash(endpoint.normalize());
        if (retention.isZero() || !Files.isDirectory(trash, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        Instant limit = clock.instant().minus(retention);
        List<Path> expired = new ArrayList<>();
        try (Stream<Path> gens = Files.list(trash)) {
            for (Path g : (Iterable<Path>) gens::iterator) {
                BasicFileAttributes a = Files.readAttributes(g, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.lastModifiedTime().toInstant().isBefore(limit)) {
                    expired.add(g);
                }
            }
        }
        for (Path g : expired) {
            deleteTree(g);
            LOG.info("Purged trash generation {}", g);
        }
        return expired.size();
    }

    /** Deletes a tree inside the trash; links are removed as links, never followed. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(root);
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
