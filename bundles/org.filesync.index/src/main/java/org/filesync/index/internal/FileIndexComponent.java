package org.filesync.index.internal;

import java.time.Duration;
import javax.sql.DataSource;
import org.filesync.index.FileIndex;
import org.filesync.index.IndexEntry;
import org.filesync.index.IndexListener;
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
 * The {@link FileIndex} service: entries in the shared {@code filesync} DataSource, scans and the
 * watcher on the index's own threads, listeners from the whiteboard.
 */
@Component(name = FileIndexComponent.PID, configurationPid = FileIndexComponent.PID, service = FileIndex.class)
@Designate(ocd = FileIndexComponent.Config.class)
public final class FileIndexComponent extends IndexEngine {

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

    @Activate
    public FileIndexComponent(
            @Reference(target = "(osgi.jndi.service.name=filesync)") DataSource dataSource, Config config) {
        super(dataSource, settings(config), new DigestHasher(IndexEntry.HASH_ALGORITHM));
        start();
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
        reconfigure(settings(config));
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindListener(IndexListener listener) {
        addListener(listener);
    }

    void unbindListener(IndexListener listener) {
        removeListener(listener);
    }
}
