package org.filesync.index.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.filesync.api.path.EntryFacts;
import org.filesync.api.path.Witness;
import org.filesync.index.EntryCount;
import org.filesync.index.FileIndex;
import org.filesync.index.IgnoreRules;
import org.filesync.index.IndexEntry;
import org.filesync.index.IndexListener;
import org.filesync.index.IndexReader;
import org.filesync.index.IndexStatus;
import org.filesync.index.IndexedLocation;
import org.filesync.index.LocatedPath;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The {@link FileIndex} service: owns an {@link IndexEngine} on the shared {@code filesync}
 * DataSource, started on activation (its scans and the watcher run on the engine's threads) and
 * stopped on deactivation; listeners come from the whiteboard.
 */
@Component(name = FileIndexComponent.PID, configurationPid = FileIndexComponent.PID, service = FileIndex.class)
@Designate(ocd = FileIndexComponent.Config.class)
public final class FileIndexComponent implements FileIndex {

    static final String PID = "org.filesync.index";

    /** Configuration, PID {@code org.filesync.index} ({@code etc/org.filesync.index.cfg}). */
    @ObjectClassDefinition(name = "filesync file index", description = "Index and watcher of directory trees")
    public @interface Config {
        @AttributeDefinition(
                description = "Quiet time in ms after a filesystem event before the path is read and hashed")
        long debounceMillis() default 100;

        @AttributeDefinition(description = "Minutes between full safety rescans of every location; 0 disables them")
        long safetyRescanMinutes() default 60;

        @AttributeDefinition(description = "Threads hashing files during a scan; 0 means one per CPU")
        int hashThreads() default 0;

        @AttributeDefinition(description = "Entries written per database transaction")
        int batchSize() default 5000;
    }

    private final IndexEngine engine;

    @Activate
    public FileIndexComponent(
            @Reference(target = "(osgi.jndi.service.name=filesync)") DataSource dataSource, Config config) {
        engine = new IndexEngine(dataSource, settings(config), new DigestHasher(EntryFacts.HASH_ALGORITHM));
        engine.start();
    }

    private static IndexSettings settings(Config c) {
        int threads =
                c.hashThreads() > 0 ? c.hashThreads() : Runtime.getRuntime().availableProcessors();
        return new IndexSettings(
                Duration.ofMillis(Math.max(0, c.debounceMillis())),
                Duration.ofMinutes(Math.max(0, c.safetyRescanMinutes())),
                Math.max(1, threads),
                Math.max(1, c.batchSize()));
    }

    /** A changed configuration is applied in place: the index does not restart (nor what depends on it). */
    @Modified
    void modified(Config config) {
        engine.reconfigure(settings(config));
    }

    @Deactivate
    void deactivate() {
        engine.stop();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindListener(IndexListener listener) {
        engine.addListener(listener);
    }

    void unbindListener(IndexListener listener) {
        engine.removeListener(listener);
    }

    // ---------------------------------------------------------------- FileIndex, answered by the engine

    @Override
    public IndexedLocation register(Path path, Collection<IgnoreRules> prune) {
        return engine.register(path, prune);
    }

    @Override
    public void prune(Path root, Collection<IgnoreRules> ruleSets) {
        engine.prune(root, ruleSets);
    }

    @Override
    public List<IgnoreRules> pruning(Path root) {
        return engine.pruning(root);
    }

    @Override
    public boolean unregister(Path root) {
        return engine.unregister(root);
    }

    @Override
    public List<IndexedLocation> locations() {
        return engine.locations();
    }

    @Override
    public Optional<IndexedLocation> location(Path root) {
        return engine.location(root);
    }

    @Override
    public Optional<LocatedPath> locate(Path path) {
        return engine.locate(path);
    }

    @Override
    public Optional<IndexEntry> entry(Path root, String relativePath) {
        return engine.entry(root, relativePath);
    }

    @Override
    public IndexReader reader(Path root) {
        return engine.reader(root);
    }

    @Override
    public Stream<IndexEntry> entries(Path root, String prefix) {
        return engine.entries(root, prefix);
    }

    @Override
    public EntryCount count(Path root, String prefix) {
        return engine.count(root, prefix);
    }

    @Override
    public Stream<IndexEntry> changesSince(Path root, String prefix, long afterSequence) {
        return engine.changesSince(root, prefix, afterSequence);
    }

    @Override
    public void expectWritten(Path file, Witness witness, String hash) {
        engine.expectWritten(file, witness, hash);
    }

    @Override
    public void rescan(Path path, boolean deep) {
        engine.rescan(path, deep);
    }

    @Override
    public void rescan(Path root, Collection<String> relativePaths) {
        engine.rescan(root, relativePaths);
    }

    @Override
    public boolean cancelScans(Path root) {
        return engine.cancelScans(root);
    }

    @Override
    public IndexStatus status(Path root) {
        return engine.status(root);
    }

    @Override
    public void flushEvents(Path root) throws InterruptedException {
        engine.flushEvents(root);
    }

    @Override
    public IndexStatus awaitSettled(Path root, Duration timeout) throws InterruptedException {
        return engine.awaitSettled(root, timeout);
    }
}
